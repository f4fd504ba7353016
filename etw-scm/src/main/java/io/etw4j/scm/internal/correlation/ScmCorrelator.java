package io.etw4j.scm.internal.correlation;

import io.etw4j.core.EventRecord;
import io.etw4j.scm.AttributionSource;
import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.DriverLoaded;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ServiceConfigChanged;
import io.etw4j.scm.ServiceControlSent;
import io.etw4j.scm.ServiceCreateRefused;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceImagePath;
import io.etw4j.scm.ServiceStartResult;
import io.etw4j.scm.ServiceStarted;
import io.etw4j.scm.ServiceStatusChanged;
import io.etw4j.scm.UnknownScmMessage;
import io.etw4j.scm.internal.kernel.KernelProcessProvider;
import io.etw4j.scm.internal.kernel.KernelProcessRecord;
import io.etw4j.scm.internal.kernel.KernelProcessRecords;
import io.etw4j.scm.internal.services.ServicesProvider;
import io.etw4j.scm.internal.services.ServicesRecord;
import io.etw4j.scm.internal.services.ServicesRecords;
import io.etw4j.scm.internal.wpp.WppMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
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
 * {@link DriverLoaded} for kernel image loads (process id 0); Microsoft-Windows-Services records give
 * {@link ServiceStarted}, {@link ServiceControlSent},
 * {@link ServiceConfigChanged} and {@link ServiceStatusChanged} attributed by
 * {@link AttributionSource#SERVICES_PROVIDER}; every other record goes to the SCM WPP decoder passed in, whose
 * {@link WppMessage}s become typed events with their client resolved. A record a decoder cannot read becomes an {@link UnknownScmMessage}, except
 * undecodable Kernel-Process process start/stop records (and image loads not logged by PID 0 or 4, i.e. DLL loads),
 * which are counted in {@link #stats()} (in total and per provider, event id and version) and logged once per
 * provider, event id and version instead of flooding the output.
 *
 * <p><b>Stages.</b> This class routes records by provider and wires the stages, each a class with one job:
 * {@link KernelProcessRecords} and {@link ServicesRecords} (typed records through etw-scm's shipped manifests) and the
 * SCM WPP decoder (typed messages through a message table), {@link PublicEvents} (the public events of every
 * provider's records), {@link ClientResolution}, {@link ImagesAndSids},
 * {@link DuplicateMerger}, {@link DriverLoadJoins}, {@link HeldEvents} (holding and release), {@link AmbiguousWppHold}
 * (records the decoder could not decide yet) and
 * {@link UndecodableRecords} (counting what could not be read).
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
 * <p><b>The first start.</b> A WPP record that fits several source files' layouts, one an act, before its message
 * GUID is bound to a file (the first 0x0C start request, before RStartServiceW's 0x0D/0x0E names its GUID) is held
 * ({@link AmbiguousWppHold}, {@code ambiguousHoldWindow}); a later WPP record that teaches the decoder its file
 * decides it, and it is routed, with its own thread and time, before that record, so that the outcome joins it.
 * Otherwise it is released as an unknown with its reason and how long it was held.
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
    private static final Duration MIN_START_MEMORY = Duration.ofMinutes(1);

    private final Function<EventRecord, Optional<WppMessage>> wppDecoder;
    private final RpcThreadRequests requests;
    private final CorrelatorOptions options;
    private final KernelProcessRecords kernelRecords = new KernelProcessRecords();
    private final ServicesRecords servicesRecords = new ServicesRecords();
    private final ProcessTable table;
    private final ClientEnricher enricher;
    private final ServiceImageIndex images;
    private final ServiceStartLog starts;
    private final HeldEvents held;
    private final ImagesAndSids imagesAndSids;
    private final ClientResolution clients;
    private final DuplicateMerger duplicates;
    private final DriverLoadJoins driverLoads;
    private final UndecodableRecords undecodable;
    private final AmbiguousWppHold ambiguous;
    /** How long starts are remembered for the driver-load join: four join windows, at least a minute. */
    private final Duration startMemory;
    private Instant now;
    private boolean completed;
    private long records;

    /**
     * @param wppDecoder the SCM WPP decoder: a message for a record of the SCM WPP provider, empty for any record it
     *                   does not recognise (it also sees records of other providers the session delivers)
     * @param liveLookup the live fallback for clients the process table does not know ({@link LiveProcessLookup#none()}
     *                   for replays)
     * @param options    windows and bounds
     */
    public ScmCorrelator(Function<EventRecord, Optional<WppMessage>> wppDecoder, LiveProcessLookup liveLookup,
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
    public ScmCorrelator(Function<EventRecord, Optional<WppMessage>> wppDecoder, LiveProcessLookup liveLookup,
            ServiceImageLookup imageLookup, CorrelatorOptions options) {
        this(wppDecoder, liveLookup, imageLookup, options, LOG);
    }

    /** As the public constructors, warning through {@code log} (tests watch the once-per-version warning). */
    ScmCorrelator(Function<EventRecord, Optional<WppMessage>> wppDecoder, LiveProcessLookup liveLookup,
            CorrelatorOptions options, Logger log) {
        this(wppDecoder, liveLookup, ServiceImageLookup.none(), options, log);
    }

    private ScmCorrelator(Function<EventRecord, Optional<WppMessage>> wppDecoder, LiveProcessLookup liveLookup,
            ServiceImageLookup imageLookup, CorrelatorOptions options, Logger log) {
        Objects.requireNonNull(log, "log");
        this.wppDecoder = Objects.requireNonNull(wppDecoder, "wppDecoder");
        this.options = Objects.requireNonNull(options, "options");
        this.requests = new RpcThreadRequests(Math.max(64, options.maxPending()));
        this.table = new ProcessTable(options.exitedRetention(), options.maxProcesses());
        this.enricher = new ClientEnricher(table, Objects.requireNonNull(liveLookup, "liveLookup"));
        ImagePathNormaliser normaliser = new ImagePathNormaliser(options.systemRoot(), options.deviceToDrive());
        this.images = new ServiceImageIndex(normaliser, options.maxServiceImages());
        this.starts = new ServiceStartLog(options.maxTrackedStarts());
        for (Map.Entry<String, String> e : options.knownServiceImages().entrySet()) {
            images.register(e.getKey(), e.getValue());
        }
        Duration memory = options.joinWindow().multipliedBy(4);
        this.startMemory = memory.compareTo(MIN_START_MEMORY) > 0 ? memory : MIN_START_MEMORY;
        this.held = new HeldEvents(options);
        this.imagesAndSids = new ImagesAndSids(Objects.requireNonNull(imageLookup, "imageLookup"), options, held, log);
        this.clients = new ClientResolution(options, enricher, starts, held, imagesAndSids);
        this.duplicates = new DuplicateMerger(options, held, starts);
        this.driverLoads = new DriverLoadJoins(options, normaliser, images, starts, enricher, held, imagesAndSids);
        this.undecodable = new UndecodableRecords(log);
        this.ambiguous = new AmbiguousWppHold(options.ambiguousHoldWindow(), options.maxPending());
        held.finishWith((h, out) -> {
            if (h.load != null) {
                driverLoads.finish(h, out);
            } else {
                clients.finish(h, out);
            }
        });
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
        routeAll(ambiguous.expired(now), out);
        learnLoggerStartKey(record);
        if (KernelProcessProvider.GUID.equals(record.providerId())) {
            Optional<KernelProcessRecord> k = kernelRecords.decode(record);
            if (k.isPresent()) {
                onKernelProcess(k.get(), out);
            }
        } else if (ServicesProvider.GUID.equals(record.providerId())) {
            Optional<ServicesRecord> s = servicesRecords.decode(record);
            if (s.isPresent()) {
                onServices(s.get(), out);
            }
        } else {
            onOther(record, out);
        }
        held.release(now, out);
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
        routeAll(ambiguous.expired(now), out);
        held.release(now, out);
        return out;
    }

    /** Ends the stream: releases everything held, with the best attribution known now. Idempotent. */
    public List<ScmEvent> onComplete() {
        List<ScmEvent> out = new ArrayList<>();
        if (completed) {
            return out;
        }
        completed = true;
        if (now != null) {
            routeAll(ambiguous.releaseAll(now), out);
        }
        held.releaseAll(out);
        return out;
    }

    /** A snapshot of the counters. */
    public CorrelatorStats stats() {
        return new CorrelatorStats(records, table.size(), table.evictedExited(), table.evictedRunning(),
                held.size() + ambiguous.size(), undecodable.kernelProcess(), undecodable.services(),
                undecodable.wppFailures(), duplicates.merged(), held.releasedEarly() + ambiguous.releasedEarly(),
                enricher.liveLookups(), driverLoads.driverLoads(), undecodable.byEventVersion(),
                ambiguous.heldTotal(), ambiguous.decidedLater(), ambiguous.releasedUnknown());
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

    private void moveClock(Instant t) {
        if (now == null || t.isAfter(now)) {
            now = t;
        }
        table.advance(now);
        if (starts.size() > 0) {
            starts.prune(now.minus(startMemory));
        }
        duplicates.prune(now, ambiguous.isEmpty() ? Duration.ZERO : ambiguous.window());
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
            clients.onProcessKnown(s.processId(), out);
        } else if (k instanceof KernelProcessRecord.ProcessStop p) {
            table.onStop(p);
            clients.onProcessKnown(p.processId(), out);
        } else if (k instanceof KernelProcessRecord.ImageLoad l) {
            if (l.isKernelImage()) {
                driverLoads.onDriverLoad(l, out);
            }
        } else if (k instanceof KernelProcessRecord.Undecodable u) {
            undecodable.kernelProcess(u.eventId(), u.version(), u.reason());
            int loggerPid = u.source().processId();
            // A kernel image load is logged from a system worker thread (PID 0 or 4, inferred); DLL loads are not.
            if (u.eventId() == KernelProcessProvider.IMAGE_LOAD && (loggerPid == 0 || loggerPid == 4)) {
                out.add(PublicEvents.unknown(u.source(), "undecodable Kernel-Process ImageLoad (possible "
                        + "driver load): " + u.reason()));
            }
        }
    }

    private void onServices(ServicesRecord s, List<ScmEvent> out) {
        if (s instanceof ServicesRecord.Undecodable u) {
            undecodable.services(u.eventId(), u.version(), u.reason());
            out.add(PublicEvents.unknown(u.source(), "undecodable Microsoft-Windows-Services event: "
                    + u.reason()));
            return;
        }
        if (s instanceof ServicesRecord.StatusChange c) {
            // ImageName of event 105 is taken as the service's ImagePath when it is a path (inferred meaning).
            c.image().filter(i -> i.indexOf('\\') >= 0).ifPresent(i -> {
                images.registerIfAbsent(c.serviceName(), i);
                imagesAndSids.onImageLearned(c.serviceName(),
                        new ServiceImagePath(i, ServiceImagePath.Origin.SERVICES_PROVIDER), out);
            });
            out.add(PublicEvents.statusChanged(c));
            return;
        }
        ServicesRecord.Client client = PublicEvents.clientFields(s);
        if (client.processId() > 0) {
            table.learnStartKey(client.processId(), s.source().timestamp(), client.processStartKey());
        }
        ScmEvent event = duplicates.onServicesReport(PublicEvents.clientRequest(s));
        requests.remember(s.source().threadId(), event);
        admit(event, false, out);
    }

    private void onOther(EventRecord record, List<ScmEvent> out) {
        Optional<WppMessage> decoded;
        try {
            decoded = wppDecoder.apply(record);
        } catch (RuntimeException e) {
            undecodable.wppFailure();
            out.add(PublicEvents.unknown(record, "SCM WPP decoder failed: " + e));
            return;
        }
        if (decoded == null || decoded.isEmpty()) {
            return;
        }
        WppMessage message = decoded.get();
        boolean deferrable = message instanceof WppMessage.Unknown u && u.deferrable();
        if (!ambiguous.isEmpty()) {
            // Before the current record: a start it decided is then remembered on its thread for the current outcome.
            routeAll(ambiguous.decided(this::decodeAgain), out);
            if (deferrable || message instanceof WppMessage.Create || message instanceof WppMessage.StartRequest) {
                routeAll(ambiguous.releaseThread(record.threadId(), now), out);
            }
        }
        List<WppMessage> released = new ArrayList<>(0);
        boolean isHeld = deferrable && ambiguous.hold((WppMessage.Unknown) message, now, released);
        routeAll(released, out);
        if (!isHeld) {
            route(message, out);
        }
    }

    /** The decoder's second reading of a held record (a failure leaves it held). */
    private Optional<WppMessage> decodeAgain(EventRecord record) {
        return wppDecoder.apply(record);
    }

    private void routeAll(List<WppMessage> messages, List<ScmEvent> out) {
        for (WppMessage m : messages) {
            route(m, out);
        }
    }

    /** The normal path of an SCM WPP message, with its own record's thread and timestamp. */
    private void route(WppMessage message, List<ScmEvent> out) {
        ScmEvent event = PublicEvents.of(message);
        int thread = message.source().threadId();
        if (event instanceof ServiceCreated c) {
            ServiceCreated withImage = imagesAndSids.withImageFromLookups(c);
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
            if (r.clientSid().isPresent() && imagesAndSids.mergeSidIntoHeldResult(thread, r, out)) {
                return;
            }
            event = r;
        }
        if (event instanceof UnknownScmMessage || event instanceof ServiceStatusChanged) {
            out.add(event);
            driverLoads.recheck(out);
            return;
        }
        if (!event.client().isKnown()) {
            admit(event, false, out);
            return;
        }
        boolean mergeable = DuplicateMerger.isMergeable(event) && !options.duplicateWindow().isZero();
        if (mergeable && duplicates.dropIfRepeat(event)) {
            return;
        }
        admit(event, mergeable, out);
    }

    /** Client resolution, then the driver-load re-join when a start or creation became known. */
    private void admit(ScmEvent event, boolean awaitDuplicate, List<ScmEvent> out) {
        if (clients.admit(event, awaitDuplicate, out)) {
            driverLoads.recheck(out);
        }
    }
}
