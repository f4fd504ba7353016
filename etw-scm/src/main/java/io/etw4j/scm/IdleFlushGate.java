package io.etw4j.scm;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import reactor.core.scheduler.Scheduler;

/**
 * Decides whether an idle-flush tick of {@link ScmPipeline} may close join windows by the wall clock. The idle flush
 * exists for a quiet source: when no record comes, nothing else moves trace time, and a held event would wait for the
 * next record. A tick therefore acts only when the stage is idle:
 * <ul>
 *   <li>no record reached the stage between the tick's firing and its processing (records move trace time
 *       themselves), and</li>
 *   <li>the tick reached the stage within one interval of firing. A tick that waited longer waited behind a
 *       subscriber without demand or behind records; more records may still wait, in the pipeline's queues or in the
 *       source's own buffer (etw-core's hand-off), stamped before the tick. Closing windows by the tick's time would
 *       release held events before the records that complete them, so the tick is skipped.</li>
 * </ul>
 * A skipped tick loses nothing: the flush is idempotent, and the next tick of an idle stage does it (a held event
 * whose window closed during a pause comes at most about one interval after the subscriber resumes and the stage has
 * caught up). Ticks are not data: none is ever needed for an event to be emitted at the end of the stream.
 *
 * <p>Thread-safety: {@link #fire()} runs on the timer's thread, {@link #recordSeen()} and {@link #due} on the
 * (serialised) pipeline; the record count is volatile with a single writer. One instance per subscription.
 */
final class IdleFlushGate {
    private final Scheduler clock;
    private final long freshMillis;
    /** Records that reached the stage; written by the pipeline only, read by the timer. */
    private volatile long recordsSeen;

    /**
     * @param clock    the timer's clock (the scheduler the ticks run on)
     * @param interval the idle-flush interval (positive): how long after firing a tick is still fresh (at least 1 ms)
     */
    IdleFlushGate(Scheduler clock, Duration interval) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.freshMillis = Math.max(1, interval.toMillis());
    }

    /** A tick as fired: when, and how many records the stage had seen then. Immutable. */
    record Tick(long firedAtMillis, long recordsSeen) {
    }

    /** {@return a tick stamped now; called by the timer when it fires} */
    Tick fire() {
        return new Tick(clock.now(TimeUnit.MILLISECONDS), recordsSeen);
    }

    /** Notes that a record reached the stage; pipeline only. */
    void recordSeen() {
        recordsSeen = recordsSeen + 1; // single writer: the serialised pipeline
    }

    /** {@return the time to move the stage's clock to for {@code tick} (its firing), or empty to skip it} */
    Optional<Instant> due(Tick tick) {
        long now = clock.now(TimeUnit.MILLISECONDS);
        if (tick.recordsSeen() != recordsSeen || now - tick.firedAtMillis() > freshMillis) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(tick.firedAtMillis()));
    }
}
