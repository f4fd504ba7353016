package io.etw4j.scm;

import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.etl.EtlReadOptions;
import io.etw4j.core.session.EtwSession;
import io.etw4j.core.internal.SessionEnvironment;
import io.etw4j.scm.internal.correlation.CorrelatorOptions;
import io.etw4j.scm.internal.correlation.LiveProcessLookup;
import io.etw4j.scm.internal.correlation.ServiceImageLookup;
import io.etw4j.scm.internal.preflight.RegistryProbe;
import io.etw4j.scm.internal.wpp.MessageTable;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;
import reactor.core.publisher.Flux;

/**
 * Options of an {@link ScmMonitor} ({@link ScmMonitor#builder()}), and the source factories that end them: {@link
 * #from(Flux)} (any records), {@link #replay(Path)} (an .etl file) and {@link #create()} (a live session). Not
 * thread-safe; build on one thread. Every option has a default, listed with it; a builder may make several monitors.
 *
 * <pre>{@code
 * ScmMonitor monitor = ScmMonitor.builder()
 *         .messageTable(Path.of("scm-messages-22631.properties"))
 *         .kernelProcess(false)
 *         .from(records);
 * }</pre>
 */
public final class ScmMonitorBuilder {
    private Path messageTable;
    private Evidence minimumEvidence = Evidence.PUBLIC_DECOMPILATION;
    private LiveProcessLookup liveLookup;
    private ServiceImageLookup imageLookup;
    private CorrelatorOptions options = CorrelatorOptions.defaults();
    private boolean scmWpp = true;
    private boolean services = true;
    private boolean kernelProcess = true;
    private boolean rpcCorroboration;
    private Duration idleFlush;
    private String sessionName = ScmMonitor.DEFAULT_SESSION_NAME;
    private boolean privateScmSession;
    private SessionEnvironment environment;
    private RegistryProbe registry;

    ScmMonitorBuilder() {
    }

    /**
     * The logical name of the live session ({@link #create()}); default {@value ScmMonitor#DEFAULT_SESSION_NAME}.
     *
     * @param name the logical session name
     * @return this builder
     */
    public ScmMonitorBuilder sessionName(String name) {
        this.sessionName = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Whether a live monitor ({@link #create()}) always enables the SCM WPP provider in its own session
     * ({@link ScmSessionMode#PRIVATE}) instead of sharing services.exe's "SCM" session when that holds it
     * ({@link ScmSessionMode#SHARE}, the default). A private session takes the provider from the SCM session while the
     * monitor runs (its {@code SCM.EVM} file receives no SCM WPP records meanwhile: inferred) and gives it back at the
     * end; see {@link ScmSessionMode}. Default false.
     *
     * @param on true to enable the provider in the monitor's own session
     * @return this builder
     */
    public ScmMonitorBuilder privateScmSession(boolean on) {
        this.privateScmSession = on;
        return this;
    }

    /** Test hook: runs the live sessions and the SCM session steps over {@code env} (e.g. a fake native layer). */
    ScmMonitorBuilder environment(SessionEnvironment env) {
        this.environment = Objects.requireNonNull(env, "env");
        return this;
    }

    /** Test hook: where the SCM trace settings ({@code Flags}) are read from instead of the registry. */
    ScmMonitorBuilder registry(RegistryProbe probe) {
        this.registry = Objects.requireNonNull(probe, "probe");
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
    public ScmMonitorBuilder messageTable(Path file) {
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
    public ScmMonitorBuilder minimumEvidence(Evidence minimum) {
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
    public ScmMonitorBuilder serviceImageLookup(Function<String, Optional<String>> lookup) {
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
    public ScmMonitorBuilder scmWpp(boolean on) {
        this.scmWpp = on;
        return this;
    }

    /**
     * Whether Microsoft-Windows-Services records are used (and, live, enabled). Default true.
     *
     * @param on false to switch the provider off
     * @return this builder
     */
    public ScmMonitorBuilder servicesProvider(boolean on) {
        this.services = on;
        return this;
    }

    /**
     * Whether Microsoft-Windows-Kernel-Process records are used (and, live, enabled). Default true.
     *
     * @param on false to switch the provider off
     * @return this builder
     */
    public ScmMonitorBuilder kernelProcess(boolean on) {
        this.kernelProcess = on;
        return this;
    }

    /**
     * Whether SCM acts are corroborated by Microsoft-Windows-RPC client-call events (event 5 RpcClientCallStart,
     * written by the RPC runtime in the calling process). Default false. On: {@link #create()} also enables
     * {@link ScmProviders#rpc()} (a provider without keywords: the session receives every RPC call on the host, a cost
     * the README measures), and records of that provider in any source are read through a shipped manifest of the
     * published field list. Only svcctl calls of act procedures are kept; each is joined to the act event of the
     * same kind whose client has the call's PID within 1 s of it, when exactly one call and one
     * act are candidates: the act's client is then {@link ClientProcess#corroborated()}. A call that joins no act is
     * emitted as {@link ServiceCallObserved}; ties join nothing; a disagreement (the only call near an act came from
     * another process) is emitted as a conflicting {@link ServiceCallObserved} next to the unchanged act. The counts
     * are in {@link ScmMonitorStatistics#rpcCorroboration()}. With it on, every event is delivered later, by up to
     * 3 × that window plus the longer of {@link #duplicateWindow(Duration)} and twice {@link #joinWindow(Duration)}
     * of trace time (13 s with the defaults), so that acts the attribution stage holds still meet their calls.
     *
     * @param on true to corroborate through Microsoft-Windows-RPC
     * @return this builder
     */
    public ScmMonitorBuilder rpcCorroboration(boolean on) {
        this.rpcCorroboration = on;
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
    public ScmMonitorBuilder liveLookup(IntFunction<ClientProcess> lookup) {
        Objects.requireNonNull(lookup, "lookup");
        this.liveLookup = lookup::apply;
        return this;
    }

    /**
     * No live lookup: clients the process table does not know stay {@code PID_ONLY}.
     *
     * @return this builder
     */
    public ScmMonitorBuilder noLiveLookup() {
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
    public ScmMonitorBuilder joinWindow(Duration window) {
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
    public ScmMonitorBuilder duplicateWindow(Duration window) {
        options = options.withDuplicateWindow(window);
        return this;
    }

    /**
     * How long an exited process stays in the process table. Default 10 min.
     *
     * @param retention how long exited processes are kept
     * @return this builder
     */
    public ScmMonitorBuilder exitedRetention(Duration retention) {
        options = options.withExitedRetention(retention);
        return this;
    }

    /**
     * The most processes the process table holds. Default 65,536.
     *
     * @param n the maximum number of processes
     * @return this builder
     */
    public ScmMonitorBuilder maxProcesses(int n) {
        options = options.withMaxProcesses(n);
        return this;
    }

    /**
     * The most events held at once waiting for their windows. Default 4,096.
     *
     * @param n the maximum number of held events
     * @return this builder
     */
    public ScmMonitorBuilder maxPending(int n) {
        options = options.withMaxPending(n);
        return this;
    }

    /**
     * The Windows directory that expands \SystemRoot\ in driver paths. Default {@code C:\Windows}.
     *
     * @param windowsDirectory the Windows directory, e.g. {@code C:\Windows}
     * @return this builder
     */
    public ScmMonitorBuilder systemRoot(String windowsDirectory) {
        options = options.withSystemRoot(windowsDirectory);
        return this;
    }

    /**
     * NT device names to drive letters ({@code \Device\HarddiskVolume3 -> C:}) for path joins. Default none.
     *
     * @param map device path prefix to drive letter
     * @return this builder
     */
    public ScmMonitorBuilder deviceToDrive(Map<String, String> map) {
        options = options.withDeviceToDrive(map);
        return this;
    }

    /**
     * Service name to ImagePath of services that existed before the trace began. Default none.
     *
     * @param map service name to binary path
     * @return this builder
     */
    public ScmMonitorBuilder knownServiceImages(Map<String, String> map) {
        options = options.withKnownServiceImages(map);
        return this;
    }

    /**
     * Whether a driver load may be joined to a service named like its file ({@code foo.sys}). Default true.
     *
     * @param on false to switch joining by file name off
     * @return this builder
     */
    public ScmMonitorBuilder matchByFileName(boolean on) {
        options = options.withMatchByFileName(on);
        return this;
    }

    /**
     * How often, on a quiet stream, the join windows are closed by the wall clock (so that a held event is not
     * kept until the next record). {@link Duration#ZERO} disables it: windows then close by trace time only,
     * which is right for replays. Default: zero for {@link #from(Flux)}, {@link ScmMonitor#DEFAULT_LIVE_IDLE_FLUSH}
     * for {@link #create()}. The flush needs no demand from the subscriber: a tick that finds the subscriber without
     * demand or the stage behind is skipped (see "Idle flush and slow subscribers" at {@link ScmMonitor#events()}).
     *
     * @param interval the idle-flush period
     * @return this builder
     */
    public ScmMonitorBuilder idleFlush(Duration interval) {
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
        return new ScmMonitor(this, ScmSource.of(records));
    }

    /**
     * {@return a monitor replaying {@code etl}, merged across processors in timestamp order (so that the join
     * windows see records in the order they happened)} Each subscription to {@link ScmMonitor#events()} reads the
     * file from the start; malformed parts are skipped and counted by the reader (lenient {@link EtlFile}), never
     * failing the stream, and reported in {@link ScmMonitorStatistics#etlReader()}. No live lookup (the recorded PIDs
     * belong to the recording host). {@link ScmProviders} says how to record such a file.
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
        return new ScmMonitor(this, ScmSource.replay(EtlFile.open(etl, options.withTimestampOrder(true))));
    }

    /**
     * {@return a monitor replaying the .etl image {@code etl} held in memory (for example a capture read from a
     * classpath resource), as {@link #replay(Path)} replays a file} The buffer's bytes from its position to its limit
     * are the file; the monitor reads them again on each subscription and must not see them change.
     *
     * @param etl the bytes of an .etl file
     * @throws io.etw4j.core.etl.EtlFormatException if the bytes have no readable logfile header
     * @throws MessageTableException if the message table override cannot be read or has a bad line
     */
    public ScmMonitor replay(ByteBuffer etl) {
        Objects.requireNonNull(etl, "etl");
        return new ScmMonitor(this, ScmSource.replay(EtlFile.of(etl,
                EtlReadOptions.defaults().withTimestampOrder(true))));
    }

    /**
     * {@return a live monitor: one real-time {@link EtwSession} enabling the providers switched on, each
     * subscription to {@link ScmMonitor#events()} starting and (on cancel, error or completion) stopping it:
     * <ul>
     *   <li>SCM WPP {@value ScmProviders#SCM_WPP_CONTROL_GUID_TEXT}, in the {@link ScmSessionMode} chosen now (a QUERY
     *       of the "SCM" session and EnumerateTraceGuidsEx: see {@link ScmMonitor#create()}): in
     *       {@link ScmSessionMode#SHARE} mode not enabled at all, the "SCM" session consumed next to the own session
     *       ({@code EtwSession.attach("SCM").addRealTimeIfMissing()}); in {@link ScmSessionMode#PRIVATE} mode enabled
     *       in the own session at level 0xFF with the flags services.exe uses
     *       ({@link ScmProviders#scmWpp(long)}), given back to the SCM session at the end if it had it;</li>
     *   <li>Microsoft-Windows-Services as {@link ScmProviders#services()}: level verbose, keywords
     *       {@link ScmProviders#SERVICES_KEYWORDS}, with the process start key;</li>
     *   <li>Microsoft-Windows-Kernel-Process as {@link ScmProviders#kernelProcess()}: level informational, keywords
     *       {@link ScmProviders#KERNEL_PROCESS_KEYWORDS}, with the process start key.</li>
     * </ul>
     * Defaults that differ from {@link #from(Flux)}: live process lookup on (OpenProcess +
     * QueryFullProcessImageNameW, loaded on first use), idle flush {@link ScmMonitor#DEFAULT_LIVE_IDLE_FLUSH}, ETW
     * flush timer 1 s}
     *
     * @throws IllegalStateException if every provider is switched off
     * @throws MessageTableException if the message table override cannot be read or has a bad line
     */
    public ScmMonitor create() {
        if (!scmWpp && !services && !kernelProcess) {
            throw new IllegalStateException("every provider is switched off: nothing to monitor");
        }
        return new ScmMonitor(this, LiveSessions.assemble(sessionName, scmWpp, services, kernelProcess, rpcCorroboration,
                privateScmSession, environment, registry));
    }

    /** {@return the pipeline these options describe, over the defaults of {@code source}} */
    ScmPipeline pipeline(ScmSource source) {
        return new ScmPipeline(MessageTable.load(Optional.ofNullable(messageTable)), minimumEvidence,
                liveLookup != null ? liveLookup : source.defaultLookup(),
                imageLookup != null ? imageLookup : source.defaultImages(), options, scmWpp, services, kernelProcess,
                idleFlush != null ? idleFlush : source.defaultIdle(), rpcCorroboration);
    }
}
