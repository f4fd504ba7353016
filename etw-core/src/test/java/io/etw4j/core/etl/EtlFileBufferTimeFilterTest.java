package io.etw4j.core.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.testing.SyntheticEtl;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link EtlReadOptions#withSkipBuffersBefore}: buffers whose header TimeStamp (the flush time) is before the bound
 * are not loaded, and the records at or after the bound are exactly those of a full read.
 */
class EtlFileBufferTimeFilterTest {

    private static final int CIRCULAR = 0x00000002; // EVENT_TRACE_FILE_MODE_CIRCULAR (evntrace.h)

    /**
     * A header buffer and 10 buffers alternating processors 0 and 1; buffer b (1..10) holds three records at
     * startQpc + b * 1000 + 100, 200, 300, so its TimeStamp (the latest record's, as SyntheticEtl writes it) is
     * b * 1000 + 300.
     */
    private static SyntheticEtl tenBuffers() {
        SyntheticEtl etl = new SyntheticEtl().bufferSize(0x1000).numberOfProcessors(2);
        long t0 = etl.startQpc();
        for (int b = 1; b <= 10; b++) {
            etl.newBuffer(b % 2);
            for (int d : new int[] {100, 200, 300}) {
                int id = b * 10 + d / 100;
                long t = t0 + b * 1000L + d;
                etl.event(e -> e.id(id).timestamp(t));
            }
        }
        return etl;
    }

    /** The instant of raw QPC value {@code raw} of {@code etl} (PerfFreq 10 MHz: one tick is 100 ns). */
    private static Instant at(SyntheticEtl etl, long raw) {
        return etl.startTime().plusNanos((raw - etl.startQpc()) * 100);
    }

    private static EtlFile file(byte[] image, EtlReadOptions options) {
        return EtlFile.of(ByteBuffer.wrap(image), options);
    }

    private static List<EventRecord> atOrAfter(List<EventRecord> rs, Instant t) {
        return rs.stream().filter(r -> !r.timestamp().isBefore(t)).collect(Collectors.toList());
    }

    private static List<Integer> ids(List<EventRecord> rs) {
        return rs.stream().map(EventRecord::id).collect(Collectors.toList());
    }

    @Test
    void buffersFlushedBeforeTheBoundAreNotLoaded() {
        SyntheticEtl etl = tenBuffers();
        byte[] image = etl.build();
        Instant bound = at(etl, etl.startQpc() + 5200); // inside buffer 5
        EtlFile all = file(image, EtlReadOptions.defaults());
        List<EventRecord> full = all.records().collectList().block();
        EtlFile some = file(image, EtlReadOptions.defaults().withSkipBuffersBefore(bound));
        List<EventRecord> filtered = some.records().collectList().block();

        assertThat(ids(atOrAfter(filtered, bound))).isEqualTo(ids(atOrAfter(full, bound)))
                .containsExactly(52, 53, 61, 62, 63, 71, 72, 73, 81, 82, 83, 91, 92, 93, 101, 102, 103);
        assertThat(atOrAfter(filtered, bound)).isEqualTo(atOrAfter(full, bound));
        EtlReaderStatistics s = some.statistics();
        assertThat(s.buffersFilteredOut()).isEqualTo(4); // buffers 1-4; buffer 0 (the header's) is always loaded
        assertThat(s.buffersRead()).isEqualTo(all.statistics().buffersRead() - 4).isEqualTo(7);
        assertThat(s.buffersFound()).isEqualTo(11);
        assertThat(s.bytesRead()).isEqualTo(7L * 0x1000);
        assertThat(s.damaged()).isFalse();
        assertThat(s.anyLoss()).isFalse();
        assertThat(s.buffersSkipped()).isZero();
        assertThat(ids(filtered)).startsWith(0).contains(51); // the header record, and buffer 5 whole
        assertThat(all.statistics().buffersFilteredOut()).isZero();
    }

    @Test
    void theSameInTimestampOrderAndInARange() {
        SyntheticEtl etl = tenBuffers();
        byte[] image = etl.build();
        Instant bound = at(etl, etl.startQpc() + 7000);
        EtlReadOptions merged = EtlReadOptions.defaults().withTimestampOrder(true);
        List<EventRecord> full = file(image, merged).records().collectList().block();
        EtlFile some = file(image, merged.withSkipBuffersBefore(bound));
        assertThat(atOrAfter(some.records().collectList().block(), bound)).isEqualTo(atOrAfter(full, bound));
        assertThat(some.statistics().buffersFilteredOut()).isEqualTo(6);

        EtlFile range = file(image, EtlReadOptions.defaults().withSkipBuffersBefore(bound));
        List<EventRecord> second = range.records(4L * 0x1000, 9L * 0x1000).collectList().block();
        assertThat(ids(second)).containsExactly(71, 72, 73, 81, 82, 83); // buffers 4-6 skipped, 7 and 8 read
        assertThat(range.statistics().buffersFilteredOut()).isEqualTo(3);
    }

    @Test
    void aWrappedCircularFileWithOutOfOrderBufferTimesStaysCorrect() {
        // Slots 1..6 hold buffers written 6, 7, 2, 3, 4, 5 (processor = written % 2): the newest come first.
        SyntheticEtl etl = new SyntheticEtl().bufferSize(0x1000).logFileMode(CIRCULAR).numberOfProcessors(2);
        long t0 = etl.startQpc();
        for (int k : new int[] {6, 7, 2, 3, 4, 5}) {
            etl.newBuffer(k % 2);
            for (int d : new int[] {10, 40, 70}) {
                int t = k * 100 + d;
                etl.event(e -> e.id(t).timestamp(t0 + t));
            }
        }
        byte[] image = etl.build();
        Instant bound = at(etl, t0 + 440); // buffers 2 and 3 (flushed at 270, 370) cannot hold it
        for (boolean ordered : new boolean[] {false, true}) {
            EtlReadOptions o = EtlReadOptions.defaults().withTimestampOrder(ordered);
            List<EventRecord> full = file(image, o).records().collectList().block();
            EtlFile some = file(image, o.withSkipBuffersBefore(bound));
            List<EventRecord> filtered = some.records().collectList().block();
            assertThat(atOrAfter(filtered, bound)).isEqualTo(atOrAfter(full, bound));
            assertThat(ids(atOrAfter(filtered, bound))).containsExactlyInAnyOrder(440, 470, 510, 540, 570, 610, 640, 670,
                    710, 740, 770);
            assertThat(some.statistics().buffersFilteredOut()).isEqualTo(2);
            assertThat(ids(filtered)).doesNotContain(210, 310).contains(410); // buffer 4 is read whole
        }
    }

    @Test
    void noBufferIsSkippedWhenTheClockIsNotQpc() {
        SyntheticEtl etl = tenBuffers();
        byte[] image = etl.build();
        // TRACE_LOGFILE_HEADER.ReservedFlags (the clock type) at 0x110, after the 0x48 buffer header and the 0x20
        // SYSTEM_TRACE_HEADER of the logfile header record: 2 = system time, 3 = CPU cycles.
        for (int clock : new int[] {2, 3}) {
            byte[] patched = image.clone();
            ByteBuffer.wrap(patched).order(ByteOrder.LITTLE_ENDIAN).putInt(0x48 + 0x20 + 0x110, clock);
            EtlFile f = file(patched, EtlReadOptions.defaults().withSkipBuffersBefore(Instant.MAX));
            assertThat(f.header().clockType()).isNotEqualTo(LogfileHeader.ClockType.QPC);
            assertThat(f.records().count().block()).isEqualTo(31L);
            assertThat(f.statistics().buffersFilteredOut()).isZero();
        }
    }

    @Test
    void aBufferWithoutTimeStampIsLoaded() {
        SyntheticEtl etl = new SyntheticEtl().bufferSize(0x1000);
        long t0 = etl.startQpc();
        etl.newBuffer(0, 0L).event(e -> e.id(1).timestamp(t0 + 100));
        etl.newBuffer(0).event(e -> e.id(2).timestamp(t0 + 200));
        EtlFile f = file(etl.build(), EtlReadOptions.defaults().withSkipBuffersBefore(at(etl, t0 + 1000)));
        assertThat(ids(f.records().collectList().block())).containsExactly(0, 1);
        assertThat(f.statistics().buffersFilteredOut()).isEqualTo(1);
    }

    @Test
    void noBufferIsSkippedInARelogOrWhenItsTimeStampIsBeforeTheSession() {
        SyntheticEtl relog = tenBuffers().logFileMode(0x00010001); // EVENT_TRACE_RELOG_MODE | SEQUENTIAL
        EtlFile f = file(relog.build(), EtlReadOptions.defaults().withSkipBuffersBefore(Instant.MAX));
        assertThat(f.records().count().block()).isEqualTo(31L);
        assertThat(f.statistics().buffersFilteredOut()).isZero();

        SyntheticEtl early = new SyntheticEtl().bufferSize(0x1000);
        long t0 = early.startQpc();
        early.newBuffer(0, t0 - 1).event(e -> e.id(1).timestamp(t0 + 100)); // stamped before the header record
        early.newBuffer(0).event(e -> e.id(2).timestamp(t0 + 200));
        EtlFile g = file(early.build(), EtlReadOptions.defaults().withSkipBuffersBefore(at(early, t0 + 1000)));
        assertThat(ids(g.records().collectList().block())).containsExactly(0, 1);
        assertThat(g.statistics().buffersFilteredOut()).isEqualTo(1);
    }

    /**
     * The bound holds on real files: for bounds just after a buffer's own TimeStamp (the tightest: that buffer is
     * skipped, so a record of it stamped after its TimeStamp would be lost) and at the deciles of the record times,
     * the records at or after the bound equal those of a full read. The TimeStamps are read here from the buffer
     * headers directly (WMI_BUFFER_HEADER BufferSize @0x00, TimeStamp @0x10; ntwmi.h).
     */
    @Test
    void onTheSharedCapturesNoRecordAtOrAfterTheBoundIsLost() throws IOException {
        Path dir = EtlFileRealCapturesTest.findSharedEtl();
        Assumptions.assumeTrue(dir != null, "shared/etl not found");
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.etl")) {
            ds.forEach(files::add);
        }
        assertThat(files).isNotEmpty();
        long filteredOut = 0;
        for (Path p : files) {
            EtlFile whole = EtlFile.open(p);
            LogfileHeader h = whole.header();
            List<EventRecord> full = whole.records().collectList().block();
            List<Instant> bounds = new ArrayList<>();
            List<Instant> times = full.stream().map(EventRecord::timestamp).sorted().collect(Collectors.toList());
            for (int decile = 1; decile <= 9; decile++) {
                bounds.add(times.get(times.size() * decile / 10));
            }
            List<Long> stamps = bufferTimeStamps(Files.readAllBytes(p));
            for (int i = 1; i < stamps.size(); i += Math.max(1, stamps.size() / 12)) {
                long ticks = stamps.get(i) + 1 - h.headerTimestamp(); // one tick after the TimeStamp
                if (ticks > 0 && ticks < Long.MAX_VALUE / 1_000_000_000L) {
                    bounds.add(h.startTime().plusNanos(ticks * 1_000_000_000L / h.perfFreq()));
                }
            }
            for (Instant bound : bounds) {
                EtlFile some = EtlFile.open(p, EtlReadOptions.defaults().withSkipBuffersBefore(bound));
                assertThat(atOrAfter(some.records().collectList().block(), bound))
                        .as("%s from %s", p.getFileName(), bound).isEqualTo(atOrAfter(full, bound));
                long n = some.statistics().buffersFilteredOut();
                if ((h.logFileMode() & LogfileHeader.EVENT_TRACE_RELOG_MODE) != 0) {
                    assertThat(n).as("%s is relogged", p.getFileName()).isZero();
                }
                filteredOut += n;
            }
        }
        assertThat(filteredOut).isPositive(); // the bound did skip buffers of real files
    }

    private static List<Long> bufferTimeStamps(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<Long> out = new ArrayList<>();
        for (long off = 0; off + 0x48 <= file.length; ) {
            long size = Integer.toUnsignedLong(b.getInt((int) off));
            if (size < 0x48) {
                break;
            }
            out.add(b.getLong((int) off + 0x10));
            off += size;
        }
        return out;
    }
}
