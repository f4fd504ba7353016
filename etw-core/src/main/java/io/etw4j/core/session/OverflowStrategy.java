package io.etw4j.core.session;

/**
 * What {@link EtwSession#records()} does with a record when its bounded hand-off buffer between the ETW processing
 * thread and the subscriber is full (the subscriber is slower than ETW, or has not requested). ETW cannot be paused:
 * blocking its thread would only move the loss into ETW's own buffers (EventsLost, RealTimeBuffersLost) and stall
 * every other consumer of the session, so etw4j drops and counts instead. Every dropped record is counted in
 * {@link SessionStatistics#droppedBySdk()} and {@link HealthReport#droppedBySdk()}.
 */
public enum OverflowStrategy {
    /**
     * Drop the record that does not fit; the buffered (older) records are kept. Cost: the newest activity is lost
     * during a burst. The default.
     */
    DROP_NEWEST,
    /**
     * Drop the oldest buffered record to make room for the new one. Cost: the subscriber sees a gap before the
     * records it gets; one extra queue operation on the ETW thread per overflow.
     */
    DROP_OLDEST
}
