package io.etw4j.core.internal.win32;

import io.etw4j.core.internal.FileTimes;
import java.time.Instant;

/**
 * Turns EVENT_HEADER.TimeStamp, as a consumer receives it, into an {@link Instant}.
 *
 * <p>What the consumer receives depends on the consumer, not only on the session clock: unless the consumer opens the
 * trace with {@link Advapi32#PROCESS_TRACE_MODE_RAW_TIMESTAMP}, ProcessTrace converts every TimeStamp to system
 * time, a FILETIME, whatever WNODE_HEADER.ClientContext (1 QPC, 2 system time, 3 CPU cycles) the session was started
 * with (learn.microsoft.com "EVENT_HEADER structure (evntcons.h)", TimeStamp: "The resolution is system time unless
 * the ProcessTraceMode member of EVENT_TRACE_LOGFILE contains the PROCESS_TRACE_MODE_RAW_TIMESTAMP flag"). So
 * {@link #fileTime()} is right for every session consumed without that flag; {@link #qpc} is for raw QPC
 * timestamps with a known reference point. Implementations must be thread-safe and fast (called once per event).
 */
@FunctionalInterface
public interface TimestampConverter {

    /**
     * The instant {@code raw} denotes.
     *
     * @throws ArithmeticException or {@link java.time.DateTimeException} if it cannot be represented
     */
    Instant toInstant(long raw);

    /** TimeStamp is a FILETIME (100 ns units since 1601-01-01 UTC): the default ProcessTrace mode. */
    static TimestampConverter fileTime() {
        return FileTimes::toInstant;
    }

    /**
     * TimeStamp is a raw QPC value (ClientContext 1 with PROCESS_TRACE_MODE_RAW_TIMESTAMP):
     * {@code FILETIME = referenceFileTime + (raw - referenceTicks) * 10^7 / frequency}, truncated to 100 ns.
     *
     * @param frequency         QPC ticks per second (TRACE_LOGFILE_HEADER.PerfFreq)
     * @param referenceTicks    a QPC value whose FILETIME is known
     * @param referenceFileTime the FILETIME of {@code referenceTicks}
     */
    static TimestampConverter qpc(long frequency, long referenceTicks, long referenceFileTime) {
        if (frequency <= 0) {
            throw new IllegalArgumentException("QPC frequency must be positive: " + frequency);
        }
        return raw -> {
            long delta = Math.subtractExact(raw, referenceTicks);
            // Split so that no intermediate product overflows: whole seconds, then the remainder (< frequency).
            long seconds = Math.floorDiv(delta, frequency);
            long rest = Math.floorMod(delta, frequency);
            // rest < frequency, so rest * 10^7 fits a long for any frequency below ~9.2e11 Hz (real QPC: 10 MHz..GHz).
            long hundredNanos = Math.addExact(Math.multiplyExact(seconds, 10_000_000L),
                    Math.multiplyExact(rest, 10_000_000L) / frequency);
            return FileTimes.toInstant(Math.addExact(referenceFileTime, hundredNanos));
        };
    }
}
