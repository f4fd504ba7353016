package io.etw4j.core.internal.win32;

import io.etw4j.core.EventRecord;
import io.etw4j.core.internal.EtwNative.RecordSink;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the live EVENT_RECORD callback of an opened trace: on JDK 22 and later an FFM upcall stub
 * ({@code UpcallEventRecordCallback}, compiled from {@code src/main/java22} into the jar's
 * {@code META-INF/versions/22}, so a JDK 17 build or runtime never sees it), else a JNA callback
 * ({@link JnaEventRecordCallback}). Both copy with the same {@link EventRecordCopier} at the offsets of
 * {@link EventRecordLayout}.
 *
 * <p>The system property {@value #PROPERTY} forces one: {@code jna} (for comparison, or if an FFM problem shows),
 * {@code ffm} (fails the open with an {@link IllegalStateException} where FFM is not available); anything else, or
 * nothing, chooses FFM where available. Read at every open, so a program (or a benchmark) may switch between runs.
 * An FFM stub that cannot be made (for example native access denied by {@code --illegal-native-access=deny}) falls
 * back to JNA, logged once at debug level.
 *
 * <p>Stateless and thread-safe.
 */
final class EventRecordCallbacks {
    /** {@code jna} or {@code ffm}: which callback path live sessions use. */
    static final String PROPERTY = "etw4j.liveCallback";
    private static final Logger LOG = LoggerFactory.getLogger(EventRecordCallbacks.class);
    private static final String UPCALL_CLASS = "io.etw4j.core.internal.win32.UpcallEventRecordCallback";
    /** The FFM constructor (EventRecordCopier, RecordSink), or null where the class is absent (JDK < 22). */
    private static final MethodHandle UPCALL = findUpcall();
    private static volatile boolean fallbackLogged;

    private EventRecordCallbacks() {
    }

    /** {@return true if the FFM upcall path is available in this runtime} */
    static boolean ffmAvailable() {
        return UPCALL != null;
    }

    /** The callback for one opened trace, by {@value #PROPERTY} and the runtime (see the class doc). */
    static NativeEventRecordCallback create(EventRecordCopier copier, RecordSink sink) {
        String wanted = System.getProperty(PROPERTY, "");
        if ("jna".equals(wanted)) {
            return new JnaEventRecordCallback(copier, sink);
        }
        if (UPCALL == null) {
            if ("ffm".equals(wanted)) {
                throw new IllegalStateException(PROPERTY + "=ffm but this runtime (Java " + Runtime.version()
                        + ") has no FFM upcall path: it needs JDK 22 or later and a jar built on JDK 22 or later");
            }
            return new JnaEventRecordCallback(copier, sink);
        }
        try {
            return (NativeEventRecordCallback) UPCALL.invoke(copier, sink);
        } catch (Throwable t) {
            if ("ffm".equals(wanted)) {
                throw new IllegalStateException("FFM upcall stub could not be made", t);
            }
            if (!fallbackLogged) {
                fallbackLogged = true;
                LOG.debug("FFM upcall stub could not be made; live sessions use JNA callbacks", t);
            }
            return new JnaEventRecordCallback(copier, sink);
        }
    }

    private static MethodHandle findUpcall() {
        if (Runtime.version().feature() < 22) {
            return null;
        }
        try {
            Class<?> c = Class.forName(UPCALL_CLASS, false, EventRecordCallbacks.class.getClassLoader());
            return MethodHandles.lookup().findConstructor(c,
                    MethodType.methodType(void.class, EventRecordCopier.class, RecordSink.class));
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException | LinkageError e) {
            return null; // a jar built on JDK 17: no versioned classes
        }
    }

    /** Hands {@code copy} to the sink; contains anything the sink throws. */
    static void deliver(RecordSink sink, EventRecord copy) {
        try {
            sink.onRecord(copy);
        } catch (Throwable t) {
            failure(sink, t);
        }
    }

    /** Reports a failed copy or delivery to the sink; contains anything it throws. */
    static void failure(RecordSink sink, Throwable t) {
        try {
            sink.onCopyFailure(t);
        } catch (Throwable ignored) {
            // nothing may escape into ETW's thread
        }
    }
}
