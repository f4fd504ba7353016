package io.etw4j.bench;

import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EmbeddedEventInfoSchemas;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.EventSourceSchemas;
import io.etw4j.decode.KernelMofSchemas;
import io.etw4j.decode.ManifestSchemas;
import io.etw4j.decode.TraceLoggingSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of etw-decode's {@link EventDecoder} on one thread with warm caches: one operation decodes every record of
 * {@code shared/etl/net.4.5.2.x64.etl} (179,474 records, read into memory in setup), with the schema sources
 * etl-dump {@code --decode} uses (TraceLogging, embedded event information, {@code ClrEtwAll.man}, EventSource
 * manifests, kernel MOF). The setup decodes the file once, so every schema the file's metadata records teach is
 * learned and cached before measuring.
 *
 * <p>Reported per second as JMH auxiliary counters: {@code events} (records decoded, with a schema or not) and
 * {@code decoded} (records a schema was found for). Run with {@code -prof gc} for the bytes allocated per operation
 * (divide by the records per operation printed in setup for bytes per event).
 *
 * <p>The files are found by walking up from the working directory to {@code shared/etl} and
 * {@code shared/manifests}, or given with {@code -p file=... -p manifest=...}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class DecoderBenchmark {

    /** The records and the warm decoder. */
    @State(Scope.Benchmark)
    public static class Input {
        /** Path of net.4.5.2.x64.etl; empty: search {@code shared/etl} upwards. */
        @Param("")
        public String file;
        /** Path of ClrEtwAll.man; empty: next to the capture in {@code shared/manifests}. */
        @Param("")
        public String manifest;

        List<EventRecord> records;
        EventDecoder decoder;

        @Setup(Level.Trial)
        public void setup() {
            Path etl = file.isEmpty() ? SharedEtl.locate("net.4.5.2.x64.etl") : Path.of(file);
            Path man = manifest.isEmpty() ? etl.getParent().getParent().resolve("manifests").resolve("ClrEtwAll.man")
                    : Path.of(manifest);
            if (!Files.isRegularFile(man)) {
                throw new IllegalStateException("manifest not found: " + man + "; pass -p manifest=...");
            }
            records = EtlFile.open(etl).records().collectList().block();
            decoder = EventDecoder.builder()
                    .add(TraceLoggingSchemas.create())
                    .add(EmbeddedEventInfoSchemas.create())
                    .add(ManifestSchemas.create().load(man))
                    .add(EventSourceSchemas.create())
                    .add(KernelMofSchemas.create())
                    .build();
            long decoded = 0;
            for (EventRecord r : records) {
                decoded += decoder.decode(r).isDecoded() ? 1 : 0;
            }
            System.out.println("records per operation: " + records.size() + ", decoded: " + decoded);
        }
    }

    /** Records decoded per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long events;
        public long decoded;
    }

    /** Decodes every record of the file once. */
    @Benchmark
    public void decodeAll(Input in, Counters c, Blackhole bh) {
        EventDecoder d = in.decoder;
        for (EventRecord r : in.records) {
            DecodedEvent e = d.decode(r);
            c.events++;
            if (e.isDecoded()) {
                c.decoded++;
            }
            bh.consume(e);
        }
    }
}
