package io.etw4j.scm.internal.correlation;

import io.etw4j.core.EventRecord;
import io.etw4j.scm.AttributionSource;
import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.DriverLoaded;
import io.etw4j.scm.Evidence;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ScmMonitorStatistics;
import io.etw4j.scm.ScmProviders;
import io.etw4j.scm.ServiceConfigChanged;
import io.etw4j.scm.ServiceControlSent;
import io.etw4j.scm.ServiceCreateRefused;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceImagePath;
import io.etw4j.scm.ServiceStartResult;
import io.etw4j.scm.ServiceStarted;
import io.etw4j.scm.ServiceStatusChanged;
import io.etw4j.scm.UnknownScmMessage;
import io.etw4j.scm.internal.kernel.KernelProcessDecoder;
import io.etw4j.scm.internal.kernel.KernelProcessProvider;
import io.etw4j.scm.internal.kernel.KernelProcessRecord;
import io.etw4j.scm.internal.services.ServicesDecoder;
import io.etw4j.scm.internal.services.ServicesProvider;
import io.etw4j.scm.internal.services.ServicesRecord;
import io.etw4j.scm.internal.wpp.PayloadScan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attribution stage of the SCM pipeline: it takes every {@link EventRecord} of a session that enables the SCM WPP
 * provider, Microsoft-Windows-Services and Microsoft-Windows-Kernel-Process, and emits typed {@link ScmEvent}s whose
 * client is resolved through a process table, with driver loads joined to the service starts that caused them.
 *
 * <p><b>Threading and lifetime.</b> Single-threaded and stateful: call {@link #onRecord}, {@link #advanceTo} and
 * {@link #onComplete} from one thread (the ETW processing thread, or a thread after {@code publishOn}). After
 * {@link #onComplete} it accepts nothing more. Memory is bounded by {@link CorrelatorOptions}.
 *
 * <p><b>Routing.</b> Kernel-Process records feed the process table (a ProcessRundown record, which describes a process
 * already running when the provider was asked to capture its state, exactly like a ProcessStart) and give
 * {@link DriverLoaded} for kernel image loads (process id 0); Microsoft-Windows-Services records give {@link ServiceStarted}, {@link ServiceControlSent},
 * {@link ServiceConfigChanged} and {@link ServiceStatusChanged} attributed by
 * {@link AttributionSource#SERVICES_PROVIDER}; every other record goes to the SCM WPP decoder passed in, whose events
 * pass through with their client resolved. A record a decoder cannot read becomes an {@link UnknownScmMessage}, except
 * undecodable Kernel-Process process start/stop records (and image loads not logged by PID 0 or 4, i.e. DLL loads),
 * which are counted in {@link #stats()} (in total and per provider, event id and version) and logged once per
 * provider, event id and version instead of flooding the output.
 *
 * <p><b>Clients.</b> See {@link ClientEnricher}: the process table first (start key, then PID at the event's time),
 * the live lookup only as a fallback, called once when the event arrives. An event whose client neither knows is held
 * up to the join window for the client's ProcessStart, which per-CPU buffering can deliver after it, then released
 * with whatever the live lookup said.
 *
 * <p><b>One report per act.</b> When Microsoft-Windows-Services and the SCM WPP trace both report the same start,
 * control or configuration change (same kind, service, client PID, and, for controls, code, within
 * {@code duplicateWindow}), only the Services report is emitted (for a configuration change, with the WPP fields it
 * lacks added), marked {@code corroborated}. An SCM WPP report of those kinds is therefore held for
 * {@code duplicateWindow}. services.exe logs its WPP message before it acts, so the WPP report normally comes first and
 * is absorbed; a WPP report that arrives after the Services report was emitted is dropped as a duplicate and cannot
 * mark the emitted event (counted in {@code duplicatesMerged}).
 *
 * <p><b>Outcomes in the same RPC call.</b> A refused create (0x2A/0x2B) and a start's outcome and client SID
 * (0x0D/0x0E) carry no PID: they take the client of the create or start request logged before them on the same
 * services.exe thread ({@link RpcThreadRequests}; {@code AttributionSource.CORRELATION}). A successful start's outcome
 * is held up to {@code duplicateWindow} for the client-SID message that follows it on that thread, and merged with it.
 *
 * <p><b>Image paths of creations.</b> A creation whose WPP message has no path (current builds) takes it from the
 * {@link ServiceImageLookup} (the registry, live), else the user's known service images, else it is held up to twice
 * {@code joinWindow} for a Microsoft-Windows-Services status change naming the image or a driver load joined to a start
 * of the service by file name; then it is released with the path found, if any ({@link ServiceImagePath.Origin}).
 *
 * <p><b>Driver loads.</b> A kernel image load is joined (see {@link DriverLoaded.Attribution}) to the service whose
 * ImagePath normalises to the load's path ({@link ImagePathNormaliser}, {@link ServiceImageIndex}) and to the start of
 * that service nearest before the load within {@code joinWindow} (or, failing that, nearest after it: the SCM may log
 * the start after the load returns). It is emitted at once when a start at or before the load is already known;
 * otherwise it is held until trace time passes {@code load + joinWindow}, so that a ServiceStart or ServiceCreated
 * record delivered late from another CPU's buffer still joins, and then emitted with the best attribution found. It is
 * never dropped. Limits of the window: a start more than {@code joinWindow} before its driver's load (a slow start) is
 * reported {@code SERVICE_ONLY}; two starts of the same service within the window join the load to the later one
 * before it; a start that came before the trace began is not seen.
 *
 * <p><b>Time.</b> Trace time is the latest record timestamp seen. Windows close as trace time advances; on a quiet live
 * session call {@link #advanceTo(Instant)} with the wall clock now and then, and {@link #onComplete()} at the end of
 * the stream. Events are emitted in the order they become final, which is not always timestamp order.
 *
 * <pre>{@code
 * ScmCorrelator correlator = new ScmCorrelator(wppDecoder::decode, LiveProcessLookup.none(),
 *         CorrelatorOptions.defaults());
 * for (EventRecord r : records) {
 *     correlator.onRecord(r).forEach(sink);
 * }
 * correlator.onComplete().forEach(sink);
 * }</pre>
 */
public final class ScmCorrelator {
    private static final Logger LOG = LoggerFactory.getLogger(ScmCorrelator.class);
    private static final String KERNEL_PROCESS = ScmProviders.KERNEL_PROCESS_NAME;
    private static final String SERVICES = ScmProviders.SERVICES_NAME;
    private static final Duration MIN_START_MEMORY = Duration.ofMinutes(1);

    private final Function<EventRecord, Optional<ScmEvent>> wppDecoder;
    private final ServiceImageLookup imageLookup;
    private final RpcThreadRequests requests;
    private final CorrelatorOptions options;
    private final KernelProcessDecoder kernelDecoder = new KernelProcessDecoder();
    private final ServicesDecoder servicesDecoder = new ServicesDecoder();
    private final ProcessTable table;
    private final ClientEnricher enricher;
    private final ImagePathNormaliser normaliser;
    private final ServiceImageIndex images;
    private final ServiceStartLog starts;
    private final PriorityQueue<Held> held = new PriorityQueue<>(
            Comparator.comparing((Held h) -> h.deadline).thenComparingLong(h -> h.order));
    private final ArrayDeque<ScmEvent> recentServicesReports = new ArrayDeque<>();
    private final Logger log;
    /** Undecodable records per (provider, id, version); bounded: handled ids only, a version is one byte. */
    private final Map<ScmMonitorStatistics.EventVersion, Long> undecodableCounts = new TreeMap<>();
    /** An unmodifiable copy of {@link #undecodableCounts}, renewed when it changes (stats() runs per record). */
    private Map<ScmMonitorStatistics.EventVersion, Long> undecodableSnapshot = Map.of();
    private Instant now;
    private long order;
    private boolean completed;
    private long records;
    private long undecodableKernel;
    private long undecodableServices;
    private long wppFailures;
    private long duplicatesMerged;
    private long releasedEarly;
    private long driverLoads;

    /** What the trace said about an event's client, to resolve it later. */
    private record ClientQuery(int pid, OptionalLong key, OptionalInt traceParent, Instant time) {
        static ClientQuery of(ClientProcess c, Instant t) {
            return new ClientQuery(c.pid(), c.processStartKey(), c.parentPid(), t);
        }
    }

    /** An event or a driver load waiting for its window to close. */
    private static final class Held {
        final long order;
        Instant deadline;
        ScmEvent event;
        ClientQuery query;
        ClientProcess fallback;
        boolean awaitingClient;
        boolean awaitingDuplicate;
        boolean awaitingImage;
        boolean awaitingSid;
        KernelProcessRecord.ImageLoad load;
        NormalisedPath loadPath;

        Held(long order, Instant deadline) {
            this.order = order;
            this.deadline = deadline;
        }
    }

    /**
     * @param wppDecoder the SCM WPP decoder: an event for a record of the SCM WPP provider, empty for any record it
     *                   does not recognise (it also sees records of other providers the session delivers)
     * @param liveLookup the live fallback for clients the process table does not know ({@link LiveProcessLookup#none()}
     *                   for replays)
     * @param options    windows and bounds
     */
    public ScmCorrelator(Function<EventRecord, Optional<ScmEvent>> wppDecoder, LiveProcessLookup liveLookup,
            CorrelatorOptions options) {
        this(wppDecoder, liveLookup, ServiceImageLookup.none(), options);
    }

    /**
     * @param wppDecoder  the SCM WPP decoder (see the other constructor)
     * @param liveLookup  the live fallback for clients the process table does not know
     * @param imageLookup where to read the image path of a service whose create message has none (the registry on a
     *                    live session; {@link ServiceImageLookup#none()} for replays)
     * @param options     windows and bounds
     */
    public ScmCorrelator(Function<EventRecord, Optional<ScmEvent>> wppDecoder, LiveProcessLookup liveLookup,
            ServiceImageLookup imageLookup, CorrelatorOptions options) {
        this(wppDecoder, liveLookup, imageLookup, options, LOG);
    }

    /** As the public constructors, warning through {@code log} (tests watch the once-per-version warning). */
    ScmCorrelator(Function<EventRecord, Optional<ScmEvent>> wppDecoder, LiveProcessLookup liveLookup,
            CorrelatorOptions options, Logger log) {
        this(wppDecoder, liveLookup, ServiceImageLookup.none(), options, log);
    }

    private ScmCorrelator(Function<EventRecord, Optional<ScmEvent>> wppDecoder, LiveProcessLookup liveLookup,
            ServiceImageLookup imageLookup, CorrelatorOptions options, Logger log) {
        this.log = Objects.requireNonNull(log, "log");
        this.wppDecoder = Objects.requireNonNull(wppDecoder, "wppDecoder");
        this.imageLookup = Objects.requireNonNull(imageLookup, "imageLookup");
        this.requests = new RpcThreadRequests(Math.max(64, options.maxPending()));
        this.options = Objects.requireNonNull(options, "options");
        this.table = new ProcessTable(options.exitedRetention(), options.maxProcesses());
        this.enricher = new ClientEnricher(table, Objects.requireNonNull(liveLookup, "liveLookup"));
        this.normaliser = new ImagePathNormaliser(options.systemRoot(), options.deviceToDrive());
        this.images = new ServiceImageIndex(normaliser, options.maxServiceImages());
        this.starts = new ServiceStartLog(options.maxTrackedStarts());
        for (Map.Entry<String, String> e : options.knownServiceImages().entrySet()) {
            images.register(e.getKey(), e.getValue());
        }
    }

    /**
     * Processes one record and returns the events that became final because of it (possibly none, possibly events
     * held from earlier records).
     *
     * @throws IllegalStateException after {@link #onComplete()}
     */
    public List<ScmEvent> onRecord(EventRecord record) {
        Objects.requireNonNull(record, "record");
        if (completed) {
            throw new IllegalStateException("onRecord after onComplete");
        }
        records++;
        List<ScmEvent> out = new ArrayList<>();
        moveClock(record.timestamp());
        learnLoggerStartKey(record);
        if (KernelProcessProvider.GUID.equals(record.providerId())) {
            kernelDecoder.decode(record).ifPresent(k -> onKernelProcess(k, out));
        } else if (ServicesProvider.GUID.equals(record.providerId())) {
            servicesDecoder.decode(record).ifPresent(s -> onServices(s, out));
        } else {
            onOther(record, out);
        }
        release(out);
        return out;
    }

    /**
     * Moves trace time to {@code time} if that is later (for a quiet live session: the wall clock) and returns the
     * events whose windows closed.
     *
     * @throws IllegalStateException after {@link #onComplete()}
     */
    public List<ScmEvent> advanceTo(Instant time) {
        if (completed) {
            throw new IllegalStateException("advanceTo after onComplete");
        }
        List<ScmEvent> out = new ArrayList<>();
        moveClock(time);
        release(out);
        return out;
    }

    /** Ends the stream: releases everything held, with the best attribution known now. Idempotent. */
    public List<ScmEvent> onComplete() {
        List<ScmEvent> out = new ArrayList<>();
        if (completed) {
            return out;
        }
        completed = true;
        while (!held.isEmpty()) {
            finish(held.poll(), out);
        }
        return out;
    }

    /** A snapshot of the counters. */
    public CorrelatorStats stats() {
        return new CorrelatorStats(records, table.size(), table.evictedExited(), table.evictedRunning(), held.size(),
                undecodableKernel, undecodableServices, wppFailures, duplicatesMerged, releasedEarly,
                enricher.liveLookups(), driverLoads, undecodableSnapshot);
    }

    /**
     * The known ancestors of {@code client} (parent first, at most {@code maxDepth}) as the process table knows them
     * at {@code time}; empty when the table does not know the client.
     */
    public List<ProcessEntry> ancestry(ClientProcess client, Instant time, int maxDepth) {
        Optional<ProcessEntry> entry = Optional.empty();
        if (client.processStartKey().isPresent()) {
            entry = table.byKey(client.processStartKey().getAsLong()).filter(e -> e.processId() == client.pid());
        }
        if (entry.isEmpty()) {
            entry = table.at(client.pid(), time);
        }
        return entry.map(e -> table.ancestry(e, maxDepth)).orElse(List.of());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Routing

    private void moveClock(Instant t) {
        if (now == null || t.isAfter(now)) {
            now = t;
        }
        table.advance(now);
        Duration memory = options.joinWindow().multipliedBy(4);
        starts.prune(now.minus(memory.compareTo(MIN_START_MEMORY) > 0 ? memory : MIN_START_MEMORY));
        Instant recent = now.minus(options.duplicateWindow().multipliedBy(2));
        while (!recentServicesReports.isEmpty() && recentServicesReports.peekFirst().timestamp().isBefore(recent)) {
            recentServicesReports.pollFirst();
        }
    }

    /** An event logged with EVENT_HEADER_EXT_TYPE_PROCESS_START_KEY tells the logging process's start key. */
    private void learnLoggerStartKey(EventRecord record) {
        OptionalLong key = record.processStartKey();
        if (key.isPresent() && record.processId() > 0) {
            table.learnStartKey(record.processId(), record.timestamp(), key.getAsLong());
        }
    }

    private void onKernelProcess(KernelProcessRecord k, List<ScmEvent> out) {
        if (k instanceof KernelProcessRecord.ProcessStart s) {
            table.onStart(s);
            onProcessKnown(s.processId(), out);
        } else if (k instanceof KernelProcessRecord.ProcessStop p) {
            table.onStop(p);
            onProcessKnown(p.processId(), out);
        } else if (k instanceof KernelProcessRecord.ImageLoad l) {
            if (l.isKernelImage()) {
                onDriverLoad(l, out);
            }
        } else if (k instanceof KernelProcessRecord.Undecodable u) {
            undecodableKernel++;
            countUndecodable(KERNEL_PROCESS, u.eventId(), u.version(), u.reason());
            int loggerPid = u.source().processId();
            // A kernel image load is logged from a system worker thread (PID 0 or 4, inferred); DLL loads are not.
            if (u.eventId() == KernelProcessProvider.IMAGE_LOAD && (loggerPid == 0 || loggerPid == 4)) {
                out.add(unknown(u.source(), "undecodable Kernel-Process ImageLoad (possible driver load): "
                        + u.reason()));
            }
        }
    }

    private void onServices(ServicesRecord s, List<ScmEvent> out) {
        Instant t = s.source().timestamp();
        if (s instanceof ServicesRecord.Undecodable u) {
            undecodableServices++;
            countUndecodable(SERVICES, u.eventId(), u.version(), u.reason());
            out.add(unknown(u.source(), "undecodable Microsoft-Windows-Services event: " + u.reason()));
            return;
        }
        if (s instanceof ServicesRecord.StatusChange c) {
            // ImageName of event 105 is taken as the service's ImagePath when it is a path (inferred meaning).
            c.image().filter(i -> i.indexOf('\\') >= 0).ifPresent(i -> {
                images.registerIfAbsent(c.serviceName(), i);
                onImageLearned(c.serviceName(), new ServiceImagePath(i, ServiceImagePath.Origin.SERVICES_PROVIDER),
                        out);
            });
            out.add(new ServiceStatusChanged(t, ClientProcess.unknown(), c.serviceName(), (int) c.currentState(),
                    (int) c.startType(), c.processId() > 0 ? OptionalInt.of(c.processId()) : OptionalInt.empty(),
                    c.image(), c.source()));
            return;
        }
        ServicesRecord.Client client;
        ScmEvent event;
        if (s instanceof ServicesRecord.ServiceStart st) {
            client = st.client();
            event = new ServiceStarted(t, clientOf(client), st.serviceName(), AttributionSource.SERVICES_PROVIDER,
                    st.details(), Evidence.PUBLISHED_MANIFEST, false, st.source());
        } else if (s instanceof ServicesRecord.SendControl sc) {
            client = sc.client();
            event = new ServiceControlSent(t, clientOf(client), sc.serviceName(), (int) sc.controlCode(),
                    sc.displayName().isEmpty() ? Optional.empty() : Optional.of(sc.displayName()),
                    AttributionSource.SERVICES_PROVIDER, Evidence.PUBLISHED_MANIFEST, false, sc.source());
        } else {
            ServicesRecord.ConfigChange cc = (ServicesRecord.ConfigChange) s;
            client = cc.client();
            event = new ServiceConfigChanged(t, clientOf(client), cc.serviceName(), cc.changes(),
                    AttributionSource.SERVICES_PROVIDER, Evidence.PUBLISHED_MANIFEST, cc.source());
        }
        if (client.processId() > 0) {
            table.learnStartKey(client.processId(), t, client.processStartKey());
        }
        event = absorbHeldDuplicates(event);
        requests.remember(s.source().threadId(), event);
        recentServicesReports.addLast(event);
        while (recentServicesReports.size() > options.maxPending()) {
            recentServicesReports.pollFirst();
        }
        admit(event, false, out);
    }

    private void onOther(EventRecord record, List<ScmEvent> out) {
        Optional<ScmEvent> decoded;
        try {
            decoded = wppDecoder.apply(record);
        } catch (RuntimeException e) {
            wppFailures++;
            out.add(unknown(record, "SCM WPP decoder failed: " + e));
            return;
        }
        if (decoded == null || decoded.isEmpty()) {
            return;
        }
        ScmEvent event = decoded.get();
        int thread = record.threadId();
        if (event instanceof ServiceCreated c) {
            ServiceCreated withImage = withImageFromLookups(c);
            withImage.imagePath().ifPresent(i -> images.register(withImage.serviceName(), i.path()));
            event = withImage;
        }
        requests.remember(thread, event);
        if (event instanceof ServiceCreateRefused r) {
            Optional<ClientProcess> client = requests.clientOf(thread, true, r.serviceName(), r.timestamp());
            if (client.isPresent()) {
                event = r.withClient(client.get(), AttributionSource.CORRELATION);
            }
        } else if (event instanceof ServiceStartResult r) {
            Optional<ClientProcess> client = requests.clientOf(thread, false, r.serviceName(), r.timestamp());
            if (client.isPresent()) {
                r = r.withClient(client.get(), AttributionSource.CORRELATION);
            }
            if (r.clientSid().isPresent() && mergeSidIntoHeldResult(thread, r, out)) {
                return;
            }
            event = r;
        }
        if (event instanceof UnknownScmMessage || event instanceof ServiceStatusChanged) {
            out.add(event);
            recheckDriverLoads(out);
            return;
        }
        if (!event.client().isKnown()) {
            admit(event, false, out);
            return;
        }
        boolean mergeable = isMergeable(event) && !options.duplicateWindow().isZero();
        if (mergeable && duplicateOfRecentServicesReport(event)) {
            duplicatesMerged++;
            return;
        }
        admit(event, mergeable, out);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Clients

    /** The client a Services event names; ClientProcessId 0 is taken to mean "no client" (inferred). */
    private static ClientProcess clientOf(ServicesRecord.Client c) {
        if (c.processId() <= 0) {
            return ClientProcess.unknown();
        }
        return ClientEnricher.pidOnly(c.processId(), OptionalLong.of(c.processStartKey()),
                OptionalInt.of(c.parentProcessId()));
    }

    /**
     * Resolves the event's client and emits it, or holds it for a late client, a duplicate report, the image path of
     * a creation without one, or the client SID of a successful start.
     */
    private void admit(ScmEvent event, boolean awaitDuplicate, List<ScmEvent> out) {
        boolean awaitImage = event instanceof ServiceCreated c && c.imagePath().isEmpty();
        boolean awaitSid = event instanceof ServiceStartResult r && r.succeeded() && r.clientSid().isEmpty()
                && r.source().threadId() > 0 && !options.duplicateWindow().isZero();
        if (!event.client().isKnown()) {
            if (event instanceof ServiceStarted s) {
                starts.add(s);
            }
            if (!awaitImage && !awaitSid) {
                out.add(event);
                recheckDriverLoads(out);
                return;
            }
            Held h = new Held(order++, event.timestamp().plus(awaitImage ? imageWait() : options.duplicateWindow()));
            h.event = event;
            h.awaitingImage = awaitImage;
            h.awaitingSid = awaitSid;
            hold(h, out);
            return;
        }
        ClientQuery q = ClientQuery.of(event.client(), event.timestamp());
        Optional<ClientProcess> known = enricher.fromTable(q.pid(), q.key(), q.traceParent(), q.time());
        ClientProcess fallback = null;
        if (known.isEmpty()) {
            ClientProcess given = event.client();
            boolean alreadyResolved = given.resolution() != ClientProcess.Resolution.PID_ONLY
                    && given.resolution() != ClientProcess.Resolution.UNKNOWN;
            fallback = alreadyResolved ? given : enricher.fromLiveSystem(q.pid(), q.key(), q.traceParent(), q.time());
        }
        boolean resolved = known.isPresent()
                || fallback.resolution() == ClientProcess.Resolution.LIVE_LOOKUP;
        ScmEvent current = ClientEnricher.withClient(event, known.orElse(fallback));
        if (current instanceof ServiceStarted s) {
            starts.add(s);
        }
        if (resolved && !awaitDuplicate && !awaitImage && !awaitSid) {
            out.add(current);
        } else {
            Duration wait = awaitDuplicate || awaitSid ? options.duplicateWindow() : options.joinWindow();
            if (!resolved) {
                wait = max(wait, options.joinWindow());
            }
            if (awaitImage) {
                wait = max(wait, imageWait());
            }
            Held h = new Held(order++, current.timestamp().plus(wait));
            h.event = current;
            h.query = q;
            h.fallback = known.orElse(fallback);
            h.awaitingClient = !resolved;
            h.awaitingDuplicate = awaitDuplicate;
            h.awaitingImage = awaitImage;
            h.awaitingSid = awaitSid;
            hold(h, out);
        }
        if (current instanceof ServiceStarted || current instanceof ServiceCreated) {
            recheckDriverLoads(out);
        }
    }

    /**
     * How long a creation without an image path waits for one: twice the join window, so that a start of the service
     * within the window and a driver load joined to that start within the window after it (whose own window then
     * closes) can still name the path.
     */
    private Duration imageWait() {
        return options.joinWindow().multipliedBy(2);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** True if nothing but the window keeps {@code h} held. */
    private static boolean waitsForNothing(Held h) {
        return !h.awaitingClient && !h.awaitingDuplicate && !h.awaitingImage && !h.awaitingSid;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Image paths of creations whose message has none, and client SIDs of starts

    /** The creation with the image path the registry (live) or the user's known images give, if it has none. */
    private ServiceCreated withImageFromLookups(ServiceCreated c) {
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

    /** Another source named the image of {@code serviceName}: held creations without a path take it. */
    private void onImageLearned(String serviceName, ServiceImagePath path, List<ScmEvent> out) {
        List<Held> ready = new ArrayList<>();
        for (Held h : held) {
            if (h.awaitingImage && h.event instanceof ServiceCreated c && c.serviceName().equalsIgnoreCase(serviceName)) {
                h.event = c.withImagePath(path);
                h.awaitingImage = false;
                if (waitsForNothing(h)) {
                    ready.add(h);
                }
            }
        }
        for (Held h : ready) {
            held.remove(h);
            out.add(h.event);
        }
    }

    /**
     * A client SID message: merged into the held successful result of the same RPC thread and service, which is then
     * released. False if there is none (the SID message then stands as a result of its own).
     */
    private boolean mergeSidIntoHeldResult(int thread, ServiceStartResult sid, List<ScmEvent> out) {
        for (Held h : held) {
            if (h.awaitingSid && h.event instanceof ServiceStartResult r && r.source().threadId() == thread
                    && r.serviceName().equalsIgnoreCase(sid.serviceName()) && !r.timestamp().isAfter(sid.timestamp())) {
                h.event = r.withClientSid(sid.clientSid().orElseThrow());
                h.awaitingSid = false;
                if (waitsForNothing(h)) {
                    held.remove(h);
                    out.add(h.event);
                }
                return true;
            }
        }
        return false;
    }

    /** A process became known: held events waiting for it are resolved now. */
    private void onProcessKnown(int pid, List<ScmEvent> out) {
        List<Held> ready = new ArrayList<>();
        for (Held h : held) {
            if (h.event != null && h.awaitingClient && h.query.pid() == pid) {
                Optional<ClientProcess> c = enricher.fromTable(pid, h.query.key(), h.query.traceParent(),
                        h.query.time());
                if (c.isPresent()) {
                    updateEvent(h, ClientEnricher.withClient(h.event, c.get()));
                    h.awaitingClient = false;
                    if (waitsForNothing(h)) {
                        ready.add(h);
                    }
                }
            }
        }
        for (Held h : ready) {
            held.remove(h);
            out.add(h.event);
        }
    }

    private void updateEvent(Held h, ScmEvent updated) {
        if (h.event instanceof ServiceStarted old && updated instanceof ServiceStarted now) {
            starts.replace(old, now);
        }
        h.event = updated;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Duplicates

    private static boolean isMergeable(ScmEvent e) {
        return e instanceof ServiceStarted || e instanceof ServiceControlSent || e instanceof ServiceConfigChanged;
    }

    private boolean sameAct(ScmEvent a, ScmEvent b) {
        if (a.getClass() != b.getClass() || a.client().pid() < 0 || a.client().pid() != b.client().pid()) {
            return false;
        }
        if (Duration.between(a.timestamp(), b.timestamp()).abs().compareTo(options.duplicateWindow()) > 0) {
            return false;
        }
        if (a instanceof ServiceControlSent ca && b instanceof ServiceControlSent cb) {
            return ca.serviceName().equalsIgnoreCase(cb.serviceName()) && ca.control() == cb.control();
        }
        return serviceName(a).equalsIgnoreCase(serviceName(b));
    }

    private static String serviceName(ScmEvent e) {
        if (e instanceof ServiceStarted s) {
            return s.serviceName();
        } else if (e instanceof ServiceControlSent c) {
            return c.serviceName();
        } else if (e instanceof ServiceConfigChanged c) {
            return c.serviceName();
        }
        return "";
    }

    /** A Services report arrived: SCM WPP reports of the same act still held are dropped (their fields merged). */
    private ScmEvent absorbHeldDuplicates(ScmEvent servicesReport) {
        ScmEvent merged = servicesReport;
        Iterator<Held> it = held.iterator();
        List<Held> absorbed = new ArrayList<>();
        while (it.hasNext()) {
            Held h = it.next();
            if (h.event != null && h.awaitingDuplicate && sameAct(h.event, servicesReport)) {
                absorbed.add(h);
            }
        }
        for (Held h : absorbed) {
            held.remove(h);
            duplicatesMerged++;
            if (h.event instanceof ServiceStarted s) {
                starts.remove(s);
            }
            if (merged instanceof ServiceConfigChanged c && h.event instanceof ServiceConfigChanged w) {
                merged = c.corroboratedWith(w.changes());
            } else if (merged instanceof ServiceStarted st) {
                merged = st.asCorroborated();
            } else if (merged instanceof ServiceControlSent sc) {
                merged = sc.asCorroborated();
            }
        }
        return merged;
    }

    /** True if an SCM WPP report repeats a Services report already emitted (and adds nothing to it). */
    private boolean duplicateOfRecentServicesReport(ScmEvent wpp) {
        for (ScmEvent s : recentServicesReports) {
            if (sameAct(s, wpp)) {
                if (wpp instanceof ServiceConfigChanged w && s instanceof ServiceConfigChanged c
                        && !c.changes().keySet().containsAll(w.changes().keySet())) {
                    return false; // it carries fields the emitted report lacks: keep it
                }
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Driver loads

    private void onDriverLoad(KernelProcessRecord.ImageLoad load, List<ScmEvent> out) {
        driverLoads++;
        NormalisedPath path = normaliser.normalise(load.imageName()).orElse(null);
        Optional<DriverLoaded> early = attribute(load, path, false);
        if (early.isPresent()) {
            out.add(early.get());
            return;
        }
        Held h = new Held(order++, load.source().timestamp().plus(options.joinWindow()));
        h.load = load;
        h.loadPath = path;
        hold(h, out);
    }

    private void recheckDriverLoads(List<ScmEvent> out) {
        List<Held> ready = new ArrayList<>();
        List<DriverLoaded> events = new ArrayList<>();
        for (Held h : held) {
            if (h.load != null) {
                attribute(h.load, h.loadPath, false).ifPresent(d -> {
                    ready.add(h);
                    events.add(d);
                });
            }
        }
        for (int i = 0; i < ready.size(); i++) {
            held.remove(ready.get(i));
            out.add(events.get(i));
        }
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
        return new DriverLoaded(load.source().timestamp(), client, load.imageName(), load.imageBase(),
                load.imageSize(), load.imageChecksum(), load.timeDateStamp(), Optional.ofNullable(service),
                serviceImage, cause, attribution,
                start.isPresent() ? AttributionSource.CORRELATION : AttributionSource.NONE, load.source());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Holding and releasing

    private void hold(Held h, List<ScmEvent> out) {
        held.add(h);
        while (held.size() > options.maxPending()) {
            releasedEarly++;
            finish(held.poll(), out);
        }
    }

    /** Releases what is due: everything whose deadline is before trace time. */
    private void release(List<ScmEvent> out) {
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
            finish(h, out);
        }
    }

    /** Emits a held item with what is known now. */
    private void finish(Held h, List<ScmEvent> out) {
        if (h.load != null) {
            DriverLoaded d = attribute(h.load, h.loadPath, true).orElseThrow();
            out.add(d);
            if (d.attribution() == DriverLoaded.Attribution.SERVICE_START_BY_FILE_NAME && d.serviceName().isPresent()) {
                onImageLearned(d.serviceName().get(), new ServiceImagePath(d.imagePath(),
                        ServiceImagePath.Origin.DRIVER_LOAD), out);
            }
            return;
        }
        if (h.awaitingClient) {
            Optional<ClientProcess> c = enricher.fromTable(h.query.pid(), h.query.key(), h.query.traceParent(),
                    h.query.time());
            updateEvent(h, ClientEnricher.withClient(h.event, c.orElse(h.fallback)));
        }
        out.add(h.event);
    }

    private UnknownScmMessage unknown(EventRecord r, String reason) {
        byte[] payload = r.payload();
        PayloadScan scan = PayloadScan.of(payload);
        return new UnknownScmMessage(r.timestamp(), ClientProcess.unknown(), r.id(), r.providerId(), reason,
                payload, scan.strings(), scan.plausiblePids(), r);
    }

    /**
     * Counts an undecodable record under its (provider, id, version) and, the first time that triple is seen, logs
     * one warning naming it, so that the decoder's table can be extended from a provider dump of the new build.
     */
    private void countUndecodable(String provider, int id, int version, String reason) {
        ScmMonitorStatistics.EventVersion key = new ScmMonitorStatistics.EventVersion(provider, id, version);
        long count = undecodableCounts.merge(key, 1L, Long::sum);
        undecodableSnapshot = Collections.unmodifiableMap(new TreeMap<>(undecodableCounts));
        if (count == 1) {
            log.warn("{} event {} version {} could not be decoded ({}); further ones are only counted (see "
                    + "ScmMonitorStatistics.undecodableByEventVersion)", provider, id, version, reason);
        }
    }
}
