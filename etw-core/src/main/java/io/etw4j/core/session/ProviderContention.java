package io.etw4j.core.session;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Which trace sessions have one of an {@link EtwSession}'s providers enabled, besides that session: the answer to
 * "does my session still get this provider's events, and who else asked for them?". Immutable.
 *
 * <p>Why it matters: up to eight sessions can enable the same manifest-based provider, but only one session can enable
 * a classic provider (RegisterTraceGuids, which includes WPP providers such as the SCM trace); when a second session
 * enables a classic provider, the first one stops receiving its events, and nothing tells the first one
 * (learn.microsoft.com "Configuring and Starting an Event Tracing Session"; "EnableTraceEx2 function", remarks). So
 * enabling a classic provider may take it from another tool's session, and any other tool may take it from yours.
 *
 * <p>How it is found: EnumerateTraceGuidsEx(TraceGuidQueryInfo) lists, for the provider GUID, every registration
 * (TRACE_PROVIDER_INSTANCE_INFO; its TRACE_PROVIDER_FLAG_LEGACY marks a classic provider) and the sessions enabling it
 * (TRACE_ENABLE_INFO.LoggerId); the logger ids are named with QueryAllTracesW, reading a session's logger id as the
 * low 16 bits of its handle (Wnode.HistoricalContext) - inferred from TRACE_ENABLE_CONTEXT (evntrace.h), not verified
 * on a Windows host. Whether ETW still lists the earlier session after a classic provider was taken from it is not
 * documented: so a classic provider reported {@link State#SHARED} means that at most one of the sessions listed
 * receives its events (the one that enabled it last).
 *
 * @param providerId      the provider's control GUID
 * @param state           what was found
 * @param classicProvider true if a registration of the GUID carries TRACE_PROVIDER_FLAG_LEGACY (false when unknown)
 * @param otherSessions   the sessions other than this one that have the provider enabled, in the order Windows listed
 *                        them (empty when {@link State#UNKNOWN})
 * @param detail          one sentence for logs and reports: what was found or why it could not be found
 */
public record ProviderContention(UUID providerId, State state, boolean classicProvider, List<Holder> otherSessions,
                                 String detail) {

    /** What the enumeration said about this session's hold on the provider. */
    public enum State {
        /** Only this session has the provider enabled. */
        EXCLUSIVE,
        /**
         * This session and at least one other have it enabled. Normal for a manifest-based provider; for a classic
         * provider only the session that enabled it last receives its events.
         */
        SHARED,
        /**
         * This session is not among the sessions that have it enabled (another session took it, or nothing has it
         * enabled any more): its events no longer reach this session.
         */
        NOT_HELD,
        /** The enumeration failed (see {@link #detail()}); the session runs on regardless. */
        UNKNOWN
    }

    /**
     * A session that has the provider enabled.
     *
     * @param loggerId    TRACE_ENABLE_INFO.LoggerId
     * @param sessionName its name from QueryAllTracesW, empty if it was not listed (or the listing failed)
     */
    public record Holder(int loggerId, Optional<String> sessionName) {
        /**
         * Creates the record (the canonical constructor).
         *
         * @param loggerId TRACE_ENABLE_INFO.LoggerId
         * @param sessionName its name from QueryAllTracesW, empty if it was not listed (or the listing failed)
         */
        public Holder {
            Objects.requireNonNull(sessionName, "sessionName");
        }

        /** The name in quotes, or {@code logger id N} if the name is not known. */
        @Override
        public String toString() {
            return sessionName.map(n -> "'" + n + "'").orElse("logger id " + loggerId);
        }
    }

    /**
     * Creates the record (the canonical constructor).
     *
     * @param providerId the provider's control GUID
     * @param state what was found
     * @param classicProvider true if a registration of the GUID carries TRACE_PROVIDER_FLAG_LEGACY (false when unknown)
     * @param otherSessions the sessions other than this one that have the provider enabled, in the order Windows listed
     *        them (empty when {@link State#UNKNOWN})
     * @param detail one sentence for logs and reports: what was found or why it could not be found
     */
    public ProviderContention {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(state, "state");
        otherSessions = List.copyOf(otherSessions);
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * {@return true if this session was found among the sessions enabling the provider ({@link
     * State#EXCLUSIVE}/SHARED)}
     */
    public boolean heldByThisSession() {
        return state == State.EXCLUSIVE || state == State.SHARED;
    }

    /**
     * {@return true unless the state is {@link State#EXCLUSIVE}: someone else has it, nobody has it, or nobody knows}
     */
    public boolean contended() {
        return state != State.EXCLUSIVE;
    }
}
