package io.etw4j.bench;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.etw4j.core.EventRecord;
import io.etw4j.core.internal.win32.EventRecordCopier;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * The per-event cost of the live path on one thread: an EVENT_RECORD in native memory, laid out at the Windows x64
 * offsets (evntcons.h) as ProcessTrace passes it to the callback, is copied by {@link EventRecordCopier} into an
 * {@link EventRecord}, emitted into a unicast {@link Sinks.Many} backed by a bounded queue, and consumed by a
 * subscriber on the same thread (unbounded demand, so each emit drains straight through).
 *
 * <p>The record is {@link NativeScmRecord}: an SCM WPP service-creation event with two extended items (SID,
 * PROCESS_START_KEY) and a 120-byte payload. {@link #copyOnly} is the copy alone, for
 * comparison. No Windows is involved: this measures the Java side (JNA memory reads, allocation, Reactor hand-off).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CopyToFluxBenchmark {
    private final EventRecordCopier copier = EventRecordCopier.systemTime();
    private NativeScmRecord input;
    private Memory record;

    @Setup(Level.Trial)
    public void setUp() {
        input = new NativeScmRecord();
        record = input.record;
    }

    /** The hand-off: a unicast sink over a bounded queue (1024) and a same-thread subscriber with unbounded demand. */
    @State(Scope.Thread)
    public static class Pipeline {
        Sinks.Many<EventRecord> sink;
        DrainingSubscriber subscriber;
        long rejected;

        @Setup(Level.Trial)
        public void setUp() {
            Queue<EventRecord> queue = Queues.<EventRecord>get(1024).get();
            sink = Sinks.many().unicast().onBackpressureBuffer(queue);
            subscriber = new DrainingSubscriber();
            sink.asFlux().subscribe(subscriber);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            sink.tryEmitComplete();
            if (rejected != 0 || subscriber.count == 0) {
                throw new IllegalStateException("benchmark pipeline broken: rejected=" + rejected + ", received="
                        + subscriber.count);
            }
        }
    }

    /** Copy alone: native EVENT_RECORD -> EventRecord. */
    @Benchmark
    public EventRecord copyOnly() {
        return copier.copy(record);
    }

    /** Copy, emit into the bounded unicast sink, deliver to the subscriber; returns the subscriber's checksum. */
    @Benchmark
    public long copyEmitDeliver(Pipeline p) {
        Sinks.EmitResult result = p.sink.tryEmitNext(copier.copy(record));
        if (result.isFailure()) {
            p.rejected++;
        }
        return p.subscriber.checksum;
    }

    /**
     * Design check, header only: the 17 EVENT_HEADER/EVENT_RECORD scalars read with one {@code Pointer.getX} (one JNI
     * call) each. Compare with {@link #headerBulkRead}.
     */
    @Benchmark
    public long headerPerFieldReads() {
        Pointer r = record;
        return r.getShort(0x04) + r.getShort(0x06) + r.getInt(0x08) + r.getInt(0x0C) + r.getLong(0x10)
                + r.getLong(0x18) + r.getLong(0x20) + r.getShort(0x28) + r.getByte(0x2A) + r.getByte(0x2B)
                + r.getByte(0x2C) + r.getByte(0x2D) + r.getShort(0x2E) + r.getLong(0x30) + r.getLong(0x40)
                + r.getLong(0x48) + r.getShort(0x50);
    }

    /** Design check, header only: one native read of the 0x70 bytes, then the same 17 scalars from the array. */
    @Benchmark
    public long headerBulkRead() {
        byte[] h = new byte[0x70];
        record.read(0, h, 0, h.length);
        return (short) I16.get(h, 0x04) + (short) I16.get(h, 0x06) + (int) I32.get(h, 0x08) + (int) I32.get(h, 0x0C)
                + (long) I64.get(h, 0x10) + (long) I64.get(h, 0x18) + (long) I64.get(h, 0x20)
                + (short) I16.get(h, 0x28) + h[0x2A] + h[0x2B] + h[0x2C] + h[0x2D] + (short) I16.get(h, 0x2E)
                + (long) I64.get(h, 0x30) + (long) I64.get(h, 0x40) + (long) I64.get(h, 0x48)
                + (short) I16.get(h, 0x50);
    }

    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

}
