package io.etw4j.core.session;

import java.util.Objects;
import java.util.UUID;

/**
 * A kernel event for which an NT Kernel Logger or system logger session collects a call stack: a CLASSIC_EVENT_ID
 * (evntrace.h: the MOF event class GUID and the event type), passed to TraceSetInformation(TraceStackTracingInfo)
 * (learn.microsoft.com "TraceSetInformation function"). The stack arrives as a separate StackWalk record
 * (class {def2fe46-7bd6-4b80-bd94-f57fe20d0ce3}, type 32) right after the event, on the same thread.
 *
 * <p>Immutable. The constants name the events security agents ask for most; their class GUIDs are those of
 * learn.microsoft.com "Process class", "Thread class", "Image class", "FileIo class", "TcpIp class", "Registry class"
 * and their event types the EventType qualifiers of the same pages.
 *
 * @param eventClass the MOF event class GUID (e.g. the Process class)
 * @param type       the event type (0..255; EVENT_TRACE_TYPE_START is 1)
 */
public record KernelStackEvent(UUID eventClass, int type) {
    /** The Process class {3d6fa8d0-fe05-11d0-9dda-00c04fd7ba7c}. */
    public static final UUID PROCESS_CLASS = UUID.fromString("3d6fa8d0-fe05-11d0-9dda-00c04fd7ba7c");
    /** The Thread class {3d6fa8d1-fe05-11d0-9dda-00c04fd7ba7c}. */
    public static final UUID THREAD_CLASS = UUID.fromString("3d6fa8d1-fe05-11d0-9dda-00c04fd7ba7c");
    /** The Image class {2cb15d1d-5fc1-11d2-abe1-00a0c911f518}. */
    public static final UUID IMAGE_CLASS = UUID.fromString("2cb15d1d-5fc1-11d2-abe1-00a0c911f518");
    /** The FileIo class {90cbdc39-4a3e-11d1-84f4-0000f80464e3}. */
    public static final UUID FILE_IO_CLASS = UUID.fromString("90cbdc39-4a3e-11d1-84f4-0000f80464e3");
    /** The TcpIp class {9a280ac0-c8e0-11d1-84e2-00c04fb998a2}. */
    public static final UUID TCPIP_CLASS = UUID.fromString("9a280ac0-c8e0-11d1-84e2-00c04fb998a2");
    /** The Registry class {ae53722e-c863-11d2-8659-00c04fa321a1}. */
    public static final UUID REGISTRY_CLASS = UUID.fromString("ae53722e-c863-11d2-8659-00c04fa321a1");

    /** Process start (Process_TypeGroup1, EventType 1). */
    public static final KernelStackEvent PROCESS_START = new KernelStackEvent(PROCESS_CLASS, 1);
    /** Process end (EventType 2). */
    public static final KernelStackEvent PROCESS_END = new KernelStackEvent(PROCESS_CLASS, 2);
    /** Thread start (Thread_TypeGroup1, EventType 1). */
    public static final KernelStackEvent THREAD_START = new KernelStackEvent(THREAD_CLASS, 1);
    /** Image load (Image_Load, EventType 10). */
    public static final KernelStackEvent IMAGE_LOAD = new KernelStackEvent(IMAGE_CLASS, 10);
    /** File create (FileIo_Create, EventType 64). */
    public static final KernelStackEvent FILE_CREATE = new KernelStackEvent(FILE_IO_CLASS, 64);
    /** TCP connect over IPv4 (TcpIp_TypeGroup2, EventType 12). */
    public static final KernelStackEvent TCP_CONNECT_IPV4 = new KernelStackEvent(TCPIP_CLASS, 12);
    /** Registry key create (Registry_TypeGroup1, EventType 10). */
    public static final KernelStackEvent REGISTRY_CREATE = new KernelStackEvent(REGISTRY_CLASS, 10);
    /** Registry value set (EventType 14). */
    public static final KernelStackEvent REGISTRY_SET_VALUE = new KernelStackEvent(REGISTRY_CLASS, 14);

    /**
     * Creates the event id.
     *
     * @param eventClass the MOF event class GUID
     * @param type       the event type, 0..255 (CLASSIC_EVENT_ID.Type is a UCHAR)
     */
    public KernelStackEvent {
        Objects.requireNonNull(eventClass, "eventClass");
        if (type < 0 || type > 0xFF) {
            throw new IllegalArgumentException("event type out of 0..255 (CLASSIC_EVENT_ID.Type is a UCHAR): " + type);
        }
    }
}
