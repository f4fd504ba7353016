package io.etw4j.core.session;

/**
 * ETW trace levels (evntrace.h TRACE_LEVEL_*). A provider enabled at a level delivers events of that level and all
 * lower (more severe) levels. WPP providers often use their own levels above {@link #VERBOSE}; use {@link #ALL} (0xFF)
 * to receive every one of them.
 */
public enum TraceLevel {
    /** TRACE_LEVEL_NONE (0): logging is off for most providers; some treat it as "everything". */
    NONE(0),
    /** TRACE_LEVEL_CRITICAL / TRACE_LEVEL_FATAL (1). */
    CRITICAL(1),
    /** TRACE_LEVEL_ERROR (2). */
    ERROR(2),
    /** TRACE_LEVEL_WARNING (3). */
    WARNING(3),
    /** TRACE_LEVEL_INFORMATION (4). */
    INFORMATION(4),
    /** TRACE_LEVEL_VERBOSE (5). */
    VERBOSE(5),
    /** 0xFF: every level, the value logman uses for WPP providers ({@code logman ... 0xffffffff 0xff}). */
    ALL(0xFF);

    private final int value;

    TraceLevel(int value) {
        this.value = value;
    }

    /** {@return the UCHAR value passed to EnableTraceEx2} */
    public int value() {
        return value;
    }
}
