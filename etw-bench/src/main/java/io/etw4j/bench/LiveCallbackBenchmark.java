package io.etw4j.bench;

import io.etw4j.core.EventRecord;
import io.etw4j.core.internal.EtwNative;
import io.etw4j.core.internal.win32.Advapi32;
import io.etw4j.core.internal.win32.WindowsEtwNative;
import io.etw4j.core.session.EtwSession;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
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

/**
 * The live path through a real native-to-Java transition on Linux: the production adapter {@code WindowsEtwNative}
 * opens a trace over {@link StandInAdvapi32} in {@code NATIVE_LOOP} mode, so ProcessTrace is the gcc-built C loop of
 * {@link StandInLibrary}, which calls the function pointer etw-core wrote into EVENT_TRACE_LOGFILEW.EventRecordCallback
 * once per record, over 64 prepared copies of {@link NativeScmRecord} (an SCM WPP event: two extended items, a 120-byte
 * payload), as ProcessTrace calls a consumer.
 *
 * <p>{@code path}: {@code jna} (a JNA callback, the path on JDK 17-21) or {@code ffm} (the FFM upcall stub, JDK 22+ and
 * a benchmarks jar built on JDK 22+), set as {@code -Detw4j.liveCallback} before each trial; the trial setup checks
 * that the adapter really made that kind and fails otherwise. On JDK 17 run it with {@code -p path=jna}.
 * <ul>
 *   <li>{@link #callbackOnly}: OpenTrace, ProcessTrace (the C loop: {@code records} calls, each copying the record into
 *       an {@link EventRecord} handed to a counting sink), CloseTrace; no hand-off, no Flux.</li>
 *   <li>{@link #session}: a whole {@link EtwSession} run over the same adapter: callback -> hand-off (capacity =
 *       records, nothing dropped) -> delivering thread -> subscriber, as {@code SessionBenchmark.windowsAdapter}.</li>
 * </ul>
 * Reported per second (auxiliary counter): {@code records}. The calling convention is Linux's, not Windows x64, and
 * no ETW is involved: this measures the transition, the copy and etw4j's own work.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class LiveCallbackBenchmark {
    private static final String PROPERTY = "etw4j.liveCallback";

    /** The adapter over the native stand-in, with the chosen callback path. */
    @State(Scope.Thread)
    public static class Adapter {
        /** {@code jna} or {@code ffm}. */
        @Param({"jna", "ffm"})
        public String path;
        /** Records per ProcessTrace. */
        @Param("262144")
        public int records;

        NativeScmRecord input;
        Constructor<WindowsEtwNative> adapter;

        @Setup(Level.Trial)
        public void prepare() throws ReflectiveOperationException {
            System.setProperty(PROPERTY, path);
            StandInLibrary.checkedInstance();
            input = new NativeScmRecord();
            adapter = WindowsEtwNative.class.getDeclaredConstructor(Advapi32.class);
            adapter.setAccessible(true);
            WindowsEtwNative probe = open();
            long handle = probe.openTrace("etw4j-bench~1-1", new CountingSink());
            Method kind = WindowsEtwNative.class.getDeclaredMethod("callbackKind", long.class);
            kind.setAccessible(true);
            Object made = kind.invoke(probe, handle);
            probe.closeTrace(handle);
            if (!path.equals(made)) {
                throw new IllegalStateException("asked for " + path + " but the adapter made " + made
                        + " (ffm needs JDK 22+ and a benchmarks jar built on JDK 22+)");
            }
            System.out.printf("%ncallback path: %s, Java %s%n", made, Runtime.version());
        }

        WindowsEtwNative open() throws ReflectiveOperationException {
            return adapter.newInstance(new StandInAdvapi32(input.record, records,
                    StandInAdvapi32.Delivery.NATIVE_LOOP));
        }
    }

    /** Counts the records and folds a few fields, so the copies are used. */
    static final class CountingSink implements EtwNative.RecordSink {
        long count;
        long failures;
        long checksum;

        @Override
        public void onRecord(EventRecord record) {
            count++;
            checksum += record.threadId() + record.payload().length + record.extendedData().size();
        }

        @Override
        public void onCopyFailure(Throwable failure) {
            failures++;
        }
    }

    /** Per second: records through the callback. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long records;

        @Setup(Level.Iteration)
        public void reset() {
            records = 0;
        }
    }

    /** One ProcessTrace of the C loop into the adapter's callback and a counting sink. */
    @Benchmark
    public long callbackOnly(Adapter a, Counters c) throws ReflectiveOperationException {
        WindowsEtwNative nat = a.open();
        CountingSink sink = new CountingSink();
        long handle = nat.openTrace("etw4j-bench~1-1", sink);
        nat.processTrace(handle);
        nat.closeTrace(handle);
        if (sink.count != a.records || sink.failures != 0) {
            throw new IllegalStateException("delivered " + sink.count + ", failures " + sink.failures);
        }
        c.records += sink.count;
        return sink.checksum;
    }

    /** One whole EtwSession run over the adapter and the C loop. */
    @Benchmark
    public long session(Adapter a, Counters c, SessionBenchmark.Drops d) throws Exception {
        EtwSession session = SessionBenchmark.session(a.open(), a.records);
        SessionBenchmark.Counters sc = new SessionBenchmark.Counters();
        long checksum = SessionBenchmark.runOnce(session, a.records, sc, d);
        c.records += sc.records;
        return checksum;
    }
}
