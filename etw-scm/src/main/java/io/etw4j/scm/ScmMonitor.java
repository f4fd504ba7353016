package io.etw4j.scm;

import io.etw4j.core.session.SessionBuilder;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.etl.EtlReadOptions;
import io.etw4j.core.session.EtwSession;
import io.etw4j.core.EventRecord;
import io.etw4j.core.session.Provider;
import io.etw4j.core.session.ProviderContention;
import io.etw4j.core.session.TraceLevel;
import io.etw4j.scm.internal.correlation.CorrelatorOptions;
import io.etw4j.scm.internal.correlation.CorrelatorStats;
import io.etw4j.scm.internal.correlation.LiveProcessLookup;
import io.etw4j.scm.internal.correlation.ScmCorrelator;
import io.etw4j.scm.internal.correlation.ServiceImageLookup;
import io.etw4j.scm.internal.kernel.KernelProcessProvider;
import io.etw4j.scm.internal.services.ServicesProvider;
import io.etw4j.scm.internal.win32.RegistryServiceImages;
import io.etw4j.scm.internal.win32.WindowsProcessLookup;
import io.etw4j.scm.internal.wpp.MessageTable;
import io.etw4j.scm.internal.wpp.ScmWppDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Which process created, started, controlled or reconfigured a Windows service, and which caused a driver to load:
 * the SCM pipeline as one {@link Flux} of typed {@link ScmEvent}s.
 *
 * <p>The pipeline is the same whatever the source: {@link EventRecord}s (from a live session, an .etl replay or any
 * {@link Flux} given to {@link #from(Flux)}) go through the SCM WPP decoder (message table: the shipped defaults, or a
 * user's override, see {@link Builder#messageTable(Path)}) and the attribution stage (a process table from
 * Microsoft-Windows-Kernel-Process, client merging with Microsoft-Windows-Services, driver loads joined to the service
 * starts that caused them). A live session and a replay of its .etl file therefore give the same events.
 *
 * <p>The three providers it uses (each can be switched off in the {@link Builder}; a switched-off provider's records
 * are dropped from any source, so that switches mean the same for live and replay):
 * <ul>
 *   <li>"Service Control Manager Trace" (WPP) {@value #SCM_WPP_CONTROL_GUID_TEXT}: its messages name the client PID of
 *       service creations, starts, controls and configuration changes (undocumented: each typed event says on what
 *       {@link Evidence} its layout rests, and a record that fits no layout or several becomes an
 *       {@link UnknownScmMessage});</li>
 *   <li>Microsoft-Windows-Services {@code {0063715B-EEDA-4007-9429-AD526F62696E}}: starts, controls, configuration
 *       changes with the client's process start key;</li>
 *   <li>Microsoft-Windows-Kernel-Process {@code {22FB2CD6-0E7B-422B-A0C7-2FAD1FD0E716}}, keywords 0x10 (process) |
 *       0x40 (image): the process table, and kernel image loads (ProcessID 0).</li>
 * </ul>
 *
 * <p><b>Processes that were already running.</b> ProcessRundown records (Kernel-Process event 15) describe processes
 * alive when the provider was asked to capture its state; they feed the process table exactly like ProcessStart, so a
 * client known only through a rundown is resolved with its image path. The provider logs them only when a controller
 * requests capture state (EnableTraceEx2 with EVENT_CONTROL_CODE_CAPTURE_STATE, evntrace.h). The live
 * session of {@link #create()} does not request it today, so a live monitor knows only processes started after it
 * began (and resolves older clients through the live lookup); a replay or {@link #from(Flux)} source that contains
 * rundown records uses them.
 *
 * <p><b>Thread-safety and lifetime.</b> An {@code ScmMonitor} is thread-safe and, apart from the
 * {@link #statistics()} it publishes, immutable; it holds no native resource until {@link #events()} is subscribed
 * to. The message table is read when the monitor is built.
 *
 * <pre>{@code
 * Disposable monitor = ScmMonitor.create().events()    // live; or replay(path), or from(records) for any source
 *     .subscribe(e -> {
 *         if (e instanceof ServiceCreated c) {
 *             System.out.println(c.serviceName() + " created by PID " + c.client().pid());
 *         }
 *     });
 * // later: monitor.dispose() stops the ETW session
 * }</pre>
 */
public final class ScmMonitor {
    /** Text of {@link #SCM_WPP_CONTROL_GUID}. */
    public static final String SCM_WPP_CONTROL_GUID_TEXT = "{EBCCA1C2-AB46-4A1D-8C2A-906C2FF25F39}";
    /**
     * Control GUID of the "Service Control Manager Trace" WPP provider, ScmWppLoggingGuid (seed article): the GUID to
     * enable. Its records carry the message GUID of services.exe's source file instead.
     */
    public static final UUID SCM_WPP_CONTROL_GUID = UUID.fromString("ebcca1c2-ab46-4a1d-8c2a-906c2ff25f39");
    /** Microsoft-Windows-Services provider GUID (from the provider's published manifest). */
    public static final UUID SERVICES_PROVIDER_GUID = ServicesProvider.GUID;
    /** Microsoft-Windows-Kernel-Process provider GUID (from the provider's published manifest). */
    public static final UUID KERNEL_PROCESS_PROVIDER_GUID = KernelProcessProvider.GUID;
    /** Kernel-Process keywords enabled: WINEVENT_KEYWORD_PROCESS 0x10 | WINEVENT_KEYWORD_IMAGE 0x40. */
    public static final long KERNEL_PROCESS_KEYWORDS = KernelProcessProvider.KEYWORD_PROCESS
            | KernelProcessProvider.KEYWORD_IMAGE;

    /**
     * Microsoft-Windows-Services keywords enabled: 0x10000 (performance: status changes) | 0x100000 (control) |
     * 0x200000 (configuration change) | 0x400000 (service start); see ServicesProvider for the sources.
     */
    public static final long SERVICES_KEYWORDS = ServicesProvider.KEYWORD_PERFORMANCE | ServicesProvider.KEYWORD_CONTROL
            | ServicesProvider.KEYWORD_CONFIG_CHANGE | ServicesProvider.KEYWORD_SERVICE_START;
    /**
     * SCM WPP flag 0x1: errors. This and the three flags below are read from a public decompilation of
     * services.exe (the flag each trace call site tests), not from Microsoft documentation; not verified on a host.
     */
    public static final long SCM_WPP_FLAG_ERRORS = 0x1L;
    /** SCM WPP flag 0x4: RStartServiceW (service starts); source: a public decompilation of services.exe. */
    public static final long SCM_WPP_FLAG_START_SERVICE = 0x4L;
    /**
     * SCM WPP flag 0x100: ScCreateServiceRpc (message 0x28), RChangeServiceConfigW, RDeleteService; source: a public
     * decompilation of services.exe.
     */
    public static final long SCM_WPP_FLAG_SERVICE_CONFIG = 0x100L;
    /** SCM WPP flag 0x100000: ScSendControl (controls to services); source: a public decompilation of services.exe. */
    public static final long SCM_WPP_FLAG_CONTROL = 0x100000L;
    /**
     * WPP enable flags for the SCM trace: all 32 (a WPP provider takes its flags from the low 32 bits of the keyword).
     * They include the four flags whose call sites are known ({@link #SCM_WPP_FLAG_ERRORS},
     * {@link #SCM_WPP_FLAG_START_SERVICE}, {@link #SCM_WPP_FLAG_SERVICE_CONFIG}, {@link #SCM_WPP_FLAG_CONTROL}); the
     * others are set too because which further flags services.exe tests is not known (inferred).
     */
    public static final long SCM_WPP_FLAGS = 0xFFFF_FFFFL;
    /**
     * The level the SCM WPP provider is enabled at: 0xFF ({@link TraceLevel#ALL}), every level, as logman uses for WPP
     * providers; WPP levels above TRACE_LEVEL_VERBOSE (5) would otherwise be filtered out.
     */
    public static final TraceLevel SCM_WPP_LEVEL = TraceLevel.ALL;
    /** The session name {@link #create()} uses (EtwSession adds its prefix and owner record). */
    public static final String DEFAULT_SESSION_NAME = "scm-monitor";
    /** Classpath location of the demo capture {@link #replayDemo()} replays. */
    public static final String DEMO_RESOURCE = "/io/etw4j/scm/demo/scm-demo.etl";
    /** The idle flush of a live monitor. */
    public static final Duration DEFAULT_LIVE_IDLE_FLUSH = Duration.ofSeconds(1);

    private final Flux<EventRecord> source;
    private final Optional<EtwSession> session;
    /** The file a replay reads, for its reader statistics; empty for other sources. */
    private final Optional<EtlFile> etlFile;
    private final MessageTable table;
    private final Evidence minimumEvidence;
    private final LiveProcessLookup liveLookup;
    private final ServiceImageLookup imageLookup;
    private final CorrelatorOptions options;
    private final boolean scmWpp;
    private final boolean services;
    private final boolean kernelProcess;
    private final Duration idleFlush;
    /** The most recent subscription's statistics; null before the first subscription. */
    private volatile Run currentRun;

    private ScmMonitor(Builder b, Flux<EventRecord> source, Optional<EtwSession> session,
            LiveProcessLookup defaultLookup, ServiceImageLookup defaultImageLookup, Duration defaultIdle,
            Optional<EtlFile> etlFile) {
        this.source = Objects.requireNonNull(source, "source");
        this.etlFile = etlFile;
        this.session = session;
        this.table = MessageTable.load(Optional.ofNullable(b.messageTable));
        this.minimumEvidence = b.minimumEvidence;
        this.liveLookup = b.liveLookup != null ? b.liveLookup : defaultLookup;
        this.imageLookup = b.imageLookup != null ? b.imageLookup : defaultImageLookup;
        this.options = b.options;
        this.scmWpp = b.scmWpp;
        this.services = b.services;
        this.kernelProcess = b.kernelProcess;
        this.idleFlush = b.idleFlush != null ? b.idleFlush : defaultIdle;
    }

    /** {@return a builder with the defaults: all three providers, the shipped message table, the default windows} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return a live monitor on this host with the defaults ({@code builder().create()}): one real-time ETW session
     * (named {@value #DEFAULT_SESSION_NAME}) with the SCM WPP provider, Microsoft-Windows-Services and
     * Microsoft-Windows-Kernel-Process enabled, clients the process table does not know looked up on the live system
     * (OpenProcess), and an idle flush of {@link #DEFAULT_LIVE_IDLE_FLUSH}} Needs Windows and an elevated process:
     * {@link #events()} signals {@code UnsupportedPlatformException} elsewhere and {@code EtwCallException} (e.g.
     * ERROR_ACCESS_DENIED) when the session cannot start; see {@link #preflight()}.
     *
     * <p><b>Enabling the SCM WPP provider takes it from services.exe's own session.</b> The "Service Control Manager
     * Trace" provider is a classic (WPP) provider, which only one session at a time can enable: a later EnableTraceEx2
     * takes it, silently, from the session that had it (learn.microsoft.com "Configuring and Starting an Event Tracing
     * Session"; "EnableTraceEx2 function", remarks). services.exe runs its own session named "SCM" with this provider
     * unless {@code HKLM\Software\Microsoft\Windows NT\CurrentVersion\Tracing\SCM\Regular\TracingDisabled} is
     * non-zero (inferred, not verified on a Windows host; see {@link #preflight()}), so subscribing to
     * {@link #events()} takes the provider from that session; that it returns to it only when services.exe restarts
     * its session (at the latest at reboot) is inferred, not verified. Conversely,
     * any other tool that enables the provider later takes it from this monitor: {@link #providerContention()} and
     * the session's health reports say who holds it, and the change is logged at WARN. {@link #preflight()} tells
     * who holds it before you start.
     *
     * @throws MessageTableException if the system property {@code etw4j.scm.messageTable} names a bad table
     */
    public static ScmMonitor create() {
        return builder().create();
    }

    /**
     * {@return a monitor replaying an .etl file recorded with the three providers, with the defaults
     * ({@code builder().replay(etl)}); it runs on any OS and gives the events the live session would have given} For
     * example (not run here: no Windows host) {@code logman start scm -pf scm-providers.txt -o scm.etl -ets} with the
     * lines {@code {EBCCA1C2-AB46-4A1D-8C2A-906C2FF25F39} 0xffffffff 0xff},
     * {@code Microsoft-Windows-Services 0x710000 5}
     * and {@code Microsoft-Windows-Kernel-Process 0x50 4} in scm-providers.txt.
     *
     * @param etl the .etl file to replay
     * @throws io.etw4j.core.etl.EtlIoException if the file cannot be opened
     * @throws io.etw4j.core.etl.EtlFormatException if the file has no readable logfile header
     * @throws MessageTableException if the system property {@code etw4j.scm.messageTable} names a bad table
     */
    public static ScmMonitor replay(Path etl) {
        return builder().replay(etl);
    }

    /**
     * {@return a monitor replaying the demo capture shipped in etw-scm ({@value #DEMO_RESOURCE}): a driver installation
     * by setup.exe (PID 3556, the seed article's PID) that creates and starts service "evilsvc", whose driver then
     * loads with ProcessID 0} It gives a {@link ServiceCreated} and a {@link ServiceStarted} naming PID 3556 and a
     * {@link DriverLoaded} attributed to that start. The capture is synthetic: written from the published event
     * layouts, not recorded on a Windows host. Runs on any OS.
     */
    public static ScmMonitor replayDemo() {
        return builder().replayDemo();
    }

    /**
     * {@return a monitor over any source of records, with the defaults ({@code builder().from(records)}): records of
     * other providers are ignored; no live process lookup (clients are resolved from Kernel-Process records in the
     * source)}
     *
     * @param records the records to decode
     * @throws MessageTableException if the system property {@code etw4j.scm.messageTable} names a bad table
     */
    public static ScmMonitor from(Flux<EventRecord> records) {
        return builder().from(records);
    }

    /**
     * {@return what stands between this machine and SCM attribution (elevation, provider registration, TracingDisabled,
     * free logger slots), each problem with its remedy; the same as {@link ScmPreflight#run()}} Never throws; off
     * Windows it reports "not Windows".
     */
    public static ScmPreflight preflight() {
        return ScmPreflight.run();
    }

    /**
     * {@return the typed events}
     *
     * <ul>
     *   <li><b>Cold:</b> each subscription subscribes to the source anew with fresh correlation state (process table,
     *       held events); for {@link #from(Flux)} that means resubscribing to the given Flux.</li>
     *   <li><b>Threading:</b> signals arrive on the source's thread (for a live session its ETW processing thread:
     *       do not block it, {@code publishOn} for slow work), or on a {@link Schedulers#parallel()} thread for the
     *       idle flush of a live session. The stage itself is serialised: it never runs on two threads at once.</li>
     *   <li><b>Backpressure:</b> passed through to the source; the stage holds at most
     *       {@link Builder#maxPending(int)} events waiting for their join windows (beyond that the one due first is
     *       released early).</li>
     *   <li><b>Order:</b> events are emitted when final, not always in timestamp order: an event whose client or
     *       driver-load cause is not yet known is held up to the join window (default 5 s of trace time).</li>
     *   <li><b>Termination:</b> when the source completes, everything held is released with the best attribution
     *       known, then the Flux completes. When the source fails, the held events are released, then the error is
     *       signalled. Undecodable records never fail the Flux: they become {@link UnknownScmMessage}s.</li>
     *   <li><b>Cancellation:</b> cancels the source (a live session stops); held events are discarded.</li>
     * </ul>
     */
    public Flux<ScmEvent> events() {
        return Flux.defer(() -> {
            ScmWppDecoder decoder = new ScmWppDecoder(table, minimumEvidence);
            ScmCorrelator correlator = new ScmCorrelator(decoder, liveLookup, imageLookup, options);
            Run run = new Run(correlator, decoder);
            currentRun = run;
            Flux<Input> records = source.filter(this::enabled).map(Input::record);
            Flux<Input> inputs = records;
            if (!idleFlush.isZero()) {
                Scheduler clock = Schedulers.parallel();
                Flux<Input> ticks = Flux.interval(idleFlush, clock)
                        .map(i -> Input.tick(Instant.ofEpochMilli(clock.now(TimeUnit.MILLISECONDS))));
                inputs = Flux.merge(records.concatWith(Mono.just(Input.END)), ticks)
                        .takeWhile(in -> in != Input.END);
            }
            return inputs
                    .concatMapIterable(in -> run.published(in.record != null ? correlator.onRecord(in.record)
                            : correlator.advanceTo(in.time)))
                    .concatWith(Flux.defer(() -> Flux.fromIterable(run.published(correlator.onComplete()))))
                    .onErrorResume(e -> Flux.fromIterable(run.published(correlator.onComplete()))
                            .concatWith(Flux.error(e)));
        });
    }

    /**
     * {@return what the attribution stage of the most recent subscription to {@link #events()} has seen and done so far
     * (records in, events out, undecodable records, evictions, ...); {@link ScmMonitorStatistics#EMPTY} before any
     * subscription} Safe to call from any thread at any time; never blocks the stream. While the Flux runs the snapshot
     * may lag it by at most one record; after it terminates the snapshot is final. A new subscription starts again from
     * zero (each subscription has its own correlation state). For a replay it also carries the .etl reader's
     * statistics of that subscription's read ({@link ScmMonitorStatistics#etlReader()}: damaged ranges skipped,
     * truncation, errors by kind), so that a damaged file never passes for a quiet one.
     */
    public ScmMonitorStatistics statistics() {
        Run run = currentRun;
        ScmMonitorStatistics snapshot = run == null ? ScmMonitorStatistics.EMPTY : run.snapshot;
        if (run != null && etlFile.isPresent()) {
            snapshot = snapshot.withEtlReader(Optional.of(etlFile.get().statistics()));
        }
        Optional<ProviderContention> contention = providerContention();
        return contention.isEmpty() ? snapshot : snapshot.withScmWppContention(contention);
    }

    /**
     * {@return who holds the SCM WPP provider {@value #SCM_WPP_CONTROL_GUID_TEXT}, as the live session last checked
     * (after its enables, then at each health poll of {@link EtwSession#health()}): {@link
     * ProviderContention.State#EXCLUSIVE} (this monitor's session only), {@link ProviderContention.State#SHARED} or
     * {@link ProviderContention.State#NOT_HELD} with the other sessions by name and logger id (for this classic
     * provider, only the session that enabled it last receives its events), or {@link ProviderContention.State#UNKNOWN}
     * if the enumeration failed} Empty for a monitor that is not live, whose SCM WPP provider is switched off, or whose
     * {@link #events()} has not been subscribed to yet. Makes no native call; thread-safe.
     */
    public Optional<ProviderContention> providerContention() {
        return session.flatMap(s -> s.providerContention().stream()
                .filter(c -> c.providerId().equals(SCM_WPP_CONTROL_GUID)).findFirst());
    }

    /**
     * {@return the ETW session of a live monitor ({@link #create()}), for its statistics and health reports; empty for
     * other sources}
     */
    public Optional<EtwSession> session() {
        return session;
    }

    /**
     * {@return the WPP message GUIDs the most recent subscription's decoder has seen so far (services.exe source files;
     * each subscription decodes with fresh state, so a replay gives the same events every time)} Pin them in a message
     * table override ({@code 0x28@{guid} = ...} or {@code file <hash> = {guid}}) to decode only those files' message
     * numbers.
     */
    public Set<UUID> messageGuidsSeen() {
        Run run = currentRun;
        return run == null ? Set.of() : run.decoder.messageGuidsSeen();
    }

    /**
     * {@return the services.exe source files (by the hash of their WPP symbol) whose message GUID the most recent
     * subscription learned from the records, so far: pin them with table lines {@code file <hash> = {guid}} (see the
     * message table header)} Empty before any subscription.
     */
    public Map<String, UUID> learnedFileGuids() {
        Run run = currentRun;
        return run == null ? Map.of() : run.decoder.learnedFileGuids();
    }

    /** {@return the message table in use, described for logs ("defaults (...)" or "defaults overridden by /path")} */
    public String messageTableDescription() {
        return table.description();
    }

    /** {@return the least evidence a typed event needs ({@link Builder#minimumEvidence(Evidence)})} */
    public Evidence minimumEvidence() {
        return minimumEvidence;
    }

    private boolean enabled(EventRecord r) {
        if (ScmWppDecoder.isWpp(r)) {
            return scmWpp;
        }
        if (ServicesProvider.GUID.equals(r.providerId())) {
            return services;
        }
        if (KernelProcessProvider.GUID.equals(r.providerId())) {
            return kernelProcess;
        }
        return true;
    }

    /** The Windows live lookup, loaded on the first PID to look up; if it cannot load, every lookup fails softly. */
    private static final class LazyWindowsLookup implements LiveProcessLookup {
        private volatile LiveProcessLookup delegate;

        @Override
        public ClientProcess lookup(int pid) {
            LiveProcessLookup d = delegate;
            if (d == null) {
                try {
                    d = WindowsProcessLookup.create();
                } catch (RuntimeException | LinkageError e) {
                    d = p -> ClientProcess.ofPid(p).withResolution(ClientProcess.Resolution.LOOKUP_FAILED);
                }
                delegate = d;
            }
            return d.lookup(pid);
        }
    }

    /** The registry lookup of service image paths, loaded on first use; if it cannot load, nothing is found. */
    private static final class LazyRegistryImages implements ServiceImageLookup {
        private volatile ServiceImageLookup delegate;

        @Override
        public Optional<String> imagePath(String serviceName) {
            ServiceImageLookup d = delegate;
            if (d == null) {
                try {
                    d = RegistryServiceImages.create();
                } catch (RuntimeException | LinkageError e) {
                    d = ServiceImageLookup.none();
                }
                delegate = d;
            }
            return d.imagePath(serviceName);
        }
    }

    /**
     * One subscription's statistics. The correlator is only touched by the (serialised) pipeline, which calls
     * {@link #published} right after each correlator call; other threads read only the volatile {@link #snapshot}.
     */
    private static final class Run {
        private final ScmCorrelator correlator;
        final ScmWppDecoder decoder;
        private long emitted; // pipeline only
        volatile ScmMonitorStatistics snapshot = ScmMonitorStatistics.EMPTY;

        Run(ScmCorrelator correlator, ScmWppDecoder decoder) {
            this.correlator = correlator;
            this.decoder = decoder;
        }

        /** Counts {@code out} as emitted, publishes a fresh snapshot and returns {@code out}. */
        List<ScmEvent> published(List<ScmEvent> out) {
            emitted += out.size();
            CorrelatorStats s = correlator.stats();
            snapshot = new ScmMonitorStatistics(s.records(), emitted, s.undecodableServices(),
                    s.undecodableKernelProcess(), s.wppDecoderFailures(), s.duplicatesMerged(), s.releasedEarly(),
                    s.evictedExited(), s.evictedRunning(), s.driverLoads(), s.liveLookups(), s.processes(),
                    s.pending(), s.undecodableByEventVersion());
            return out;
        }
    }

    /** A record, a clock tick, or the end of the records. */
    private static final class Input {
        static final Input END = new Input(null, null);
        final EventRecord record;
        final Instant time;

        private Input(EventRecord record, Instant time) {
            this.record = record;
            this.time = time;
        }

        static Input record(EventRecord r) {
            return new Input(r, null);
        }

        static Input tick(Instant t) {
            return new Input(null, t);
        }
    }

    /**
     * Options of an {@link ScmMonitor}. Not thread-safe; build on one thread. Every option has a default, listed with
     * it.
     *
     * <pre>{@code
     * ScmMonitor monitor = ScmMonitor.builder()
     *         .messageTable(Path.of("scm-messages-22631.properties"))
     *         .kernelProcess(false)
     *         .from(records);
     * }</pre>
     */
    public static final class Builder {
        private Path messageTable;
        private Evidence minimumEvidence = Evidence.PUBLIC_DECOMPILATION;
        private LiveProcessLookup liveLookup;
        private ServiceImageLookup imageLookup;
        private CorrelatorOptions options = CorrelatorOptions.defaults();
        private boolean scmWpp = true;
        private boolean services = true;
        private boolean kernelProcess = true;
        private Duration idleFlush;
        private String sessionName = DEFAULT_SESSION_NAME;
        private UnaryOperator<SessionBuilder> sessionHook = UnaryOperator.identity();

        private Builder() {
        }

        /**
         * The logical name of the live session ({@link #create()}); default {@value #DEFAULT_SESSION_NAME}.
         *
         * @param name the logical session name
         * @return this builder
         */
        public Builder sessionName(String name) {
            this.sessionName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Test hook: adjusts the EtwSession builder (e.g. to run over a fake native layer). */
        Builder sessionHook(UnaryOperator<SessionBuilder> hook) {
            this.sessionHook = Objects.requireNonNull(hook, "hook");
            return this;
        }

        /**
         * A message table file that replaces or extends the shipped entries for your Windows build (syntax: the header
         * of the resource {@code io/etw4j/scm/scm-wpp-messages.properties}). Default: the file named by the system
         * property {@code etw4j.scm.messageTable}, else the shipped table. It is read by the terminal method
         * ({@link #from(Flux)}), which throws {@link MessageTableException} naming the bad line.
         *
         * @param file the message table file
         * @return this builder
         */
        public Builder messageTable(Path file) {
            this.messageTable = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * The least {@link Evidence} an SCM WPP message layout needs to give a typed event; records decoded with a
         * weaker entry become {@link UnknownScmMessage}s whose reason shows the reading. Default
         * {@link Evidence#PUBLIC_DECOMPILATION} (every entry that is not marked unconfirmed). For example
         * {@code minimumEvidence(Evidence.CAPTURE)} accepts only layouts seen on a host (a calibrated table) and the
         * manifest-described events of Microsoft-Windows-Services and Kernel-Process.
         *
         * @param minimum the least evidence a typed event needs
         * @return this builder
         * @throws IllegalArgumentException for {@link Evidence#NONE} (unconfirmed entries never give typed events)
         */
        public Builder minimumEvidence(Evidence minimum) {
            Objects.requireNonNull(minimum, "minimum");
            if (minimum == Evidence.NONE) {
                throw new IllegalArgumentException("Evidence.NONE cannot be required: unconfirmed table entries never "
                        + "give typed events");
            }
            this.minimumEvidence = minimum;
            return this;
        }

        /**
         * Where to read the ImagePath of a service whose create message carries none (current Windows builds).
         * Default: none for {@link #from(Flux)} and replays; the registry
         * ({@code HKLM\SYSTEM\CurrentControlSet\Services\<name>\ImagePath}, through jna-platform) for
         * {@link #create()}. The function must not block for long and should return empty when the value cannot be
         * read.
         *
         * @param lookup service name to binary path, empty when unknown
         * @return this builder
         */
        public Builder serviceImageLookup(Function<String, Optional<String>> lookup) {
            Objects.requireNonNull(lookup, "lookup");
            this.imageLookup = lookup::apply;
            return this;
        }

        /**
         * Whether records of the SCM WPP provider are used (and, live, whether it is enabled). Default true.
         *
         * @param on false to switch the provider off
         * @return this builder
         */
        public Builder scmWpp(boolean on) {
            this.scmWpp = on;
            return this;
        }

        /**
         * Whether Microsoft-Windows-Services records are used (and, live, enabled). Default true.
         *
         * @param on false to switch the provider off
         * @return this builder
         */
        public Builder servicesProvider(boolean on) {
            this.services = on;
            return this;
        }

        /**
         * Whether Microsoft-Windows-Kernel-Process records are used (and, live, enabled). Default true.
         *
         * @param on false to switch the provider off
         * @return this builder
         */
        public Builder kernelProcess(boolean on) {
            this.kernelProcess = on;
            return this;
        }

        /**
         * The fallback that describes a client PID the process table does not know, called at most once per event
         * when it arrives; it should return {@link ClientProcess} with resolution {@code LIVE_LOOKUP}, {@code EXITED}
         * or {@code LOOKUP_FAILED} and not throw (a thrown exception counts as {@code LOOKUP_FAILED}). Default: none
         * for {@link #from(Flux)} (a recorded PID may belong to another process now), OpenProcess for
         * {@link #create()}.
         *
         * @param lookup PID to client process
         * @return this builder
         */
        public Builder liveLookup(IntFunction<ClientProcess> lookup) {
            Objects.requireNonNull(lookup, "lookup");
            this.liveLookup = lookup::apply;
            return this;
        }

        /**
         * No live lookup: clients the process table does not know stay {@code PID_ONLY}.
         *
         * @return this builder
         */
        public Builder noLiveLookup() {
            this.liveLookup = LiveProcessLookup.none();
            return this;
        }

        /**
         * How far apart a kernel image load and the service start that explains it may be (either order), and how
         * long an event waits for records that explain it. Default 5 s (trace time).
         *
         * @param window the join window
         * @return this builder
         */
        public Builder joinWindow(Duration window) {
            options = options.withJoinWindow(window);
            return this;
        }

        /**
         * How far apart the Microsoft-Windows-Services and SCM WPP reports of one act may be to be merged into one
         * event; {@link Duration#ZERO} disables merging. Default 2 s.
         *
         * @param window the duplicate window
         * @return this builder
         */
        public Builder duplicateWindow(Duration window) {
            options = options.withDuplicateWindow(window);
            return this;
        }

        /**
         * How long an exited process stays in the process table. Default 10 min.
         *
         * @param retention how long exited processes are kept
         * @return this builder
         */
        public Builder exitedRetention(Duration retention) {
            options = options.withExitedRetention(retention);
            return this;
        }

        /**
         * The most processes the process table holds. Default 65,536.
         *
         * @param n the maximum number of processes
         * @return this builder
         */
        public Builder maxProcesses(int n) {
            options = options.withMaxProcesses(n);
            return this;
        }

        /**
         * The most events held at once waiting for their windows. Default 4,096.
         *
         * @param n the maximum number of held events
         * @return this builder
         */
        public Builder maxPending(int n) {
            options = options.withMaxPending(n);
            return this;
        }

        /**
         * The Windows directory that expands \SystemRoot\ in driver paths. Default {@code C:\Windows}.
         *
         * @param windowsDirectory the Windows directory, e.g. {@code C:\Windows}
         * @return this builder
         */
        public Builder systemRoot(String windowsDirectory) {
            options = options.withSystemRoot(windowsDirectory);
            return this;
        }

        /**
         * NT device names to drive letters ({@code \Device\HarddiskVolume3 -> C:}) for path joins. Default none.
         *
         * @param map device path prefix to drive letter
         * @return this builder
         */
        public Builder deviceToDrive(Map<String, String> map) {
            options = options.withDeviceToDrive(map);
            return this;
        }

        /**
         * Service name to ImagePath of services that existed before the trace began. Default none.
         *
         * @param map service name to binary path
         * @return this builder
         */
        public Builder knownServiceImages(Map<String, String> map) {
            options = options.withKnownServiceImages(map);
            return this;
        }

        /**
         * Whether a driver load may be joined to a service named like its file ({@code foo.sys}). Default true.
         *
         * @param on false to switch joining by file name off
         * @return this builder
         */
        public Builder matchByFileName(boolean on) {
            options = options.withMatchByFileName(on);
            return this;
        }

        /**
         * How often, on a quiet stream, the join windows are closed by the wall clock (so that a held event is not
         * kept until the next record). {@link Duration#ZERO} disables it: windows then close by trace time only,
         * which is right for replays. Default: zero for {@link #from(Flux)}, {@link ScmMonitor#DEFAULT_LIVE_IDLE_FLUSH}
         * for {@link #create()}.
         *
         * @param interval the idle-flush period
         * @return this builder
         */
        public Builder idleFlush(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("idleFlush must not be negative: " + interval);
            }
            this.idleFlush = interval;
            return this;
        }

        /**
         * {@return a monitor over {@code records} (any source: a live session, an .etl file, a test list)}
         *
         * @param records the records to decode
         * @throws MessageTableException if the message table override cannot be read or has a bad line
         */
        public ScmMonitor from(Flux<EventRecord> records) {
            return new ScmMonitor(this, records, Optional.empty(), LiveProcessLookup.none(), ServiceImageLookup.none(),
                    Duration.ZERO, Optional.empty());
        }

        /**
         * {@return a monitor replaying {@code etl}, merged across processors in timestamp order (so that the join
         * windows see records in the order they happened)} Each subscription to {@link ScmMonitor#events()} reads the
         * file from the start; malformed parts are skipped and counted by the reader (lenient {@link EtlFile}), never
         * failing the stream, and reported in {@link ScmMonitorStatistics#etlReader()}. No live lookup (the recorded PIDs belong to the recording host).
         *
         * @param etl the .etl file to replay
         * @throws io.etw4j.core.etl.EtlIoException if the file cannot be opened
     * @throws io.etw4j.core.etl.EtlFormatException if the file has no readable logfile header
         * @throws MessageTableException if the message table override cannot be read or has a bad line
         */
        public ScmMonitor replay(Path etl) {
            return replay(etl, EtlReadOptions.defaults());
        }

        /**
         * {@return a monitor replaying {@code etl} as {@link #replay(Path)}, read with {@code options} (always in
         * timestamp order)} With {@link EtlReadOptions#strict()} the first malformed part of the file, a truncation
         * included, ends {@link ScmMonitor#events()} with an {@link io.etw4j.core.etl.EtlFormatException}; otherwise
         * such parts are skipped and counted in {@link ScmMonitorStatistics#etlReader()}.
         *
         * @param etl the .etl file to replay
         * @param options how to read it ({@link EtlReadOptions#timestampOrder()} is forced on)
         * @throws io.etw4j.core.etl.EtlIoException if the file cannot be opened
     * @throws io.etw4j.core.etl.EtlFormatException if the file has no readable logfile header
         * @throws MessageTableException if the message table override cannot be read or has a bad line
         */
        public ScmMonitor replay(Path etl, EtlReadOptions options) {
            EtlFile file = EtlFile.open(etl, options.withTimestampOrder(true));
            return new ScmMonitor(this, file.records(), Optional.empty(), LiveProcessLookup.none(), ServiceImageLookup.none(),
                    Duration.ZERO, Optional.of(file));
        }

        /**
         * {@return a monitor replaying the shipped demo capture (see {@link ScmMonitor#replayDemo()}) with these
         * options}
         */
        public ScmMonitor replayDemo() {
            byte[] image;
            try (InputStream in = ScmMonitor.class.getResourceAsStream(DEMO_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + DEMO_RESOURCE + " missing from the classpath");
                }
                image = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + DEMO_RESOURCE, e);
            }
            EtlFile file = EtlFile.of(ByteBuffer.wrap(image), EtlReadOptions.defaults().withTimestampOrder(true));
            return new ScmMonitor(this, file.records(), Optional.empty(), LiveProcessLookup.none(), ServiceImageLookup.none(),
                    Duration.ZERO, Optional.of(file));
        }

        /**
         * {@return a live monitor: one real-time {@link EtwSession} enabling the providers switched on, each
         * subscription to {@link ScmMonitor#events()} starting and (on cancel, error or completion) stopping it:
         * <ul>
         *   <li>SCM WPP {@value #SCM_WPP_CONTROL_GUID_TEXT}: level 0xFF ({@link #SCM_WPP_LEVEL}), flags
         *       {@link #SCM_WPP_FLAGS} (covering 0x1, 0x4, 0x100 and 0x100000); this takes the provider from
         *       services.exe's own "SCM" session (see {@link ScmMonitor#create()});</li>
         *   <li>Microsoft-Windows-Services: level verbose, keywords {@link #SERVICES_KEYWORDS}, with the process
         *       start key;</li>
         *   <li>Microsoft-Windows-Kernel-Process: level informational, keywords {@link #KERNEL_PROCESS_KEYWORDS},
         *       with the process start key.</li>
         * </ul>
         * Defaults that differ from {@link #from(Flux)}: live process lookup on (OpenProcess +
         * QueryFullProcessImageNameW, loaded on first use), idle flush {@link #DEFAULT_LIVE_IDLE_FLUSH}, ETW flush
         * timer 1 s}
         *
         * @throws IllegalStateException if every provider is switched off
         * @throws MessageTableException if the message table override cannot be read or has a bad line
         */
        public ScmMonitor create() {
            SessionBuilder b = EtwSession.builder(sessionName).flushTimer(Duration.ofSeconds(1));
            if (!scmWpp && !services && !kernelProcess) {
                throw new IllegalStateException("every provider is switched off: nothing to monitor");
            }
            if (scmWpp) {
                b.enable(Provider.of(SCM_WPP_CONTROL_GUID).level(SCM_WPP_LEVEL).matchAnyKeyword(SCM_WPP_FLAGS));
            }
            if (services) {
                b.enable(Provider.of(SERVICES_PROVIDER_GUID).level(TraceLevel.VERBOSE)
                        .matchAnyKeyword(SERVICES_KEYWORDS).withProcessStartKey());
            }
            if (kernelProcess) {
                b.enable(Provider.of(KERNEL_PROCESS_PROVIDER_GUID).level(TraceLevel.INFORMATION)
                        .matchAnyKeyword(KERNEL_PROCESS_KEYWORDS).withProcessStartKey());
            }
            EtwSession session = sessionHook.apply(b).build();
            return new ScmMonitor(this, session.records(), Optional.of(session), new LazyWindowsLookup(),
                    new LazyRegistryImages(), DEFAULT_LIVE_IDLE_FLUSH, Optional.empty());
        }
    }
}
