package io.etw4j.core.internal;

import java.util.Objects;
import java.util.UUID;

/**
 * The settings of a running session as ControlTraceW(EVENT_TRACE_CONTROL_QUERY) wrote them back into an
 * EVENT_TRACE_PROPERTIES (evntrace.h, x64 offsets), with its statistics: what an EVENT_TRACE_CONTROL_UPDATE is built
 * from when a session someone else runs is to be changed in one respect only ({@link #withLogFileMode(int)}).
 * ULONGs are Java ints (read them unsigned). Immutable.
 *
 * @param status            name, handle (Wnode.HistoricalContext), LogFileMode, BufferSize and the counters
 * @param wnodeGuid         Wnode.Guid (the session GUID)
 * @param clientContext     Wnode.ClientContext (the clock type)
 * @param minimumBuffers    MinimumBuffers
 * @param maximumBuffers    MaximumBuffers
 * @param maximumFileSizeMb MaximumFileSize
 * @param flushTimerSeconds FlushTimer
 * @param enableFlags       EnableFlags
 * @param ageLimit          AgeLimit / FlushThreshold (a union, LONG)
 * @param logFileName       the log file name at LogFileNameOffset, empty if none
 */
public record TraceProperties(TraceStatus status, UUID wnodeGuid, int clientContext, int minimumBuffers,
                              int maximumBuffers, int maximumFileSizeMb, int flushTimerSeconds, int enableFlags,
                              int ageLimit, String logFileName) {

    public TraceProperties {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(wnodeGuid, "wnodeGuid");
        Objects.requireNonNull(logFileName, "logFileName");
    }

    /** Properties with only a status (tests; settings zero, no file). */
    public static TraceProperties of(TraceStatus status) {
        return new TraceProperties(status, new UUID(0, 0), 0, 0, 0, 0, 0, 0, 0, "");
    }

    /** {@return LogFileMode} */
    public int logFileMode() {
        return status.logFileMode();
    }

    /** {@return true if LogFileMode has EVENT_TRACE_REAL_TIME_MODE (0x100)} */
    public boolean realTime() {
        return (status.logFileMode() & SessionConfig.EVENT_TRACE_REAL_TIME_MODE) != 0;
    }

    /** {@return a copy whose LogFileMode is {@code mode}, everything else unchanged} */
    public TraceProperties withLogFileMode(int mode) {
        TraceStatus s = status;
        return new TraceProperties(new TraceStatus(s.sessionName(), s.sessionHandle(), mode, s.bufferSizeKb(),
                s.numberOfBuffers(), s.freeBuffers(), s.eventsLost(), s.buffersWritten(), s.logBuffersLost(),
                s.realTimeBuffersLost()), wnodeGuid, clientContext, minimumBuffers, maximumBuffers, maximumFileSizeMb,
                flushTimerSeconds, enableFlags, ageLimit, logFileName);
    }
}
