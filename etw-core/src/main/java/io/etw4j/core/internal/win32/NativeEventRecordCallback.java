package io.etw4j.core.internal.win32;

import com.sun.jna.Pointer;

/**
 * The PEVENT_RECORD_CALLBACK of one opened trace: a native function pointer (written into
 * EVENT_TRACE_LOGFILEW.EventRecordCallback) that copies each EVENT_RECORD with an {@link EventRecordCopier} and hands
 * the copy to a {@code RecordSink}, never letting anything escape into ETW's thread. Made by
 * {@link EventRecordCallbacks}: a JNA callback ({@link JnaEventRecordCallback}) or, on JDK 22 and later, an FFM
 * upcall stub.
 *
 * <p>Lifetime: the function pointer is valid until {@link #close()}; the owner must keep this object strongly
 * reachable and close it only after ProcessTrace has returned and CloseTrace was called (no callback can run any
 * more). Thread-safe: ETW calls it from the one ProcessTrace thread.
 */
interface NativeEventRecordCallback extends AutoCloseable {
    /** {@return the function pointer to give ETW} */
    Pointer functionPointer();

    /** {@return {@code "jna"} or {@code "ffm"}: which transition ETW's calls go through} */
    String kind();

    /** Frees the function pointer (FFM: closes the stub's arena); the pointer must not be called afterwards. */
    @Override
    void close();
}
