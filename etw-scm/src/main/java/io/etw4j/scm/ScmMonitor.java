package io.etw4j.scm;

import io.etw4j.core.EventRecord;
import io.etw4j.core.session.EtwSession;
import io.etw4j.core.session.HealthReport;
import io.etw4j.core.session.ProviderContention;
import io.etw4j.scm.internal.session.ScmSessionTracker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Which process created, started, controlled or reconfigured a Windows service, and which caused a driver to load:
 * the SCM pipeline as one {@link Flux} of typed {@link ScmEvent}s.
 *
 * <p>The pipeline is the same whatever the source: {@link EventRecord}s (from a live session, an .etl replay or any
 * {@link Flux} given to {@link #from(Flux)}) go through the SCM WPP decoder (message table: the shipped defaults, or a
 * user's override, see {@link ScmMonitorBuilder#messageTable(Path)}) and the attribution stage (a process table from
 * Microsoft-Windows-Kernel-Process, client merging with Microsoft-Windows-Services, driver loads joined to the service
 * starts that caused them). A live session and a replay of its .etl file therefore give the same events.
 *
 * <p>It reads the three providers {@link ScmProviders} describes: the "Service Control Manager Trace" WPP provider
 * (undocumented: each typed event says on what {@link Evidence} its layout rests, and a record that fits no layout or
 * several becomes an {@link UnknownScmMessage}), Microsoft-Windows-Services and Microsoft-Windows-Kernel-Process.
 * Each can be switched off in the {@link ScmMonitorBuilder}; a switched-off provider's records are dropped from any
 * source, so that switches mean the same for live and replay.
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
    /** The session name {@link #create()} uses (EtwSession adds its prefix and owner record). */
    public static final String DEFAULT_SESSION_NAME = "scm-monitor";
    /** The idle flush of a live monitor. */
    public static final Duration DEFAULT_LIVE_IDLE_FLUSH = Duration.ofSeconds(1);

    private final ScmSource source;
    private final ScmPipeline pipeline;

    ScmMonitor(ScmMonitorBuilder options, ScmSource source) {
        this.source = source;
        this.pipeline = options.pipeline(source);
    }

    /** {@return a builder with the defaults: all three providers, the shipped message table, the default windows} */
    public static ScmMonitorBuilder builder() {
        return new ScmMonitorBuilder();
    }

    /**
     * {@return a live monitor on this host with the defaults ({@code builder().create()}): one real-time ETW session
     * (named {@value #DEFAULT_SESSION_NAME}) with Microsoft-Windows-Services and Microsoft-Windows-Kernel-Process
     * enabled, the SCM WPP provider's records taken from services.exe's "SCM" session or enabled in that session as
     * below, clients the process table does not know looked up on the live system
     * (OpenProcess), and an idle flush of {@link #DEFAULT_LIVE_IDLE_FLUSH}} Needs Windows and an elevated process:
     * {@link #events()} signals {@code UnsupportedPlatformException} elsewhere and {@code EtwCallException} (e.g.
     * ERROR_ACCESS_DENIED) when the session cannot start; see {@link io.etw4j.scm.preflight.ScmPreflight#run()}.
     *
     * <p><b>Windows' own SCM trace keeps recording.</b> services.exe runs an always-on trace session named "SCM" that
     * receives this classic (WPP) provider and writes it to {@code %windir%\System32\LogFiles\Scm\SCM.EVM} (Geoff
     * Chappell, "WPP Software Tracing in SERVICES.EXE"; a public decompilation of services.exe). Only one session at
     * a time can enable a classic provider, and a later EnableTraceEx2 takes it from the session that had it
     * (learn.microsoft.com "Configuring and Starting an Event Tracing Session"; "EnableTraceEx2 function"; the taking
     * is inferred from them). So, by default, when the "SCM" session runs and holds the provider, the monitor does
     * not enable it: it shares that session ({@link ScmSessionMode#SHARE}: real-time delivery added with ControlTrace
     * UPDATE and removed at the end if it added it, see {@code AttachBuilder.addRealTimeIfMissing()}). When there is
     * no "SCM" session (the registry value {@code HKLM\Software\Microsoft\Windows NT\CurrentVersion\Tracing\SCM\
     * Regular\TracingDisabled} non-zero, or it is not running), or {@link ScmMonitorBuilder#privateScmSession(boolean)}
     * asks for it, it enables the provider in its own session with the flags services.exe uses
     * ({@link ScmSessionMode#PRIVATE}) and, if the "SCM" session had it, gives it back at the end with its level and
     * flags. The mode is chosen here, when the monitor is built; {@link ScmMonitorStatistics#scmSession()} says which
     * and whether the "SCM" session kept recording. That the file keeps being written in share mode, and that the
     * give-back restores its recording, are inferred, not verified on a Windows host. Any other tool that enables the
     * provider later takes it from the session that has it: {@link #providerContention()} and the session's health
     * reports say who holds it (private mode). The preflight tells which mode a monitor would use.
     *
     * @throws MessageTableException if the system property {@code etw4j.scm.messageTable} names a bad table
     */
    public static ScmMonitor create() {
        return builder().create();
    }

    /**
     * {@return a monitor replaying an .etl file recorded with the three providers, with the defaults
     * ({@code builder().replay(etl)}); it runs on any OS and gives the events the live session would have given}
     * {@link ScmProviders} shows how to record such a file.
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
     * {@return the typed events}
     *
     * <ul>
     *   <li><b>Cold:</b> each subscription subscribes to the source anew with fresh correlation state (process table,
     *       held events); for {@link #from(Flux)} that means resubscribing to the given Flux.</li>
     *   <li><b>Threading:</b> signals arrive on the source's thread (for a live session etw-core's delivery
     *       thread; slow work belongs after {@code publishOn}), on a {@link Schedulers#parallel()} thread for the
     *       idle flush of a live session, or on the thread whose {@code request(n)} lets held events out. The stage
     *       itself is serialised: it never runs on two threads at once.</li>
     *   <li><b>Backpressure:</b> passed through to the source. The stage decodes a record only when the events it
     *       has already made are taken, so a slow or paused subscriber stops it after a bounded prefetch (a few
     *       hundred records in the pipeline's queues) and the source holds the rest: a live session
     *       ({@link #create()}) hands records from ETW's thread to the pipeline through etw-core's bounded buffer
     *       ({@code bufferCapacity} of the session's builder), which, once full, drops records according to its
     *       {@code OverflowStrategy} and counts each one in the session's statistics and health reports
     *       ({@code droppedBySdk}, see {@link #session()} and {@link EtwSession}): ETW cannot be paused; a replay
     *       ({@link #replay(Path)}) reads no further in the file until demand returns, and loses nothing; a
     *       {@link #from(Flux)} source behaves as that Flux does. The stage itself never drops a record or an
     *       event. It holds at most {@link ScmMonitorBuilder#maxPending(int)} events waiting for their join windows
     *       (beyond that the one due first is released early, counted in
     *       {@link ScmMonitorStatistics#releasedEarly()}).</li>
     *   <li><b>Idle flush and slow subscribers:</b> the idle flush ({@link ScmMonitorBuilder#idleFlush(Duration)})
     *       needs no demand, so a subscriber that stalls, for any time, never fails the Flux. A flush tick acts only
     *       when the stage is idle (it reached the stage within one interval of firing and no record came in
     *       between); a tick that finds no demand or the stage behind is skipped, since records waiting in the
     *       queues or the source move trace time themselves, and closing windows by the wall clock before them would
     *       release held events before the records that complete them. Ticks are not data: skipping one loses
     *       nothing. When demand returns, the events made before the pause come first, in order; a held event whose
     *       window closed during the pause comes with the next record or, on a quiet source, with the first flush
     *       after the stage has caught up (about one interval).</li>
     *   <li><b>Order:</b> events are emitted when final, not always in timestamp order: an event whose client or
     *       driver-load cause is not yet known is held up to the join window (default 5 s of trace time).</li>
     *   <li><b>Termination:</b> when the source completes, everything held is released with the best attribution
     *       known, then the Flux completes. When the source fails, the held events are released, then the error is
     *       signalled. Undecodable records never fail the Flux: they become {@link UnknownScmMessage}s.</li>
     *   <li><b>Cancellation:</b> cancels the source (a live session stops); held events are discarded.</li>
     * </ul>
     */
    public Flux<ScmEvent> events() {
        return pipeline.events(source.records());
    }

    /**
     * {@return what the attribution stage of the most recent subscription to {@link #events()} has seen and done so far
     * (records in, events out, undecodable records, evictions, ...); {@link ScmMonitorStatistics#EMPTY} before any
     * subscription} Safe to call from any thread at any time; never blocks the stream. While the Flux runs the snapshot
     * may lag it by at most one record; after it terminates the snapshot is final. A new subscription starts again from
     * zero (each subscription has its own correlation state). For a replay it also carries the .etl reader's
     * statistics of that subscription's read ({@link ScmMonitorStatistics#etlReader()}: damaged ranges skipped,
     * truncation, errors by kind), so that a damaged file never passes for a quiet one. For a live monitor with the SCM
     * WPP provider on, it carries {@link ScmMonitorStatistics#scmSession()} and makes one ControlTrace QUERY of the
     * "SCM" session for its BuffersWritten (a quick call that never waits for the stream).
     */
    public ScmMonitorStatistics statistics() {
        ScmMonitorStatistics snapshot = pipeline.snapshot();
        if (snapshot == null) {
            snapshot = ScmMonitorStatistics.EMPTY;
        } else if (source.etlFile().isPresent()) {
            snapshot = snapshot.withEtlReader(Optional.of(source.etlFile().get().statistics()));
        }
        if (source.scmSession().isPresent()) {
            ScmSessionTracker tracker = source.scmSession().get();
            tracker.observe(); // one ControlTrace QUERY of "SCM": its BuffersWritten now
            snapshot = snapshot.withScmSession(tracker.snapshot());
        }
        Optional<ProviderContention> contention = providerContention();
        return contention.isEmpty() ? snapshot : snapshot.withScmWppContention(contention);
    }

    /**
     * {@return who holds the SCM WPP provider {@value ScmProviders#SCM_WPP_CONTROL_GUID_TEXT}, as the live session
     * last checked (after its enables, then at each health poll of {@link EtwSession#health()}): {@link
     * ProviderContention.State#EXCLUSIVE} (this monitor's session only), {@link ProviderContention.State#SHARED} or
     * {@link ProviderContention.State#NOT_HELD} with the other sessions by name and logger id (for this classic
     * provider, only the session that enabled it last receives its events), or {@link ProviderContention.State#UNKNOWN}
     * if the enumeration failed} Empty for a monitor that is not live, whose SCM WPP provider is switched off, that runs
     * in {@link ScmSessionMode#SHARE} mode (its own session does not enable the provider), or whose
     * {@link #events()} has not been subscribed to yet. Makes no native call; thread-safe.
     */
    public Optional<ProviderContention> providerContention() {
        return source.session().flatMap(s -> s.providerContention().stream()
                .filter(c -> c.providerId().equals(ScmProviders.SCM_WPP_CONTROL_GUID)).findFirst());
    }

    /**
     * {@return the ETW session of a live monitor ({@link #create()}), for its statistics and health reports: its own
     * session, or, in {@link ScmSessionMode#SHARE} mode with Services and Kernel-Process switched off, the "SCM"
     * session it consumes; empty for other sources} {@link #health()} merges the reports of both sessions.
     */
    public Optional<EtwSession> session() {
        return source.session();
    }

    /**
     * {@return the health reports of a live monitor's sessions, merged: its own session's and, in
     * {@link ScmSessionMode#SHARE} mode, those of services.exe's "SCM" session it consumes ({@link
     * HealthReport#sessionName()} "SCM": its losses, and its {@link HealthReport#buffersWritten()}, whose growth means
     * its {@code SCM.EVM} file is still being written, inferred); empty for other sources} As
     * {@link EtwSession#health()}: hot, one report per poll and a FINAL one per session when its run ends. The mode
     * and the SCM session's BuffersWritten since the start are in {@link ScmMonitorStatistics#scmSession()}.
     */
    public Flux<HealthReport> health() {
        Flux<HealthReport> own = source.session().map(EtwSession::health).orElse(Flux.empty());
        return source.sharedSession().filter(s -> source.session().map(o -> o != s).orElse(true))
                .map(s -> Flux.merge(own, s.health())).orElse(own);
    }

    /**
     * {@return the WPP message GUIDs the most recent subscription's decoder has seen so far (services.exe source files;
     * each subscription decodes with fresh state, so a replay gives the same events every time)} Pin them in a message
     * table override ({@code 0x28@{guid} = ...} or {@code file <hash> = {guid}}) to decode only those files' message
     * numbers.
     */
    public Set<UUID> messageGuidsSeen() {
        return pipeline.messageGuidsSeen();
    }

    /**
     * {@return the services.exe source files (by the hash of their WPP symbol) whose message GUID the most recent
     * subscription learned from the records, so far: pin them with table lines {@code file <hash> = {guid}} (see the
     * message table header)} Empty before any subscription.
     */
    public Map<String, UUID> learnedFileGuids() {
        return pipeline.learnedFileGuids();
    }

    /** {@return the message table in use, described for logs ("defaults (...)" or "defaults overridden by /path")} */
    public String messageTableDescription() {
        return pipeline.messageTableDescription();
    }

    /** {@return the least evidence a typed event needs ({@link ScmMonitorBuilder#minimumEvidence(Evidence)})} */
    public Evidence minimumEvidence() {
        return pipeline.minimumEvidence();
    }
}
