package io.etw4j.scm.internal.correlation;

import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.DriverLoaded;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ServiceImagePath;
import io.etw4j.scm.ServiceStarted;
import io.etw4j.scm.internal.kernel.KernelProcessRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The driver-load join: a kernel image load is joined (see {@link DriverLoaded.Attribution}) to the service whose
 * ImagePath normalises to the load's path and to the start of that service nearest before the load within the join
 * window (or, failing that, nearest after it). It is emitted at once when a start at or before the load is already
 * known, otherwise held until trace time passes {@code load + joinWindow} and then emitted with the best attribution
 * found; never dropped. A load joined by file name names the service's image for held creations. Single-threaded.
 */
final class DriverLoadJoins {
    private final CorrelatorOptions options;
    private final ImagePathNormaliser normaliser;
    private final ServiceImageIndex images;
    private final ServiceStartLog starts;
    private final ClientEnricher enricher;
    private final HeldEvents held;
    private final ImagesAndSids imagesAndSids;
    private long driverLoads;

    DriverLoadJoins(CorrelatorOptions options, ImagePathNormaliser normaliser, ServiceImageIndex images,
            ServiceStartLog starts, ClientEnricher enricher, HeldEvents held, ImagesAndSids imagesAndSids) {
        this.options = options;
        this.normaliser = normaliser;
        this.images = images;
        this.starts = starts;
        this.enricher = enricher;
        this.held = held;
        this.imagesAndSids = imagesAndSids;
    }

    /** A kernel image load: emitted now if a start at or before it is known, else held. */
    void onDriverLoad(KernelProcessRecord.ImageLoad load, List<ScmEvent> out) {
        driverLoads++;
        NormalisedPath path = normaliser.normalise(load.imageName()).orElse(null);
        Optional<DriverLoaded> early = attribute(load, path, false);
        if (early.isPresent()) {
            out.add(early.get());
            return;
        }
        Held h = held.create(load.source().timestamp().plus(options.joinWindow()));
        h.load = load;
        h.loadPath = path;
        held.hold(h, out);
    }

    /** A start or creation became known: held loads that now join a start at or before them are emitted. */
    void recheck(List<ScmEvent> out) {
        List<Held> loads = held.matching(h -> h.load != null);
        if (loads.isEmpty()) {
            return;
        }
        List<Held> ready = new ArrayList<>();
        List<DriverLoaded> events = new ArrayList<>();
        for (Held h : loads) {
            attribute(h.load, h.loadPath, false).ifPresent(d -> {
                ready.add(h);
                events.add(d);
            });
        }
        for (int i = 0; i < ready.size(); i++) {
            held.remove(ready.get(i));
            out.add(events.get(i));
        }
    }

    /** The window of a held load closed: it is emitted with the best attribution known now. */
    void finish(Held h, List<ScmEvent> out) {
        DriverLoaded d = attribute(h.load, h.loadPath, true).orElseThrow();
        out.add(d);
        if (d.attribution() == DriverLoaded.Attribution.SERVICE_START_BY_FILE_NAME && d.serviceName().isPresent()) {
            imagesAndSids.onImageLearned(d.serviceName().get(), new ServiceImagePath(d.imagePath(),
                    ServiceImagePath.Origin.DRIVER_LOAD), out);
        }
    }

    /** Kernel image loads seen so far. */
    long driverLoads() {
        return driverLoads;
    }

    /**
     * The attribution of a load. Before its window closes ({@code closing} false) only a path match with a start at
     * or before the load counts; when closing, the best of: path match with a start, path match alone, file-name
     * match with a start, nothing.
     */
    private Optional<DriverLoaded> attribute(KernelProcessRecord.ImageLoad load, NormalisedPath path, boolean closing) {
        Instant t = load.source().timestamp();
        List<ServiceImageIndex.ServiceImage> matches = path == null ? List.of() : images.lookup(path);
        for (int i = matches.size() - 1; i >= 0; i--) {
            ServiceImageIndex.ServiceImage image = matches.get(i);
            Optional<ServiceStarted> start = starts.startFor(image.serviceName(), t, options.joinWindow(),
                    options.duplicateWindow());
            if (start.isPresent() && (closing || !start.get().timestamp().isAfter(t))) {
                return Optional.of(driverLoaded(load, image.serviceName(), Optional.of(image.imagePath()),
                        start, DriverLoaded.Attribution.SERVICE_START));
            }
        }
        if (!closing) {
            return Optional.empty();
        }
        if (!matches.isEmpty()) {
            ServiceImageIndex.ServiceImage image = matches.get(matches.size() - 1);
            return Optional.of(driverLoaded(load, image.serviceName(), Optional.of(image.imagePath()),
                    Optional.empty(), DriverLoaded.Attribution.SERVICE_ONLY));
        }
        if (options.matchByFileName() && path != null && !path.fileStem().isEmpty()
                && images.byName(path.fileStem()).isEmpty()) {
            Optional<ServiceStarted> start = starts.startFor(path.fileStem(), t, options.joinWindow(),
                    options.duplicateWindow());
            if (start.isPresent()) {
                return Optional.of(driverLoaded(load, start.get().serviceName(), Optional.empty(), start,
                        DriverLoaded.Attribution.SERVICE_START_BY_FILE_NAME));
            }
        }
        return Optional.of(driverLoaded(load, null, Optional.empty(), Optional.empty(),
                DriverLoaded.Attribution.UNATTRIBUTED));
    }

    private DriverLoaded driverLoaded(KernelProcessRecord.ImageLoad load, String service,
            Optional<String> serviceImage, Optional<ServiceStarted> start, DriverLoaded.Attribution attribution) {
        ClientProcess client = ClientProcess.unknown();
        Optional<ServiceStarted> cause = start;
        if (start.isPresent()) {
            ServiceStarted s = start.get();
            ClientProcess c = s.client();
            client = enricher.fromTable(c.pid(), c.processStartKey(), c.parentPid(), s.timestamp()).orElse(c);
            cause = Optional.of(s.withClient(client));
        }
        return PublicEvents.driverLoaded(load, client, service, serviceImage, cause, attribution);
    }
}
