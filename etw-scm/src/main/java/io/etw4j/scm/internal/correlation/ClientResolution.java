package io.etw4j.scm.internal.correlation;

import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceStarted;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The client-resolution stage: an event's client from the process table (start key, then PID at the event's time),
 * the live lookup only as a fallback, called once when the event arrives ({@link ClientEnricher}). An event whose
 * client neither knows is held up to the join window for the client's ProcessStart, which per-CPU buffering can
 * deliver after it; an event that also waits for a duplicate report, an image path or a client SID is held for
 * those. Single-threaded.
 */
final class ClientResolution {
    private final CorrelatorOptions options;
    private final ClientEnricher enricher;
    private final ServiceStartLog starts;
    private final HeldEvents held;
    private final ImagesAndSids imagesAndSids;

    ClientResolution(CorrelatorOptions options, ClientEnricher enricher, ServiceStartLog starts, HeldEvents held,
            ImagesAndSids imagesAndSids) {
        this.options = options;
        this.enricher = enricher;
        this.starts = starts;
        this.held = held;
        this.imagesAndSids = imagesAndSids;
    }

    /**
     * Resolves the event's client and emits it, or holds it for a late client, a duplicate report ({@code
     * awaitDuplicate}), the image path of a creation without one, or the client SID of a successful start.
     *
     * @return true if held driver loads should be re-joined now (a start or creation became known)
     */
    boolean admit(ScmEvent event, boolean awaitDuplicate, List<ScmEvent> out) {
        boolean awaitImage = ImagesAndSids.awaitsImage(event);
        boolean awaitSid = imagesAndSids.awaitsSid(event);
        if (!event.client().isKnown()) {
            if (event instanceof ServiceStarted s) {
                starts.add(s);
            }
            if (!awaitImage && !awaitSid) {
                out.add(event);
                return true;
            }
            Held h = held.create(event.timestamp().plus(awaitImage ? imagesAndSids.imageWait()
                    : options.duplicateWindow()));
            h.event = event;
            h.awaitingImage = awaitImage;
            h.awaitingSid = awaitSid;
            held.hold(h, out);
            return false;
        }
        Held.ClientQuery q = Held.ClientQuery.of(event.client(), event.timestamp());
        Optional<ClientProcess> known = enricher.fromTable(q.pid(), q.key(), q.traceParent(), q.time());
        ClientProcess fallback = null;
        if (known.isEmpty()) {
            ClientProcess given = event.client();
            boolean alreadyResolved = given.resolution() != ClientProcess.Resolution.PID_ONLY
                    && given.resolution() != ClientProcess.Resolution.UNKNOWN;
            fallback = alreadyResolved ? given : enricher.fromLiveSystem(q.pid(), q.key(), q.traceParent(), q.time());
        }
        boolean resolved = known.isPresent() || fallback.resolution() == ClientProcess.Resolution.LIVE_LOOKUP;
        ScmEvent current = ClientEnricher.withClient(event, known.orElse(fallback));
        if (current instanceof ServiceStarted s) {
            starts.add(s);
        }
        if (resolved && !awaitDuplicate && !awaitImage && !awaitSid) {
            out.add(current);
        } else {
            Duration wait = awaitDuplicate || awaitSid ? options.duplicateWindow() : options.joinWindow();
            if (!resolved) {
                wait = HeldEvents.max(wait, options.joinWindow());
            }
            if (awaitImage) {
                wait = HeldEvents.max(wait, imagesAndSids.imageWait());
            }
            Held h = held.create(current.timestamp().plus(wait));
            h.event = current;
            h.query = q;
            h.fallback = known.orElse(fallback);
            h.awaitingClient = !resolved;
            h.awaitingDuplicate = awaitDuplicate;
            h.awaitingImage = awaitImage;
            h.awaitingSid = awaitSid;
            held.hold(h, out);
        }
        return current instanceof ServiceStarted || current instanceof ServiceCreated;
    }

    /** A process became known: held events waiting for it are resolved now. */
    void onProcessKnown(int pid, List<ScmEvent> out) {
        List<Held> ready = held.matching(h -> h.event != null && h.awaitingClient && h.query.pid() == pid);
        ready.removeIf(h -> {
            Optional<ClientProcess> c = enricher.fromTable(pid, h.query.key(), h.query.traceParent(), h.query.time());
            if (c.isEmpty()) {
                return true;
            }
            update(h, ClientEnricher.withClient(h.event, c.get()));
            h.awaitingClient = false;
            return !h.waitsForNothing();
        });
        for (Held h : ready) {
            held.emit(h, out);
        }
    }

    /** Emits a held event with the client known now (the table, else the fallback found when it arrived). */
    void finish(Held h, List<ScmEvent> out) {
        if (h.awaitingClient) {
            Optional<ClientProcess> c = enricher.fromTable(h.query.pid(), h.query.key(), h.query.traceParent(),
                    h.query.time());
            update(h, ClientEnricher.withClient(h.event, c.orElse(h.fallback)));
        }
        out.add(h.event);
    }

    private void update(Held h, ScmEvent updated) {
        if (h.event instanceof ServiceStarted old && updated instanceof ServiceStarted now) {
            starts.replace(old, now);
        }
        h.event = updated;
    }
}
