package io.etw4j.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.etw4j.core.EtwCallException;
import io.etw4j.core.EventRecord;
import io.etw4j.core.internal.SessionEnvironment;
import io.etw4j.core.internal.SessionInternals;
import io.etw4j.core.internal.TraceProperties;
import io.etw4j.core.internal.TraceStatus;
import io.etw4j.core.internal.Win32Errors;
import io.etw4j.core.testing.FakeEtwNative;
import io.etw4j.core.testing.FakeEtwNative.Op;
import io.etw4j.core.testing.FakeOwners;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import reactor.core.Disposable;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * {@link AttachBuilder#addRealTimeIfMissing()} over {@link FakeEtwNative}: the QUERY, FLUSH, UPDATE sequence on a
 * session that logs only to a file (services.exe's "SCM" session: LogFileMode 0x10000002, EVENT_TRACE_FILE_MODE_CIRCULAR
 * 0x2 | EVENT_TRACE_NO_PER_PROCESSOR_BUFFERING 0x10000000, evntrace.h), the removal after CloseTrace only when the run
 * added the mode, a session found with real-time delivery left as found, and each call's failure.
 */
@Timeout(60)
class AttachRealTimeTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** EVENT_TRACE_FILE_MODE_CIRCULAR | EVENT_TRACE_NO_PER_PROCESSOR_BUFFERING (evntrace.h). */
    private static final int SCM_MODE = 0x10000002;
    /** EVENT_TRACE_REAL_TIME_MODE (evntrace.h). */
    private static final int RT = 0x100;

    private final FakeEtwNative fake = new FakeEtwNative();
    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

    @AfterEach
    void tearDown() {
        time.dispose();
    }

    /** The "SCM" session's settings as a QUERY would report them: 128 KB buffers, 10..25 of them, 5 MB, a file. */
    private static TraceProperties scm(int mode) {
        TraceStatus status = new TraceStatus("SCM", 0x2A, mode, 128, 12, 3, 0, 40, 0, 0);
        return new TraceProperties(status, UUID.fromString("11111111-2222-3333-4444-555555555555"), 1, 10, 25, 5, 1,
                0, 15, "C:\\Windows\\System32\\LogFiles\\Scm\\SCM.EVM");
    }

    private EtwSession attach() {
        SessionEnvironment env = SessionEnvironment.of(fake).withOwners(new FakeOwners(100, 1_000L))
                .withHealthScheduler(time).withContentionLog(mock(Logger.class));
        return SessionInternals.withEnvironment(EtwSession.attach("SCM"), env).addRealTimeIfMissing().build();
    }

    private static EventRecord record(int id) {
        return EventRecord.builder().providerId(UUID.randomUUID()).id(id).processId(4).threadId(8).build();
    }

    @Test
    void queryFlushUpdateWithOnlyTheRealTimeBitAddedThenOpenByNameAndRemoveItAfterClose() {
        fake.addSession(scm(SCM_MODE));
        EtwSession session = attach();
        fake.emit(record(1));

        StepVerifier.create(session.records())
                .expectNextCount(1)
                .then(() -> assertThat(session.statistics().realTimeAdded()).isTrue())
                .thenCancel()
                .verify(WAIT);

        assertThat(fake.calls()).containsSubsequence("QUERY_PROPERTIES SCM", "FLUSH SCM", "UPDATE SCM 0x10000102",
                "OPEN SCM", "CLOSE 0x5001", "QUERY_PROPERTIES SCM", "UPDATE SCM 0x10000002");
        assertThat(fake.calls().indexOf("FLUSH SCM")).isLessThan(fake.calls().indexOf("UPDATE SCM 0x10000102"));
        assertThat(fake.calls().indexOf("CLOSE 0x5001")).isLessThan(fake.calls().indexOf("UPDATE SCM 0x10000002"));
        List<TraceProperties> updates = fake.updates();
        assertThat(updates).hasSize(2);
        // everything but LogFileMode as the query returned it
        assertThat(updates.get(0)).isEqualTo(scm(SCM_MODE).withLogFileMode(SCM_MODE | RT));
        assertThat(updates.get(1)).isEqualTo(scm(SCM_MODE | RT).withLogFileMode(SCM_MODE));
        assertThat(fake.logFileMode("SCM")).as("left as found").isEqualTo(SCM_MODE);
        assertThat(fake.runningSessions()).containsExactly("SCM");
        assertThat(fake.count(Op.STOP)).isZero();
        assertThat(fake.count(Op.ENABLE)).isZero();
        assertThat(session.statistics().realTimeAdded()).as("the last run's flag stays readable").isTrue();
    }

    @Test
    void aSessionLeftWithRealTimeDeliveryByACrashedAgentIsReusedAndLeftAsFound() {
        fake.addSession(scm(SCM_MODE | RT));
        EtwSession session = attach();
        Disposable d = session.records().subscribe();
        assertThat(session.statistics().realTimeAdded()).isFalse();
        d.dispose();

        assertThat(fake.calls()).containsSubsequence("QUERY_PROPERTIES SCM", "OPEN SCM", "CLOSE 0x5001");
        assertThat(fake.count(Op.FLUSH)).isZero();
        assertThat(fake.count(Op.UPDATE)).as("neither added nor removed").isZero();
        assertThat(fake.logFileMode("SCM")).isEqualTo(SCM_MODE | RT);
    }

    @Test
    void ifTheOriginalModeDoesNotTurnRealTimeOffTheDocumentedZeroFollows() {
        fake.addSession(scm(SCM_MODE)).realTimeOffOnlyWithZero();
        EtwSession session = attach();
        session.records().subscribe().dispose();

        assertThat(fake.calls()).containsSubsequence("UPDATE SCM 0x10000102", "CLOSE 0x5001",
                "UPDATE SCM 0x10000002", "UPDATE SCM 0x0");
        assertThat(fake.logFileMode("SCM")).isEqualTo(SCM_MODE);
    }

    @Test
    void aFailedQueryChangesNothingAndFailsWithItsError() {
        fake.addSession(scm(SCM_MODE)).failNext(Op.QUERY_PROPERTIES, Win32Errors.ERROR_ACCESS_DENIED);
        expectError(attach(), Win32Errors.ERROR_ACCESS_DENIED);
        assertThat(fake.count(Op.FLUSH)).isZero();
        assertThat(fake.count(Op.UPDATE)).isZero();
        assertThat(fake.count(Op.OPEN)).isZero();
        assertThat(fake.logFileMode("SCM")).isEqualTo(SCM_MODE);
    }

    @Test
    void aSessionThatDoesNotRunFailsWithInstanceNotFound() {
        expectError(attach(), Win32Errors.ERROR_WMI_INSTANCE_NOT_FOUND);
        assertThat(fake.count(Op.UPDATE)).isZero();
    }

    @Test
    void aFailedFlushChangesNothingAndFailsWithItsError() {
        fake.addSession(scm(SCM_MODE)).failNext(Op.FLUSH, Win32Errors.ERROR_ACCESS_DENIED);
        expectError(attach(), Win32Errors.ERROR_ACCESS_DENIED);
        assertThat(fake.count(Op.UPDATE)).isZero();
        assertThat(fake.count(Op.OPEN)).isZero();
        assertThat(fake.logFileMode("SCM")).isEqualTo(SCM_MODE);
    }

    @Test
    void aFailedUpdateChangesNothingAndFailsWithItsError() {
        fake.addSession(scm(SCM_MODE)).failNext(Op.UPDATE, Win32Errors.ERROR_INVALID_PARAMETER);
        expectError(attach(), Win32Errors.ERROR_INVALID_PARAMETER);
        assertThat(fake.count(Op.UPDATE)).as("no removal of what was not added").isEqualTo(1);
        assertThat(fake.count(Op.OPEN)).isZero();
        assertThat(fake.logFileMode("SCM")).isEqualTo(SCM_MODE);
    }

    @Test
    void aFailedOpenAfterTheUpdateRemovesTheRealTimeDeliveryAgain() {
        fake.addSession(scm(SCM_MODE)).failNext(Op.OPEN, Win32Errors.ERROR_ACCESS_DENIED);
        expectError(attach(), Win32Errors.ERROR_ACCESS_DENIED);
        assertThat(fake.calls()).containsSubsequence("UPDATE SCM 0x10000102", "OPEN SCM", "UPDATE SCM 0x10000002");
        assertThat(fake.logFileMode("SCM")).isEqualTo(SCM_MODE);
    }

    @Test
    void aFailedRemovalIsLoggedNotThrownAndTheRunStillEnds() {
        fake.addSession(scm(SCM_MODE));
        EtwSession session = attach();
        Disposable d = session.records().subscribe();
        fake.failNext(Op.UPDATE, Win32Errors.ERROR_ACCESS_DENIED);
        d.dispose();
        assertThat(fake.calls()).containsSubsequence("CLOSE 0x5001", "UPDATE SCM 0x10000002");
        assertThat(fake.logFileMode("SCM")).as("the failure leaves real-time delivery on").isEqualTo(SCM_MODE | RT);
    }

    @Test
    void anUpdateThatDoesNotAddTheModeIsATypedErrorAndNothingIsOpened() {
        fake.addSession(scm(SCM_MODE)).updatesChangeNothing();
        expectError(attach(), Win32Errors.ERROR_INVALID_FUNCTION);
        assertThat(fake.count(Op.OPEN)).isZero();
        assertThat(fake.count(Op.UPDATE)).as("nothing was added, so nothing is removed").isEqualTo(1);
        assertThat(fake.logFileMode("SCM")).isEqualTo(SCM_MODE);
    }

    @Test
    void aRemovalQueryThatFailsFallsBackToTheFoundPropertiesWithTheOriginalMode() {
        fake.addSession(scm(SCM_MODE));
        EtwSession session = attach();
        Disposable d = session.records().subscribe();
        fake.failNext(Op.QUERY_PROPERTIES, Win32Errors.ERROR_ACCESS_DENIED);
        d.dispose();
        assertThat(fake.updates()).hasSize(2);
        assertThat(fake.updates().get(1)).isEqualTo(scm(SCM_MODE));
        assertThat(fake.logFileMode("SCM")).isEqualTo(SCM_MODE);
    }

    @Test
    void aSessionGoneBeforeTheEndNeedsNoRemoval() {
        fake.addSession(scm(SCM_MODE));
        EtwSession session = attach();
        StepVerifier.create(session.records())
                .then(() -> fake.stopExternally("SCM"))
                .expectComplete()
                .verify(WAIT);
        assertThat(fake.count(Op.UPDATE)).as("only the addition").isEqualTo(1);
    }

    @Test
    void theHealthReportsOfTheAttachedSessionCarryItsBuffersWritten() {
        fake.addSession(scm(SCM_MODE));
        EtwSession session = attach();
        Disposable d = session.records().subscribe();
        fake.setBuffersWritten("SCM", 52);
        time.advanceTimeBy(EtwSession.DEFAULT_HEALTH_INTERVAL);
        d.dispose();
        HealthReport fin = session.health().filter(h -> h.kind() == HealthReport.Kind.FINAL).blockFirst(WAIT);
        assertThat(fin.buffersWritten()).as("from the last QUERY poll").isEqualTo(52);
        assertThat(session.statistics().buffersWritten()).isEqualTo(52);
    }

    @Test
    void withoutTheOptionAnAttachChangesNoSetting() {
        fake.addSession(scm(SCM_MODE));
        SessionEnvironment env = SessionEnvironment.of(fake).withOwners(new FakeOwners(100, 1_000L))
                .withHealthScheduler(time).withContentionLog(mock(Logger.class));
        EtwSession plain = SessionInternals.withEnvironment(EtwSession.attach("SCM"), env).build();
        plain.records().subscribe().dispose();
        assertThat(fake.count(Op.UPDATE)).isZero();
        assertThat(fake.count(Op.FLUSH)).isZero();
        assertThat(plain.statistics().realTimeAdded()).isFalse();
    }

    private static void expectError(EtwSession session, int code) {
        StepVerifier.create(session.records())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(EtwCallException.class,
                        c -> assertThat(c.errorCode()).isEqualTo(code)))
                .verify(WAIT);
    }
}
