package io.etw4j.core.internal;

import java.util.List;

/**
 * One registration of a provider GUID and the sessions that enable it, as EnumerateTraceGuidsEx(TraceGuidQueryInfo)
 * reports it: a TRACE_PROVIDER_INSTANCE_INFO followed by its TRACE_ENABLE_INFO blocks (evntrace.h;
 * learn.microsoft.com "TRACE_PROVIDER_INSTANCE_INFO structure", "TRACE_ENABLE_INFO structure"). ULONGs are Java ints
 * (read them unsigned). Immutable.
 *
 * @param pid     Pid: the process that registered the provider (0 for a pre-enabled, unregistered provider: inferred)
 * @param flags   Flags: {@link #TRACE_PROVIDER_FLAG_LEGACY}, {@link #TRACE_PROVIDER_FLAG_PRE_ENABLE}
 * @param enables one entry per session that enabled the provider (EnableCount of them)
 */
public record ProviderInstance(int pid, int flags, List<Enable> enables) {
    /** TRACE_PROVIDER_FLAG_LEGACY (evntrace.h): the provider registered with RegisterTraceGuids (classic, WPP). */
    public static final int TRACE_PROVIDER_FLAG_LEGACY = 0x00000001;
    /** TRACE_PROVIDER_FLAG_PRE_ENABLE (evntrace.h): not registered, but one or more sessions enabled it. */
    public static final int TRACE_PROVIDER_FLAG_PRE_ENABLE = 0x00000002;

    public ProviderInstance {
        enables = List.copyOf(enables);
    }

    /** True for a classic provider (RegisterTraceGuids): only one session at a time receives its events. */
    public boolean legacy() {
        return (flags & TRACE_PROVIDER_FLAG_LEGACY) != 0;
    }

    /** True if the provider is not registered but sessions have enabled it. */
    public boolean preEnabled() {
        return (flags & TRACE_PROVIDER_FLAG_PRE_ENABLE) != 0;
    }

    /**
     * One TRACE_ENABLE_INFO: a session that enabled the provider and how.
     *
     * @param loggerId        LoggerId: identifies the session (the low 16 bits of its handle: inferred, see
     *                        {@link TraceStatus#loggerId()})
     * @param enabled         IsEnabled != 0 (documented as "should always be TRUE")
     * @param level           Level (UCHAR, 0..255)
     * @param enableProperty  EnableProperty (EVENT_ENABLE_PROPERTY_* bits)
     * @param matchAnyKeyword MatchAnyKeyword
     * @param matchAllKeyword MatchAllKeyword
     */
    public record Enable(int loggerId, boolean enabled, int level, int enableProperty, long matchAnyKeyword,
                         long matchAllKeyword) {
    }
}
