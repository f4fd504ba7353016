package io.etw4j.core.internal;

import io.etw4j.core.EtwCallException;
import io.etw4j.core.EventRecord;
import io.etw4j.core.session.HealthReport;
import io.etw4j.core.session.OverflowStrategy;
import io.etw4j.core.session.ProviderContention;
import io.etw4j.core.session.SessionStatistics;
import java.lang.ref.Cleaner;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.FluxSink;

/**
 * One subscription to {@code io.etw4j.core.session.EtwSession.records()}: it reclaims orphans, starts the ETW session,
 * enables the providers, opens the consumer, runs ProcessTrace on thread "etw4j-process-{name}" and hands records over
 * a bounded buffer to thread "etw4j-deliver-{name}", which emits them to the subscriber as demand allows. Every way out
 * (cancel, subscriber failure, ProcessTrace error or return, start failure, JVM shutdown) goes through one {@link
 * SessionStopper}.
 *
 * <p>Thread roles: the ETW callback ({@link #callback}) only counts and offers the record to the {@link RecordHandOff}
 * (lock-free; it unparks the deliverer only when the deliverer parked waiting for a record); it never blocks on the
 * subscriber and never throws. All subscriber signals come from the deliverer thread (or from the subscribing thread
 * when the start fails). The deliverer parks in two ways: without demand it parks plainly and is woken by
 * {@code onRequest}, cancel and the end of ProcessTrace (each changes its state first, then unparks it); with demand
 * but no record it parks through {@link RecordHandOff#awaitElement}, which the producer's next offer wakes.
 */
public final class SessionRun {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRun.class);

    /** EventTrace class of RT_LostEvent records: see {@link RecordIntake#RT_LOST_EVENT_GUID}. */
    public static final UUID RT_LOST_EVENT_GUID = RecordIntake.RT_LOST_EVENT_GUID;

    private final SessionSpec spec;
    private final SessionEnvironment env;
    private final Consumer<HealthReport> healthOut;
    /** Who else has the providers enabled: checked after the enables and at each poll. */
    private final ProviderContentionTracker contention;
    /**
     * ETW callback (single producer) to deliverer (single consumer). It counts the records offered (received while
     * not cancelled), polled (= delivered: each polled record is passed to onNext) and dropped.
     */
    private final RecordHandOff<EventRecord> handOff;
    /** 2 until the deliverer has returned and ProcessTrace has returned; the last one frees the hand-off's slots. */
    private final AtomicInteger threadsRunning = new AtomicInteger(2);
    private final AtomicBoolean finalEmitted = new AtomicBoolean();
    /** Strongly held for the whole run: native code calls into it. */
    private final RecordIntake callback;
    private final Object healthLock = new Object();
    private final Object startLock = new Object();
    /** The deliverer's reasons to stay awake other than records, re-checked by {@link RecordHandOff#awaitElement}. */
    private final BooleanSupplier stillRunning = () -> !this.cancelled && !this.processingDone;

    private volatile EtwNative nativeLayer;
    private volatile SessionStopper stopper;
    private volatile Cleaner.Cleanable cleanable;
    private volatile FluxSink<EventRecord> sink;
    private volatile Thread deliverThread;
    private volatile Thread processThread;
    private volatile Disposable pollTask;
    private volatile boolean cancelled;
    private volatile boolean processingDone;
    private volatile Throwable terminalError;
    private volatile TraceStatus lastEtw;
    /** The session handle StartTraceW returned (0 before, and for an attached session). */
    private volatile long sessionHandle;
    /** The real-time delivery an attached run added (or found), for {@code addRealTimeIfMissing()}; else null. */
    private volatile RealTimeAddition realTimeAddition;
    /** This session's logger id, known once StartTraceW returned. */
    private volatile int loggerId = -1;

    public SessionRun(SessionSpec spec, SessionEnvironment env, Consumer<HealthReport> healthOut) {
        this.spec = spec;
        this.env = env;
        this.healthOut = healthOut;
        this.handOff = new RecordHandOff<>(spec.capacity(), spec.overflow() == OverflowStrategy.DROP_OLDEST);
        this.callback = new RecordIntake(handOff, () -> cancelled, spec.etwName());
        this.contention = new ProviderContentionTracker(
                spec.providers().stream().map(ProviderConfig::providerId).toList(), spec.etwName(),
                env.contentionLog());
    }

    /**
     * Starts the run for {@code fluxSink}; failures are signalled to it, never thrown. A cancel that races with the
     * start waits for the start to finish and then stops whatever was started.
     */
    public void start(FluxSink<EventRecord> fluxSink) {
        this.sink = fluxSink;
        fluxSink.onRequest(n -> wakeDeliverer());
        fluxSink.onCancel(this::onCancel);
        synchronized (startLock) {
            if (cancelled) {
                return;
            }
            try {
                EtwNative n = env.nativeLayer().get();
                nativeLayer = n;
                SessionStopper s = new SessionStopper(n, spec.etwName());
                stopper = s;
                if (spec.startsSession()) {
                    SessionStartup.reclaimOrphansAndApplyPolicy(spec, env.owners(), n);
                    long sessionHandle = SessionStartup.startWithPolicy(spec, n);
                    this.sessionHandle = sessionHandle;
                    s.markStarted();
                    cleanable = ActiveSessions.register(this, s, env.shutdownHook());
                    SessionStartup.configureKernel(spec, n, sessionHandle);
                    for (ProviderConfig p : spec.providers()) {
                        n.enableProvider(sessionHandle, p);
                        if (p.captureStateOnStart()) {
                            n.captureState(sessionHandle, p);
                        }
                    }
                    // The logger id is the low 16 bits of the session handle (inferred: TraceStatus.loggerId()).
                    loggerId = (int) (sessionHandle & 0xFFFF);
                    checkContention(n); // never fails the start: an enumeration failure is reported as UNKNOWN
                } else if (spec.addRealTime()) {
                    // attach, adding real-time delivery if the session lacks it; removed after CloseTrace if added
                    RealTimeAddition added = RealTimeAddition.add(n, spec.etwName());
                    realTimeAddition = added;
                    s.afterClose(added::remove);
                    cleanable = ActiveSessions.register(this, s, env.shutdownHook());
                } else {
                    n.queryTrace(spec.etwName()); // attach: the session must run (ERROR_WMI_INSTANCE_NOT_FOUND if not)
                    cleanable = ActiveSessions.register(this, s, env.shutdownHook()); // CloseTrace only
                }
                Thread deliverer = new Thread(this::deliverLoop, "etw4j-deliver-" + spec.logicalName());
                deliverer.setDaemon(true);
                deliverThread = deliverer;
                if (!spec.consumesRealTime()) {
                    // File-only session: no consumer, no ProcessTrace thread; the health polls notice an outside stop.
                    threadEnded();
                    deliverer.start();
                    startPolling();
                    return;
                }
                long traceHandle = n.openTrace(spec.etwName(), callback);
                s.markOpened(traceHandle);
                deliverer.start();
                startPolling();
                Thread processor = new Thread(() -> processLoop(traceHandle),
                        "etw4j-process-" + spec.logicalName());
                processor.setDaemon(true);
                processThread = processor;
                processor.start();
            } catch (Throwable t) {
                cancelled = true; // a deliverer already started must exit without signalling
                wakeDeliverer();
                stopPolling();
                SessionStopper s = stopper;
                if (s != null) {
                    s.stop();
                    emitFinal(s);
                }
                Cleaner.Cleanable c = cleanable;
                if (c != null) {
                    c.clean();
                }
                fluxSink.error(t);
            }
        }
    }

    /**
     * EnableTraceEx2(EVENT_CONTROL_CODE_CAPTURE_STATE) for {@code provider}, enabled on this run.
     *
     * @throws IllegalStateException if the run has not started a session, or is stopping
     * @throws EtwCallException      if the call fails
     */
    public void captureState(ProviderConfig provider) {
        SessionStopper s = stopper;
        EtwNative n = nativeLayer;
        if (s == null || n == null || !s.wasStarted() || s.isStopping()) {
            throw new IllegalStateException("capture state needs a running session that this EtwSession started");
        }
        n.captureState(sessionHandle, provider);
    }

    private void startPolling() {
        long ms = spec.healthInterval().toMillis();
        if (ms > 0) {
            pollTask = env.pollScheduler().schedulePeriodically(this::poll, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    private void stopPolling() {
        Disposable d = pollTask;
        if (d != null) {
            d.dispose();
        }
    }

    private void poll() {
        SessionStopper s = stopper;
        if (s == null || s.isStopping()) {
            return;
        }
        try {
            lastEtw = nativeLayer.queryTrace(spec.etwName());
        } catch (EtwCallException e) {
            if (!spec.consumesRealTime() && e.errorCode() == Win32Errors.ERROR_WMI_INSTANCE_NOT_FOUND) {
                sessionGone(); // a file-only session has no ProcessTrace to return: its end is noticed here
                return;
            }
            LOG.debug("ControlTrace QUERY of {} failed: {}", spec.etwName(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.debug("ControlTrace QUERY of {} failed: {}", spec.etwName(), e.getMessage());
        }
        checkContention(nativeLayer);
        emitHealth(HealthReport.Kind.POLL);
    }

    /** One provider contention check; nothing it does may fail the run. */
    private void checkContention(EtwNative n) {
        int id = loggerId;
        if (id < 0) {
            return;
        }
        try {
            contention.check(n, id, () -> {
                SessionStopper s = stopper;
                return s == null || !s.isStopping();
            });
        } catch (Throwable t) {
            LOG.debug("Provider contention check of {} failed: {}", spec.etwName(), t.toString());
        }
    }

    private void processLoop(long traceHandle) {
        Throwable failure = null;
        try {
            nativeLayer.processTrace(traceHandle);
        } catch (Throwable t) {
            failure = t;
        } finally {
            SessionStopper s = stopper;
            boolean stoppedByUs = s.isStopping();
            stopPolling();
            s.stop();
            if (failure != null && !stoppedByUs) {
                terminalError = failure;
            } else if (failure != null) {
                LOG.debug("ProcessTrace of {} ended after stop: {}", spec.etwName(), failure.toString());
            } else if (s.stopError() != null && !cancelled) {
                terminalError = s.stopError();
            }
            emitFinal(s);
            Cleaner.Cleanable c = cleanable;
            if (c != null) {
                c.clean(); // stopper already ran: only deregisters the Cleaner
            }
            processingDone = true;
            wakeDeliverer();
            threadEnded(); // no callback runs any more
        }
    }

    /** A file-only session was stopped from outside: end the run as ProcessTrace's return would. */
    private void sessionGone() {
        SessionStopper s = stopper;
        stopPolling();
        s.stop();
        emitFinal(s);
        Cleaner.Cleanable c = cleanable;
        if (c != null) {
            c.clean();
        }
        processingDone = true;
        wakeDeliverer();
    }

    private void deliverLoop() {
        try {
            deliverUntilTerminated(sink);
        } finally {
            threadEnded();
        }
    }

    private void deliverUntilTerminated(FluxSink<EventRecord> out) {
        while (true) {
            if (cancelled) {
                return; // the buffered records are discarded (their slots are freed when both threads ended)
            }
            boolean done = processingDone; // read before polling: every record offered before it is seen below
            boolean demand = out.requestedFromDownstream() > 0;
            if (demand) {
                EventRecord r = handOff.poll();
                if (r != null) {
                    try {
                        out.next(r);
                    } catch (Throwable t) {
                        // A subscriber threw from onNext (Reactive Streams rule 2.13 violation): stop and report.
                        onCancel();
                        out.error(t);
                        return;
                    }
                    continue;
                }
            }
            if (done && handOff.isEmpty()) {
                Throwable err = terminalError;
                if (err != null) {
                    out.error(err);
                } else {
                    out.complete();
                }
                return;
            }
            if (demand) {
                // Records are what is missing: the producer's next offer wakes us (RecordHandOff protocol); the end
                // of ProcessTrace and cancel set their flag, then unpark.
                handOff.awaitElement(this, stillRunning);
            } else {
                // Demand is what is missing (possibly with records buffered): onRequest, cancel and the end of
                // ProcessTrace change their state first and then unpark, so a wake-up cannot be lost.
                LockSupport.park(this);
            }
        }
    }

    private void threadEnded() {
        if (threadsRunning.decrementAndGet() == 0) {
            handOff.releaseSlots();
        }
    }

    private void wakeDeliverer() {
        Thread t = deliverThread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void onCancel() {
        cancelled = true;
        synchronized (startLock) {
            stopPolling();
            SessionStopper s = stopper;
            if (s != null) {
                s.stop();
            }
        }
        wakeDeliverer();
        Thread p = processThread;
        if (p != null && p != Thread.currentThread()) {
            try {
                p.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void emitFinal(SessionStopper s) {
        // a started session, or an attached one that was opened, ends with a FINAL report
        if (!s.isStopping() || !(s.wasStarted() || (!spec.startsSession() && s.wasOpened())) || finalEmitted.get()) {
            return;
        }
        TraceStatus fin = s.finalStatus();
        if (fin != null) {
            lastEtw = fin;
        }
        emitHealth(HealthReport.Kind.FINAL);
    }

    private void emitHealth(HealthReport.Kind kind) {
        HealthReport report;
        synchronized (healthLock) {
            if (finalEmitted.get()) {
                return;
            }
            if (kind == HealthReport.Kind.FINAL) {
                finalEmitted.set(true);
            }
            TraceStatus etw = lastEtw;
            report = Statistics.health().create(env.clock().instant(), spec.etwName(), kind,
                    etw == null ? 0 : Integer.toUnsignedLong(etw.eventsLost()),
                    etw == null ? 0 : Integer.toUnsignedLong(etw.realTimeBuffersLost()),
                    callback.lostEventRecords(), handOff.dropped(), callback.callbackFailures(), contention.last(),
                    etw == null ? 0 : Integer.toUnsignedLong(etw.buffersWritten()));
        }
        try {
            healthOut.accept(report);
        } catch (RuntimeException e) {
            LOG.warn("Health report consumer failed", e);
        }
    }

    /**
     * The run's counters; with {@code refresh}, a ControlTrace QUERY first updates the ETW counters if the session
     * still runs (a failing QUERY keeps the last values).
     */
    public SessionStatistics statistics(boolean refresh) {
        SessionStopper s = stopper;
        // a run that is up: its consumer opened, or (file-only) its session started
        boolean up = processThread != null || (!spec.consumesRealTime() && s != null && s.wasStarted());
        if (refresh && s != null && !s.isStopping() && nativeLayer != null && up) {
            try {
                lastEtw = nativeLayer.queryTrace(spec.etwName());
            } catch (RuntimeException e) {
                LOG.debug("ControlTrace QUERY of {} failed: {}", spec.etwName(), e.getMessage());
            }
        }
        TraceStatus etw = lastEtw;
        long delivered = handOff.polled();
        long dropped = handOff.dropped();
        // read last: never below delivered + dropped
        long received = handOff.offered() + callback.receivedAfterCancel();
        RealTimeAddition added = realTimeAddition;
        return Statistics.session().create(received, delivered, dropped, callback.callbackFailures(),
                etw == null ? 0 : Integer.toUnsignedLong(etw.eventsLost()),
                etw == null ? 0 : Integer.toUnsignedLong(etw.realTimeBuffersLost()),
                callback.lostEventRecords(), etw == null ? 0 : Integer.toUnsignedLong(etw.buffersWritten()),
                added != null && added.added());
    }

    /**
     * Who else has this run's providers enabled, as last checked (after the enables, then at each health poll);
     * empty before the first check.
     */
    public List<ProviderContention> contention() {
        return contention.last();
    }

    /** The ETW session name of this run. */
    public String sessionName() {
        return spec.etwName();
    }
}
