package io.etw4j.core.session;

import io.etw4j.core.RecordStatistics;

/**
 * Counters of one run of an {@link EtwSession} (from the subscription to {@link EtwSession#records()} until it
 * terminates), as seen at one moment. Immutable; obtain a fresh one with {@link EtwSession#statistics()}.
 *
 * <p>The SDK counters are exact. The ETW counters are those of the last ControlTraceW(EVENT_TRACE_CONTROL_QUERY) or,
 * after the session stopped, the values ControlTraceW(EVENT_TRACE_CONTROL_STOP) wrote back (evntrace.h
 * EVENT_TRACE_PROPERTIES.EventsLost / RealTimeBuffersLost, read as unsigned 32-bit values).
 *
 * <p>Invariant once the run has terminated normally: {@code received == delivered + droppedBySdk + discarded}, where
 * discarded records are those still buffered when the subscriber cancelled.
 *
 * @param received            records the ETW callback handed to etw4j
 * @param delivered           records passed to the subscriber's {@code onNext}
 * @param droppedBySdk        records dropped because the hand-off buffer was full ({@link OverflowStrategy})
 * @param callbackFailures    records lost inside the callback (copy failed, or an unexpected exception was contained)
 * @param eventsLost          ETW's EventsLost for the session
 * @param realTimeBuffersLost ETW's RealTimeBuffersLost for the session
 * @param lostEventRecords    RT_LostEvent records received (EventTrace class {6A399AE0-4BC6-4DE9-870B-3657F8947E7E})
 */
public record SessionStatistics(long received, long delivered, long droppedBySdk, long callbackFailures,
                                long eventsLost, long realTimeBuffersLost, long lostEventRecords)
        implements RecordStatistics {

    /** All counters zero: the statistics of a session that never ran. */
    public static final SessionStatistics EMPTY = new SessionStatistics(0, 0, 0, 0, 0, 0, 0);

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
}
