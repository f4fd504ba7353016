package io.etw4j.core.session;

import io.etw4j.core.RecordStatistics;

/**
 * Counters of one run of an {@link EtwSession} (from the subscription to {@link EtwSession#records()} until it
 * terminates), as seen at one moment. Immutable; obtain a fresh one with {@link EtwSession#statistics()}. No public
 * constructor: etw4j creates it, so a counter added later breaks no caller.
 *
 * <p>The SDK counters are exact. The ETW counters are those of the last ControlTraceW(EVENT_TRACE_CONTROL_QUERY) or,
 * after the session stopped, the values ControlTraceW(EVENT_TRACE_CONTROL_STOP) wrote back (evntrace.h
 * EVENT_TRACE_PROPERTIES.EventsLost / RealTimeBuffersLost, read as unsigned 32-bit values).
 *
 * <p>Invariant once the run has terminated normally: {@code received == delivered + droppedBySdk + discarded}, where
 * discarded records are those still buffered when the subscriber cancelled.
 */
public final class SessionStatistics implements RecordStatistics {
    private final long received;
    private final long delivered;
    private final long droppedBySdk;
    private final long callbackFailures;
    private final long eventsLost;
    private final long realTimeBuffersLost;
    private final long lostEventRecords;
    private final long buffersWritten;
    private final boolean realTimeAdded;

    /** All counters zero: the statistics of a session that never ran. */
    public static final SessionStatistics EMPTY = new SessionStatistics(0, 0, 0, 0, 0, 0, 0, 0, false);

    static {
        io.etw4j.core.internal.Statistics.install(SessionStatistics::new);
    }

    /** {@return true if any loss counter (SDK or ETW) is non-zero} */
    @Override
    public boolean anyLoss() {
        return droppedBySdk > 0 || callbackFailures > 0 || eventsLost > 0 || realTimeBuffersLost > 0
                || lostEventRecords > 0;
    }

    /** {@return {@link #delivered()}: the records passed to the subscriber's {@code onNext}} */
    @Override
    public long recordsDelivered() {
        return delivered;
    }

    SessionStatistics(long received, long delivered, long droppedBySdk, long callbackFailures, long eventsLost,
            long realTimeBuffersLost, long lostEventRecords, long buffersWritten, boolean realTimeAdded) {
        this.buffersWritten = buffersWritten;
        this.realTimeAdded = realTimeAdded;
        this.received = received;
        this.delivered = delivered;
        this.droppedBySdk = droppedBySdk;
        this.callbackFailures = callbackFailures;
        this.eventsLost = eventsLost;
        this.realTimeBuffersLost = realTimeBuffersLost;
        this.lostEventRecords = lostEventRecords;
    }

    /** {@return records the ETW callback handed to etw4j} */
    public long received() {
        return received;
    }

    /** {@return records passed to the subscriber's {@code onNext}} */
    public long delivered() {
        return delivered;
    }

    /** {@return records dropped because the hand-off buffer was full ({@link OverflowStrategy})} */
    public long droppedBySdk() {
        return droppedBySdk;
    }

    /** {@return records lost inside the callback (copy failed, or an unexpected exception was contained)} */
    public long callbackFailures() {
        return callbackFailures;
    }

    /** {@return ETW's EventsLost for the session} */
    public long eventsLost() {
        return eventsLost;
    }

    /** {@return ETW's RealTimeBuffersLost for the session} */
    public long realTimeBuffersLost() {
        return realTimeBuffersLost;
    }

    /** {@return RT_LostEvent records received (EventTrace class {6A399AE0-4BC6-4DE9-870B-3657F8947E7E})} */
    public long lostEventRecords() {
        return lostEventRecords;
    }

    /**
     * {@return ETW's BuffersWritten for the session (evntrace.h EVENT_TRACE_PROPERTIES.BuffersWritten, unsigned): for
     * an attached session that logs to a file, growth between two snapshots means its file is still being written
     * (inferred from the member's documentation, "number of buffers written")}
     */
    public long buffersWritten() {
        return buffersWritten;
    }

    /**
     * {@return true if this run added real-time delivery to the attached session
     * ({@link AttachBuilder#addRealTimeIfMissing()}) and therefore removes it when the run ends; false for every other
     * session, and for an attached session that already had real-time delivery (left as found)}
     */
    public boolean realTimeAdded() {
        return realTimeAdded;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof SessionStatistics o)) {
            return false;
        }
        return received == o.received
                && delivered == o.delivered
                && droppedBySdk == o.droppedBySdk
                && callbackFailures == o.callbackFailures
                && eventsLost == o.eventsLost
                && realTimeBuffersLost == o.realTimeBuffersLost
                && lostEventRecords == o.lostEventRecords
                && buffersWritten == o.buffersWritten
                && realTimeAdded == o.realTimeAdded;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(received, delivered, droppedBySdk, callbackFailures, eventsLost,
                realTimeBuffersLost, lostEventRecords, buffersWritten, realTimeAdded);
    }

    @Override
    public String toString() {
        return "SessionStatistics[" + "received=" + received + ", " + "delivered=" + delivered + ", "
                + "droppedBySdk=" + droppedBySdk + ", " + "callbackFailures=" + callbackFailures + ", "
                + "eventsLost=" + eventsLost + ", " + "realTimeBuffersLost=" + realTimeBuffersLost + ", "
                + "lostEventRecords=" + lostEventRecords + ", " + "buffersWritten=" + buffersWritten + ", "
                + "realTimeAdded=" + realTimeAdded + "]";
    }
}
