package io.etw4j.scm;

/**
 * Which trace attributed an SCM event to its client process. Detection rules can weigh them: the documented
 * Microsoft-Windows-Services events carry the client's process start key; the SCM WPP messages carry only a PID.
 */
public enum AttributionSource {
    /** The "Service Control Manager Trace" WPP provider {EBCCA1C2-AB46-4A1D-8C2A-906C2FF25F39}: a client PID. */
    SCM_WPP,
    /** Microsoft-Windows-Services {0063715B-EEDA-4007-9429-AD526F62696E}: client PID and process start key. */
    SERVICES_PROVIDER,
    /** Joined through other events (e.g. a driver load joined to the service start that caused it). */
    CORRELATION,
    /** No source named a client. */
    NONE
}
