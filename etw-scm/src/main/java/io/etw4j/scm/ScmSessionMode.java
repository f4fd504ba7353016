package io.etw4j.scm;

/**
 * How a live {@link ScmMonitor} gets the records of the SCM WPP provider ("Service Control Manager Trace"), a classic
 * provider that only one trace session at a time can enable (learn.microsoft.com "Configuring and Starting an Event
 * Tracing Session"; "EnableTraceEx2 function"; that a later enable takes it from the earlier session is inferred from
 * them). Chosen when the monitor is built ({@link ScmMonitorBuilder#create()}); reported in
 * {@link ScmMonitorStatistics#scmSession()}.
 */
public enum ScmSessionMode {
    /**
     * services.exe's own always-on session "SCM" holds the provider: the monitor does not enable it anywhere. It adds
     * real-time delivery to that session (ControlTraceW UPDATE, LogFileMode | EVENT_TRACE_REAL_TIME_MODE) unless it
     * has it, consumes it by name next to its own session, and removes the real-time delivery at the end if it added
     * it. The SCM session keeps writing {@code LogFiles\Scm\SCM.EVM} throughout (inferred: not verified on a host).
     * How soon its records arrive, and whether the 1-second flush ETW gives real-time loggers whose FlushTimer is 0
     * (learn.microsoft.com "EVENT_TRACE_PROPERTIES structure") then applies to it and shortens the time its circular
     * file covers, is not documented: the README's "share or private" section says what to measure.
     */
    SHARE,
    /**
     * The provider is enabled in the monitor's own session, with the enable flags services.exe uses (the registry's
     * {@code Flags}, default {@value ScmProviders#SCM_SESSION_DEFAULT_FLAGS_TEXT}): there is no SCM session
     * (TracingDisabled, or it is not running), it does not hold the provider, or the builder asked for it
     * ({@link ScmMonitorBuilder#privateScmSession(boolean)}). If the SCM session held the provider, the monitor takes
     * it (its file stops receiving records while the monitor runs: inferred) and gives it back at the end with the
     * level and flags it had.
     */
    PRIVATE
}
