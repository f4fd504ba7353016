package io.etw4j.core.session;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One loss report of an {@link EtwSession} run: every loss signal etw4j knows, with the time it was taken. Emitted by
 * {@link EtwSession#health()} periodically while the session runs ({@link Kind#POLL}) and once with the final values
 * when the session stops ({@link Kind#FINAL}). Immutable.
 *
 * <p>The signals, all cumulative since the run started:
 * <ul>
 *   <li>{@link #eventsLost()}, {@link #realTimeBuffersLost()}: ETW's own counters, read with
 *       ControlTraceW(EVENT_TRACE_CONTROL_QUERY) at each poll and from ControlTraceW(EVENT_TRACE_CONTROL_STOP) at the
 *       end (evntrace.h EVENT_TRACE_PROPERTIES).</li>
 *   <li>{@link #lostEventRecords()}: RT_LostEvent records ETW put into the stream (class GUID
 *       {6A399AE0-4BC6-4DE9-870B-3657F8947E7E}, event types 32 RTLostEvent, 33 RTLostBuffer, 34 RTLostFile;
 *       learn.microsoft.com "RT_LostEvent class").</li>
 *   <li>{@link #droppedBySdk()}, {@link #callbackFailures()}: records etw4j dropped (full hand-off buffer) or could
 *       not copy.</li>
 * </ul>
 *
 * <p>{@link #contention()}: one {@link ProviderContention} per provider the session enabled, as found by
 * EnumerateTraceGuidsEx when the run started (after EnableTraceEx2) and again at each poll: whether this session still
 * has the provider enabled and which other sessions have it too. A FINAL report repeats the last values found while
 * the session ran. An enumeration that fails gives {@link ProviderContention.State#UNKNOWN}, never a failed session.
 * Empty when no check ran (e.g. a report built with the eight-argument constructor).
 *
 * @param timestamp           when the values were read
 * @param sessionName         the ETW session name
 * @param kind                periodic poll or final values
 * @param eventsLost          ETW EventsLost
 * @param realTimeBuffersLost ETW RealTimeBuffersLost
 * @param lostEventRecords    RT_LostEvent records received
 * @param droppedBySdk        records dropped by etw4j
 * @param callbackFailures    records etw4j could not copy
 * @param contention          who else has the session's providers enabled, one entry per provider, in enable order
 */
public record HealthReport(Instant timestamp, String sessionName, Kind kind, long eventsLost,
                           long realTimeBuffersLost, long lostEventRecords, long droppedBySdk,
                           long callbackFailures, List<ProviderContention> contention) {

    /** Why the report was made. */
    public enum Kind {
        /** A periodic ControlTrace QUERY while the session runs. */
        POLL,
        /** The values at the end of the run (read by ControlTrace STOP, or the last known ones if STOP found the
         * session already gone). The last report of a run. */
        FINAL
    }

    /**
     * Creates the record (the canonical constructor).
     *
     * @param timestamp when the values were read
     * @param sessionName the ETW session name
     * @param kind periodic poll or final values
     * @param eventsLost ETW EventsLost
     * @param realTimeBuffersLost ETW RealTimeBuffersLost
     * @param lostEventRecords RT_LostEvent records received
     * @param droppedBySdk records dropped by etw4j
     * @param callbackFailures records etw4j could not copy
     * @param contention who else has the session's providers enabled, one entry per provider, in enable order
     */
    public HealthReport {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(sessionName, "sessionName");
        Objects.requireNonNull(kind, "kind");
        contention = List.copyOf(contention);
    }

    /**
     * A report without provider contention information ({@link #contention()} empty).
     *
     * @param timestamp when the values were read
     * @param sessionName the ETW session name
     * @param kind periodic poll or final values
     * @param eventsLost ETW EventsLost
     * @param realTimeBuffersLost ETW RealTimeBuffersLost
     * @param lostEventRecords RT_LostEvent records received
     * @param droppedBySdk records dropped by etw4j
     * @param callbackFailures records etw4j could not copy
     */
    public HealthReport(Instant timestamp, String sessionName, Kind kind, long eventsLost, long realTimeBuffersLost,
                        long lostEventRecords, long droppedBySdk, long callbackFailures) {
        this(timestamp, sessionName, kind, eventsLost, realTimeBuffersLost, lostEventRecords, droppedBySdk,
                callbackFailures, List.of());
    }

    /** {@return the providers whose {@link ProviderContention#contended()} is true (shared, not held, or unknown)} */
    public List<ProviderContention> contendedProviders() {
        return contention.stream().filter(ProviderContention::contended).toList();
    }

    /** {@return true if any loss counter is non-zero} */
    public boolean anyLoss() {
        return eventsLost > 0 || realTimeBuffersLost > 0 || lostEventRecords > 0 || droppedBySdk > 0
                || callbackFailures > 0;
    }

    /**
     * {@return true if any loss counter is larger than in {@code earlier} (a loss happened between the two reports)}
     *
     * @param earlier an earlier report of the same session
     */
    public boolean lossSince(HealthReport earlier) {
        return eventsLost > earlier.eventsLost || realTimeBuffersLost > earlier.realTimeBuffersLost
                || lostEventRecords > earlier.lostEventRecords || droppedBySdk > earlier.droppedBySdk
                || callbackFailures > earlier.callbackFailures;
    }
}
