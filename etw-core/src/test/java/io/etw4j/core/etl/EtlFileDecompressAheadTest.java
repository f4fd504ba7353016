package io.etw4j.core.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link EtlReadOptions#withDecompressAhead(boolean)}: a read that decompresses ahead on a second thread gives the
 * records, statistics and errors (class, kind, message, after the same records) of a read that does not, over every
 * shared capture, whole, restricted to ranges, time-filtered, damaged and truncated; its thread exists only while a
 * compressed file is read and has ended when the read completes, fails or is cancelled.
 */
class EtlFileDecompressAheadTest {

    private static final List<String> CAPTURES = List.of("AMSITrace.etl", "ShutdownPerfDiagLogger.etl",
            "lxcore_kernel.etl", "net.4.5.2.x64.etl", "powershell.etl");
    private static final String COMPRESSED = "net.4.5.2.x64.etl";
    private static final String THREAD = "etw4j-etl-decompress";

    private static Path capture(String name) {
        Path dir = EtlFileRealCapturesTest.findSharedEtl();
        Assumptions.assumeTrue(dir != null && Files.isRegularFile(dir.resolve(name)), "shared/etl/" + name);
        return dir.resolve(name);
    }

    /** True if a decompressing thread is alive (all threads, without the cost of their stack traces). */
    static boolean workerRunning() {
        ThreadGroup g = Thread.currentThread().getThreadGroup();
        while (g.getParent() != null) {
            g = g.getParent();
        }
        Thread[] all = new Thread[g.activeCount() + 32];
        int n = g.enumerate(all, true);
        for (int i = 0; i < n; i++) {
            if (all[i].getName().equals(THREAD) && all[i].isAlive()) {
                return true;
            }
        }
        return false;
    }

    /** What a read gave: the records, then the error (or null), and the statistics after it. */
    record Outcome(List<EventRecord> records, String error, EtlReaderStatistics statistics) {
    }

    private static Outcome read(EtlFile etl, long from, long to) {
        List<EventRecord> records = new ArrayList<>();
        String error = null;
        try {
            (from == 0 && to == Long.MAX_VALUE ? etl.records() : etl.records(from, to)).doOnNext(records::add)
                    .blockLast();
        } catch (RuntimeException e) {
            error = e.getClass().getName() + ": " + e.getMessage()
                    + (e instanceof EtlFormatException f ? " kind " + f.kind() : "");
        }
        assertThat(workerRunning()).as("the decompressing thread has ended with the read").isFalse();
        return new Outcome(records, error, etl.statistics());
    }

    /** Reads {@code image} with and without decompressing ahead and asserts the same outcome; returns it. */
    private static Outcome same(EtlFile with, EtlFile without, long from, long to) {
        Outcome a = read(with, from, to);
        Outcome b = read(without, from, to);
        assertThat(a.error()).isEqualTo(b.error());
        assertThat(a.records()).hasSameSizeAs(b.records());
        for (int i = 0; i < a.records().size(); i++) {
            assertThat(a.records().get(i)).as("record %d", i).isEqualTo(b.records().get(i));
        }
        assertThat(a.statistics()).isEqualTo(b.statistics());
        return a;
    }

    private static Outcome same(byte[] image, EtlReadOptions options) {
        return same(EtlFile.of(ByteBuffer.wrap(image), options.withDecompressAhead(true)),
                EtlFile.of(ByteBuffer.wrap(image), options.withDecompressAhead(false)), 0, Long.MAX_VALUE);
    }

    @Test
    void theDefaultDecompressesAhead() {
        assertThat(EtlReadOptions.defaults().decompressAhead()).isTrue();
        assertThat(EtlReadOptions.defaults().withDecompressAhead(false).decompressAhead()).isFalse();
        assertThat(new EtlReadOptions(true, false, 1 << 20, null).decompressAhead()).isTrue();
    }

    @Test
    void everySharedCaptureReadsTheSameWithAndWithout() {
        for (String name : CAPTURES) {
            Path p = capture(name);
            for (boolean strict : new boolean[] {false, true}) {
                EtlReadOptions o = EtlReadOptions.defaults().withStrict(strict);
                Outcome out = same(EtlFile.open(p, o), EtlFile.open(p, o.withDecompressAhead(false)), 0,
                        Long.MAX_VALUE);
                assertThat(out.records()).as(name).hasSizeGreaterThan(1);
                assertThat(out.error()).as(name).isNull();
            }
        }
        EtlReaderStatistics s = read(EtlFile.open(capture(COMPRESSED)), 0, Long.MAX_VALUE).statistics();
        assertThat(s.buffersCompressed()).as("the compressed capture exercises the second thread").isGreaterThan(300);
    }

    @Test
    void rangesAndTheTimeFilterReadTheSameWithAndWithout() throws IOException {
        Path p = capture(COMPRESSED);
        long size = Files.size(p);
        EtlFile with = EtlFile.open(p);
        EtlFile without = EtlFile.open(p, EtlReadOptions.defaults().withDecompressAhead(false));
        long total = 0;
        for (long[] r : new long[][] {{0, size / 3}, {size / 3, 2 * size / 3}, {2 * size / 3, size}, {1, 2},
                {size / 2, size / 2 + 70_000}}) {
            Outcome o = same(with, without, r[0], r[1]);
            if (r[0] % (size / 3) == 0 && r[1] != 2) {
                total += o.records().size();
            }
        }
        assertThat(total).isEqualTo(read(with, 0, Long.MAX_VALUE).records().size());
        // the shared relogged capture is not time-filtered (its buffer TimeStamps are another clock): still the same
        Instant mid = read(with, 0, Long.MAX_VALUE).records().get(5000).timestamp();
        EtlReadOptions filtered = EtlReadOptions.defaults().withSkipBuffersBefore(mid);
        same(EtlFile.open(p, filtered), EtlFile.open(p, filtered.withDecompressAhead(false)), 0, Long.MAX_VALUE);
    }

    /** Damage inside compressed buffers and their headers: bad streams, lying sizes, resynchronisation, truncation. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void damagedCompressedCapturesReadTheSameWithAndWithout(long seed) throws IOException {
        byte[] clean = Files.readAllBytes(capture(COMPRESSED));
        List<Integer> buffers = bufferOffsets(clean);
        Random random = new Random(seed);
        byte[] file = clean.clone();
        for (int hit = 0; hit < 3; hit++) {
            int b = buffers.get(1 + random.nextInt(buffers.size() - 1));
            switch (random.nextInt(4)) {
                case 0 -> file[b + 0x48 + random.nextInt(64)] ^= (byte) 0xFF; // the stream's first flags or tokens
                case 1 -> file[b + 0x30 + random.nextInt(4)] ^= (byte) (1 << random.nextInt(8)); // FilledBytes
                case 2 -> file[b + random.nextInt(4)] ^= (byte) (1 << random.nextInt(8)); // BufferSize
                default -> {
                    byte[] noise = new byte[1 + random.nextInt(2048)];
                    random.nextBytes(noise);
                    int at = b + random.nextInt(Math.max(1, Math.min(4096, file.length - b - noise.length)));
                    System.arraycopy(noise, 0, file, at, Math.min(noise.length, file.length - at));
                }
            }
        }
        for (boolean strict : new boolean[] {false, true}) {
            Outcome o = same(file, EtlReadOptions.defaults().withStrict(strict));
            if (!strict) {
                assertThat(o.error()).isNull();
            }
        }
        int cut = buffers.get(buffers.size() / 2) + 1000; // inside a compressed buffer
        same(java.util.Arrays.copyOf(file, cut), EtlReadOptions.defaults());
        same(java.util.Arrays.copyOf(clean, cut), EtlReadOptions.defaults().withStrict(true));
    }

    /** A compressed buffer that does not decompress: its error comes after every record of the buffers before it. */
    @Test
    void anErrorComesInOrderAtItsBuffer() throws IOException {
        byte[] file = Files.readAllBytes(capture(COMPRESSED));
        List<Integer> buffers = bufferOffsets(file);
        int bad = buffers.get(120);
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(bad + 0x48, 0x8000_0000); // first flag: a match, with nothing written before it
        b.putShort(bad + 0x4C, (short) 0);
        Outcome strict = same(file, EtlReadOptions.defaults().withStrict(true));
        assertThat(strict.error()).contains("DECOMPRESSION_FAILED").contains("before output start")
                .contains(Long.toHexString(bad));
        Outcome lenient = same(file, EtlReadOptions.defaults());
        assertThat(lenient.statistics().errors()).containsEntry(EtlErrorKind.DECOMPRESSION_FAILED, 1L);
        assertThat(strict.records()).hasSizeLessThan(lenient.records().size());
        // the records before the error are those of the buffers before the bad one, all of them
        assertThat(lenient.records().subList(0, strict.records().size())).isEqualTo(strict.records());
        EtlFile head = EtlFile.of(ByteBuffer.wrap(java.util.Arrays.copyOf(file, bad)),
                EtlReadOptions.defaults().withDecompressAhead(false));
        assertThat(strict.records()).hasSameSizeAs(read(head, 0, Long.MAX_VALUE).records());
    }

    @Test
    void theThreadRunsOnlyForACompressedFileAndEndsWithTheRead() {
        AtomicBoolean seen = new AtomicBoolean();
        EtlFile.open(capture(COMPRESSED)).records().doOnNext(r -> seen.compareAndSet(false, workerRunning()))
                .blockLast();
        assertThat(seen).as("a thread while the compressed file is read").isTrue();
        assertThat(workerRunning()).isFalse();

        AtomicBoolean off = new AtomicBoolean();
        EtlFile.open(capture(COMPRESSED), EtlReadOptions.defaults().withDecompressAhead(false)).records()
                .doOnNext(r -> off.compareAndSet(false, workerRunning())).blockLast();
        assertThat(off).as("switched off").isFalse();

        AtomicBoolean plain = new AtomicBoolean();
        EtlFile.open(capture("ShutdownPerfDiagLogger.etl")).scan(v -> plain.compareAndSet(false, workerRunning()));
        assertThat(plain).as("no compressed buffer, no thread").isFalse();

        AtomicBoolean merged = new AtomicBoolean();
        EtlFile.open(capture(COMPRESSED), EtlReadOptions.defaults().withTimestampOrder(true)).records()
                .doOnNext(r -> merged.compareAndSet(false, workerRunning())).blockLast();
        assertThat(merged).as("timestamp order loads on the reading thread").isFalse();
    }

    @Test
    void cancellingEndsTheThread() {
        EtlFile etl = EtlFile.open(capture(COMPRESSED));
        for (int take : new int[] {1, 2, 100, 5_000, 40_000}) {
            List<EventRecord> first = etl.records().take(take).collectList().block();
            assertThat(first).hasSize(take);
            assertThat(workerRunning()).as("after cancelling at %d records", take).isFalse();
        }
        // a scan whose visitor throws ends the read too
        AtomicBoolean running = new AtomicBoolean();
        int[] n = {0};
        try {
            etl.scan(v -> {
                if (++n[0] == 3_000) {
                    running.set(workerRunning());
                    throw new IllegalStateException("stop");
                }
            });
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessage("stop");
        }
        assertThat(running).isTrue();
        assertThat(workerRunning()).isFalse();
    }

    /** The offsets of the buffers, following BufferSize (WMI_BUFFER_HEADER, ntwmi.h). */
    static List<Integer> bufferOffsets(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> offsets = new ArrayList<>();
        for (int off = 0; off + 0x48 <= file.length; ) {
            int size = b.getInt(off);
            if (size <= 0x48 || off + size > file.length) {
                break;
            }
            offsets.add(off);
            off += size;
        }
        return offsets;
    }
}
