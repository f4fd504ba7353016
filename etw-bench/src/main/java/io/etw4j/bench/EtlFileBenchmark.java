package io.etw4j.bench;

import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.etl.EtlReadOptions;
import io.etw4j.core.etl.EtlReaderStatistics;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the pure-Java .etl reader ({@link EtlFile#records()}) on one thread: one operation reads a whole file,
 * every record decoded into an {@link EventRecord} and handed to a subscriber on the reading thread; the
 * {@code *Scan} variants read the same file through {@link EtlFile#scan} (one reused view, no copy).
 *
 * <ul>
 *   <li>{@link #realFile}: {@code shared/etl/ShutdownPerfDiagLogger.etl} (3 MiB kernel-logger capture, 49 buffers
 *       of 64 KiB, SYSTEM_TRACE_HEADER and PERFINFO records), in file order or timestamp order
 *       ({@code order} parameter).</li>
 *   <li>{@link #compressedFile}: {@code shared/etl/net.4.5.2.x64.etl} (4.7 MiB, 359 of 360 buffers MS-XCA LZ77
 *       compressed), file order, decompressing ahead on a second thread or not ({@code decompressAhead} parameter);
 *       {@code megabytes} counts the compressed file bytes; {@link #compressedFileScan}: the same through
 *       {@link EtlFile#scan}.</li>
 *   <li>{@link #largeFile}: a synthetic file of at least 256 MiB written in {@code @Setup(Level.Trial)} to a temp
 *       file: the real file's first buffer (the logfile header buffer) once, then its other buffers repeated
 *       {@code N} times, byte for byte. Nothing in the copies is changed: the reader needs nothing changed
 *       (file order follows BufferSize only; sequence numbers and timestamps repeat, which file order ignores). The
 *       file is deleted in {@code @TearDown}.</li>
 * </ul>
 *
 * <p>Figures are reported as JMH auxiliary counters, per second: {@code records} (records emitted, the logfile header
 * record included) and {@code megabytes} (file bytes, 10^6). Records per file are counted once in setup (by one read
 * whose statistics must show no error) and checked on every operation. The files are in the OS page cache (the
 * synthetic one was just written), so this measures parsing, not the disk.
 *
 * <p>Memory: the reader holds one buffer at a time; run {@link #largeFile} with {@code -jvmArgsAppend -Xmx64m} (it
 * replaces the fork's default {@code -Xms1g -Xmx1g -XX:+AlwaysPreTouch}) to show that a file four times the heap
 * streams through. The trial teardown prints the heap limit and the sum of the heap pools' peak use (an upper bound
 * of the peak, as the pools peak at different times).
 *
 * <p>The file is found by walking up from the working directory to a {@code shared/etl} folder, or given with
 * {@code -p file=/path/to/ShutdownPerfDiagLogger.etl}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class EtlFileBenchmark {
    static final String REAL_FILE = "ShutdownPerfDiagLogger.etl";
    static final String COMPRESSED_FILE = "net.4.5.2.x64.etl";
    static final long LARGE_MIN_BYTES = 256L << 20;

    /** Where the real capture is: {@code -p file=...}, else found by walking up to {@code shared/etl}. */
    @State(Scope.Benchmark)
    public static class Source {
        /** Path of ShutdownPerfDiagLogger.etl; empty: search {@code shared/etl} upwards from the working directory. */
        @Param("")
        public String file;

        Path realFile() {
            if (!file.isEmpty()) {
                return Path.of(file);
            }
            return SharedEtl.locate(REAL_FILE);
        }
    }

    /** The real capture. */
    @State(Scope.Benchmark)
    public static class RealFile {
        /** {@code file}: EtlReadOptions.defaults(); {@code timestamp}: withTimestampOrder(true). */
        @Param({"file", "timestamp"})
        public String order;

        EtlFile etl;
        long bytes;
        long records;

        @Setup(Level.Trial)
        public void setUp(Source source) throws IOException {
            Path path = source.realFile();
            EtlReadOptions options = "timestamp".equals(order) ? EtlReadOptions.defaults().withTimestampOrder(true)
                    : EtlReadOptions.defaults();
            etl = EtlFile.open(path, options);
            bytes = Files.size(path);
            records = countOnce(etl);
        }
    }

    /**
     * The compressed capture {@code net.4.5.2.x64.etl} (359 of its 360 buffers LZ77-compressed), file order, with and
     * without {@link EtlReadOptions#withDecompressAhead(boolean) decompressing ahead} on a second thread.
     */
    @State(Scope.Benchmark)
    public static class CompressedFile {
        /** {@code true}: the default (decompress ahead on a second thread); {@code false}: all on the reading thread. */
        @Param({"true", "false"})
        public boolean decompressAhead;

        EtlFile etl;
        long bytes;
        long records;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            Path path = SharedEtl.locate(COMPRESSED_FILE);
            etl = EtlFile.open(path, EtlReadOptions.defaults().withDecompressAhead(decompressAhead));
            bytes = Files.size(path);
            records = countOnce(etl);
        }
    }

    /** The synthetic large file: header buffer once, then the other buffers repeated. */
    @State(Scope.Benchmark)
    public static class LargeFile {
        EtlFile etl;
        Path path;
        long bytes;
        long records;
        int repeats;

        @Setup(Level.Trial)
        public void setUp(Source source) throws IOException {
            byte[] real = Files.readAllBytes(source.realFile());
            int headerBufferSize = ByteBuffer.wrap(real).order(ByteOrder.LITTLE_ENDIAN).getInt(0); // BufferSize
            if (headerBufferSize <= 0x48 || headerBufferSize > real.length) {
                throw new IllegalStateException("unexpected first BufferSize " + headerBufferSize);
            }
            int restLength = real.length - headerBufferSize;
            repeats = (int) ((LARGE_MIN_BYTES - headerBufferSize + restLength - 1) / restLength);
            path = Files.createTempFile("etw4j-bench-large", ".etl");
            try (OutputStream out = Files.newOutputStream(path)) {
                out.write(real, 0, headerBufferSize);
                for (int i = 0; i < repeats; i++) {
                    out.write(real, headerBufferSize, restLength);
                }
            }
            real = null;
            bytes = Files.size(path);
            etl = EtlFile.open(path);
            records = countOnce(etl);
            System.out.printf("%nsynthetic file: %d bytes (%.1f MiB) = first buffer %d + %d x %d; %d records%n",
                    bytes, bytes / 1048576.0, headerBufferSize, repeats, restLength, records);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            Files.deleteIfExists(path);
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.printf("%nheap: max %.1f MiB, sum of the heap pools' peak use %.1f MiB, file %.1f MiB%n",
                    Runtime.getRuntime().maxMemory() / 1048576.0, peak / 1048576.0, bytes / 1048576.0);
        }
    }

    /** Per-second figures: records and megabytes (10^6 bytes) of file read. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long records;
        public double megabytes;

        @Setup(Level.Iteration)
        public void reset() {
            records = 0;
            megabytes = 0;
        }
    }

    /** Reads the real capture once. */
    @Benchmark
    public long realFile(RealFile f, Counters c) {
        return read(f.etl, f.records, f.bytes, c);
    }

    /** Reads the compressed capture once ({@code megabytes}: file input, compressed). */
    @Benchmark
    public long compressedFile(CompressedFile f, Counters c) {
        return read(f.etl, f.records, f.bytes, c);
    }

    /**
     * Reads the compressed capture once through {@link EtlFile#scan} (one reused view, no copy), decompressing ahead
     * or not as {@link #compressedFile}: what a bulk consumer of a compressed file gets.
     */
    @Benchmark
    public long compressedFileScan(CompressedFile f, Counters c) {
        return scan(f.etl, f.records, f.bytes, c);
    }

    /** Reads the synthetic >= 256 MiB file once. */
    @Benchmark
    public long largeFile(LargeFile f, Counters c) {
        return read(f.etl, f.records, f.bytes, c);
    }

    /**
     * Reads the real capture once through {@link EtlFile#scan} (one reused view, no copy): the same records and
     * fields as {@link #realFile}, to compare the copy's cost side by side.
     */
    @Benchmark
    public long realFileScan(RealFile f, Counters c) {
        return scan(f.etl, f.records, f.bytes, c);
    }

    /** Reads the synthetic >= 256 MiB file once through {@link EtlFile#scan}. */
    @Benchmark
    public long largeFileScan(LargeFile f, Counters c) {
        return scan(f.etl, f.records, f.bytes, c);
    }

    private static long scan(EtlFile etl, long expectedRecords, long bytes, Counters c) {
        long[] sum = new long[2];
        etl.scan(v -> { // the fields DrainingSubscriber reads, extended data counted without copying
            sum[0]++;
            sum[1] += v.processId() + v.id() + v.payloadSize() + ((v.flags() & 1) != 0 ? 1 : 0) + v.rawTimestamp();
        });
        if (sum[0] != expectedRecords) {
            throw new IllegalStateException("scanned " + sum[0] + " records, expected " + expectedRecords);
        }
        c.records += sum[0];
        c.megabytes += bytes / 1e6;
        return sum[1];
    }

    private static long read(EtlFile etl, long expectedRecords, long bytes, Counters c) {
        DrainingSubscriber d = new DrainingSubscriber();
        etl.records().subscribe(d); // Flux.generate: the whole read runs here, on this thread
        if (d.count != expectedRecords || d.failure != null) {
            throw new IllegalStateException("read " + d.count + " records, expected " + expectedRecords, d.failure);
        }
        c.records += d.count;
        c.megabytes += bytes / 1e6;
        return d.checksum;
    }

    /** One full read through the public API; fails unless it is clean (no error of any kind, nothing skipped). */
    static long countOnce(EtlFile etl) {
        DrainingSubscriber d = new DrainingSubscriber();
        etl.records().subscribe(d);
        EtlReaderStatistics s = etl.statistics();
        if (d.failure != null || s.errorCount() != 0 || s.buffersSkipped() != 0 || s.records() != d.count) {
            throw new IllegalStateException("file does not read cleanly: " + s, d.failure);
        }
        return d.count;
    }

}
