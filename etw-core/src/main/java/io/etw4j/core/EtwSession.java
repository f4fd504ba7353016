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
 * <h2>What it does not do</h2>
 * No file (.etl) logging, no kernel (NT Kernel Logger / system logger) sessions, no sharing of one ETW session
 * between several subscribers (use {@code share()} or {@code publish()} on the Flux), and no decoding: decoders take
 * the {@link EventRecord}s.
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
    private final Sinks.Many<HealthReport> health = Sinks.many().replay().latest();
    private volatile SessionRun last;

    private EtwSession(SessionSpec spec, SessionEnvironment environment) {
        this.spec = spec;
        this.environment = environment;
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
     *       session is stopped and the consumer handle closed, once.</li>
     * </ul>
     */
    public Flux<EventRecord> events() {
        return Flux.create(this::run, FluxSink.OverflowStrategy.ERROR);
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
        private final List<Provider> providers = new ArrayList<>();
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
            this.name = name;
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
         * @throws IllegalStateException if no provider is enabled, or minimumBuffers &gt; maximumBuffers
         */
        public EtwSession build() {
            if (providers.isEmpty()) {
                throw new IllegalStateException("enable at least one Provider");
            }
            if (maximumBuffers != 0 && minimumBuffers > maximumBuffers) {
                throw new IllegalStateException("minimumBuffers > maximumBuffers");
            }
            SessionEnvironment env = environment != null ? environment : SessionEnvironment.defaults();
            OwnerProbe owners = env.owners();
            SessionNames.Owned self = owners.self(name);
            String etwName = SessionNames.format(name, self.pid(), self.startMillis());
            long flushSeconds = flushTimer.getSeconds() + (flushTimer.getNano() > 0 ? 1 : 0);
            SessionConfig config = new SessionConfig(bufferSizeKb, minimumBuffers, maximumBuffers,
                    (int) Math.min(Integer.MAX_VALUE, flushSeconds), SessionConfig.EVENT_TRACE_REAL_TIME_MODE,
                    SessionConfig.CLOCK_QPC);
            List<ProviderConfig> configs = new ArrayList<>();
            for (Provider p : providers) {
                configs.add(toConfig(p));
            }
            SessionSpec spec = new SessionSpec(name, etwName, config, configs, policy, capacity, overflow,
                    healthInterval);
            return new EtwSession(spec, env);
        }

        private static ProviderConfig toConfig(Provider p) {
            int props = (p.sidRequested() ? ProviderConfig.EVENT_ENABLE_PROPERTY_SID : 0)
                    | (p.stackTraceRequested() ? ProviderConfig.EVENT_ENABLE_PROPERTY_STACK_TRACE : 0)
                    | (p.processStartKeyRequested() ? ProviderConfig.EVENT_ENABLE_PROPERTY_PROCESS_START_KEY : 0);
            return new ProviderConfig(p.id(), p.traceLevel().value(), p.anyKeywords(), p.allKeywords(), props,
                    p.eventIds(), p.includesEventIds());
        }
    }
}
