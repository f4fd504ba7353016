package io.etw4j.core;

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
 * Disposable d = session.events().subscribe(record -> ...);   // starts the session
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
 * </ul>
 * A JVM shutdown hook stops sessions still running at exit, and a {@link java.lang.ref.Cleaner} stops a session whose
 * run became unreachable without being stopped.
 *
 * <h2>Provider contention</h2>
 * Only one session at a time can enable a classic provider (RegisterTraceGuids, e.g. a WPP provider): a later
 * EnableTraceEx2 from any session takes it, and the earlier session silently stops receiving its events
 * (learn.microsoft.com "Configuring and Starting an Event Tracing Session"; "EnableTraceEx2 function", remarks). So
 * subscribing may take a classic provider from another tool's session, and another tool may take it from this one.
 * After enabling its providers, and again at every {@link #health()} poll, a run asks ETW which sessions have each
 * provider enabled (EnumerateTraceGuidsEx): the answer is in {@link HealthReport#contention()} and
 * {@link #providerContention()}, and each change is logged through SLF4J (the logger is named
 * {@code io.etw4j.core.internal.ProviderContentionTracker}, for logging configuration) at WARN (INFO for a manifest-based provider that is merely
 * shared). A failing enumeration is reported as {@link ProviderContention.State#UNKNOWN}; it never fails the session.
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
 *       and later</b>): the same kernel events under an etw4j name, so several can run at once (the kernel feeds up to 8
 *       logger sessions, the first two slots reserved for the NT Kernel Logger and the Circular Kernel Context Logger:
 *       learn.microsoft.com "Configuring and Starting a SystemTraceProvider Session"), and, on Windows 11, the
 *       {@link SystemProviders} enabled like providers. Its Wnode.Guid is a GUID of its own, never
 *       SystemTraceControlGuid (same page), derived from its ETW name.</li>
 *   <li>{@link #attach(String)}: consumes a real-time session someone else started (by its ETW name), without starting,
 *       configuring or stopping it.</li>
 * </ul>
 * Kernel records come out as from an .etl file: the event class GUID as provider id and the event type as opcode, so
 * one decoder serves both. Kernel call stacks: {@link Builder#kernelStacks(KernelStackEvent...)}; extended groups:
 * {@link Builder#groupMask(int...)}. Any kind but attach can also write an .etl file ({@link Builder#logFile(LogFile)}),
 * with or without real-time delivery ({@link Builder#realTime(boolean)}).
 *
 * <h2>One subscriber or many</h2>
 * {@link #events()} is cold: each subscription is one run of the ETW session, one subscriber at a time.
 * {@link #sharedEvents()} is the same records for any number of subscribers over one run: the first subscriber starts
 * the session, the last cancel stops it.
 *
 * <h2>What it does not do</h2>
 * No decoding: decoders take the {@link EventRecord}s (module etw-decode). No enabling of providers on an attached
 * session.
 */
public final class EtwSession {
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

    private EtwSession(SessionSpec spec, SessionEnvironment environment) {
        this.spec = spec;
        this.environment = environment;
        this.shared = events().publish().refCount(1);
    }

    /**
     * {@return a builder for a session called {@code name} (the ETW name adds the prefix and the owner record)}
     *
     * @param name the logical session name
     * @throws IllegalArgumentException if the name is empty, longer than 200 characters or holds control characters
     */
    public static Builder builder(String name) {
        return new Builder(SessionNames.checkLogicalName(name));
    }

    /**
     * {@return a builder for the NT Kernel Logger (SystemTraceControlGuid {9e814aad-3204-11d2-9a82-006008a86939},
     * session name "NT Kernel Logger"; evntrace.h KERNEL_LOGGER_NAMEW)} Set its groups with
     * {@link Builder#kernelFlags(KernelFlag...)}; it takes no providers. One runs system-wide: see "Kinds of session".
     */
    public static Builder kernelBuilder() {
        return new Builder("NT Kernel Logger", SessionSpec.Kind.NT_KERNEL_LOGGER);
    }

    /**
     * {@return a builder for a private system logger called {@code name} (EVENT_TRACE_SYSTEM_LOGGER_MODE, Windows 8
     * and later), named and owned like {@link #builder(String)}'s sessions} Set kernel groups with
     * {@link Builder#kernelFlags(KernelFlag...)} and, on Windows 11, enable {@link SystemProviders} with
     * {@link Builder#enable(Provider)}.
     *
     * @param name the logical session name
     */
    public static Builder systemLoggerBuilder(String name) {
        return new Builder(SessionNames.checkLogicalName(name), SessionSpec.Kind.SYSTEM_LOGGER);
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
    public static Builder attach(String etwSessionName) {
        Objects.requireNonNull(etwSessionName, "etwSessionName");
        if (etwSessionName.isEmpty() || etwSessionName.length() > 1023
                || etwSessionName.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("not an ETW session name: '" + etwSessionName + "'");
        }
        return new Builder(etwSessionName, SessionSpec.Kind.ATTACH);
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
     *       through a buffer of {@link Builder#bufferCapacity(int)} records (default
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
     *       {@link #sharedEvents()}.</li>
     *   <li><b>Other kinds</b>: an NT Kernel Logger or system logger run starts with the kernel settings
     *       (StartTraceW with EnableFlags, then TraceSetInformation for group masks and stacks) and enables only
     *       the providers given; an attached run checks the session with ControlTraceW QUERY and opens it; a
     *       file-only run ({@code realTime(false)}) opens no consumer and emits nothing.</li>
     * </ul>
     */
    public Flux<EventRecord> events() {
        return Flux.create(this::run, FluxSink.OverflowStrategy.ERROR);
    }

    /**
     * {@return the events of one run shared by every subscriber: hot and reference-counted} The first subscriber
     * starts a run (with every side effect of {@link #events()}); later subscribers join it and see the records from
     * then on; when the last one cancels, the run stops (ControlTraceW STOP, CloseTrace). A subscriber after that
     * starts a new run. One ETW session (one system slot) serves them all.
     *
     * <p>Backpressure: the subscribers share one demand (Reactor's {@code publish}, prefetch 256): the slowest one
     * paces the others, and what ETW delivers meanwhile waits in the hand-off buffer, dropped and counted as
     * {@link #events()} describes. Put slow subscribers behind their own {@code onBackpressureBuffer} or
     * {@code publishOn}. Errors and completion reach every subscriber. Using {@link #events()} while a shared run is
     * active fails like any second subscription.
     */
    public Flux<EventRecord> sharedEvents() {
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
    public SessionStatistics statistics() {
        SessionRun run = last;
        return run == null ? SessionStatistics.EMPTY : run.statistics(true);
    }

    /**
     * {@return which sessions other than this one have this session's providers enabled, one entry per provider (in
     * enable order), as found when the current run (or, if none runs, the last run) last checked: after EnableTraceEx2
     * at the start, then at each health poll (so with {@link Builder#healthInterval(Duration)} zero, only at the
     * start)} Empty before the first run. Makes no native call; thread-safe.
     */
    public List<ProviderContention> providerContention() {
        SessionRun run = last;
        return run == null ? List.of() : run.contention();
    }

    /**
     * {@return loss reports of this session's runs: one {@link HealthReport.Kind#POLL} report every
     * {@link Builder#healthInterval(Duration)} while a run is active (ControlTraceW QUERY, and the provider
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

    /**
     * Builds {@link EtwSession}s. Not thread-safe; {@link #build()} may be called more than once.
     *
     * <p>Defaults: buffer size 64 KB, minimum and maximum buffer counts chosen by ETW, flush timer 1 second,
     * {@link ExistingSessionPolicy#FAIL}, {@link OverflowStrategy#DROP_NEWEST}, hand-off capacity
     * {@value EtwSession#DEFAULT_BUFFER_CAPACITY} records, health polls every 5 seconds.
     */
    public static final class Builder {
        private final String name;
        private final SessionSpec.Kind kind;
        private final List<Provider> providers = new ArrayList<>();
        private int enableFlags;
        private int[] groupMask = new int[0];
        private final List<KernelStackEvent> stackEvents = new ArrayList<>();
        private LogFile logFile;
        private boolean realTime = true;
        private int bufferSizeKb = 64;
        private int minimumBuffers;
        private int maximumBuffers;
        private Duration flushTimer = Duration.ofSeconds(1);
        private ExistingSessionPolicy policy = ExistingSessionPolicy.FAIL;
        private OverflowStrategy overflow = OverflowStrategy.DROP_NEWEST;
        private int capacity = DEFAULT_BUFFER_CAPACITY;
        private Duration healthInterval = DEFAULT_HEALTH_INTERVAL;
        private SessionEnvironment environment;

        private Builder(String name) {
            this(name, SessionSpec.Kind.PRIVATE);
        }

        private Builder(String name, SessionSpec.Kind kind) {
            this.name = name;
            this.kind = kind;
        }

        /**
         * The kernel groups to collect (EVENT_TRACE_PROPERTIES.EnableFlags), for {@link EtwSession#kernelBuilder()}
         * and {@link EtwSession#systemLoggerBuilder(String)} sessions only. Replaces earlier flags.
         *
         * @param flags the groups
         * @return this builder
         */
        public Builder kernelFlags(KernelFlag... flags) {
            enableFlags = KernelFlag.mask(List.of(flags));
            return this;
        }

        /**
         * The extended kernel groups (PERFINFO_GROUPMASK: 8 ULONGs, the first being the EnableFlags bits), set after
         * StartTraceW with TraceSetInformation(TraceSystemTraceEnableFlagsInfo) (Windows 8 and later), for kernel
         * and system logger sessions only. Group bits other than the {@link KernelFlag}s are undocumented: the values
         * xperf uses are known from public tools.
         *
         * @param masks 1 to 8 ULONGs (missing ones are zero)
         * @return this builder
         * @throws IllegalArgumentException unless 1 to 8 values
         */
        public Builder groupMask(int... masks) {
            if (masks.length == 0 || masks.length > 8) {
                throw new IllegalArgumentException("a PERFINFO_GROUPMASK has 1..8 ULONGs, got " + masks.length);
            }
            groupMask = masks.clone();
            return this;
        }

        /** The most events {@link #kernelStacks(KernelStackEvent...)} takes (TraceSetInformation docs). */
        public static final int MAX_KERNEL_STACK_EVENTS = 256;

        /**
         * Kernel events that get a call stack (TraceSetInformation(TraceStackTracingInfo) after StartTraceW), for
         * kernel and system logger sessions only; each stack arrives as a StackWalk record after its event. Adds
         * to earlier calls.
         *
         * @param events the events, {@value #MAX_KERNEL_STACK_EVENTS} at most in all
         * @return this builder
         * @throws IllegalArgumentException past {@value #MAX_KERNEL_STACK_EVENTS} events
         */
        public Builder kernelStacks(KernelStackEvent... events) {
            for (KernelStackEvent e : events) {
                stackEvents.add(Objects.requireNonNull(e, "event"));
            }
            if (stackEvents.size() > MAX_KERNEL_STACK_EVENTS) {
                throw new IllegalArgumentException("TraceSetInformation(TraceStackTracingInfo) takes at most "
                        + MAX_KERNEL_STACK_EVENTS + " events, got " + stackEvents.size());
            }
            return this;
        }

        /**
         * Records the events to an .etl file as well (or, with {@code realTime(false)}, instead of delivering them):
         * LogFileMode gets the file's mode, LogFileNameOffset its name, MaximumFileSize its limit. Not for attached
         * sessions.
         *
         * @param file the file and its mode
         * @return this builder
         */
        public Builder logFile(LogFile file) {
            logFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Whether events are delivered to {@link EtwSession#events()} (EVENT_TRACE_REAL_TIME_MODE; default true). A
         * session without real time needs a {@link #logFile(LogFile)}: its {@code events()} then emits no record,
         * starts the recording when subscribed, stops it when cancelled, and completes if the session is stopped from
         * outside (noticed by the health polls).
         *
         * @param enabled false for a file-only session
         * @return this builder
         */
        public Builder realTime(boolean enabled) {
            realTime = enabled;
            return this;
        }

        /**
         * Enables {@code provider} on the session (one EnableTraceEx2 call, in the order of the calls).
         *
         * @param provider the provider to enable
         * @return this builder
         */
        public Builder enable(Provider provider) {
            providers.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /** The smallest BufferSize ETW accepts, in KB (learn.microsoft.com "EVENT_TRACE_PROPERTIES structure"). */
        public static final int MIN_BUFFER_SIZE_KB = 4;
        /**
         * The largest BufferSize ETW accepts, in KB: 16 MB since Windows 8, 1 MB before (learn.microsoft.com
         * "EVENT_TRACE_PROPERTIES structure").
         */
        public static final int MAX_BUFFER_SIZE_KB = 16_384;

        /**
         * EVENT_TRACE_PROPERTIES.BufferSize in KB: the size of each of the session's buffers. Refused here rather than
         * by StartTraceW, so a bad value fails when the session is configured, not when it is subscribed.
         *
         * @param kb buffer size in KB
         * @return this builder
         * @throws IllegalArgumentException unless {@value #MIN_BUFFER_SIZE_KB}..{@value #MAX_BUFFER_SIZE_KB}, the range
         *                                  the EVENT_TRACE_PROPERTIES documentation gives (4 KB minimum, 16 MB
         *                                  maximum)
         */
        public Builder bufferSizeKb(int kb) {
            if (kb < MIN_BUFFER_SIZE_KB || kb > MAX_BUFFER_SIZE_KB) {
                throw new IllegalArgumentException("bufferSizeKb must be " + MIN_BUFFER_SIZE_KB + ".."
                        + MAX_BUFFER_SIZE_KB + " (ETW's documented range for EVENT_TRACE_PROPERTIES.BufferSize:"
                        + " 4 KB minimum, 16 MB maximum): " + kb);
            }
            bufferSizeKb = kb;
            return this;
        }

        /**
         * EVENT_TRACE_PROPERTIES.MinimumBuffers (0: ETW's default).
         *
         * @param n number of buffers, 0 for ETW's default
         * @return this builder
         */
        public Builder minimumBuffers(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("minimumBuffers < 0: " + n);
            }
            minimumBuffers = n;
            return this;
        }

        /**
         * EVENT_TRACE_PROPERTIES.MaximumBuffers (0: ETW's default).
         *
         * @param n number of buffers, 0 for ETW's default
         * @return this builder
         */
        public Builder maximumBuffers(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("maximumBuffers < 0: " + n);
            }
            maximumBuffers = n;
            return this;
        }

        /**
         * EVENT_TRACE_PROPERTIES.FlushTimer: how often ETW flushes partly filled buffers to the consumer, in whole
         * seconds (rounded up; zero: only full buffers are delivered, which can delay rare events indefinitely).
         *
         * @param timer the flush period, zero to deliver full buffers only
         * @return this builder
         */
        public Builder flushTimer(Duration timer) {
            if (timer.isNegative()) {
                throw new IllegalArgumentException("flushTimer < 0: " + timer);
            }
            flushTimer = timer;
            return this;
        }

        /**
         * What to do with a live session of the same name ({@link ExistingSessionPolicy#FAIL} by default).
         *
         * @param p what to do when a session of the same ETW name already runs
         * @return this builder
         */
        public Builder existingSession(ExistingSessionPolicy p) {
            policy = Objects.requireNonNull(p, "policy");
            return this;
        }

        /**
         * What to drop when the hand-off buffer is full ({@link OverflowStrategy#DROP_NEWEST} by default).
         *
         * @param strategy which record to drop when the hand-off buffer is full
         * @return this builder
         */
        public Builder overflow(OverflowStrategy strategy) {
            overflow = Objects.requireNonNull(strategy, "strategy");
            return this;
        }

        /** Largest {@link #bufferCapacity(int)}: the hand-off's slot array is a power of two (2^30). */
        public static final int MAX_BUFFER_CAPACITY = 1 << 30;

        /**
         * Bound of the hand-off buffer, in records. Memory cost: up to this many copied records per running session.
         *
         * @param records capacity of the hand-off buffer, in records
         * @return this builder
         * @throws IllegalArgumentException unless between 1 and {@value #MAX_BUFFER_CAPACITY}
         */
        public Builder bufferCapacity(int records) {
            if (records < 1 || records > MAX_BUFFER_CAPACITY) {
                throw new IllegalArgumentException(
                        "bufferCapacity must be between 1 and " + MAX_BUFFER_CAPACITY + ": " + records);
            }
            capacity = records;
            return this;
        }

        /**
         * Period of the ControlTrace QUERY polls behind {@link EtwSession#health()}; zero disables polling.
         *
         * @param interval the polling period; zero disables polling
         * @return this builder
         */
        public Builder healthInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("healthInterval < 0: " + interval);
            }
            healthInterval = interval;
            return this;
        }

        /** Test hook: runs the session over another environment (see {@link SessionInternals}). */
        Builder environment(SessionEnvironment env) {
            environment = Objects.requireNonNull(env, "environment");
            return this;
        }

        /**
         * {@return the session}
         *
         * @throws IllegalStateException if the settings do not fit the kind of session (no provider on a plain
         *                               session, providers on the NT Kernel Logger, kernel settings on a plain session,
         *                               anything but hand-off settings on an attached one, no real time and no file),
         *                               or minimumBuffers &gt; maximumBuffers
         */
        public EtwSession build() {
            boolean kernelSettings = enableFlags != 0 || groupMask.length > 0 || !stackEvents.isEmpty();
            switch (kind) {
                case PRIVATE:
                    if (providers.isEmpty()) {
                        throw new IllegalStateException("enable at least one Provider");
                    }
                    if (kernelSettings) {
                        throw new IllegalStateException("kernel flags, group masks and kernel stacks need "
                                + "EtwSession.kernelBuilder() or EtwSession.systemLoggerBuilder(name)");
                    }
                    break;
                case NT_KERNEL_LOGGER:
                    if (!providers.isEmpty()) {
                        throw new IllegalStateException("the NT Kernel Logger takes no providers (EnableTraceEx2); "
                                + "use EtwSession.systemLoggerBuilder(name) for Windows 11 system providers");
                    }
                    if (enableFlags == 0 && groupMask.length == 0) {
                        throw new IllegalStateException("set the kernel groups to collect with kernelFlags(...)");
                    }
                    break;
                case SYSTEM_LOGGER:
                    if (providers.isEmpty() && enableFlags == 0 && groupMask.length == 0) {
                        throw new IllegalStateException("set kernelFlags(...) or enable system providers");
                    }
                    break;
                case ATTACH:
                    if (!providers.isEmpty() || kernelSettings || logFile != null || !realTime) {
                        throw new IllegalStateException("an attached session is consumed as it is: its providers, "
                                + "kernel settings and files are its owner's");
                    }
                    break;
                default:
                    throw new IllegalStateException("unknown kind " + kind);
            }
            if (!realTime && logFile == null) {
                throw new IllegalStateException("a session without real-time delivery needs a logFile(...)");
            }
            if (maximumBuffers != 0 && minimumBuffers > maximumBuffers) {
                throw new IllegalStateException("minimumBuffers > maximumBuffers");
            }
            SessionEnvironment env = environment != null ? environment : SessionEnvironment.defaults();
            String etwName;
            if (kind == SessionSpec.Kind.NT_KERNEL_LOGGER || kind == SessionSpec.Kind.ATTACH) {
                etwName = name;
            } else {
                OwnerProbe owners = env.owners();
                SessionNames.Owned self = owners.self(name);
                etwName = SessionNames.format(name, self.pid(), self.startMillis());
            }
            long flushSeconds = flushTimer.getSeconds() + (flushTimer.getNano() > 0 ? 1 : 0);
            int mode = (realTime ? SessionConfig.EVENT_TRACE_REAL_TIME_MODE : 0)
                    | (logFile != null ? logFile.logFileMode() : 0)
                    | (kind == SessionSpec.Kind.SYSTEM_LOGGER ? SessionConfig.EVENT_TRACE_SYSTEM_LOGGER_MODE : 0);
            SessionConfig config = new SessionConfig(bufferSizeKb, minimumBuffers, maximumBuffers,
                    (int) Math.min(Integer.MAX_VALUE, flushSeconds), mode, SessionConfig.CLOCK_QPC,
                    logFile == null ? null : logFile.path().toString(), logFile == null ? 0 : logFile.maxSizeMb(),
                    enableFlags, sessionGuid(kind, etwName));
            List<ProviderConfig> configs = new ArrayList<>();
            for (Provider p : providers) {
                configs.add(toConfig(p));
            }
            SessionSpec spec = new SessionSpec(name, etwName, config, configs, policy, capacity, overflow,
                    healthInterval, kind, groupMask, stackEvents);
            return new EtwSession(spec, env);
        }

        /**
         * Wnode.Guid: SystemTraceControlGuid for the NT Kernel Logger; for a system logger a GUID of its own, never
         * SystemTraceControlGuid ("you must assign a new GUID": learn.microsoft.com "Configuring and Starting a
         * SystemTraceProvider Session"), derived from its ETW name (a name-based UUID, so one name gives one GUID);
         * none (ETW chooses) for the others.
         */
        static java.util.UUID sessionGuid(SessionSpec.Kind kind, String etwName) {
            switch (kind) {
                case NT_KERNEL_LOGGER:
                    return SYSTEM_TRACE_CONTROL_GUID;
                case SYSTEM_LOGGER:
                    return java.util.UUID.nameUUIDFromBytes(("etw4j system logger " + etwName)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                default:
                    return null;
            }
        }

        /** SystemTraceControlGuid (evntrace.h): Wnode.Guid of the NT Kernel Logger. */
        private static final java.util.UUID SYSTEM_TRACE_CONTROL_GUID =
                java.util.UUID.fromString("9e814aad-3204-11d2-9a82-006008a86939");

        private static ProviderConfig toConfig(Provider p) {
            int props = (p.sidRequested() ? ProviderConfig.EVENT_ENABLE_PROPERTY_SID : 0)
                    | (p.stackTraceRequested() ? ProviderConfig.EVENT_ENABLE_PROPERTY_STACK_TRACE : 0)
                    | (p.processStartKeyRequested() ? ProviderConfig.EVENT_ENABLE_PROPERTY_PROCESS_START_KEY : 0);
            return new ProviderConfig(p.id(), p.traceLevel().value(), p.anyKeywords(), p.allKeywords(), props,
                    p.eventIds(), p.includesEventIds(), p.processIds(), String.join(";", p.executableNames()),
                    p.capturesStateOnStart());
        }
    }
}
