package io.etw4j.core.internal;

import java.util.Objects;

/**
 * What ControlTraceW (QUERY/STOP) or QueryAllTracesW wrote back into an EVENT_TRACE_PROPERTIES (evntrace.h, x64
 * offsets). Counters are ULONGs, kept as Java ints (read them unsigned).
 *
 * @param sessionName         the logger name (at LoggerNameOffset)
 * @param sessionHandle       Wnode.HistoricalContext (the session's CONTROLTRACE_ID; its low 16 bits are the logger id)
 * @param logFileMode         LogFileMode
 * @param bufferSizeKb        BufferSize
 * @param numberOfBuffers     NumberOfBuffers
 * @param freeBuffers         FreeBuffers
 * @param eventsLost          EventsLost
 * @param buffersWritten      BuffersWritten
 * @param logBuffersLost      LogBuffersLost
 * @param realTimeBuffersLost RealTimeBuffersLost
 */
public record TraceStatus(String sessionName, long sessionHandle, int logFileMode, int bufferSizeKb,
                          int numberOfBuffers, int freeBuffers, int eventsLost, int buffersWritten,
                          int logBuffersLost, int realTimeBuffersLost) {

    public TraceStatus {
        Objects.requireNonNull(sessionName, "sessionName");
    }

    /** A status with only a name and zero counters (for tests and for sessions QueryAllTraces lists). */
    public static TraceStatus named(String sessionName) {
        return new TraceStatus(sessionName, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** The logger id: the low 16 bits of the session handle (inferred from TRACEHANDLE usage in evntrace.h). */
    public int loggerId() {
        return (int) (sessionHandle & 0xFFFF);
    }
}
