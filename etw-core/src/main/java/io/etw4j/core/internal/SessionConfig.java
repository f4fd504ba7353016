package io.etw4j.core.internal;

import java.util.UUID;

/**
 * The EVENT_TRACE_PROPERTIES values etw4j sets for a session (evntrace.h EVENT_TRACE_PROPERTIES; meanings from
 * learn.microsoft.com "EVENT_TRACE_PROPERTIES structure"). Zero means "let ETW choose" for every numeric field.
 *
 * @param bufferSizeKb      BufferSize in KB (ETW accepts 4..16384, EVENT_TRACE_PROPERTIES docs; 0 = ETW default;
 *                          StartedSessionBuilder refuses values outside 4..16384)
 * @param minimumBuffers    MinimumBuffers (0 = ETW default)
 * @param maximumBuffers    MaximumBuffers (0 = ETW default)
 * @param flushTimerSeconds FlushTimer in seconds (0 = only when a buffer is full)
 * @param logFileMode       LogFileMode: EVENT_TRACE_REAL_TIME_MODE (0x100) and/or a file mode (SEQUENTIAL 0x1,
 *                          CIRCULAR 0x2), EVENT_TRACE_SYSTEM_LOGGER_MODE (0x02000000) for a system logger (evntrace.h)
 * @param clockType         Wnode.ClientContext (1 = QPC, 2 = system time, 3 = CPU cycles; wmistr.h / WNODE_HEADER
 *                          docs)
 * @param logFileName       the .etl file ETW writes (LogFileNameOffset), or null for none
 * @param maximumFileSizeMb MaximumFileSize in MB (0 = no limit; required for a circular file)
 * @param enableFlags       EnableFlags: the kernel groups of an NT Kernel Logger or system logger (0 otherwise)
 * @param sessionGuid       Wnode.Guid: SystemTraceControlGuid for the NT Kernel Logger, null (all zero) otherwise
 */
public record SessionConfig(int bufferSizeKb, int minimumBuffers, int maximumBuffers, int flushTimerSeconds,
                            int logFileMode, int clockType, String logFileName, int maximumFileSizeMb,
                            int enableFlags, UUID sessionGuid) {

    /** EVENT_TRACE_REAL_TIME_MODE (evntrace.h). */
    public static final int EVENT_TRACE_REAL_TIME_MODE = 0x00000100;
    /** EVENT_TRACE_SYSTEM_LOGGER_MODE (evntrace.h): a private system logger (Windows 8 and later). */
    public static final int EVENT_TRACE_SYSTEM_LOGGER_MODE = 0x02000000;
    /** Wnode.ClientContext value for the QPC clock (WNODE_HEADER docs). */
    public static final int CLOCK_QPC = 1;
    /** Wnode.ClientContext value for the system-time (FILETIME) clock (WNODE_HEADER docs). */
    public static final int CLOCK_SYSTEM_TIME = 2;

    public SessionConfig {
        if (bufferSizeKb < 0 || minimumBuffers < 0 || maximumBuffers < 0 || flushTimerSeconds < 0
                || maximumFileSizeMb < 0) {
            throw new IllegalArgumentException("negative session setting");
        }
    }

    /** A real-time-only configuration without file, flags or GUID (the settings of a plain session). */
    public SessionConfig(int bufferSizeKb, int minimumBuffers, int maximumBuffers, int flushTimerSeconds,
                         int logFileMode, int clockType) {
        this(bufferSizeKb, minimumBuffers, maximumBuffers, flushTimerSeconds, logFileMode, clockType, null, 0, 0,
                null);
    }

    /** True if events are delivered to real-time consumers (EVENT_TRACE_REAL_TIME_MODE). */
    public boolean realTime() {
        return (logFileMode & EVENT_TRACE_REAL_TIME_MODE) != 0;
    }
}
