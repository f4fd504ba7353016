package io.etw4j.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.decode.EmbeddedEventInfoSchemas;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.EventSourceSchemas;
import io.etw4j.decode.KernelMofSchemas;
import io.etw4j.decode.TraceLoggingSchemas;
import io.etw4j.json.JsonEscapes;
import io.etw4j.json.JsonLinesWriter;
import io.etw4j.json.internal.JsonChars;
import io.etw4j.json.internal.RecordDecodedJson;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
 * {@code etl-dump}'s stdout path on one thread: one operation reads a ~100 MB .etl file and writes every record as a
 * JSON line ({@code etl-dump --hex-bytes 32}, the default) into an OutputStream that discards the bytes (and counts
 * them).
 *
 * <ul>
 *   <li>{@link #streaming}: what {@code etl-dump} runs: {@link EtlFile#scan} (a reused view, no record copy) and
 *       {@link JsonLinesWriter#write(io.etw4j.core.etl.RecordView)} over {@code etw4j-samples.jar}'s byte stdout
 *       (a 64 KiB BufferedOutputStream), each line written as UTF-8 bytes directly.</li>
 *   <li>{@link #streamingRecords}: the path before: {@link EtlFile#records()} (an EventRecord per line) and the
 *       writer over the character stack (PrintWriter, 64 KiB BufferedWriter, UTF-8 OutputStreamWriter); the same
 *       bytes.</li>
 *   <li>{@link #streamingDecoded}: {@code --decode}'s lines, with their {@code decoded} objects, as etl-dump runs
 *       them (scan, bytes); {@link #streamingDecodedRecords}: the same the way before (records, chars).</li>
 *   <li>{@link #decodedMembersUtf8}: the {@code decoded} members alone, into a UTF-8 byte generator.</li>
 *   <li>{@link #readOnly}: the .etl reader alone on the same file ({@code records()}); {@link #scanOnly}: the scan
 *       alone, the read {@code etl-dump} now runs (what the JSON writing adds to).</li>
 * </ul>
 *
 * <p>The file is written in {@code @Setup(Level.Trial)} to a temp file and deleted in {@code @TearDown}:
 * {@code ShutdownPerfDiagLogger.etl}'s first buffer (the logfile header buffer) once, then its other buffers repeated
 * until the file is at least 100 MiB, byte for byte. The header's BuffersWritten is left as recorded: the reader
 * follows BufferSize and needs no change (it is only printed in the {@code logfile} object).
 *
 * <p>Figures: JMH auxiliary counters per second, {@code records} and {@code outputMegabytes} (10^6 bytes of JSON).
 * Allocation per record: run with {@code -prof gc} and divide {@code gc.alloc.rate.norm} (bytes per operation) by the
 * records per operation printed in setup. The fork runs with {@code -Xmx64m}: a 100 MiB file streams through a heap
 * smaller than itself; the teardown prints the heap pools' peak use.
 *
 * <p>The capture is found by walking up from the working directory to {@code shared/etl}, or given with
 * {@code -p file=/path/to/ShutdownPerfDiagLogger.etl}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms64m", "-Xmx64m"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class EtlDumpBenchmark {
    static final long MIN_BYTES = 100L << 20;
    static final int HEX_BYTES = 32;

    /** The ~100 MiB file. */
    @State(Scope.Benchmark)
    public static class DumpFile {
        /** Path of ShutdownPerfDiagLogger.etl; empty: search {@code shared/etl} upwards from the working directory. */
        @Param("")
        public String file;

        EtlFile etl;
        Path path;
        long records;
        long outputBytes;
        /** Bytes of the decoded lines, from the first decoded run (every decoded run must write as many). */
        long decodedBytes;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            Path real = file.isEmpty() ? SharedEtl.locate(EtlFileBenchmark.REAL_FILE) : Path.of(file);
            byte[] bytes = Files.readAllBytes(real);
            int headerBufferSize = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(0); // BufferSize
            if (headerBufferSize <= 0x48 || headerBufferSize > bytes.length) {
                throw new IllegalStateException("unexpected first BufferSize " + headerBufferSize);
            }
            int restLength = bytes.length - headerBufferSize;
            int repeats = (int) ((MIN_BYTES - headerBufferSize + restLength - 1) / restLength);
            path = Files.createTempFile("etw4j-bench-dump", ".etl");
            try (OutputStream out = Files.newOutputStream(path)) {
                out.write(bytes, 0, headerBufferSize);
                for (int i = 0; i < repeats; i++) {
                    out.write(bytes, headerBufferSize, restLength);
                }
            }
            etl = EtlFile.open(path);
            records = EtlFileBenchmark.countOnce(etl);
            CountingNullStream streamed = new CountingNullStream();
            long n = streaming(etl, streamed);
            if (n != records) {
                throw new IllegalStateException("wrote " + n + " lines for " + records + " records");
            }
            outputBytes = streamed.count;
            System.out.printf("%nfile: %d bytes (%.1f MiB) = first buffer %d + %d x %d; %d records per operation; "
                    + "%d bytes of JSON per operation%n", Files.size(path), Files.size(path) / 1048576.0,
                    headerBufferSize, repeats, restLength, records, outputBytes);
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
            System.out.printf("%nheap: max %.1f MiB, sum of the heap pools' peak use %.1f MiB%n",
                    Runtime.getRuntime().maxMemory() / 1048576.0, peak / 1048576.0);
        }
    }

    /** Per-second figures: records, and megabytes (10^6 bytes) of JSON written. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long records;
        public double outputMegabytes;

        @Setup(Level.Iteration)
        public void reset() {
            records = 0;
            outputMegabytes = 0;
        }
    }

    /** etl-dump's path: the scan and the writer over the byte stdout. */
    @Benchmark
    public long streaming(DumpFile f, Counters c) {
        CountingNullStream out = new CountingNullStream();
        long n = streaming(f.etl, out);
        return count(f, c, n, out);
    }

    /** The path before: records() and the writer over the character stack of PrintWriter and OutputStreamWriter. */
    @Benchmark
    public long streamingRecords(DumpFile f, Counters c) {
        CountingNullStream out = new CountingNullStream();
        JsonLinesWriter lines = JsonLinesWriter.nativeLines(stdout(out)).payloadHexBytes(HEX_BYTES)
                .logfileHeader(f.etl.header()).build();
        f.etl.records().doOnNext(lines::write).blockLast();
        lines.flush();
        return count(f, c, lines.written(), out);
    }

    /**
     * {@code etl-dump --decode} as it runs: the scan and the byte writer with a decoder (the kernel MOF schemas decode
     * the kernel logger's records; the decoder built as {@code --decode} builds it without manifests), each line with
     * its {@code decoded} object, written as bytes when that object is null or flat printable ASCII.
     */
    @Benchmark
    public long streamingDecoded(DumpFile f, Counters c) {
        CountingNullStream out = new CountingNullStream();
        JsonLinesWriter lines = JsonLinesWriter.nativeLines(new BufferedOutputStream(out, 1 << 16))
                .payloadHexBytes(HEX_BYTES).logfileHeader(f.etl.header()).decoder(dumpDecoder()).build();
        f.etl.scan(lines::write);
        lines.flush();
        return countDecoded(f, c, lines.written(), out);
    }

    /** {@code --decode}'s lines the way before: records() and the character stack (the same bytes). */
    @Benchmark
    public long streamingDecodedRecords(DumpFile f, Counters c) {
        CountingNullStream out = new CountingNullStream();
        JsonLinesWriter lines = JsonLinesWriter.nativeLines(stdout(out)).payloadHexBytes(HEX_BYTES)
                .logfileHeader(f.etl.header()).decoder(dumpDecoder()).build();
        f.etl.records().doOnNext(lines::write).blockLast();
        lines.flush();
        return countDecoded(f, c, lines.written(), out);
    }

    private static EventDecoder dumpDecoder() {
        return EventDecoder.builder().add(TraceLoggingSchemas.create()).add(EmbeddedEventInfoSchemas.create())
                .add(EventSourceSchemas.create()).add(KernelMofSchemas.create()).build();
    }

    private static long countDecoded(DumpFile f, Counters c, long n, CountingNullStream out) {
        if (n != f.records || out.count <= f.outputBytes) {
            throw new IllegalStateException(n + " records, " + out.count + " bytes");
        }
        if (f.decodedBytes == 0) {
            f.decodedBytes = out.count;
        } else if (f.decodedBytes != out.count) {
            throw new IllegalStateException(out.count + " bytes of decoded lines, " + f.decodedBytes + " before");
        }
        c.records += n;
        c.outputMegabytes += out.count / 1e6;
        return out.count;
    }

    /**
     * What {@code --decode} adds to a line, alone: each record read, decoded and its {@code decoded} member written
     * ({@code {"decoded":{...}}} per record) by etl-dump's decoded-member writer into a Jackson UTF-8 byte generator
     * over the discarding stream, without the record's own fields: the cost a bytes line path pays on top of its plain
     * lines.
     */
    @Benchmark
    public long decodedMembersUtf8(DumpFile f, Counters c) throws IOException {
        CountingNullStream out = new CountingNullStream();
        EventDecoder decoder = EventDecoder.builder().add(TraceLoggingSchemas.create())
                .add(EmbeddedEventInfoSchemas.create()).add(EventSourceSchemas.create()).add(KernelMofSchemas.create())
                .build();
        RecordDecodedJson decoded = new RecordDecodedJson(decoder);
        JsonChars chars = new JsonChars();
        JsonGenerator g = UTF8.createGenerator(out, JsonEncoding.UTF8);
        g.setRootValueSeparator(null);
        long[] n = new long[1];
        f.etl.records().doOnNext(r -> {
            decoder.observe(r);
            try {
                g.writeStartObject();
                decoded.write(g, chars, r);
                g.writeEndObject();
                g.writeRaw('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            n[0]++;
        }).blockLast();
        g.flush();
        if (n[0] != f.records) {
            throw new IllegalStateException(n[0] + " records");
        }
        c.records += n[0];
        c.outputMegabytes += out.count / 1e6;
        return out.count;
    }

    private static final JsonFactory UTF8 = new JsonFactoryBuilder().characterEscapes(JsonEscapes.INSTANCE).build();

    /** The reader alone. */
    @Benchmark
    public long readOnly(DumpFile f, Counters c) {
        DrainingSubscriber d = new DrainingSubscriber();
        f.etl.records().subscribe(d);
        if (d.count != f.records || d.failure != null) {
            throw new IllegalStateException("read " + d.count + " records, expected " + f.records, d.failure);
        }
        c.records += d.count;
        return d.checksum;
    }

    /** The scan alone (what etl-dump reads with). */
    @Benchmark
    public long scanOnly(DumpFile f, Counters c) {
        long[] sum = new long[2];
        f.etl.scan(v -> {
            sum[0]++;
            sum[1] += v.payloadSize() + v.rawTimestamp();
        });
        if (sum[0] != f.records) {
            throw new IllegalStateException("scanned " + sum[0] + " records, expected " + f.records);
        }
        c.records += sum[0];
        return sum[1];
    }

    private static long count(DumpFile f, Counters c, long n, CountingNullStream out) {
        if (n != f.records || out.count != f.outputBytes) {
            throw new IllegalStateException(n + " records, " + out.count + " bytes; expected " + f.records + ", "
                    + f.outputBytes);
        }
        c.records += n;
        c.outputMegabytes += out.count / 1e6;
        return out.count;
    }

    /** The character writer stack of {@code Etw4jSamples.main} over {@code sink}. */
    static PrintWriter stdout(OutputStream sink) {
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(sink, StandardCharsets.UTF_8), 1 << 16));
    }

    /** What etl-dump runs, over the byte stdout of {@code Etw4jSamples.main} (a 64 KiB buffer) over {@code sink}. */
    static long streaming(EtlFile etl, OutputStream sink) {
        JsonLinesWriter lines = JsonLinesWriter.nativeLines(new BufferedOutputStream(sink, 1 << 16))
                .payloadHexBytes(HEX_BYTES).logfileHeader(etl.header()).build();
        etl.scan(lines::write);
        lines.flush();
        return lines.written();
    }

    /** Discards what is written and counts the bytes. */
    static final class CountingNullStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
