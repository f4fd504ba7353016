package io.etw4j.core.session;

import io.etw4j.core.EtwCallException;
import io.etw4j.core.EtwException;
import io.etw4j.core.EventRecord;
import io.etw4j.core.RecordSource;
import io.etw4j.core.UnsupportedPlatformException;
import io.etw4j.core.internal.OwnerProbe;
import io.etw4j.core.internal.ProviderConfig;
import io.etw4j.core.internal.SessionConfig;
import io.etw4j.core.internal.SessionEnvironment;
import io.etw4j.core.internal.SessionInternals;
import io.etw4j.core.internal.SessionNames;
import io.etw4j.core.internal.SessionRun;
import io.etw4j.core.internal.SessionSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Sinks;

/**
 * A real-time ETW trace session (the "trace" of ETW): a named kernel object that collects the events of the enabled
 * {@link Provider}s, consumed as a Reactor {@link Flux} of {@link EventRecord}s.
 *
 * <pre>{@code
 * EtwSession session = EtwSession.builder("my-agent-scm")
 *         .enable(Provider.of(guid).level(TraceLevel.VERBOSE).matchAnyKeyword(-1L))
 *         .build();
 * Disposable d = session.records().subscribe(record -> ...);   // starts the session
 * d.dispose();                                               // stops it; nothing is left behind
 * }</pre>
 *
 * <h2>Names and ownership</h2>
 * The ETW session name is {@code etw4j-{name}~{pid}-{start}}: the prefix {@code etw4j-} marks sessions started by
 * etw4j, {@code name} is the builder's name, {@code pid} the id of the JVM process that started it and {@code start}
 * that process's start time in epoch milliseconds (0 if the OS does not report it). ETW keeps only the name of a
 * real-time session, so this is where the owner is recorded; see {@link #sessionName()}. When a run starts, etw4j
 * lists the running sessions (QueryAllTracesW) and:
 * <ul>
 *   <li>stops every etw4j session whose owner process is gone (its pid is not running, or runs with another start
 *       time): an orphan left by a crash. On Windows "gone" is decided with OpenProcess / GetExitCodeProcess: only
 *       "no such process" (ERROR_INVALID_PARAMETER) or an exit code other than STILL_ACTIVE counts; an owner etw4j may
 *       not open (ERROR_ACCESS_DENIED, e.g. an agent running as another user) or cannot query is taken for alive, and
 *       its session is left alone;</li>
 *   <li>for an etw4j session of the same {@code name} whose owner is alive (another process, or this one), applies
 *       the {@link ExistingSessionPolicy};</li>
 *   <li>never touches any other session: foreign sessions (without the prefix) and live sessions of other names.</li>
 * </ul> A JVM shutdown hook stops sessions still running at exit, and a {@link java.lang.ref.Cleaner} stops a session
 * whose run became unreachable without being stopped.
 *
 * <h2>Provider contention</h2>
 * Only one session at a time can enable a classic provider (RegisterTraceGuids, e.g. a WPP provider): a later
 * EnableTraceEx2 from any session takes it, and the earlier session silently stops receiving its events
 * (learn.microsoft.com "Configuring and Starting an Event Tracing Session"; "EnableTraceEx2 function", remarks). So
 * subscribing may take a classic provider from another tool's session, and another tool may take it from this one.
 * After enabling its providers, and again at every {@link #health()} poll, a run asks ETW which sessions have each
 * provider enabled (EnumerateTraceGuidsEx): the answer is in {@link HealthReport#contention()} and
 * {@link #providerContention()}, and each change is logged through SLF4J (the logger is named
 * {@code io.etw4j.core.internal.ProviderContentionTracker}, for logging configuration) at WARN (INFO for a
 * manifest-based provider that is merely shared). A failing enumeration is reported as
 * {@link ProviderContention.State#UNKNOWN}; it never fails the session.
 *
 * <h2>Thread-safety and lifetime</h2>
 * An {@code EtwSession} is an immutable description plus the state of its current run; it is thread-safe. It may be
 * subscribed any number of times, one run at a time: each subscription starts the ETW session afresh. The native
 * layer (advapi32 through JNA) is loaded on the first subscription, and only on Windows.
 *
 * <h2>Kinds of session</h2>
 * <ul>
 *   <li>{@link #builder(String)}: a session of its own with the {@link Provider}s it enables (EnableTraceEx2), the
 *       common case. Each costs one of the system's session slots (64 by default).</li>
 *   <li>{@link #kernelBuilder()}: the NT Kernel Logger, the kernel's own events ({@link KernelFlag}: process, image,
 *       network, file, registry...). <b>One system-wide</b>, under a fixed name that records no owner, so the
 *       {@link ExistingSessionPolicy} decides alone what happens to a running one (an etw4j kernel logger orphaned by
 *       a crash is stopped only with {@link ExistingSessionPolicy#STOP_AND_RESTART}, or by {@code logman stop
 *       "NT Kernel Logger" -ets}). Takes no providers.</li>
 *   <li>{@link #systemLoggerBuilder(String)}: a private system logger (EVENT_TRACE_SYSTEM_LOGGER_MODE, <b>Windows 8
 *       and later</b>): the same kernel events under an etw4j name, so several can run at once (the kernel feeds up
 *       to 8 logger sessions, the first two slots reserved for the NT Kernel Logger and the Circular Kernel Context
 *       Logger:
 *       learn.microsoft.com "Configuring and Starting a SystemTraceProvider Session"), and, on Windows 11, the
 *       {@link SystemProviders} enabled like providers. Its Wnode.Guid is a GUID of its own, never
 *       SystemTraceControlGuid (same page), derived from its ETW name.</li>
 *   <li>{@link #attach(String)}: consumes a real-time session someone else started (by its ETW name), without starting,
 *       configuring or stopping it.</li>
 * </ul>
 * Each kind has a builder type of its own ({@link SessionBuilder}, {@link KernelLoggerBuilder},
 * {@link SystemLoggerBuilder}, {@link AttachBuilder}) offering only what ETW accepts for it: enabling a provider on
 * the NT Kernel Logger or on an attached session, or kernel settings on a plain session, does not compile.
 *
 * <p>Kernel records come out as from an .etl file: the event class GUID as provider id and the event type as opcode, so
 * one decoder serves both. Kernel call stacks: {@link KernelGroupsBuilder#kernelStacks(KernelStackEvent...)};
 * extended groups: {@link KernelGroupsBuilder#groupMask(int...)}. Any kind but attach can also write an .etl file
 * ({@link StartedSessionBuilder#logFile(LogFile)}), with or without real-time delivery
 * ({@link StartedSessionBuilder#realTime(boolean)}).
 *
 * <h2>One subscriber or many</h2>
 * {@link #records()} is cold: each subscription is one run of the ETW session, one subscriber at a time.
 * {@link #sharedRecords()} is the same records for any number of subscribers over one run: the first subscriber starts
 * the session, the last cancel stops it.
 *
 * <h2>What it does not do</h2>
 * No decoding: decoders take the {@link EventRecord}s (module etw-decode). No enabling of providers on an attached
 * session.
 */
public final class EtwSession implements RecordSource {
    static {
        SessionInternals.install((builder, environment) -> builder.environment(environment));
    }

    /** Default bound of the hand-off buffer between the ETW thread and the subscriber, in records. */
    public static final int DEFAULT_BUFFER_CAPACITY = 8192;
    /** Default period of the ControlTrace QUERY polls behind {@link #health()}. */
    public static final Duration DEFAULT_HEALTH_INTERVAL = Duration.ofSeconds(5);

    private final SessionSpec spec;
    private final SessionEnvironment environment;
    private final AtomicReference<SessionRun> current = new AtomicReference<>();
    private final Flux<EventRecord> shared;
    private final Sinks.Many<HealthReport> health = Sinks.many().replay().latest();
    private volatile SessionRun last;

    EtwSession(SessionSpec spec, SessionEnvironment environment) {
        this.spec = spec;
        this.environment = environment;
        this.shared = records().publish().refCount(1);
    }

    /**
     * {@return a builder for a session called {@code name} (the ETW name adds the prefix and the owner record)}
     *
     * @param name the logical session name
     * @throws IllegalArgumentException if the name is empty, longer than 200 characters or holds control characters
     */
    public static SessionBuilder builder(String name) {
        return new SessionBuilder(SessionNames.checkLogicalName(name));
    }

    /**
     * {@return a builder for the NT Kernel Logger (SystemTraceControlGuid {9e814aad-3204-11d2-9a82-006008a86939},
     * session name "NT Kernel Logger"; evntrace.h KERNEL_LOGGER_NAMEW)} Set its groups with
     * {@link KernelGroupsBuilder#kernelFlags(KernelFlag...)}; it takes no providers. One runs system-wide: see "Kinds
     * of session".
     */
    public static KernelLoggerBuilder kernelBuilder() {
        return new KernelLoggerBuilder();
    }

    /**
     * {@return a builder for a private system logger called {@code name} (EVENT_TRACE_SYSTEM_LOGGER_MODE, Windows 8
     * and later), named and owned like {@link #builder(String)}'s sessions} Set kernel groups with
     * {@link KernelGroupsBuilder#kernelFlags(KernelFlag...)} and, on Windows 11, enable {@link SystemProviders} with
     * {@link SystemLoggerBuilder#enable(Provider)}.
     *
     * @param name the logical session name
     */
    public static SystemLoggerBuilder systemLoggerBuilder(String name) {
        return new SystemLoggerBuilder(SessionNames.checkLogicalName(name));
    }

    /**
     * {@return a builder that attaches to the running real-time session {@code etwSessionName} (as
     * {@code logman query -ets} lists it): the run checks that it runs (ControlTraceW QUERY), then consumes it
     * (OpenTraceW, ProcessTrace); cancelling only closes the consumer (CloseTrace), the session keeps running; the
     * Flux completes when its owner stops it} Only the hand-off and health settings apply; providers, kernel settings
     * and files are the owner's.
     *
     * @param etwSessionName the exact ETW name of the running session (e.g. "EventLog-System", "NT Kernel Logger")
     * @throws IllegalArgumentException if the name is empty, longer than 1023 characters or holds control characters
     */
    public static AttachBuilder attach(String etwSessionName) {
        Objects.requireNonNull(etwSessionName, "etwSessionName");
        if (etwSessionName.isEmpty() || etwSessionName.length() > 1023
                || etwSessionName.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("not an ETW session name: '" + etwSessionName + "'");
        }
        return new AttachBuilder(etwSessionName);
    }

    /** {@return the name given to the builder} */
    public String name() {
        return spec.logicalName();
    }

    /** {@return the ETW session name, as {@code logman query -ets} lists it: {@code etw4j-{name}~{pid}-{start}}} */
    public String sessionName() {
        return spec.etwName();
    }

    /**
     * {@return the events of the session} Each subscription starts a run of the ETW session; the Flux is <b>cold</b>.
     *
     * <ul>
     *   <li><b>Subscription side effects</b>: on the subscribing thread, QueryAllTracesW (orphans and the
     *       {@link ExistingSessionPolicy}), StartTraceW, one EnableTraceEx2 per provider, OpenTraceW; then ProcessTrace
     *       runs on the daemon thread {@code etw4j-process-{name}} until the session stops. Between the enables
     *       and OpenTraceW come one EnumerateTraceGuidsEx(TraceGuidQueryInfo) per provider and, if another session
     *       has one enabled, QueryAllTracesW to name it (see "Provider contention"). These calls complete before
     *       {@code subscribe} returns (unless the subscription is moved with {@code subscribeOn}), so code that follows
     *       {@code subscribe} runs with the session started and the providers enabled (EnableTraceEx2 is asynchronous
     *       towards the providers: a provider may take a moment to start logging).</li>
     *   <li><b>Threading</b>: {@code onNext}, {@code onComplete} and {@code onError} arrive on the daemon thread
     *       {@code etw4j-deliver-{name}} (or on the subscribing thread if the start fails). The ETW thread never
     *       calls the subscriber. Slow work belongs after {@code publishOn}.</li>
     *   <li><b>Backpressure</b>: ETW cannot be paused. Records are handed from the ETW thread to the subscriber
     *       through a buffer of {@link HandOffBuilder#bufferCapacity(int)} records (default
     *       {@value #DEFAULT_BUFFER_CAPACITY}) and emitted only as requested. When it is full the
     *       {@link OverflowStrategy} drops a record and counts it in {@link SessionStatistics#droppedBySdk()} and
     *       {@link HealthReport#droppedBySdk()}; nothing blocks the ETW thread. RT_LostEvent records (ETW's own
     *       notice that it lost events or buffers for this consumer) are delivered like any record and counted in
     *       {@link SessionStatistics#lostEventRecords()}.</li>
     *   <li><b>Cancellation</b>: stops the session (ControlTraceW STOP, then CloseTrace) exactly once, discards the
     *       buffered records and waits for the ProcessTrace thread to end (up to 30 seconds).</li>
     *   <li><b>Termination</b>: completes when ProcessTrace returns because the session was stopped from outside
     *       (e.g. {@code logman stop}), after the records already buffered have been delivered. Signals the
     *       {@link EtwCallException} of a failing start call (StartTraceW, EnableTraceEx2, OpenTraceW), of
     *       ProcessTrace, or of a STOP that failed (the session may still run); {@link UnsupportedPlatformException}
     *       on an OS other than Windows; {@link EtwException} if this session already has an active subscription.
     *       A subscriber that throws from {@code onNext} cancels its subscription, which stops the session.</li>
     *   <li><b>Guarantee</b>: on every path (cancel, error, completion, subscriber failure, JVM shutdown) the ETW
     *       session is stopped and the consumer handle closed, once (an attached session is only closed).</li>
     *   <li><b>One subscriber</b> at a time; for several subscribers over one ETW session use
     *       {@link #sharedRecords()}.</li>
     *   <li><b>Other kinds</b>: an NT Kernel Logger or system logger run starts with the kernel settings
     *       (StartTraceW with EnableFlags, then TraceSetInformation for group masks and stacks) and enables only
     *       the providers given; an attached run checks the session with ControlTraceW QUERY and opens it; a
     *       file-only run ({@code realTime(false)}) opens no consumer and emits nothing.</li>
     * </ul>
     */
    @Override
    public Flux<EventRecord> records() {
        return Flux.create(this::run, FluxSink.OverflowStrategy.ERROR);
    }

    /**
     * {@return the events of one run shared by every subscriber: hot and reference-counted} The first subscriber
     * starts a run (with every side effect of {@link #records()}); later subscribers join it and see the records from
     * then on; when the last one cancels, the run stops (ControlTraceW STOP, CloseTrace). A subscriber after that
     * starts a new run. One ETW session (one system slot) serves them all.
     *
     * <p>Backpressure: the subscribers share one demand (Reactor's {@code publish}, prefetch 256): the slowest one
     * paces the others, and what ETW delivers meanwhile waits in the hand-off buffer, dropped and counted as
     * {@link #records()} describes. Put slow subscribers behind their own {@code onBackpressureBuffer} or
     * {@code publishOn}. Errors and completion reach every subscriber. Using {@link #records()} while a shared run is
     * active fails like any second subscription.
     */
    public Flux<EventRecord> sharedRecords() {
        return shared;
    }

    /**
     * Asks provider {@code providerId}, enabled on this session, to log its state now (EnableTraceEx2 with
     * EVENT_CONTROL_CODE_CAPTURE_STATE, the provider's level and keywords): a rundown of what exists (processes,
     * modules, connections...), as the provider chooses. The events arrive in the running Flux.
     *
     * @param providerId a provider enabled on this session
     * @throws IllegalArgumentException if it is not enabled on this session
     * @throws IllegalStateException    if no run of this session is active (or the session was attached, not started)
     * @throws EtwCallException         if EnableTraceEx2 fails
     */
    public void captureState(java.util.UUID providerId) {
        io.etw4j.core.internal.ProviderConfig config = spec.providers().stream()
                .filter(p -> p.providerId().equals(providerId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("provider " + providerId
                        + " is not enabled on session " + spec.etwName()));
        SessionRun run = current.get();
        if (run == null) {
            throw new IllegalStateException("session " + spec.etwName() + " has no active run");
        }
        run.captureState(config);
    }

    private void run(FluxSink<EventRecord> sink) {
        SessionRun run = new SessionRun(spec, environment, this::publishHealth);
        if (!current.compareAndSet(null, run)) {
            sink.error(new EtwException("EtwSession '" + spec.logicalName()
                    + "' already has an active subscription; share the Flux instead of subscribing twice"));
            return;
        }
        last = run;
        sink.onDispose(() -> current.compareAndSet(run, null));
        run.start(sink);
    }

    private void publishHealth(HealthReport report) {
        synchronized (health) {
            health.tryEmitNext(report);
        }
    }

    /**
     * {@return the counters of the current run, or of the last one if none runs ({@link SessionStatistics#EMPTY} before
     * the first)} While the session runs, this makes one ControlTraceW(EVENT_TRACE_CONTROL_QUERY) call to refresh ETW's
     * loss counters. Thread-safe; may be called from any thread, including inside {@code onNext}.
     */
    @Override
    public SessionStatistics statistics() {
        SessionRun run = last;
        return run == null ? SessionStatistics.EMPTY : run.statistics(true);
    }

    /**
     * {@return which sessions other than this one have this session's providers enabled, one entry per provider (in
     * enable order), as found when the current run (or, if none runs, the last run) last checked: after EnableTraceEx2
     * at the start, then at each health poll (so with {@link HandOffBuilder#healthInterval(Duration)} zero, only at the
     * start)} Empty before the first run. Makes no native call; thread-safe.
     */
    public List<ProviderContention> providerContention() {
        SessionRun run = last;
        return run == null ? List.of() : run.contention();
    }

    /**
     * {@return loss reports of this session's runs: one {@link HealthReport.Kind#POLL} report every
     * {@link HandOffBuilder#healthInterval(Duration)} while a run is active (ControlTraceW QUERY, and the provider
     * contention check: {@link HealthReport#contention()}) and one {@link HealthReport.Kind#FINAL} report when it
     * stops, with the values STOP returned}
     *
     * <p><b>Hot</b>: it never completes by itself and spans runs; a new subscriber first receives the latest report
     * (if any). Reports are emitted on the polling thread ({@code etw4j-health} by default) or on the thread that
     * stopped the session; keep the subscriber quick. Subscribing has no side effect on the ETW session.
     */
    public Flux<HealthReport> health() {
        return health.asFlux();
    }

    @Override
    public String toString() {
        return "EtwSession[" + spec.etwName() + " providers=" + spec.providers().size() + "]";
    }
}
