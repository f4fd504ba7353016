package io.etw4j.core.internal;

import io.etw4j.core.session.ExistingSessionPolicy;
import io.etw4j.core.session.KernelStackEvent;
import io.etw4j.core.session.OverflowStrategy;
import java.time.Duration;
import java.util.List;

/**
 * Everything one run of an {@code io.etw4j.core.session.EtwSession} is started with. Immutable.
 *
 * @param logicalName    the name given to the builder
 * @param etwName        the ETW session name ({@link SessionNames}; "NT Kernel Logger" for the kernel logger; the
 *                       attached session's name for {@link Kind#ATTACH})
 * @param config         EVENT_TRACE_PROPERTIES settings (unused for {@link Kind#ATTACH})
 * @param providers      EnableTraceEx2 calls, in order
 * @param policy         what to do with a live session of the same logical name
 * @param capacity       bound of the hand-off buffer between the ETW thread and the subscriber
 * @param overflow       what to drop when it is full
 * @param healthInterval period of ControlTrace QUERY polls
 * @param kind           what kind of session the run starts (or attaches to)
 * @param groupMask      PERFINFO_GROUPMASK for TraceSetInformation(TraceSystemTraceEnableFlagsInfo), 8 ULONGs; empty
 *                       for none
 * @param stackEvents    events for TraceSetInformation(TraceStackTracingInfo); empty for none
 * @param addRealTime    for {@link Kind#ATTACH}: add EVENT_TRACE_REAL_TIME_MODE to the session if it lacks it, and
 *                       remove it at the end if this run added it ({@link RealTimeAddition})
 */
public record SessionSpec(String logicalName, String etwName, SessionConfig config, List<ProviderConfig> providers,
                          ExistingSessionPolicy policy, int capacity, OverflowStrategy overflow,
                          Duration healthInterval, Kind kind, int[] groupMask, List<KernelStackEvent> stackEvents,
                          boolean addRealTime) {

    /** The kinds of session a run handles. */
    public enum Kind {
        /** An etw4j-named real-time (and/or file) session with EnableTraceEx2 providers. */
        PRIVATE,
        /** The NT Kernel Logger: fixed name, SystemTraceControlGuid, EnableFlags; one system-wide. */
        NT_KERNEL_LOGGER,
        /** An etw4j-named session in EVENT_TRACE_SYSTEM_LOGGER_MODE (Windows 8 and later). */
        SYSTEM_LOGGER,
        /** A session someone else started: consumed only (OpenTrace, ProcessTrace, CloseTrace). */
        ATTACH
    }

    public SessionSpec {
        providers = List.copyOf(providers);
        groupMask = groupMask.clone();
        stackEvents = List.copyOf(stackEvents);
    }

    /** A plain session's spec. */
    public SessionSpec(String logicalName, String etwName, SessionConfig config, List<ProviderConfig> providers,
                       ExistingSessionPolicy policy, int capacity, OverflowStrategy overflow,
                       Duration healthInterval) {
        this(logicalName, etwName, config, providers, policy, capacity, overflow, healthInterval, Kind.PRIVATE,
                new int[0], List.of(), false);
    }

    /** A copy of the group mask. */
    @Override
    public int[] groupMask() {
        return groupMask.clone();
    }

    /** True if the run opens a real-time consumer (every kind but a file-only session). */
    public boolean consumesRealTime() {
        return kind == Kind.ATTACH || config.realTime();
    }

    /** True if the run starts (and so stops) the ETW session. */
    public boolean startsSession() {
        return kind != Kind.ATTACH;
    }
}
