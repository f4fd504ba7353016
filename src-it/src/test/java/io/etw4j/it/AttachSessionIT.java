package io.etw4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.session.EtwSession;
import io.etw4j.core.session.Provider;
import io.etw4j.core.session.TraceLevel;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import reactor.core.Disposable;

/**
 * On a real, elevated Windows host: {@link EtwSession#attach(String)} consumes a session this test started as its
 * owner (by {@link EtwSession#sessionName()}), receives a Microsoft-Windows-Kernel-Process ProcessStart of a child
 * through the attached Flux, and cancelling the attached consumer leaves the owner's session running and delivering.
 * The owner consumes its session at the same time: two real-time consumers of one session (inferred to be allowed
 * since Windows Vista; this test is what checks it). Same skip rules as {@link ScmMonitorIT}.
 */
@EnabledOnOs(value = OS.WINDOWS, disabledReason = "needs a real Windows host: ETW exists only there")
@EnabledIfSystemProperty(named = "etw4j.it", matches = "true",
        disabledReason = "starts a live session: run with -Pwindows-it (sets etw4j.it=true)")
class AttachSessionIT {

    @BeforeAll
    static void requireElevation() {
        Elevation.assume();
    }

    @Test
    void anAttachedConsumerReceivesTheOwnersEventsAndItsCancelLeavesTheOwnerRunning() throws Exception {
        EtwSession owner = EtwSession.builder("it-attach-owner").enable(Provider.of(LiveTracing.KERNEL_PROCESS)
                .level(TraceLevel.INFORMATION).matchAnyKeyword(LiveTracing.KEYWORD_PROCESS)).build();
        ConcurrentLinkedQueue<EventRecord> ownerRecords = new ConcurrentLinkedQueue<>();
        AtomicBoolean ownerEnded = new AtomicBoolean();
        Disposable ownerRun = owner.records().subscribe(ownerRecords::add, e -> ownerEnded.set(true),
                () -> ownerEnded.set(true));
        try {
            Thread.sleep(LiveTracing.SETTLE.toMillis());
            EtwSession attached = EtwSession.attach(owner.sessionName()).build();
            assertThat(attached.sessionName()).isEqualTo(owner.sessionName());
            ConcurrentLinkedQueue<EventRecord> attachedRecords = new ConcurrentLinkedQueue<>();
            AtomicReference<Throwable> attachedError = new AtomicReference<>();
            Disposable attachedRun = attached.records().subscribe(attachedRecords::add, attachedError::set);
            long first;
            try {
                Thread.sleep(LiveTracing.SETTLE.toMillis()); // ProcessTrace starts on its own thread
                first = LiveTracing.runChild();
                long pid = first;
                assertThat(LiveTracing.await(attachedRecords, r -> LiveTracing.isKernelProcessStartOf(r, pid)))
                        .as("the ProcessStart of pid %d through the attached Flux (error: %s)", first,
                                attachedError.get())
                        .isPresent();
            } finally {
                attachedRun.dispose(); // CloseTrace only
            }

            assertThat(LiveTracing.sessionRuns(owner.sessionName())).as("the owner's session still runs").isTrue();
            long second = LiveTracing.runChild();
            assertThat(LiveTracing.await(ownerRecords, r -> LiveTracing.isKernelProcessStartOf(r, second)))
                    .as("the owner still receives: the ProcessStart of pid %d", second).isPresent();
            assertThat(ownerEnded).as("the owner's Flux neither completed nor failed").isFalse();
            long firstPid = first;
            assertThat(ownerRecords).as("the owner saw the first child too")
                    .anyMatch(r -> LiveTracing.isKernelProcessStartOf(r, firstPid));
        } finally {
            ownerRun.dispose();
        }
        assertThat(LiveTracing.sessionRuns(owner.sessionName())).as("the owner's cancel stopped it").isFalse();
    }
}
