package io.etw4j.bench;

import io.etw4j.core.EventRecord;
import io.etw4j.core.internal.EtwNative;
import io.etw4j.core.internal.SessionEnvironment;
import io.etw4j.core.internal.SessionInternals;
import io.etw4j.core.internal.win32.Advapi32;
import io.etw4j.core.internal.win32.EventRecordCopier;
import io.etw4j.core.internal.win32.WindowsEtwNative;
import io.etw4j.core.session.EtwSession;
import io.etw4j.core.session.Provider;
import io.etw4j.core.session.SessionStatistics;
import io.etw4j.core.testing.FakeEtwNative;
import io.etw4j.core.testing.FakeOwners;
import java.lang.reflect.Constructor;
import java.time.Duration;
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
 * End-to-end throughput of a real {@link EtwSession} run over a fake native layer: one operation is one whole run
 * (subscribe: QueryAllTraces, StartTrace, EnableTraceEx2, OpenTrace, the two threads; {@code records} records
 * through the ETW callback -> bounded hand-off -> Flux -> subscriber; ProcessTrace returns; STOP; completion).
 *
 * <p>The native layer is the etw-core test fixture {@link FakeEtwNative} (etw-core test-jar), injected as
 * {@code EtwSessionTest} does, through {@link SessionInternals#withEnvironment}; no etw-core change is needed. Its
 * ProcessTrace thread takes each scripted (already copied) {@link EventRecord} from a {@code LinkedBlockingQueue} and
 * calls the session's callback, so the producer costs one queue take per record more than a real ETW thread and the
 * EVENT_RECORD copy is not part of it (see {@link CopyToFluxBenchmark} for the copy). The records are 1024 distinct
 * copies of {@link NativeScmRecord} made with {@link EventRecordCopier}, repeated.
 *
 * <p>Threads: the fake ETW thread ({@code etw4j-process-bench}) produces, the session's deliverer thread
 * ({@code etw4j-deliver-bench}) is the one consumer thread that emits to the subscriber; the JMH thread only waits
 * for completion. Reported per second (JMH auxiliary counters): {@code records} delivered to the subscriber; per
 * iteration: {@code dropped} (records the hand-off dropped because it was full; ETW cannot be paused, so
 * {@code EtwSession} drops and counts, see {@code OverflowStrategy}). With the default {@code capacity} (8192, the
 * EtwSession default) drops show whether the consumer keeps up with a producer that never waits; with
 * {@code -p capacity=262144} (= {@code records}) nothing can be dropped.
 *
 * <p>Scripting the fake (enqueueing {@code records} commands) happens in {@code @Setup(Level.Invocation)}, outside
 * the measured time; an operation lasts tens of milliseconds, so per-invocation setup does not distort it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class SessionBenchmark {
    private static final int POOL = 1024;

    /** One scripted run of the fake native layer. */
    @State(Scope.Thread)
    public static class FakeRun {
        /** Records per run. */
        @Param("262144")
        public int records;
        /** HandOffBuilder.bufferCapacity (hand-off bound). */
        @Param("8192")
        public int capacity;

        EventRecord[] script;
        FakeEtwNative fake;
        EtwSession session;

        @Setup(Level.Trial)
        public void prepare() {
            NativeScmRecord input = new NativeScmRecord();
            EventRecordCopier copier = EventRecordCopier.systemTime();
            EventRecord[] pool = new EventRecord[POOL];
            for (int i = 0; i < POOL; i++) {
                pool[i] = copier.copy(input.record);
            }
            script = new EventRecord[records];
            for (int i = 0; i < records; i++) {
                script[i] = pool[i % POOL];
            }
        }

        @Setup(Level.Invocation)
        public void script() {
            fake = new FakeEtwNative();
            fake.emit(script);          // held until OpenTrace, then handed to the callback by ProcessTrace
            fake.endProcessing(0);      // then ProcessTrace returns: the run stops and completes
            session = session(fake, capacity);
        }
    }

    /**
     * One run of the production adapter {@code WindowsEtwNative} over {@link StandInAdvapi32}: the callback copies a
     * native EVENT_RECORD with {@link EventRecordCopier} on the ETW thread, as on Windows. {@code WindowsEtwNative}'s
     * constructor that takes a binding is package-private (for etw-core's tests); it is reached by reflection here
     * rather than by changing etw-core. The JNA callback path is forced ({@code -Detw4j.liveCallback=jna}): the
     * {@code direct} mode calls its Java object; see {@link LiveCallbackBenchmark} for JNA against FFM.
     */
    @State(Scope.Thread)
    public static class AdapterRun {
        /** Records per run. */
        @Param("262144")
        public int records;
        /** HandOffBuilder.bufferCapacity (hand-off bound). */
        @Param("8192")
        public int capacity;
        /** {@code direct}: call the Java callback object; {@code jna}: call its native function pointer. */
        @Param({"direct", "jna"})
        public String callback;

        NativeScmRecord input;
        Constructor<WindowsEtwNative> adapter;
        EtwSession session;

        @Setup(Level.Trial)
        public void prepare() throws ReflectiveOperationException {
            System.setProperty("etw4j.liveCallback", "jna"); // direct calls need the JNA callback object
            input = new NativeScmRecord();
            adapter = WindowsEtwNative.class.getDeclaredConstructor(Advapi32.class);
            adapter.setAccessible(true);
        }

        @Setup(Level.Invocation)
        public void script() throws ReflectiveOperationException {
            StandInAdvapi32 api = new StandInAdvapi32(input.record, records, "jna".equals(callback)
                    ? StandInAdvapi32.Delivery.JNA_FUNCTION : StandInAdvapi32.Delivery.DIRECT);
            session = session(adapter.newInstance(api), capacity);
        }
    }

    /** Per second: records delivered; per iteration: records dropped by the hand-off. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long records;

        @Setup(Level.Iteration)
        public void reset() {
            records = 0;
        }
    }

    /** Records dropped by the hand-off (a total per iteration, not a rate). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Drops {
        public long dropped;

        @Setup(Level.Iteration)
        public void reset() {
            dropped = 0;
        }
    }

    static EtwSession session(EtwNative nativeLayer, int capacity) {
        SessionEnvironment env = SessionEnvironment.of(nativeLayer).withOwners(new FakeOwners(4242, 1L));
        return SessionInternals.withEnvironment(EtwSession.builder("bench"), env)
                .enable(Provider.of(NativeScmRecord.PROVIDER))
                .bufferCapacity(capacity)
                .healthInterval(Duration.ZERO)
                .build();
    }

    /** One run over {@link FakeEtwNative}. */
    @Benchmark
    public long fakeNative(FakeRun run, Counters c, Drops d) throws InterruptedException {
        return runOnce(run.session, run.records, c, d);
    }

    /** One run of WindowsEtwNative over the advapi32 stand-in: native record -> copy -> hand-off -> subscriber. */
    @Benchmark
    public long windowsAdapter(AdapterRun run, Counters c, Drops d) throws InterruptedException {
        return runOnce(run.session, run.records, c, d);
    }

    static long runOnce(EtwSession session, int expected, Counters c, Drops d) throws InterruptedException {
        DrainingSubscriber consumer = new DrainingSubscriber();
        session.records().subscribe(consumer);
        if (!consumer.done.await(5, TimeUnit.MINUTES)) {
            consumer.dispose();
            throw new IllegalStateException("run did not complete; received " + consumer.count);
        }
        if (consumer.failure != null) {
            throw new IllegalStateException("run failed", consumer.failure);
        }
        SessionStatistics s = session.statistics();
        if (s.received() != expected || s.delivered() != consumer.count
                || consumer.count + s.droppedBySdk() != expected || s.callbackFailures() != 0) {
            throw new IllegalStateException("counts do not add up: delivered to subscriber " + consumer.count
                    + ", " + s);
        }
        c.records += consumer.count;
        d.dropped += s.droppedBySdk();
        return consumer.checksum;
    }

}
