package io.etw4j.scm.internal.correlation;

import io.etw4j.core.EventRecord;
import io.etw4j.scm.internal.wpp.WppMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Holds the SCM WPP records the decoder could not decide yet ({@link WppMessage.Unknown#deferrable()}: several
 * layouts of source files fit and the record's message GUID has no file bound), until a later record teaches the
 * decoder the file, so that the first start request after a monitor starts (0x0c, ambiguous until RStartServiceW's
 * 0x0d or 0x0e names its message GUID, logged right after it on the same services.exe thread) is still typed and
 * attributed.
 *
 * <p>A held record is decoded again ({@link #decided}) each time another WPP record was decoded while it is held; it
 * leaves the hold when the new decoding is final (an act, or an unknown that is no longer deferrable), in arrival
 * order. Otherwise it is released as an unknown with its original reason and how long it was held: when trace time
 * passes its timestamp plus {@link CorrelatorOptions#ambiguousHoldWindow()} ({@link #expired}), when a new request
 * arrives on its thread (the call it belonged to has returned: {@link #releaseThread}), when more than the cap are held
 * (oldest first, counted in {@link #releasedEarly()}), or at the end ({@link #releaseAll}).
 *
 * <p>Not thread-safe (the correlator's thread); bounded by the cap.
 */
final class AmbiguousWppHold {
    private final Duration window;
    private final int cap;
    /** Held records in arrival order. */
    private final List<WppMessage.Unknown> held = new ArrayList<>();
    private long heldTotal;
    private long decidedLater;
    private long releasedUnknown;
    private long releasedEarly;

    AmbiguousWppHold(Duration window, int cap) {
        this.window = window;
        this.cap = cap;
    }

    /** True if nothing is held. */
    boolean isEmpty() {
        return held.isEmpty();
    }

    int size() {
        return held.size();
    }

    /** Records held so far. */
    long heldTotal() {
        return heldTotal;
    }

    /** Held records that a later record decided. */
    long decidedLater() {
        return decidedLater;
    }

    /** Held records released as unknown (window, new request on the thread, cap, end). */
    long releasedUnknown() {
        return releasedUnknown;
    }

    /** Held records released before their window closed because more than the cap were held. */
    long releasedEarly() {
        return releasedEarly;
    }

    /** How long a record is held at most (trace time). */
    Duration window() {
        return window;
    }

    /**
     * Holds {@code u} if it is deferrable and holding is on; returns false otherwise (route it as it is). Records
     * released to make room (oldest first) are added to {@code released}.
     */
    boolean hold(WppMessage.Unknown u, Instant now, List<WppMessage> released) {
        if (!u.deferrable() || window.isZero()) {
            return false;
        }
        held.add(u);
        heldTotal++;
        while (held.size() > cap) {
            released.add(release(held.remove(0), now));
            releasedEarly++;
        }
        return true;
    }

    /**
     * Decodes every held record again with {@code decoder} and returns, in arrival order, the final messages of those
     * it now decides (removed from the hold). A decoder that throws leaves the record held.
     */
    List<WppMessage> decided(Function<EventRecord, Optional<WppMessage>> decoder) {
        List<WppMessage> out = new ArrayList<>(0);
        for (Iterator<WppMessage.Unknown> it = held.iterator(); it.hasNext();) {
            WppMessage.Unknown u = it.next();
            Optional<WppMessage> again;
            try {
                again = decoder.apply(u.source());
            } catch (RuntimeException e) {
                continue;
            }
            if (again != null && again.isPresent()
                    && !(again.get() instanceof WppMessage.Unknown x && x.deferrable())) {
                it.remove();
                decidedLater++;
                out.add(again.get());
            }
        }
        return out;
    }

    /** Releases, in arrival order, the records whose hold window trace time {@code now} has passed. */
    List<WppMessage> expired(Instant now) {
        if (held.isEmpty()) {
            return List.of(); // the common case, once per record: no list, no iterator
        }
        List<WppMessage> out = new ArrayList<>(0);
        for (Iterator<WppMessage.Unknown> it = held.iterator(); it.hasNext();) {
            WppMessage.Unknown u = it.next();
            if (now.isAfter(u.source().timestamp().plus(window))) {
                it.remove();
                out.add(release(u, now));
            }
        }
        return out;
    }

    /** Releases, in arrival order, the records held on services.exe thread {@code threadId}. */
    List<WppMessage> releaseThread(int threadId, Instant now) {
        List<WppMessage> out = new ArrayList<>(0);
        for (Iterator<WppMessage.Unknown> it = held.iterator(); it.hasNext();) {
            WppMessage.Unknown u = it.next();
            if (u.source().threadId() == threadId) {
                it.remove();
                out.add(release(u, now));
            }
        }
        return out;
    }

    /** Releases everything held, in arrival order. */
    List<WppMessage> releaseAll(Instant now) {
        List<WppMessage> out = new ArrayList<>(held.size());
        for (WppMessage.Unknown u : held) {
            out.add(release(u, now));
        }
        held.clear();
        return out;
    }

    private WppMessage.Unknown release(WppMessage.Unknown u, Instant now) {
        releasedUnknown++;
        EventRecord r = u.source();
        Duration d = now == null || now.isBefore(r.timestamp()) ? Duration.ZERO : Duration.between(r.timestamp(), now);
        String seconds = String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
        return new WppMessage.Unknown(r, u.reason() + "; held " + seconds + " s on thread " + r.threadId()
                + " for a record identifying its file; none came");
    }
}
