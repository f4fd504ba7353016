package io.etw4j.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.etw4j.core.EtwCallException;
import io.etw4j.core.EtwException;
import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.UnsupportedPlatformException;
import io.etw4j.core.internal.ActiveSessions;
import io.etw4j.core.internal.ProviderConfig;
import io.etw4j.core.internal.SessionConfig;
import io.etw4j.core.internal.SessionEnvironment;
import io.etw4j.core.internal.SessionInternals;
import io.etw4j.core.internal.SessionNames;
import io.etw4j.core.internal.SessionRun;
import io.etw4j.core.internal.Win32Errors;
import io.etw4j.core.testing.FakeEtwNative.Op;
import io.etw4j.core.testing.FakeEtwNative;
import io.etw4j.core.testing.FakeOwners;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The {@link EtwSession} lifecycle over {@link FakeEtwNative}: every native call, every way out. */
@Timeout(60)
class EtwSessionTest {
    private static final UUID SCM = UUID.fromString("ebcca1c2-ab46-4a1d-8c2a-906c2ff25f39");
    private static final UUID SERVICES = UUID.fromString("0063715b-eeda-4007-9429-ad526f62696e");
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long SELF_PID = 100;
    private static final long SELF_START = 1_700_000_000_000L;

    private FakeEtwNative fake;
    private FakeOwners owners;
    private VirtualTimeScheduler time;
    private Logger contentionLog;

    @BeforeEach
    void setUp() {
        fake = new FakeEtwNative();
        owners = new FakeOwners(SELF_PID, SELF_START);
        time = VirtualTimeScheduler.create();
        contentionLog = mock(Logger.class);
    }

    @AfterEach
    void tearDown() {
        time.dispose();
    }

    private SessionBuilder builder(String name) {
        SessionEnvironment env = SessionEnvironment.of(fake).withOwners(owners)
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC)).withHealthScheduler(time)
                .withContentionLog(contentionLog);
        return SessionInternals.withEnvironment(EtwSession.builder(name), env)
                .enable(Provider.of(SCM).level(TraceLevel.ALL).matchAnyKeyword(-1L));
    }

    private static EventRecord record(int id) {
        return EventRecord.builder().providerId(SCM).id(id).processId(4).threadId(8).build();
    }

    private static List<EventRecord> records(int from, int count) {
        List<EventRecord> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(record(from + i));
        }
        return out;
    }

    private static String name(String logical) {
        return SessionNames.format(logical, SELF_PID, SELF_START);
    }

    private static HealthReport awaitFinal(EtwSession session) {
        return session.health().filter(h -> h.kind() == HealthReport.Kind.FINAL).blockFirst(WAIT);
    }

    // ------------------------------------------------------------------ lifecycle

    @Test
    void subscribeStartsEnablesOpensAndProcessesInOrder() {
        EtwSession session = builder("order")
                .enable(Provider.of(SERVICES).level(TraceLevel.INFORMATION).matchAnyKeyword(0x10L)
                        .matchAllKeyword(0x3L).withSid().withProcessStartKey().withStackTrace()
                        .includeEventIds(7045, 7036))
                .bufferSizeKb(128).minimumBuffers(4).maximumBuffers(16).flushTimer(Duration.ofMillis(1500))
                .build();
        fake.emit(record(1), record(2));

        StepVerifier.create(session.records())
                .expectNext(record(1), record(2))
                .thenCancel()
                .verify(WAIT);

        String n = name("order");
        assertThat(session.sessionName()).isEqualTo(n).startsWith("etw4j-order~100-");
        assertThat(fake.calls()).containsExactly("QUERY_ALL", "START " + n, "ENABLE " + SCM, "ENABLE " + SERVICES,
                "PROVIDER_INFO " + SCM, "PROVIDER_INFO " + SERVICES, "OPEN " + n, "PROCESS 0x5001", "STOP " + n,
                "CLOSE 0x5001");
        assertThat(fake.startConfigs()).containsExactly(new SessionConfig(128, 4, 16, 2,
                SessionConfig.EVENT_TRACE_REAL_TIME_MODE, SessionConfig.CLOCK_QPC));
        ProviderConfig services = fake.enabledProviders().get(1);
        assertThat(services.level()).isEqualTo(4); // TRACE_LEVEL_INFORMATION (evntrace.h)
        assertThat(services.matchAnyKeyword()).isEqualTo(0x10L);
        assertThat(services.matchAllKeyword()).isEqualTo(0x3L);
        // EVENT_ENABLE_PROPERTY_SID 0x1 | STACK_TRACE 0x4 | PROCESS_START_KEY 0x80 (evntcons.h; notes, layouts)
        assertThat(services.enableProperty()).isEqualTo(0x1 | 0x4 | 0x80);
        assertThat(services.eventIds()).containsExactly(7045, 7036);
        assertThat(services.includeEventIds()).isTrue();
        ProviderConfig scm = fake.enabledProviders().get(0);
        assertThat(scm.level()).isEqualTo(0xFF);
        assertThat(scm.matchAnyKeyword()).isEqualTo(-1L);
        assertThat(scm.enableProperty()).isZero();
        assertThat(scm.hasEventIdFilter()).isFalse();
        assertThat(fake.processThread().getName()).isEqualTo("etw4j-process-order");
        assertThat(fake.processThread().isDaemon()).isTrue();
    }

    @Test
    void signalsArriveOnTheDeliveryThreadNotTheEtwThread() {
        EtwSession session = builder("threads").build();
        fake.emit(record(1));
        AtomicReference<Thread> seen = new AtomicReference<>();
        StepVerifier.create(session.records())
                .consumeNextWith(r -> seen.set(Thread.currentThread()))
                .thenCancel()
                .verify(WAIT);
        assertThat(seen.get().getName()).isEqualTo("etw4j-deliver-threads");
        assertThat(seen.get()).isNotSameAs(fake.processThread());
    }

    @Test
    void cancelMidStreamStopsAndClosesExactlyOnce() throws Exception {
        EtwSession session = builder("cancel").build();
        fake.emit(record(1), record(2), record(3));

        StepVerifier.create(session.records(), 1)
                .expectNext(record(1))
                .thenCancel()
                .verify(WAIT);

        assertThat(fake.count(Op.STOP)).isEqualTo(1);
        assertThat(fake.count(Op.CLOSE)).isEqualTo(1);
        assertThat(fake.runningSessions()).isEmpty();
        fake.processThread().join(WAIT.toMillis());
        assertThat(fake.processThread().isAlive()).isFalse();
        assertThat(ActiveSessions.active()).noneMatch(s -> s.sessionName().equals(name("cancel")));
        assertThat(session.statistics().delivered()).isEqualTo(1);
    }

    @Test
    void disposeTwiceStillStopsOnce() throws Exception {
        EtwSession session = builder("dispose").build();
        CountDownLatch first = new CountDownLatch(1);
        Disposable d = session.records().subscribe(r -> first.countDown());
        fake.emit(record(1));
        assertThat(first.await(20, TimeUnit.SECONDS)).isTrue();
        d.dispose();
        d.dispose();
        assertThat(fake.count(Op.STOP)).isEqualTo(1);
        assertThat(fake.count(Op.CLOSE)).isEqualTo(1);
    }

    @Test
    void sessionCanBeSubscribedAgainAfterARunEnded() {
        EtwSession session = builder("again").build();
        fake.emit(record(1));
        StepVerifier.create(session.records()).expectNext(record(1)).thenCancel().verify(WAIT);
        fake.emit(record(2));
        StepVerifier.create(session.records()).expectNext(record(2)).thenCancel().verify(WAIT);
        assertThat(fake.count(Op.START)).isEqualTo(2);
        assertThat(fake.count(Op.STOP)).isEqualTo(2);
        assertThat(fake.count(Op.CLOSE)).isEqualTo(2);
    }

    @Test
    void secondConcurrentSubscriptionIsRefused() throws Exception {
        EtwSession session = builder("twice").build();
        Disposable first = session.records().subscribe();
        try {
            assertThat(fake.awaitProcessing(20)).isTrue();
            StepVerifier.create(session.records())
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(EtwException.class)
                            .hasMessageContaining("already has an active subscription"))
                    .verify(WAIT);
            assertThat(fake.count(Op.START)).isEqualTo(1);
        } finally {
            first.dispose();
        }
        assertThat(fake.count(Op.STOP)).isEqualTo(1);
    }

    @Test
    void externalStopDeliversBufferedRecordsThenCompletes() throws Exception {
        EtwSession session = builder("external").build();
        String n = name("external");
        StepVerifier.create(session.records(), 0)
                .then(() -> {
                    CountDownLatch handedOver = fake.emitAndSignal(records(1, 3));
                    await(handedOver);
                    fake.stopExternally(n);
                })
                .expectNoEvent(Duration.ZERO)
                .thenRequest(3)
                .expectNext(record(1), record(2), record(3))
                .verifyComplete();
        // STOP found the session gone (ERROR_WMI_INSTANCE_NOT_FOUND): treated as stopped, not an error
        assertThat(fake.count(Op.STOP)).isEqualTo(1);
        assertThat(fake.count(Op.CLOSE)).isEqualTo(1);
    }

    @Test
    void processTraceErrorIsSignalledAsTypedErrorAndSessionStopped() {
        EtwSession session = builder("perr").build();
        fake.emit(record(1)).endProcessing(Win32Errors.ERROR_NOACCESS);
        StepVerifier.create(session.records())
                .expectNext(record(1))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(EtwCallException.class);
                    EtwCallException c = (EtwCallException) e;
                    assertThat(c.function()).isEqualTo("ProcessTrace");
                    assertThat(c.errorCode()).isEqualTo(Win32Errors.ERROR_NOACCESS);
                    assertThat(c.errorName()).isEqualTo("ERROR_NOACCESS");
                })
                .verify(WAIT);
        assertThat(fake.count(Op.STOP)).isEqualTo(1);
        assertThat(fake.count(Op.CLOSE)).isEqualTo(1);
        assertThat(fake.runningSessions()).isEmpty();
    }

    @Test
    void enableFailureStopsTheStartedSessionAndSignalsTheCall() {
        EtwSession session = builder("enable-fails").build();
        fake.failNext(Op.ENABLE, Win32Errors.ERROR_ACCESS_DENIED);
        StepVerifier.create(session.records())
                .expectErrorSatisfies(e -> {
                    EtwCallException c = (EtwCallException) e;
                    assertThat(c.function()).isEqualTo("EnableTraceEx2");
                    assertThat(c.errorCode()).isEqualTo(5);
                    assertThat(c.remedy()).contains("elevated");
                })
                .verify(WAIT);
        assertThat(fake.calls()).containsExactly("QUERY_ALL", "START " + name("enable-fails"),
                "ENABLE " + SCM, "STOP " + name("enable-fails"));
        assertThat(fake.runningSessions()).isEmpty();
    }

    @Test
    void startFailureWithNoSystemResourcesLeavesNothingBehind() {
        EtwSession session = builder("full").build();
        fake.failNext(Op.START, Win32Errors.ERROR_NO_SYSTEM_RESOURCES);
        StepVerifier.create(session.records())
                .expectErrorSatisfies(e -> assertThat(((EtwCallException) e).remedy())
                        .contains("system-wide limit of ETW sessions (64 by default)")
                        .doesNotContain("8 for a manifest-based provider"))
                .verify(WAIT);
        assertThat(fake.count(Op.STOP)).isZero();
        assertThat(fake.count(Op.OPEN)).isZero();
    }

    @Test
    void enableFailureWithNoSystemResourcesNamesTheProvidersLimitOfEightSessions() {
        EtwSession session = builder("provider-full").build();
        fake.failNext(Op.ENABLE, Win32Errors.ERROR_NO_SYSTEM_RESOURCES);
        StepVerifier.create(session.records())
                .expectErrorSatisfies(e -> {
                    EtwCallException c = (EtwCallException) e;
                    assertThat(c.function()).isEqualTo("EnableTraceEx2");
                    assertThat(c.remedy()).contains("8 for a manifest-based provider").doesNotContain("64");
                    assertThat(c.getMessage()).contains("Remedy: " + c.remedy());
                })
                .verify(WAIT);
        assertThat(fake.count(Op.STOP)).isEqualTo(1);
        assertThat(fake.runningSessions()).isEmpty();
    }

    @Test
    void openFailureStopsTheSession() {
        EtwSession session = builder("open-fails").build();
        fake.failNext(Op.OPEN, Win32Errors.ERROR_INVALID_PARAMETER);
        StepVerifier.create(session.records())
                .expectErrorSatisfies(e -> assertThat(((EtwCallException) e).function()).isEqualTo("OpenTraceW"))
                .verify(WAIT);
        assertThat(fake.count(Op.STOP)).isEqualTo(1);
        assertThat(fake.count(Op.CLOSE)).isZero();
        assertThat(fake.runningSessions()).isEmpty();
    }

    // ------------------------------------------------------------------ subscriber failures

    @Test
    void lambdaSubscriberThatThrowsStopsTheSession() {
        EtwSession session = builder("throws").build();
        fake.emit(record(1));
        session.records().subscribe(r -> {
            throw new IllegalStateException("boom");
        }, e -> { });
        HealthReport fin = awaitFinal(session);
        assertThat(fin).isNotNull();
        assertThat(fake.count(Op.STOP)).isEqualTo(1);
        assertThat(fake.count(Op.CLOSE)).isEqualTo(1);
        assertThat(fake.runningSessions()).isEmpty();
    }

    @Test
    void rawSubscriberThatThrowsFromOnNextStopsTheSession() {
        EtwSession session = builder("raw-throws").build();
        fake.emit(record(1), record(2));
        List<Object> signals = new CopyOnWriteArrayList<>();
        session.records().subscribe(new CoreSubscriber<EventRecord>() {
            @Override
            public void onSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(EventRecord r) {
                signals.add(r);
                throw new IllegalStateException("rule 2.13 violated");
            }

            @Override
            public void onError(Throwable t) {
                signals.add(t);
            }

            @Override
            public void onComplete() {
                signals.add("complete");
            }
        });
        assertThat(awaitFinal(session)).isNotNull();
        assertThat(fake.count(Op.STOP)).isEqualTo(1);
        assertThat(fake.count(Op.CLOSE)).isEqualTo(1);
        assertThat(signals).first().isEqualTo(record(1));
        assertThat(signals).doesNotContain("complete");
    }

    // ------------------------------------------------------------------ existing sessions and orphans

    @Test
    void liveSessionOfSameNameFailsUnderFailPolicy() {
        String theirs = SessionNames.format("shared", 200, 5000);
        owners.alive(200, 5000);
        fake.addSession(theirs);
        EtwSession session = builder("shared").build();
        StepVerifier.create(session.records())
                .expectErrorSatisfies(e -> {
                    EtwCallException c = (EtwCallException) e;
                    assertThat(c.errorCode()).isEqualTo(Win32Errors.ERROR_ALREADY_EXISTS);
                    assertThat(c.getMessage()).contains(theirs).contains("live process 200");
                    assertThat(c.remedy()).contains("STOP_AND_RESTART");
                })
                .verify(WAIT);
        assertThat(fake.runningSessions()).containsExactly(theirs);
        assertThat(fake.count(Op.START)).isZero();
        assertThat(fake.count(Op.STOP)).isZero();
    }

    @Test
    void liveSessionOfSameNameIsReplacedUnderStopAndRestart() {
        String theirs = SessionNames.format("shared", 200, 5000);
        owners.alive(200, 5000);
        fake.addSession(theirs);
        EtwSession session = builder("shared").existingSession(ExistingSessionPolicy.STOP_AND_RESTART).build();
        StepVerifier.create(session.records())
                .then(() -> assertThat(fake.runningSessions()).containsExactly(name("shared")))
                .thenCancel()
                .verify(WAIT);
        assertThat(fake.calls()).startsWith("QUERY_ALL", "STOP " + theirs, "START " + name("shared"));
    }

    @Test
    void startTraceAlreadyExistsFollowsPolicyWhenTheListWasUnavailable() {
        fake.addSession(name("dup")).failNext(Op.QUERY_ALL, Win32Errors.ERROR_ACCESS_DENIED);
        StepVerifier.create(builder("dup").build().records())
                .expectErrorSatisfies(e -> {
                    assertThat(((EtwCallException) e).function()).isEqualTo("StartTraceW");
                    assertThat(((EtwCallException) e).errorCode()).isEqualTo(Win32Errors.ERROR_ALREADY_EXISTS);
                })
                .verify(WAIT);
        assertThat(fake.runningSessions()).containsExactly(name("dup"));

        fake.failNext(Op.QUERY_ALL, Win32Errors.ERROR_ACCESS_DENIED);
        StepVerifier.create(builder("dup").existingSession(ExistingSessionPolicy.STOP_AND_RESTART).build().records())
                .then(() -> await(fake.emitAndSignal(List.of())))
                .thenCancel()
                .verify(WAIT);
        assertThat(fake.calls()).containsSubsequence("START " + name("dup"), "STOP " + name("dup"),
                "START " + name("dup"), "OPEN " + name("dup"));
    }

    @Test
    void orphansOfDeadOwnersAreStoppedAndNothingElseIsTouched() {
        String deadOwner = SessionNames.format("old-agent", 300, 7);
        String pidReused = SessionNames.format("other", 200, 4999); // pid 200 runs, but started at 5000
        String liveOther = SessionNames.format("other", 200, 5000);
        owners.alive(200, 5000);
        fake.addSession(deadOwner).addSession(pidReused).addSession(liveOther)
                .addSession("NT Kernel Logger").addSession("EventLog-Application")
                .addSession("etw4j-no-owner-suffix").addSession("etw4j-bad~x-1");
        StepVerifier.create(builder("mine").build().records())
                .then(() -> assertThat(fake.runningSessions()).containsExactlyInAnyOrder(liveOther,
                        "NT Kernel Logger", "EventLog-Application", "etw4j-no-owner-suffix", "etw4j-bad~x-1",
                        name("mine")))
                .thenCancel()
                .verify(WAIT);
        assertThat(fake.calls()).startsWith("QUERY_ALL", "STOP " + deadOwner, "STOP " + pidReused,
                "START " + name("mine"));
        assertThat(fake.count(Op.STOP)).isEqualTo(3);
    }

    @Test
    void anIncompleteListingReclaimsTheOrphansItListsAndStillStarts() {
        // QueryAllTracesW lists 64 sessions at most: an orphan beyond them is not seen at this start.
        String listedOrphan = SessionNames.format("old-agent", 300, 7);
        String unlistedOrphan = SessionNames.format("old-agent", 301, 8);
        fake.addSession("EventLog-Application").addSession(listedOrphan).addSession(unlistedOrphan).listAtMost(2);
        StepVerifier.create(builder("mine").build().records())
                .then(() -> assertThat(fake.runningSessions()).containsExactlyInAnyOrder("EventLog-Application",
                        unlistedOrphan, name("mine")))
                .thenCancel()
                .verify(WAIT);
        assertThat(fake.calls()).startsWith("QUERY_ALL", "STOP " + listedOrphan, "START " + name("mine"));
    }

    @Test
    void orphanThatCannotBeStoppedDoesNotPreventTheStart() {
        String deadOwner = SessionNames.format("old", 300, 7);
        fake.addSession(deadOwner).failNext(Op.STOP, Win32Errors.ERROR_ACCESS_DENIED);
        fake.emit(record(1));
        StepVerifier.create(builder("mine").build().records())
                .expectNext(record(1))
                .thenCancel()
                .verify(WAIT);
        assertThat(fake.runningSessions()).containsExactly(deadOwner);
    }

    @Test
    void systemOwnerProbeRecognisesThisProcessAndRejectsAWrongStartTime() {
        var probe = io.etw4j.core.internal.OwnerProbe.system();
        SessionNames.Owned me = probe.self("x");
        assertThat(me.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(probe.isAlive(me.pid(), me.startMillis())).isTrue();
        if (me.startMillis() != 0) {
            assertThat(probe.isAlive(me.pid(), me.startMillis() - 1)).isFalse();
        }
        assertThat(probe.isAlive(Integer.MAX_VALUE - 1L, 1)).isFalse();
    }

    // ------------------------------------------------------------------ STOP / CloseTrace results

    @Test
    void stopReportingInstanceNotFoundOnCancelIsAlreadyStopped() {
        fake.failNext(Op.STOP, Win32Errors.ERROR_WMI_INSTANCE_NOT_FOUND);
        EtwSession session = builder("gone").build();
        fake.emit(record(1));
        StepVerifier.create(session.records()).expectNext(record(1)).thenCancel().verify(WAIT);
        assertThat(fake.count(Op.CLOSE)).isEqualTo(1);
        assertThat(awaitFinal(session).kind()).isEqualTo(HealthReport.Kind.FINAL);
    }

    @Test
    void stopAccessDeniedAfterProcessTraceReturnedIsSignalled() {
        EtwSession session = builder("denied").build();
        fake.emit(record(1)).endProcessing(0).failNext(Op.STOP, Win32Errors.ERROR_ACCESS_DENIED);
        StepVerifier.create(session.records())
                .expectNext(record(1))
                .expectErrorSatisfies(e -> {
                    EtwCallException c = (EtwCallException) e;
                    assertThat(c.function()).isEqualTo("ControlTraceW");
                    assertThat(c.errorCode()).isEqualTo(Win32Errors.ERROR_ACCESS_DENIED);
                })
                .verify(WAIT);
        assertThat(fake.count(Op.CLOSE)).isEqualTo(1);
    }

    @Test
    void stopAccessDeniedOnCancelStillClosesTheConsumer() throws Exception {
        fake.failNext(Op.STOP, Win32Errors.ERROR_ACCESS_DENIED);
        EtwSession session = builder("denied-cancel").build();
        StepVerifier.create(session.records())
                .then(() -> await(fake.emitAndSignal(List.of())))
                .thenCancel()
                .verify(WAIT);
        assertThat(fake.count(Op.CLOSE)).isEqualTo(1);
        fake.processThread().join(WAIT.toMillis());
        assertThat(fake.processThread().isAlive()).isFalse();
        // the session itself could not be stopped: it is still listed (the next start sees it as ours and alive)
        assertThat(fake.runningSessions()).containsExactly(name("denied-cancel"));
    }

    @Test
    void closeTracePendingIsTolerated() {
        fake.failNext(Op.CLOSE, Win32Errors.ERROR_CTX_CLOSE_PENDING);
        EtwSession session = builder("pending").build();
        fake.emit(record(1)).endProcessing(0);
        StepVerifier.create(session.records()).expectNext(record(1)).verifyComplete();
        assertThat(fake.count(Op.CLOSE)).isEqualTo(1);
    }

    @Test
    void closeTraceInvalidHandleIsLoggedAndTheRunStillCompletes() {
        fake.failNext(Op.CLOSE, Win32Errors.ERROR_INVALID_HANDLE);
        EtwSession session = builder("badhandle").build();
        fake.emit(record(1)).endProcessing(0);
        StepVerifier.create(session.records()).expectNext(record(1)).verifyComplete();
        assertThat(fake.count(Op.STOP)).isEqualTo(1);
    }

    @Test
    void shutdownHookActionStopsRunningSessionsAndTheFluxCompletes() {
        EtwSession session = builder("hook").build();
        StepVerifier.create(session.records())
                .then(() -> {
                    await(fake.emitAndSignal(List.of(record(1))));
                    assertThat(ActiveSessions.active()).anyMatch(s -> s.sessionName().equals(name("hook")));
                    ActiveSessions.stopAll();
                })
                .expectNext(record(1))
                .verifyComplete();
        assertThat(fake.count(Op.STOP)).isEqualTo(1);
        assertThat(fake.count(Op.CLOSE)).isEqualTo(1);
        assertThat(ActiveSessions.active()).noneMatch(s -> s.sessionName().equals(name("hook")));
    }

    // ------------------------------------------------------------------ flow control and health

    @Test
    void burstWithoutDemandIsDroppedNewestFirstAndCounted() {
        EtwSession session = builder("burst").bufferCapacity(4).build();
        StepVerifier.create(session.records(), 0)
                .then(() -> {
                    // the ETW thread hands over all 10 records although nobody requested: it never blocks
                    await(fake.emitAndSignal(records(1, 10)));
                    SessionStatistics s = session.statistics();
                    assertThat(s.received()).isEqualTo(10);
                    assertThat(s.delivered()).isZero();
                    assertThat(s.droppedBySdk()).isEqualTo(6);
                })
                .thenRequest(10)
                .expectNext(record(1), record(2), record(3), record(4))
                .then(() -> time.advanceTimeBy(EtwSession.DEFAULT_HEALTH_INTERVAL))
                .thenCancel()
                .verify(WAIT);
        List<HealthReport> reports = session.health().take(1).collectList().block(WAIT);
        assertThat(reports.get(0).kind()).isEqualTo(HealthReport.Kind.FINAL);
        assertThat(reports.get(0).droppedBySdk()).isEqualTo(6);
        assertThat(reports.get(0).timestamp()).isEqualTo(NOW);
        assertThat(session.statistics().anyLoss()).isTrue();
    }

    @Test
    void dropOldestKeepsTheNewestRecords() {
        EtwSession session = builder("oldest").bufferCapacity(4).overflow(OverflowStrategy.DROP_OLDEST).build();
        StepVerifier.create(session.records(), 0)
                .then(() -> await(fake.emitAndSignal(records(1, 10))))
                .thenRequest(10)
                .expectNext(record(7), record(8), record(9), record(10))
                .thenCancel()
                .verify(WAIT);
        assertThat(session.statistics().droppedBySdk()).isEqualTo(6);
    }

    @Test
    void subscriberBlockedInOnNextDoesNotBlockTheEtwThread() throws Exception {
        EtwSession session = builder("slow").bufferCapacity(8).build();
        CountDownLatch inOnNext = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<EventRecord> got = new CopyOnWriteArrayList<>();
        CountDownLatch completed = new CountDownLatch(1);
        Disposable d = session.records().subscribe(r -> {
            got.add(r);
            inOnNext.countDown();
            await(release);
        }, e -> { }, completed::countDown);
        try {
            fake.emit(record(0));
            await(inOnNext);
            await(fake.emitAndSignal(records(1, 100))); // would hang if the ETW thread waited for the subscriber
            SessionStatistics during = session.statistics();
            assertThat(during.received()).isEqualTo(101);
            assertThat(during.delivered()).isEqualTo(1);
            assertThat(during.droppedBySdk()).isEqualTo(100 - 8);
            HealthReport polled = pollHealth(session);
            assertThat(polled.kind()).isEqualTo(HealthReport.Kind.POLL);
            assertThat(polled.droppedBySdk()).isEqualTo(92);
            assertThat(polled.lossSince(io.etw4j.core.internal.Statistics.health().create(NOW, "x", HealthReport.Kind.POLL, 0, 0, 0, 0, 0,
                    List.of())))
                    .isTrue();
        } finally {
            release.countDown();
        }
        await(fake.emitAndSignal(List.of())); // ETW thread idle
        fake.stopExternally(name("slow"));
        await(completed); // the buffered records are delivered before completion
        d.dispose();
        SessionStatistics end = session.statistics();
        assertThat(end.delivered() + end.droppedBySdk()).isEqualTo(end.received());
        assertThat(got).hasSize(9).startsWith(record(0), record(1));
    }

    @Test
    void floodThroughASmallHandOffCountsEveryDropAndDeliversInOrderBeforeCompletion() {
        int n = 50_000;
        for (OverflowStrategy strategy : OverflowStrategy.values()) {
            fake = new FakeEtwNative();
            EtwSession session = builder("flood").bufferCapacity(16).overflow(strategy).build();
            fake.emit(records(0, n).toArray(new EventRecord[0])).endProcessing(0);
            List<EventRecord> got = session.records().collectList().block(WAIT);
            SessionStatistics s = session.statistics();
            assertThat(s.received()).as("%s", strategy).isEqualTo(n);
            assertThat(s.delivered()).as("%s", strategy).isEqualTo(got.size());
            assertThat(s.delivered() + s.droppedBySdk()).as("%s", strategy).isEqualTo(n);
            for (int i = 1; i < got.size(); i++) {
                assertThat(got.get(i).id()).as("%s order at %d", strategy, i).isGreaterThan(got.get(i - 1).id());
            }
            // DROP_NEWEST never drops the first record (the buffer is empty then), DROP_OLDEST never the last
            int kept = strategy == OverflowStrategy.DROP_NEWEST ? 0 : n - 1;
            assertThat(got).as("%s", strategy).contains(record(kept));
            assertThat(awaitFinal(session).droppedBySdk()).as("%s", strategy).isEqualTo(s.droppedBySdk());
        }
    }

    private HealthReport pollHealth(EtwSession session) {
        AtomicReference<HealthReport> seen = new AtomicReference<>();
        Disposable sub = session.health().subscribe(seen::set);
        time.advanceTimeBy(EtwSession.DEFAULT_HEALTH_INTERVAL);
        sub.dispose();
        return seen.get();
    }

    @Test
    void healthPollsEtwCountersAndReportsFinalValuesFromStop() {
        EtwSession session = builder("health").healthInterval(Duration.ofSeconds(2)).build();
        List<HealthReport> reports = new CopyOnWriteArrayList<>();
        Disposable sub = session.health().subscribe(reports::add);
        String n = name("health");
        fake.emit(EventRecord.builder().providerId(SessionRun.RT_LOST_EVENT_GUID)
                .descriptor(new EventDescriptor(0, 0, 0, 0, 32, 0, 0L)).build());
        StepVerifier.create(session.records())
                .expectNextCount(1)
                .then(() -> {
                    fake.setCounters(n, 7, 2);
                    time.advanceTimeBy(Duration.ofSeconds(2));
                    fake.setCounters(n, 9, 3);
                })
                .thenCancel()
                .verify(WAIT);
        sub.dispose();
        assertThat(reports).hasSize(2);
        List<ProviderContention> exclusive = List.of(new ProviderContention(SCM, ProviderContention.State.EXCLUSIVE,
                false, List.of(), "provider {" + SCM + "} is enabled by this session only"));
        assertThat(reports.get(0))
                .isEqualTo(io.etw4j.core.internal.Statistics.health().create(NOW, n, HealthReport.Kind.POLL, 7, 2, 1, 0, 0,
                        exclusive));
        assertThat(reports.get(1))
                .isEqualTo(io.etw4j.core.internal.Statistics.health().create(NOW, n, HealthReport.Kind.FINAL, 9, 3, 1, 0, 0,
                        exclusive));
        assertThat(session.statistics().lostEventRecords()).isEqualTo(1);
        assertThat(session.statistics().eventsLost()).isEqualTo(9);
    }

    @Test
    void statisticsWhileRunningQueryEtw() {
        EtwSession session = builder("stats").build();
        assertThat(session.statistics()).isEqualTo(SessionStatistics.EMPTY);
        String n = name("stats");
        fake.emit(record(1));
        StepVerifier.create(session.records())
                .expectNext(record(1))
                .then(() -> {
                    fake.setCounters(n, -1, 5); // ULONG 0xFFFFFFFF
                    SessionStatistics s = session.statistics();
                    assertThat(s.received()).isEqualTo(1);
                    assertThat(s.delivered()).isEqualTo(1);
                    assertThat(s.eventsLost()).isEqualTo(0xFFFFFFFFL);
                    assertThat(s.realTimeBuffersLost()).isEqualTo(5);
                })
                .thenCancel()
                .verify(WAIT);
        assertThat(fake.calls()).contains("QUERY " + n);
    }

    // ------------------------------------------------------------------ provider contention

    @Test
    void aManifestProviderAnotherSessionHoldsAtStartIsReportedSharedWithThatSessionsName() {
        fake.registerProvider(SERVICES, 900, false).addSession("EventLog-System", 0x11)
                .enableFrom("EventLog-System", SERVICES);
        EtwSession session = builder("shared")
                .enable(Provider.of(SERVICES).level(TraceLevel.INFORMATION).matchAnyKeyword(0x10L)).build();
        assertThat(session.providerContention()).as("before the first run").isEmpty();
        fake.emit(record(1));

        StepVerifier.create(session.records())
                .expectNext(record(1))
                .then(() -> {
                    List<ProviderContention> c = session.providerContention();
                    assertThat(c).extracting(ProviderContention::providerId).containsExactly(SCM, SERVICES);
                    assertThat(c.get(0).state()).as("SCM: only our (pre-)enable").isEqualTo(
                            ProviderContention.State.EXCLUSIVE);
                    assertThat(c.get(1).state()).isEqualTo(ProviderContention.State.SHARED);
                    assertThat(c.get(1).classicProvider()).isFalse();
                    assertThat(c.get(1).heldByThisSession()).isTrue();
                    assertThat(c.get(1).otherSessions()).containsExactly(
                            new ProviderContention.Holder(0x11, java.util.Optional.of("EventLog-System")));
                    assertThat(pollHealth(session).contendedProviders()).extracting(ProviderContention::providerId)
                            .containsExactly(SERVICES);
                })
                .thenCancel()
                .verify(WAIT);
        // the sessions were listed once at the start (orphans), once to name the other holder, once per poll
        assertThat(fake.calls()).containsSubsequence("ENABLE " + SERVICES, "PROVIDER_INFO " + SCM,
                "PROVIDER_INFO " + SERVICES, "QUERY_ALL", "OPEN " + name("shared"));
        // sharing a manifest-based provider is normal (up to eight sessions): INFO, not WARN
        verify(contentionLog).info(eq("ETW session {}: {}"), eq(name("shared")),
                argThat((Object d) -> d.toString().contains("also enabled by ['EventLog-System']")));
        verify(contentionLog, never()).warn(anyString(), (Object) org.mockito.ArgumentMatchers.any(),
                (Object) org.mockito.ArgumentMatchers.any());
    }

    @Test
    void aClassicProviderTakenFromUsMidRunShowsAsNotHeldAtTheNextPollWithOneWarning() {
        fake.registerProvider(SCM, 612, true).addSession("SCM", 0x21).enableFrom("SCM", SCM);
        EtwSession session = builder("taken").build();
        String n = name("taken");
        List<HealthReport> reports = new CopyOnWriteArrayList<>();
        Disposable sub = session.health().subscribe(reports::add);
        fake.emit(record(1));

        StepVerifier.create(session.records())
                .expectNext(record(1))
                .then(() -> {
                    // our EnableTraceEx2 took the classic provider from services.exe's session
                    ProviderContention atStart = session.providerContention().get(0);
                    assertThat(atStart.state()).isEqualTo(ProviderContention.State.EXCLUSIVE);
                    assertThat(atStart.classicProvider()).isTrue();
                    fake.enableFrom("SCM", SCM); // ... and services.exe (or any tool) takes it back
                    time.advanceTimeBy(EtwSession.DEFAULT_HEALTH_INTERVAL);
                    time.advanceTimeBy(EtwSession.DEFAULT_HEALTH_INTERVAL); // unchanged: no second warning
                })
                .thenCancel()
                .verify(WAIT);
        sub.dispose();

        assertThat(reports).extracting(HealthReport::kind).containsExactly(HealthReport.Kind.POLL,
                HealthReport.Kind.POLL, HealthReport.Kind.FINAL);
        ProviderContention lost = reports.get(0).contention().get(0);
        assertThat(lost.state()).isEqualTo(ProviderContention.State.NOT_HELD);
        assertThat(lost.heldByThisSession()).isFalse();
        assertThat(lost.otherSessions()).containsExactly(new ProviderContention.Holder(0x21,
                java.util.Optional.of("SCM")));
        assertThat(lost.detail()).contains("no longer enabled for this session").contains("'SCM'");
        assertThat(reports.get(2).contention()).as("FINAL repeats the last check").containsExactly(lost);
        verify(contentionLog, times(1)).warn(eq("ETW session {}: {}"), eq(n),
                argThat((Object d) -> d.toString().contains("classic provider {" + SCM + "} is no longer enabled")));
    }

    @Test
    void aFailingEnumerationIsReportedUnknownAndNeverFailsTheSession() {
        fake.failNext(Op.PROVIDER_INFO, Win32Errors.ERROR_ACCESS_DENIED);
        EtwSession session = builder("unknown").build();
        String n = name("unknown");
        fake.emit(record(1), record(2));

        StepVerifier.create(session.records())
                .expectNext(record(1), record(2))
                .then(() -> {
                    ProviderContention c = session.providerContention().get(0);
                    assertThat(c.state()).isEqualTo(ProviderContention.State.UNKNOWN);
                    assertThat(c.contended()).isTrue();
                    assertThat(c.detail()).contains("EnumerateTraceGuidsEx").contains("ERROR_ACCESS_DENIED");
                    assertThat(pollHealth(session).contention().get(0).state()).as("the next poll succeeds")
                            .isEqualTo(ProviderContention.State.EXCLUSIVE);
                })
                .thenCancel()
                .verify(WAIT);
        verify(contentionLog).warn(eq("ETW session {}: {}"), eq(n),
                argThat((Object d) -> d.toString().contains("could not tell")));
        verify(contentionLog).warn(eq("ETW session {}: {} again"), eq(n),
                argThat((Object d) -> d.toString().contains("enabled by this session only")));
        assertThat(fake.runningSessions()).isEmpty();
    }

    // ------------------------------------------------------------------ races

    @Test
    void cancellationRacingWithTheFirstEventStopsOnceEveryTime() throws Exception {
        for (int i = 0; i < 200; i++) {
            fake = new FakeEtwNative();
            EtwSession session = builder("race").build();
            List<EventRecord> got = new CopyOnWriteArrayList<>();
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            Disposable d = session.records().subscribe(got::add, errors::add);
            assertThat(fake.awaitProcessing(20)).isTrue();
            CountDownLatch go = new CountDownLatch(1);
            Thread canceller = new Thread(() -> {
                await(go);
                d.dispose();
            });
            canceller.start();
            fake.emit(record(1));
            go.countDown();
            canceller.join(WAIT.toMillis());
            assertThat(canceller.isAlive()).isFalse();
            assertThat(fake.count(Op.STOP)).as("iteration %d", i).isEqualTo(1);
            assertThat(fake.count(Op.CLOSE)).as("iteration %d", i).isEqualTo(1);
            assertThat(fake.runningSessions()).isEmpty();
            assertThat(errors).isEmpty();
            assertThat(got.size()).isLessThanOrEqualTo(1);
            fake.processThread().join(WAIT.toMillis());
            assertThat(fake.processThread().isAlive()).isFalse();
        }
    }

    @Test
    void cancelBeforeTheStartRunsStartsNothing() {
        EtwSession session = builder("early").build();
        session.records().subscribe(new CoreSubscriber<EventRecord>() {
            @Override
            public void onSubscribe(Subscription s) {
                s.cancel();
            }

            @Override
            public void onNext(EventRecord r) {
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        });
        assertThat(fake.calls()).isEmpty();
    }

    // ------------------------------------------------------------------ platform and builder

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void defaultNativeOnNonWindowsSignalsUnsupportedPlatform() {
        EtwSession session = EtwSession.builder("linux").enable(Provider.of(SCM)).build();
        StepVerifier.create(session.records())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(UnsupportedPlatformException.class)
                        .hasMessageContaining("needs Windows"))
                .verify(WAIT);
        assertThat(session.sessionName()).startsWith("etw4j-linux~" + ProcessHandle.current().pid() + "-");
    }

    @Test
    void builderRejectsBadSettings() {
        assertThatThrownBy(() -> EtwSession.builder("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EtwSession.builder("a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EtwSession.builder("x").build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Provider");
        assertThatThrownBy(() -> EtwSession.builder("x").bufferSizeKb(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EtwSession.builder("x").bufferCapacity(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EtwSession.builder("x").bufferCapacity(HandOffBuilder.MAX_BUFFER_CAPACITY + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and 1073741824");
        assertThat(EtwSession.builder("x").bufferCapacity(HandOffBuilder.MAX_BUFFER_CAPACITY)).isNotNull();
        assertThatThrownBy(() -> EtwSession.builder("x").enable(Provider.of(SCM)).minimumBuffers(8)
                .maximumBuffers(4).build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Provider.of(SCM).includeEventIds(70000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bufferSizeBelowFourKbIsRefusedAtTheBuilderWithTheRangeAndWhy() {
        // learn.microsoft.com "EVENT_TRACE_PROPERTIES structure", BufferSize: minimum 4 (KB), maximum 16384 (16 MB)
        for (int kb : new int[] {-1, 0, 1, 3}) {
            assertThatThrownBy(() -> EtwSession.builder("x").bufferSizeKb(kb))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("4..16384")
                    .hasMessageContaining("4 KB minimum, 16 MB maximum")
                    .hasMessageEndingWith(": " + kb);
        }
        assertThatThrownBy(() -> EtwSession.builder("x").bufferSizeKb(16_385))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4..16384");
    }

    @Test
    void bufferSizeAtTheDocumentedBoundsReachesStartTrace() {
        for (int kb : new int[] {4, 16_384}) {
            EtwSession session = builder("bounds-" + kb).bufferSizeKb(kb).build();
            fake.emit(record(kb));
            StepVerifier.create(session.records()).expectNext(record(kb)).thenCancel().verify(WAIT);
        }
        assertThat(fake.startConfigs()).extracting(SessionConfig::bufferSizeKb).containsExactly(4, 16_384);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not reached: a thread is blocked");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
