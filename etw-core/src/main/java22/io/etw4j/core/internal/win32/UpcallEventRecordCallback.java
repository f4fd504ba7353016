package io.etw4j.core.internal.win32;

import static io.etw4j.core.internal.win32.EventRecordLayout.EVENT_RECORD_SIZE;

import com.sun.jna.Pointer;
import io.etw4j.core.EventRecord;
import io.etw4j.core.internal.EtwNative.RecordSink;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The FFM {@link NativeEventRecordCallback} (JDK 22 and later; compiled from {@code src/main/java22} into the jar's
 * {@code META-INF/versions/22}): an upcall stub for {@code void (PEVENT_RECORD EventRecord)} (evntrace.h
 * PEVENT_RECORD_CALLBACK) made by {@link Linker#upcallStub}. Each call reads the record through
 * {@link MemorySegment}s at the offsets of {@link EventRecordLayout}: the fixed part is copied with one bulk
 * {@link MemorySegment#copy}, the payload and extended items through {@link #MEMORY}, and {@link EventRecordCopier}
 * decodes them exactly as on the JNA path.
 *
 * <p>The stub lives in a shared {@link Arena} closed by {@link #close()}. Nothing escapes into native code: an
 * exception leaving an upcall would end the JVM, so the target catches every {@link Throwable} and reports it to the
 * sink (whose own failure is swallowed). The stub is made with the Windows x64 calling convention by the linker of
 * the running platform; on Linux (tests, benchmarks) that is the SysV convention of the same signature.
 *
 * <p>Restricted methods ({@code upcallStub}, {@code reinterpret}) print a warning unless the JVM runs with
 * {@code --enable-native-access=io.etw4j.core} (module path) or {@code ALL-UNNAMED} (class path). Thread-safe: ETW
 * calls it from the one ProcessTrace thread.
 */
final class UpcallEventRecordCallback implements NativeEventRecordCallback {
    /** Native memory by absolute address, as {@code MemorySegment}s. */
    static final NativeMemoryReader MEMORY = (address, length) ->
            MemorySegment.ofAddress(address).reinterpret(length).toArray(ValueLayout.JAVA_BYTE);

    private static final FunctionDescriptor SIGNATURE = FunctionDescriptor.ofVoid(ValueLayout.ADDRESS);
    private static final MethodHandle ON_RECORD;

    static {
        try {
            ON_RECORD = MethodHandles.lookup().findVirtual(UpcallEventRecordCallback.class, "onRecord",
                    MethodType.methodType(void.class, MemorySegment.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final EventRecordCopier copier;
    private final RecordSink sink;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment stub;

    UpcallEventRecordCallback(EventRecordCopier copier, RecordSink sink) {
        this.copier = copier;
        this.sink = sink;
        try {
            this.stub = Linker.nativeLinker().upcallStub(ON_RECORD.bindTo(this), SIGNATURE, arena);
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    /** The upcall target: copy, then hand over; never throws. */
    private void onRecord(MemorySegment record) {
        EventRecord copy;
        try {
            copy = copy(copier, record);
        } catch (Throwable t) {
            EventRecordCallbacks.failure(sink, t);
            return;
        }
        EventRecordCallbacks.deliver(sink, copy);
    }

    /**
     * Copies the EVENT_RECORD at {@code record} (a zero-length segment, as an upcall receives a pointer).
     *
     * @throws MalformedEventRecordException as {@link EventRecordCopier#copy(com.sun.jna.Pointer)}
     */
    static EventRecord copy(EventRecordCopier copier, MemorySegment record) {
        if (record == null || record.address() == 0) {
            throw new MalformedEventRecordException(MalformedEventRecordException.Reason.NULL_RECORD,
                    "EVENT_RECORD pointer is null", null);
        }
        byte[] fixed = new byte[EVENT_RECORD_SIZE];
        MemorySegment.copy(record.reinterpret(EVENT_RECORD_SIZE), ValueLayout.JAVA_BYTE, 0, fixed, 0,
                EVENT_RECORD_SIZE);
        return copier.copy(fixed, MEMORY);
    }

    @Override
    public Pointer functionPointer() {
        return new Pointer(stub.address());
    }

    @Override
    public String kind() {
        return "ffm";
    }

    @Override
    public void close() {
        if (arena.scope().isAlive()) { // closed once by its owner; a second close is a no-op
            arena.close();
        }
    }
}
