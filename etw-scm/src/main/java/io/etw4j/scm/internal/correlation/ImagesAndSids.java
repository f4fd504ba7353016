package io.etw4j.scm.internal.correlation;

import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceImagePath;
import io.etw4j.scm.ServiceStartResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The stage that completes creations and start results: the image path of a creation whose WPP message has none
 * (from the registry when live, else the user's known service images, else the first other source that names it
 * while the creation is held), and the client SID of a successful start (from the SID message that follows it on
 * the same services.exe thread). Single-threaded.
 */
final class ImagesAndSids {
    private final ServiceImageLookup imageLookup;
    private final CorrelatorOptions options;
    private final HeldEvents held;
    private final Logger log;
    private final Duration imageWait;

    ImagesAndSids(ServiceImageLookup imageLookup, CorrelatorOptions options, HeldEvents held, Logger log) {
        this.imageLookup = imageLookup;
        this.options = options;
        this.held = held;
        this.log = log;
        this.imageWait = options.joinWindow().multipliedBy(2);
    }

    /** The creation with the image path the registry (live) or the user's known images give, if it has none. */
    ServiceCreated withImageFromLookups(ServiceCreated c) {
        if (c.imagePath().isPresent()) {
            return c;
        }
        Optional<String> registered;
        try {
            registered = imageLookup.imagePath(c.serviceName()).filter(p -> !p.isEmpty());
        } catch (RuntimeException e) {
            log.debug("image path lookup of service {} failed", c.serviceName(), e);
            registered = Optional.empty();
        }
        if (registered.isPresent()) {
            return c.withImagePath(new ServiceImagePath(registered.get(), ServiceImagePath.Origin.REGISTRY));
        }
        for (Map.Entry<String, String> known : options.knownServiceImages().entrySet()) {
            if (known.getKey().equalsIgnoreCase(c.serviceName()) && !known.getValue().isEmpty()) {
                return c.withImagePath(new ServiceImagePath(known.getValue(), ServiceImagePath.Origin.CONFIGURED));
            }
        }
        return c;
    }

    /**
     * How long a creation without an image path waits for one: twice the join window, so that a start of the service
     * within the window and a driver load joined to that start within the window after it (whose own window then
     * closes) can still name the path.
     */
    Duration imageWait() {
        return imageWait;
    }

    /** True if {@code event} waits for an image path: a creation without one. */
    static boolean awaitsImage(ScmEvent event) {
        return event instanceof ServiceCreated c && c.imagePath().isEmpty();
    }

    /** True if {@code event} waits for a client SID: a successful start result without one, on a known thread. */
    boolean awaitsSid(ScmEvent event) {
        return event instanceof ServiceStartResult r && r.succeeded() && r.clientSid().isEmpty()
                && r.source().threadId() > 0 && !options.duplicateWindow().isZero();
    }

    /** Another source named the image of {@code serviceName}: held creations without a path take it. */
    void onImageLearned(String serviceName, ServiceImagePath path, List<ScmEvent> out) {
        List<Held> ready = held.matching(h -> h.awaitingImage && h.event instanceof ServiceCreated c
                && c.serviceName().equalsIgnoreCase(serviceName));
        ready.removeIf(h -> {
            h.event = ((ServiceCreated) h.event).withImagePath(path);
            h.awaitingImage = false;
            return !h.waitsForNothing();
        });
        for (Held h : ready) {
            held.emit(h, out);
        }
    }

    /**
     * A client SID message: merged into the held successful result of the same RPC thread and service, which is then
     * released if nothing else keeps it. False if there is none (the SID message then stands as a result of its own).
     */
    boolean mergeSidIntoHeldResult(int thread, ServiceStartResult sid, List<ScmEvent> out) {
        for (Held h : held) {
            if (h.awaitingSid && h.event instanceof ServiceStartResult r && r.source().threadId() == thread
                    && r.serviceName().equalsIgnoreCase(sid.serviceName()) && !r.timestamp().isAfter(sid.timestamp())) {
                h.event = r.withClientSid(sid.clientSid().orElseThrow());
                h.awaitingSid = false;
                if (h.waitsForNothing()) {
                    held.emit(h, out);
                }
                return true;
            }
        }
        return false;
    }
}
