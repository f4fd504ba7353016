package io.etw4j.core.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.core.EventRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damage and truncation of the real captures in {@code ../shared/etl/}, written into copies in a temporary
 * directory: damage must cost only the buffers it touches, and a file cut short must be reported as truncated.
 *
 * <p>What "the records of the buffers a damaged range touches" are is computed without the reader's resync: the
 * intact file's buffers are found by following BufferSize from offset 0 (notes §3.1), and the touched buffers are
 * read on their own, as an image made of buffer 0 (the logfile header) followed by those buffers. The expected
 * records are the intact read's minus those, compared as multisets ({@link EventRecord#equals}).
 */
class EtlFileDamageTest {

    /** The logfile header record of every shared capture is a SYSTEM64 record (0x20-byte header) at 0x48. */
    private static final int LOGFILE_HEADER = 0x48 + 0x20;
    /** TRACE_LOGFILE_HEADER.LogFileMode and .BuffersWritten (evntrace.h; notes §2.4). */
    private static final int LH_LOG_FILE_MODE = 0x20;
    private static final int LH_BUFFERS_WRITTEN = 0x24;

    private static Path etlDir;
    private static final Map<String, List<EventRecord>> INTACT = new HashMap<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void locate() {
        etlDir = EtlFileRealCapturesTest.findSharedEtl();
        Assumptions.assumeTrue(etlDir != null,
                "shared/etl not found in the working directory or any parent (CI places ../shared beside the checkout)");
    }

    private static byte[] capture(String name) throws IOException {
        return Files.readAllBytes(etlDir.resolve(name));
    }

    private static List<EventRecord> read(EtlFile f) {
        return f.records().collectList().block(Duration.ofMinutes(2));
    }

    private static synchronized List<EventRecord> intact(String name) throws IOException {
        List<EventRecord> r = INTACT.get(name);
        if (r == null) {
            r = read(EtlFile.of(ByteBuffer.wrap(capture(name))));
            INTACT.put(name, r);
        }
        return r;
    }

    /** [start, end) of each buffer of an intact file, following BufferSize from 0 (notes §3.1). */
    private static List<long[]> buffers(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<long[]> out = new ArrayList<>();
        long off = 0;
        while (off + 0x48 <= file.length) {
            long size = b.getInt((int) off) & 0xFFFFFFFFL;
            if (size == 0) {
                break;
            }
            out.add(new long[] {off, off + size});
            off += size;
        }
        return out;
    }

    /** The records of {@code chosen} buffers (not buffer 0), read as an image of buffer 0 followed by them. */
    private static List<EventRecord> recordsOf(byte[] file, List<long[]> all, List<long[]> chosen) {
        long[] first = all.get(0);
        List<EventRecord> headerOnly = read(EtlFile.of(ByteBuffer.wrap(file, 0, (int) first[1])));
        int total = (int) first[1];
        for (long[] c : chosen) {
            total += (int) (c[1] - c[0]);
        }
        byte[] image = new byte[total];
        System.arraycopy(file, 0, image, 0, (int) first[1]);
        int p = (int) first[1];
        for (long[] c : chosen) {
            System.arraycopy(file, (int) c[0], image, p, (int) (c[1] - c[0]));
            p += (int) (c[1] - c[0]);
        }
        List<EventRecord> r = read(EtlFile.of(ByteBuffer.wrap(image)));
        return new ArrayList<>(r.subList(headerOnly.size(), r.size()));
    }

    private static Map<EventRecord, Integer> multiset(List<EventRecord> rs) {
        Map<EventRecord, Integer> m = new HashMap<>();
        for (EventRecord r : rs) {
            m.merge(r, 1, Integer::sum);
        }
        return m;
    }

    /** What a lenient read of the damaged copy recovered of what it should have. */
    private record Outcome(int expected, int recovered, EtlReaderStatistics stats) {
        double share() {
            return expected == 0 ? 1 : (double) recovered / expected;
        }
    }

    private Outcome damageAndRead(String name, long offset, int length, long seed) throws IOException {
        byte[] file = capture(name);
        List<long[]> all = buffers(file);
        List<long[]> touched = new ArrayList<>();
        for (long[] b : all) {
            if (b[0] < offset + length && offset < b[1]) {
                touched.add(b);
            }
        }
        assertThat(touched).as("damage must spare buffer 0 (the logfile header)").noneMatch(b -> b[0] == 0);
        Map<EventRecord, Integer> expected = multiset(intact(name));
        for (EventRecord r : recordsOf(file, all, touched)) {
            expected.computeIfPresent(r, (k, v) -> v == 1 ? null : v - 1);
        }
        expected.remove(intact(name).get(0)); // the logfile header record: read whenever the file opens
        byte[] damaged = file.clone();
        byte[] noise = new byte[length];
        new Random(seed).nextBytes(noise);
        System.arraycopy(noise, 0, damaged, (int) offset, length);
        Path copy = tmp.resolve(name + "." + offset + ".damaged.etl");
        Files.write(copy, damaged);

        EtlFile f = EtlFile.open(copy);
        Map<EventRecord, Integer> got = multiset(read(f));
        int want = 0;
        int recovered = 0;
        for (Map.Entry<EventRecord, Integer> e : expected.entrySet()) {
            want += e.getValue();
            recovered += Math.min(e.getValue(), got.getOrDefault(e.getKey(), 0));
        }
        Outcome o = new Outcome(want, recovered, f.statistics());
        System.out.printf("%s damaged [%d, +%d): %d buffers touched, recovered %d of %d records; lost %s%n", name,
                offset, length, touched.size(), recovered, want, o.stats().lostRanges());
        return o;
    }

    @Test
    void twentyThousandRandomBytesInTheCompressedCaptureCostOnlyTheBuffersTheyTouch() throws IOException {
        Outcome o = damageAndRead("net.4.5.2.x64.etl", 1_000_000, 20_000, 12);
        // Before resynchronisation the read stopped here: 60,304 of 179,474 records.
        assertThat(o.expected()).isGreaterThan(170_000);
        assertThat(o.share()).as("recovered %d of %d", o.recovered(), o.expected()).isGreaterThanOrEqualTo(0.99);
        EtlReaderStatistics s = o.stats();
        assertThat(s.lostRanges()).isNotEmpty();
        assertThat(s.lostRanges().get(0).start()).isLessThanOrEqualTo(1_000_000 + 20_000);
        assertThat(s.bytesSkipped()).isEqualTo(s.lostRanges().stream().mapToLong(EtlLostRange::length).sum())
                .isGreaterThanOrEqualTo(20_000 - 2 * 65_536).isLessThan(200_000);
        assertThat(s.damaged()).isTrue();
        assertThat(s.truncated()).isFalse();
        assertThat(s.buffersExpected()).isEqualTo(360);
    }

    /**
     * Property: for seeded random ranges (1 to 30,000 bytes, anywhere after buffer 0) on each capture, the lenient
     * read recovers at least 99% of the records outside the buffers the range touches.
     */
    @ParameterizedTest
    @ValueSource(strings = {"net.4.5.2.x64.etl", "powershell.etl", "ShutdownPerfDiagLogger.etl"})
    void randomDamageCostsOnlyTheTouchedBuffers(String name) throws IOException {
        byte[] file = capture(name);
        long firstEnd = buffers(file).get(0)[1];
        Random rnd = new Random(name.hashCode());
        for (int trial = 0; trial < 6; trial++) {
            int length = 1 + rnd.nextInt(30_000);
            long offset = firstEnd + (long) (rnd.nextDouble() * (file.length - firstEnd - length));
            Outcome o = damageAndRead(name, offset, length, rnd.nextLong());
            assertThat(o.share()).as("%s damaged at %d (+%d): recovered %d of %d, %s", name, offset, length,
                    o.recovered(), o.expected(), o.stats()).isGreaterThanOrEqualTo(0.99);
            assertThat(o.stats().truncated()).as("%s damaged at %d: not a truncation", name, offset).isFalse();
        }
    }

    @Test
    void intactCapturesHoldTheBuffersTheirHeadersCount() throws IOException {
        for (String name : List.of("net.4.5.2.x64.etl", "powershell.etl", "ShutdownPerfDiagLogger.etl")) {
            EtlFile f = EtlFile.of(ByteBuffer.wrap(capture(name)));
            read(f);
            EtlReaderStatistics s = f.statistics();
            assertThat(s.buffersExpected()).as(name).isEqualTo(buffers(capture(name)).size());
            assertThat(s.buffersFound()).as(name).isEqualTo(s.buffersExpected());
            assertThat(s.truncated()).as(name).isFalse();
            assertThat(s.damaged()).as(name).isFalse();
            assertThat(s.lostRanges()).as(name).isEmpty();
        }
    }

    @Test
    void powershellCutAtABufferBoundaryIsTruncated() throws IOException {
        byte[] cut = Arrays.copyOf(capture("powershell.etl"), 13 * 8192);
        Path copy = tmp.resolve("cut.etl");
        Files.write(copy, cut);
        EtlFile f = EtlFile.open(copy);
        read(f);
        EtlReaderStatistics s = f.statistics();
        assertThat(s.truncated()).isTrue();
        assertThat(s.buffersExpected()).isEqualTo(26);
        assertThat(s.buffersFound()).isEqualTo(13);
        assertThat(s.buffersMissing()).isEqualTo(13);
        assertThat(s.errors()).containsOnlyKeys(EtlErrorKind.TRUNCATED_FILE);

        assertThatThrownBy(() -> EtlFile.open(copy, EtlReadOptions.defaults().withStrict(true)).records().blockLast())
                .isInstanceOfSatisfying(EtlFormatException.class, e -> {
                    assertThat(e.kind()).isEqualTo(EtlErrorKind.TRUNCATED_FILE);
                    assertThat(e.getMessage()).contains("truncated: 13 of 26 buffers");
                });
        assertThatThrownBy(() -> EtlFile.open(copy, EtlReadOptions.defaults().withStrict(true)
                .withTimestampOrder(true)).records().blockLast())
                .isInstanceOfSatisfying(EtlFormatException.class,
                        e -> assertThat(e.kind()).isEqualTo(EtlErrorKind.TRUNCATED_FILE));
    }

    @Test
    void circularOrUnfinalisedFilesCannotBeFoundTruncated() throws IOException {
        byte[] circular = Arrays.copyOf(capture("powershell.etl"), 13 * 8192);
        ByteBuffer c = ByteBuffer.wrap(circular).order(ByteOrder.LITTLE_ENDIAN);
        c.putInt(LOGFILE_HEADER + LH_LOG_FILE_MODE, c.getInt(LOGFILE_HEADER + LH_LOG_FILE_MODE) | 0x2);
        EtlFile f = EtlFile.of(ByteBuffer.wrap(circular));
        read(f);
        assertThat(f.statistics().truncated()).isFalse();
        assertThat(f.statistics().buffersExpected()).isEqualTo(-1);
        assertThat(f.statistics().errors()).isEmpty();

        byte[] unfinalised = Arrays.copyOf(capture("powershell.etl"), 13 * 8192);
        ByteBuffer.wrap(unfinalised).order(ByteOrder.LITTLE_ENDIAN).putInt(LOGFILE_HEADER + LH_BUFFERS_WRITTEN, 0);
        EtlFile g = EtlFile.of(ByteBuffer.wrap(unfinalised));
        read(g);
        assertThat(g.statistics().truncated()).isFalse();
        assertThat(g.statistics().errors()).isEmpty();
    }
}
