package io.etw4j.bench;

import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.etl.EtlReadOptions;
import io.etw4j.samples.demo.DemoCapture;
import io.etw4j.scm.ScmMonitor;
import java.time.Duration;
import java.util.ArrayList;
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
import reactor.core.publisher.Flux;

/**
 * Throughput of the SCM monitor on an all-relevant stream: every record is one the monitor decodes (SCM WPP,
 * Microsoft-Windows-Services, Kernel-Process). The stream is the records of the samples' demo capture
 * ({@link DemoCapture}) repeated {@link Input#copies} times, each copy shifted by ten minutes so that no join or
 * duplicate window spans two copies.
 * One operation runs the whole stream through a monitor built with {@code ScmMonitor.builder().noLiveLookup()} (no
 * Windows calls) and counts the typed events.
 *
 * <p>Reported per second as JMH auxiliary counters: {@code records} (records fed) and {@code events} (typed events
 * out).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class ScmMonitorBenchmark {

    /** The stream of records. */
    @State(Scope.Benchmark)
    public static class Input {
        /** How many shifted copies of the demo capture's records make one operation's stream. */
        @Param("2000")
        public int copies;

        List<EventRecord> records;

        @Setup(Level.Trial)
        public void setup() {
            List<EventRecord> demo = EtlFile.of(DemoCapture.bytes(), EtlReadOptions.defaults().withTimestampOrder(true))
                    .records().collectList().block();
            records = new ArrayList<>(demo.size() * copies);
            for (int k = 0; k < copies; k++) {
                Duration shift = Duration.ofMinutes(10L * k);
                long rawShift = shift.toNanos() / 100;
                for (EventRecord r : demo) {
                    records.add(r.toBuilder().timestamp(r.timestamp().plus(shift))
                            .rawTimestamp(r.rawTimestamp() + rawShift).build());
                }
            }
            System.out.println("records per operation: " + records.size());
        }
    }

    /** Records and events per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long records;
        public long events;
    }

    /** Runs the stream through one monitor. */
    @Benchmark
    public long monitorAll(Input in, Counters c) {
        long n = ScmMonitor.builder().noLiveLookup().from(Flux.fromIterable(in.records)).events().count().block();
        c.records += in.records.size();
        c.events += n;
        return n;
    }
}
