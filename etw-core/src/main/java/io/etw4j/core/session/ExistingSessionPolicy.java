package io.etw4j.core.session;

import io.etw4j.core.EtwCallException;
/**
 * What {@link EtwSession} does when, at start, an ETW session with the same name is already running and its owner is
 * alive (a session whose etw4j owner process is gone is always reclaimed, whatever the policy; see
 * {@link EtwSession}).
 *
 * <p>Real-time sessions are a scarce, system-wide resource (64 by default) that outlive the process that started them,
 * so the safe default is {@link #FAIL}.
 */
public enum ExistingSessionPolicy {
    /**
     * Signal an {@link EtwCallException} ({@code StartTraceW}, ERROR_ALREADY_EXISTS) and leave the running session
     * alone. The default.
     */
    FAIL,
    /**
     * Stop the running session of the same name (ControlTrace STOP), even if another live process consumes it, and
     * start a fresh one. Use it only when this program is the only legitimate user of the name.
     */
    STOP_AND_RESTART
}
