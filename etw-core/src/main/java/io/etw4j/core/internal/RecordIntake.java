package io.etw4j.core.internal;

import io.etw4j.core.EventRecord;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ETW callback of a run: runs on the ProcessTrace thread (the one producer of the run's {@link RecordHandOff}),
 * counts what arrives (RT_LostEvent records, records after cancel, callback failures) and offers each record to the
 * hand-off. It never blocks and never throws into ETW. The run holds it strongly for its whole life: native code calls
 * into it. Counters are thread-safe to read from any thread.
 */
final class RecordIntake implements EtwNative.RecordSink {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRun.class);

    /**
     * EventTrace class of RT_LostEvent records (learn.microsoft.com "Lost_Event class" / "RT_LostEvent class":
     * {6a399ae0-4bc6-4de9-870b-3657f8947e7e}, event types 32 RTLostEvent, 33 RTLostBuffer, 34 RTLostFile).
     */
    static final UUID RT_LOST_EVENT_GUID = UUID.fromString("6a399ae0-4bc6-4de9-870b-3657f8947e7e");

    private final RecordHandOff<EventRecord> handOff;
    private final BooleanSupplier cancelled;
    private final String etwName;
    /** Records received after cancel (not offered to the hand-off). */
    private final AtomicLong receivedAfterCancel = new AtomicLong();
    private final AtomicLong callbackFailures = new AtomicLong();
    private final AtomicLong lostEventRecords = new AtomicLong();

    RecordIntake(RecordHandOff<EventRecord> handOff, BooleanSupplier cancelled, String etwName) {
        this.handOff = handOff;
        this.cancelled = cancelled;
        this.etwName = etwName;
    }

    @Override
    public void onRecord(EventRecord record) {
        try {
            if (RT_LOST_EVENT_GUID.equals(record.providerId())) {
                lostEventRecords.incrementAndGet();
            }
            if (cancelled.getAsBoolean()) {
                receivedAfterCancel.incrementAndGet();
                return;
            }
            // counts the record as offered (received) and, if so, as dropped; unparks the deliverer if needed
            handOff.offer(record);
        } catch (Throwable t) {
            callbackFailures.incrementAndGet();
        }
    }

    @Override
    public void onCopyFailure(Throwable failure) {
        try {
            callbackFailures.incrementAndGet();
            LOG.debug("EVENT_RECORD copy failed in {}", etwName, failure);
        } catch (Throwable ignored) {
            // never throw into ETW
        }
    }

    /** {@return records received after the run was cancelled (not offered to the hand-off)} */
    long receivedAfterCancel() {
        return receivedAfterCancel.get();
    }

    /** {@return callbacks that failed (a copy failure, or a failure while offering)} */
    long callbackFailures() {
        return callbackFailures.get();
    }

    /** {@return RT_LostEvent records seen} */
    long lostEventRecords() {
        return lostEventRecords.get();
    }
}
