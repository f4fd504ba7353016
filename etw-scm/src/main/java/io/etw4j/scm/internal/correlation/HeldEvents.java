package io.etw4j.scm.internal.correlation;

import io.etw4j.scm.ScmEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * The holding stage: events and driver loads waiting for a window to close, in deadline order, bounded by
 * {@link CorrelatorOptions#maxPending()} (past it the oldest deadline is released early, with what is known, and
 * counted). Released items are finished by the {@link Finisher} the correlator gives. Single-threaded.
 */
final class HeldEvents implements Iterable<Held> {
    /** Emits a held item with what is known now. */
    interface Finisher {
        void finish(Held h, List<ScmEvent> out);
    }

    /** What {@link #matching} returns when nothing matches: empty, and {@code removeIf} on it is a no-op. */
    private static final List<Held> EMPTY = Collections.emptyList();
    private final PriorityQueue<Held> held = new PriorityQueue<>(
            Comparator.comparing((Held h) -> h.deadline).thenComparingLong(h -> h.order));
    private final CorrelatorOptions options;
    private Finisher finisher;
    private long order;
    private long releasedEarly;

    HeldEvents(CorrelatorOptions options) {
        this.options = options;
    }

    void finishWith(Finisher f) {
        this.finisher = f;
    }

    /** A new item with deadline {@code deadline}, not yet held. */
    Held create(Instant deadline) {
        return new Held(order++, deadline);
    }

    /** Holds {@code h}; releases the earliest deadlines early if more than the bound are held. */
    void hold(Held h, List<ScmEvent> out) {
        held.add(h);
        while (held.size() > options.maxPending()) {
            releasedEarly++;
            finisher.finish(held.poll(), out);
        }
    }

    /** Releases what is due: everything whose deadline is before {@code now}. */
    void release(Instant now, List<ScmEvent> out) {
        while (!held.isEmpty() && held.peek().deadline.isBefore(now)) {
            Held h = held.poll();
            if (h.event != null && h.awaitingDuplicate && h.awaitingClient) {
                // The duplicate window closed; keep waiting for the client until the join window closes.
                h.awaitingDuplicate = false;
                Instant clientDeadline = h.event.timestamp().plus(options.joinWindow());
                if (clientDeadline.isAfter(h.deadline) && !clientDeadline.isBefore(now)) {
                    h.deadline = clientDeadline;
                    held.add(h);
                    continue;
                }
            }
            finisher.finish(h, out);
        }
    }

    /** Releases everything, in deadline order. */
    void releaseAll(List<ScmEvent> out) {
        while (!held.isEmpty()) {
            finisher.finish(held.poll(), out);
        }
    }

    /**
     * The held items {@code test} accepts, in iteration order (collected first: callers then remove them); a mutable
     * list, allocated only when something matches.
     */
    List<Held> matching(Predicate<Held> test) {
        List<Held> found = null;
        for (Held h : held) {
            if (test.test(h)) {
                if (found == null) {
                    found = new ArrayList<>(4);
                }
                found.add(h);
            }
        }
        return found == null ? EMPTY : found;
    }

    /** Stops holding {@code h} and emits its event as it is now. */
    void emit(Held h, List<ScmEvent> out) {
        held.remove(h);
        out.add(h.event);
    }

    /** Stops holding {@code h} without emitting it. */
    void remove(Held h) {
        held.remove(h);
    }

    @Override
    public Iterator<Held> iterator() {
        return held.iterator();
    }

    int size() {
        return held.size();
    }

    long releasedEarly() {
        return releasedEarly;
    }

    static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
