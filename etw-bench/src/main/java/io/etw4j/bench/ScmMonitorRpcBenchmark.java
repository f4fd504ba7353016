package io.etw4j.bench;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.etl.EtlReadOptions;
import io.etw4j.core.testing.LeBytes;
import io.etw4j.samples.demo.DemoCapture;
import io.etw4j.scm.ScmMonitor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
 * The cost of {@code ScmMonitorBuilder.rpcCorroboration(true)}: the samples' demo capture ({@link DemoCapture}) in
 * {@link Input#copies} copies shifted by ten minutes, with {@link Input#noise} Microsoft-Windows-RPC event 5 records
 * of another interface (lsarpc) after each of its records, and one svcctl RCreateServiceW call per copy. The same
 * stream runs through a monitor with the option off ({@code rpc=false}: the RPC records reach the attribution stage,
 * which ignores them) and on ({@code rpc=true}: they are read, the noise told by its first field, the svcctl call
 * joined).
 *
 * <p>Reported per second as JMH auxiliary counters: {@code records} (records fed) and {@code events} (events out).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class ScmMonitorRpcBenchmark {
    // Microsoft-Windows-RPC (provider lists of Microsoft's TSS scripts); lsarpc and svcctl interface UUIDs from
    // [MS-LSAD] and [MS-SCMR] 2.1.
    private static final UUID RPC = UUID.fromString("6ad52b32-d609-4be9-ae07-ce8dae937e39");
    private static final UUID LSARPC = UUID.fromString("12345778-1234-abcd-ef00-0123456789ab");
    private static final UUID SVCCTL = UUID.fromString("367abb81-9844-35f1-ad32-98f038001003");

    /** The stream of records. */
    @State(Scope.Benchmark)
    public static class Input {
        /** How many shifted copies of the demo capture's records make one operation's stream. */
        @Param("500")
        public int copies;

        /** RPC records of another interface after each demo record. */
        @Param("10")
        public int noise;

        /** Whether the monitor corroborates through Microsoft-Windows-RPC. */
        @Param({"false", "true"})
        public boolean rpc;

        List<EventRecord> records;

        @Setup(Level.Trial)
        public void setup() {
            List<EventRecord> demo = EtlFile.of(DemoCapture.bytes(), EtlReadOptions.defaults().withTimestampOrder(true))
                    .records().collectList().block();
            records = new ArrayList<>(demo.size() * copies * (noise + 1));
            for (int k = 0; k < copies; k++) {
                Duration shift = Duration.ofMinutes(10L * k);
                long rawShift = shift.toNanos() / 100;
                boolean first = true;
                for (EventRecord r : demo) {
                    EventRecord shifted = r.toBuilder().timestamp(r.timestamp().plus(shift))
                            .rawTimestamp(r.rawTimestamp() + rawShift).build();
                    if (first) {
                        records.add(call(SVCCTL, 12, 4444, shifted));
                        first = false;
                    }
                    records.add(shifted);
                    for (int n = 0; n < noise; n++) {
                        records.add(call(LSARPC, n, 600 + 4 * n, shifted));
                    }
                }
            }
            System.out.println("records per operation: " + records.size());
        }

        /** An event 5 v1 record in the published field order, at the time of {@code at}. */
        private static EventRecord call(UUID iface, int opnum, int pid, EventRecord at) {
            byte[] payload = LeBytes.le().guid(iface).u32(opnum).u32(3).utf16z("").utf16z("lsass").utf16z("")
                    .u32(6).u32(10).u32(2).bytes();
            return EventRecord.builder().headerKind(HeaderKind.EVENT).providerId(RPC)
                    .descriptor(new EventDescriptor(5, 1, 0, 4, 1, 0, 0L)).flags(EventRecord.FLAG_64_BIT_HEADER)
                    .processId(pid).threadId(pid + 4).timestamp(at.timestamp()).rawTimestamp(at.rawTimestamp())
                    .payload(payload).build();
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
    public long monitor(Input in, Counters c) {
        long n = ScmMonitor.builder().noLiveLookup().rpcCorroboration(in.rpc).from(Flux.fromIterable(in.records))
                .events().count().block();
        c.records += in.records.size();
        c.events += n;
        return n;
    }
}
