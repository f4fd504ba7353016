package io.etw4j.core.internal;

/**
 * The EVENT_TRACE_PROPERTIES values etw4j sets for a real-time session (evntrace.h EVENT_TRACE_PROPERTIES; meanings
 * from learn.microsoft.com "EVENT_TRACE_PROPERTIES structure"). Zero means "let ETW choose" for every numeric field.
 *
 * @param bufferSizeKb      BufferSize in KB (ETW accepts 4..16384, EVENT_TRACE_PROPERTIES docs; 0 = ETW default;
 *                          EtwSession.Builder refuses values outside 4..16384)
 * @param minimumBuffers    MinimumBuffers (0 = ETW default)
 * @param maximumBuffers    MaximumBuffers (0 = ETW default)
 * @param flushTimerSeconds FlushTimer in seconds (0 = only when a buffer is full)
 * @param logFileMode       LogFileMode; etw4j always sets EVENT_TRACE_REAL_TIME_MODE (0x100, evntrace.h)
 * @param clockType         Wnode.ClientContext (1 = QPC, 2 = system time, 3 = CPU cycles; wmistr.h / WNODE_HEADER
 *                          docs)
 */
public record SessionConfig(int bufferSizeKb, int minimumBuffers, int maximumBuffers, int flushTimerSeconds,
                            int logFileMode, int clockType) {

    /** EVENT_TRACE_REAL_TIME_MODE (evntrace.h). */
    public static final int EVENT_TRACE_REAL_TIME_MODE = 0x00000100;
    /** Wnode.ClientContext value for the QPC clock (WNODE_HEADER docs). */
    public static final int CLOCK_QPC = 1;
    /** Wnode.ClientContext value for the system-time (FILETIME) clock (WNODE_HEADER docs). */
    public static final int CLOCK_SYSTEM_TIME = 2;

    public SessionConfig {
        if (bufferSizeKb < 0 || minimumBuffers < 0 || maximumBuffers < 0 || flushTimerSeconds < 0) {
            throw new IllegalArgumentException("negative session setting");
        }
    }
}
