package io.etw4j.core.internal;

import io.etw4j.core.EtwCallException;
import io.etw4j.core.session.ExistingSessionPolicy;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start of a run that starts its own session: orphans reclaimed, the {@link ExistingSessionPolicy} applied,
 * StartTraceW, then the kernel settings (TraceSetInformation). Stateless; called on the subscribing thread by
 * {@link SessionRun}.
 */
final class SessionStartup {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRun.class);

    private SessionStartup() {
    }

    /**
     * QueryAllTracesW, then: stops every etw4j session whose owner is gone, and applies the
     * {@link ExistingSessionPolicy} to a live etw4j session of the same logical name. Foreign sessions are never
     * touched. A failing listing is logged and skipped.
     */
    static void reclaimOrphansAndApplyPolicy(SessionSpec spec, OwnerProbe owners, EtwNative n) {
        List<TraceStatus> running;
        try {
            TraceList listed = n.queryAllTraces();
            running = listed.sessions();
            if (listed.moreNotListed()) {
                LOG.info("More trace sessions run than QueryAllTracesW lists ({}); orphaned etw4j sessions beyond "
                        + "them cannot be reclaimed now", running.size());
            }
        } catch (EtwCallException e) {
            LOG.warn("QueryAllTracesW failed; orphaned etw4j sessions cannot be reclaimed now: {}", e.getMessage());
            return;
        }
        // The NT Kernel Logger's fixed name records no owner: only etw4j-named orphans are reclaimed here, and a
        // running kernel logger meets the ExistingSessionPolicy in startWithPolicy.
        SessionNames.Owned self = SessionNames.parse(spec.etwName()).orElse(null);
        for (TraceStatus t : running) {
            Optional<SessionNames.Owned> parsed = SessionNames.parse(t.sessionName());
            if (parsed.isEmpty()) {
                continue; // foreign session: never touched
            }
            SessionNames.Owned owner = parsed.get();
            boolean ours = self != null && owner.pid() == self.pid() && owner.startMillis() == self.startMillis();
            boolean alive = ours || owners.isAlive(owner.pid(), owner.startMillis());
            if (!alive) {
                LOG.info("Stopping orphaned etw4j session {} (owner process {} is gone)", t.sessionName(),
                        owner.pid());
                stopByName(n, t.sessionName(), false);
            } else if (self != null && owner.logicalName().equals(spec.logicalName())) {
                if (spec.policy() == ExistingSessionPolicy.FAIL) {
                    throw new EtwCallException("StartTraceW", Win32Errors.ERROR_ALREADY_EXISTS,
                            "session " + t.sessionName() + " of live process " + owner.pid()
                                    + " already uses the name '" + spec.logicalName() + "'");
                }
                LOG.info("Stopping ETW session {} of live process {} (ExistingSessionPolicy.STOP_AND_RESTART)",
                        t.sessionName(), owner.pid());
                stopByName(n, t.sessionName(), true);
            }
        }
    }

    /** Stops a session by name; "not found" is success; other errors are thrown if {@code mustStop}. */
    static void stopByName(EtwNative n, String name, boolean mustStop) {
        try {
            n.stopTrace(name);
        } catch (EtwCallException e) {
            if (e.errorCode() == Win32Errors.ERROR_WMI_INSTANCE_NOT_FOUND) {
                return;
            }
            if (mustStop) {
                throw e;
            }
            LOG.warn("Could not stop orphaned session {}: {}", name, e.getMessage());
        }
    }

    /** StartTraceW, with the {@link ExistingSessionPolicy} applied to a session of the same ETW name. */
    static long startWithPolicy(SessionSpec spec, EtwNative n) {
        try {
            return n.startTrace(spec.etwName(), spec.config());
        } catch (EtwCallException e) {
            if (e.errorCode() == Win32Errors.ERROR_ALREADY_EXISTS
                    && spec.policy() == ExistingSessionPolicy.STOP_AND_RESTART) {
                LOG.info("Stopping the running ETW session {} (ExistingSessionPolicy.STOP_AND_RESTART)",
                        spec.etwName());
                stopByName(n, spec.etwName(), true);
                return n.startTrace(spec.etwName(), spec.config());
            }
            if (e.errorCode() == Win32Errors.ERROR_ALREADY_EXISTS
                    && spec.kind() == SessionSpec.Kind.NT_KERNEL_LOGGER) {
                throw new EtwCallException("StartTraceW", e.errorCode(), "the NT Kernel Logger already runs (one "
                        + "per system; its fixed name records no owner, so etw4j cannot tell whether it is an orphan)"
                        + ": stop it (logman stop \"NT Kernel Logger\" -ets), use ExistingSessionPolicy."
                        + "STOP_AND_RESTART, or use a system logger session (Windows 8 and later)");
            }
            throw e;
        }
    }

    /** TraceSetInformation calls of kernel sessions: the group mask, then the events with stacks. */
    static void configureKernel(SessionSpec spec, EtwNative n, long handle) {
        int[] mask = spec.groupMask();
        if (mask.length > 0) {
            n.traceSetInformation(handle, EtwNative.TRACE_SYSTEM_TRACE_ENABLE_FLAGS_INFO, KernelInformation.groupMask(
                    mask));
        }
        if (!spec.stackEvents().isEmpty()) {
            n.traceSetInformation(handle, EtwNative.TRACE_STACK_TRACING_INFO,
                    KernelInformation.classicEventIds(spec.stackEvents()));
        }
    }
}
