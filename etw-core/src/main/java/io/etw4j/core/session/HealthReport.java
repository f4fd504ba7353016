package io.etw4j.core.session;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One loss report of an {@link EtwSession} run: every loss signal etw4j knows, with the time it was taken. Emitted by
 * {@link EtwSession#health()} periodically while the session runs ({@link Kind#POLL}) and once with the final values
 * when the session stops ({@link Kind#FINAL}). Immutable; no public constructor: etw4j creates it, so a counter added
 * later breaks no caller.
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
 * Empty when no check ran.
 *
 */
public final class HealthReport {
    private final Instant timestamp;
    private final String sessionName;
    private final Kind kind;
    private final long eventsLost;
    private final long realTimeBuffersLost;
    private final long lostEventRecords;
    private final long droppedBySdk;
    private final long callbackFailures;
    private final List<ProviderContention> contention;
    private final long buffersWritten;

    static {
        io.etw4j.core.internal.Statistics.install(HealthReport::new);
    }

    /** Why the report was made. */
    public enum Kind {
        /** A periodic ControlTrace QUERY while the session runs. */
        POLL,
        /** The values at the end of the run (read by ControlTrace STOP, or the last known ones if STOP found the
         * session already gone). The last report of a run. */
        FINAL
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

    HealthReport(Instant timestamp, String sessionName, Kind kind, long eventsLost, long realTimeBuffersLost,
            long lostEventRecords, long droppedBySdk, long callbackFailures, List<ProviderContention> contention,
            long buffersWritten) {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(sessionName, "sessionName");
        Objects.requireNonNull(kind, "kind");
        contention = List.copyOf(contention);
        this.timestamp = timestamp;
        this.sessionName = sessionName;
        this.kind = kind;
        this.eventsLost = eventsLost;
        this.realTimeBuffersLost = realTimeBuffersLost;
        this.lostEventRecords = lostEventRecords;
        this.droppedBySdk = droppedBySdk;
        this.callbackFailures = callbackFailures;
        this.contention = contention;
        this.buffersWritten = buffersWritten;
    }

    /**
     * {@return ETW's BuffersWritten for the session, from the same QUERY (evntrace.h EVENT_TRACE_PROPERTIES, unsigned):
     * not a loss signal; for a session that logs to a file, growth between reports means the file is still being
     * written (inferred from the member's documentation, "number of buffers written")}
     */
    public long buffersWritten() {
        return buffersWritten;
    }

    /** {@return when the values were read} */
    public Instant timestamp() {
        return timestamp;
    }

    /** {@return the ETW session name} */
    public String sessionName() {
        return sessionName;
    }

    /** {@return periodic poll or final values} */
    public Kind kind() {
        return kind;
    }

    /** {@return ETW EventsLost} */
    public long eventsLost() {
        return eventsLost;
    }

    /** {@return ETW RealTimeBuffersLost} */
    public long realTimeBuffersLost() {
        return realTimeBuffersLost;
    }

    /** {@return RT_LostEvent records received} */
    public long lostEventRecords() {
        return lostEventRecords;
    }

    /** {@return records dropped by etw4j} */
    public long droppedBySdk() {
        return droppedBySdk;
    }

    /** {@return records etw4j could not copy} */
    public long callbackFailures() {
        return callbackFailures;
    }

    /** {@return who else has the session's providers enabled, one entry per provider, in enable order} */
    public List<ProviderContention> contention() {
        return contention;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof HealthReport o)) {
            return false;
        }
        return timestamp.equals(o.timestamp)
                && sessionName.equals(o.sessionName)
                && kind.equals(o.kind)
                && eventsLost == o.eventsLost
                && realTimeBuffersLost == o.realTimeBuffersLost
                && lostEventRecords == o.lostEventRecords
                && droppedBySdk == o.droppedBySdk
                && callbackFailures == o.callbackFailures
                && contention.equals(o.contention)
                && buffersWritten == o.buffersWritten;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(timestamp, sessionName, kind, eventsLost, realTimeBuffersLost,
                lostEventRecords, droppedBySdk, callbackFailures, contention, buffersWritten);
    }

    @Override
    public String toString() {
        return "HealthReport[" + "timestamp=" + timestamp + ", " + "sessionName=" + sessionName + ", "
                + "kind=" + kind + ", " + "eventsLost=" + eventsLost + ", "
                + "realTimeBuffersLost=" + realTimeBuffersLost + ", " + "lostEventRecords=" + lostEventRecords + ", "
                + "droppedBySdk=" + droppedBySdk + ", " + "callbackFailures=" + callbackFailures + ", "
                + "contention=" + contention + ", " + "buffersWritten=" + buffersWritten + "]";
    }
}
