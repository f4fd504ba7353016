package io.etw4j.core.internal.win32;

import com.sun.jna.CallbackReference;
import com.sun.jna.Pointer;
import io.etw4j.core.EventRecord;
import io.etw4j.core.internal.EtwNative.RecordSink;

/**
 * The JNA {@link NativeEventRecordCallback}: an {@link Advapi32.EventRecordCallback} whose native trampoline is the
 * function pointer. JNA keeps the trampoline as long as the callback object is reachable, which this object ensures
 * by holding it; {@link #close()} has nothing to free. The path on JDK 17 to 21, and on any JDK when
 * {@code -Detw4j.liveCallback=jna} is given. Thread-safe.
 */
final class JnaEventRecordCallback implements NativeEventRecordCallback {
    private final Advapi32.EventRecordCallback callback;
    private final Pointer functionPointer;

    JnaEventRecordCallback(EventRecordCopier copier, RecordSink sink) {
        this.callback = record -> {
            EventRecord copy;
            try {
                copy = copier.copy(record);
            } catch (Throwable t) {
                EventRecordCallbacks.failure(sink, t);
                return;
            }
            EventRecordCallbacks.deliver(sink, copy);
        };
        this.functionPointer = CallbackReference.getFunctionPointer(callback);
    }

    /** The Java callback object behind the function pointer (the benchmark's direct calls). */
    Advapi32.EventRecordCallback callback() {
        return callback;
    }

    @Override
    public Pointer functionPointer() {
        return functionPointer;
    }

    @Override
    public String kind() {
        return "jna";
    }

    @Override
    public void close() {
        // JNA frees the trampoline when the callback object is collected
    }
}
