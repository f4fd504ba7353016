package io.etw4j.scm;

import static io.etw4j.scm.ScmMonitorTest.INSTALLER;
import static io.etw4j.scm.ScmMonitorTest.INSTALLER_IMAGE;
import static io.etw4j.scm.ScmMonitorTest.INSTALLER_KEY;
import static io.etw4j.scm.ScmMonitorTest.create;
import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.scm.internal.correlation.PublishedLayouts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * {@link ScmMonitor#events()} with a slow or paused subscriber and the live idle flush on (virtual time: the idle
 * flush's clock is {@link reactor.core.scheduler.Schedulers#parallel()}, which {@code withVirtualTime} replaces).
 * Virtual time starts at the epoch, so records are stamped from {@link Instant#EPOCH}.
 */
class ScmMonitorBackpressureTest {
    private static final Duration FLUSH = Duration.ofSeconds(1);
    /** Far longer than the idle flush's queues (the old pipeline failed after about 290 unrequested ticks). */
    private static final Duration PAUSE = FLUSH.multipliedBy(1000);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int STRANGER = 776; // a PID no ProcessStart in the source names (until one is pushed)
    private static final int CREATES = 1000;

    private static ScmMonitor monitor(Flux<EventRecord> source) {
        return ScmMonitor.builder().idleFlush(FLUSH).from(source);
    }

    private static EventRecord installerStart() {
        return PublishedLayouts.processStartV4(INSTALLER, INSTALLER_KEY, Instant.EPOCH, 2000, 0x2_0000_07D0L,
                INSTALLER_IMAGE);
    }

    private static String name(int i) {
        return String.format("svc%04d", i);
    }

    /** {@code count} creations by the installer (resolved through the process table, so emitted at once). */
    private static List<EventRecord> creations(int count, Instant from) {
        List<EventRecord> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(create(name(i), INSTALLER, "C:\\drv\\" + name(i) + ".sys", from.plusMillis(i)));
        }
        return out;
    }

    @Test
    void aSubscriberThatTakesOneEventAndPausesForAThousandFlushIntervalsGetsEverythingInOrderWhenItResumes() {
        // The installer's ProcessStart, a creation by a process the table never learns (held for the 5 s join window,
        // released by the idle flush), then 1000 creations by the installer. The source emits only on demand.
        List<EventRecord> records = new ArrayList<>();
        records.add(installerStart());
        records.add(create("stranger", STRANGER, "C:\\drv\\stranger.sys", Instant.EPOCH.plusMillis(50)));
        records.addAll(creations(CREATES, Instant.EPOCH.plusMillis(100)));
        AtomicInteger pulled = new AtomicInteger();
        AtomicReference<ScmMonitor> monitor = new AtomicReference<>();

        StepVerifier.Step<ScmEvent> step = StepVerifier.withVirtualTime(() -> {
            monitor.set(monitor(Flux.fromIterable(records).doOnNext(r -> pulled.incrementAndGet())
                    .concatWith(Flux.never())));
            return monitor.get().events();
        }, 1)
                .assertNext(e -> assertThat(((ServiceCreated) e).serviceName()).isEqualTo(name(0)))
                .expectNoEvent(PAUSE) // the old pipeline signalled OverflowException here ("Could not emit tick")
                .then(() -> assertThat(pulled.get()).as("backpressure reached the source: it was not drained")
                        .isLessThan(records.size()))
                .thenRequest(Long.MAX_VALUE);
        for (int i = 1; i < CREATES; i++) {
            String expected = name(i);
            step = step.assertNext(e -> assertThat(((ServiceCreated) e).serviceName()).isEqualTo(expected));
        }
        step.thenAwait(FLUSH) // the first idle flush after the resume closes the stranger's window, long past
                .assertNext(e -> {
                    ServiceCreated c = (ServiceCreated) e;
                    assertThat(c.serviceName()).isEqualTo("stranger");
                    assertThat(c.client().pid()).isEqualTo(STRANGER);
                    assertThat(c.client().resolution()).isNotEqualTo(ClientProcess.Resolution.PROCESS_TABLE);
                })
                .expectNoEvent(PAUSE)
                .thenCancel()
                .verify(WAIT);

        ScmMonitorStatistics stats = monitor.get().statistics();
        assertThat(stats.records()).isEqualTo(records.size());
        assertThat(stats.eventsEmitted()).isEqualTo(CREATES + 1);
        assertThat(stats.pending()).isZero();
        assertThat(stats.releasedEarly()).isZero();
    }

    @Test
    void aPauseDoesNotCloseAJoinWindowBeforeTheRecordsThatWaitedBehindIt() {
        // Live-like: records are pushed into a buffering source as time passes, as etw-core's hand-off does. The
        // stranger's creation is held for its ProcessStart, which per-CPU buffering delivers late (at 3 s, stamped
        // before the creation) while the subscriber has paused; it waits in the source behind 1000 creations the
        // paused subscriber has not taken. Idle-flush ticks of the pause must not close the window before it.
        Sinks.Many<EventRecord> sink = Sinks.many().unicast().onBackpressureBuffer();
        List<EventRecord> first = new ArrayList<>();
        first.add(installerStart());
        first.add(create("stranger", STRANGER, "C:\\drv\\stranger.sys", Instant.EPOCH.plusMillis(200)));
        first.addAll(creations(CREATES, Instant.EPOCH.plusMillis(300)));
        EventRecord strangerStart = PublishedLayouts.processStartV4(STRANGER, 0x2_0000_0308L,
                Instant.EPOCH.plusMillis(100), INSTALLER, INSTALLER_KEY, "\\Device\\HarddiskVolume3\\stranger.exe");

        StepVerifier.Step<ScmEvent> step = StepVerifier.withVirtualTime(() -> {
            first.forEach(sink::tryEmitNext);
            VirtualTimeScheduler.get().schedule(() -> sink.tryEmitNext(strangerStart), 3, java.util.concurrent
                    .TimeUnit.SECONDS);
            return monitor(sink.asFlux()).events();
        }, 1)
                .assertNext(e -> assertThat(((ServiceCreated) e).serviceName()).isEqualTo(name(0)))
                .expectNoEvent(PAUSE)
                .thenRequest(Long.MAX_VALUE);
        List<String> names = new ArrayList<>();
        AtomicReference<ServiceCreated> stranger = new AtomicReference<>();
        step.thenConsumeWhile(e -> !((ServiceCreated) e).serviceName().equals("stranger"),
                        e -> names.add(((ServiceCreated) e).serviceName()))
                .assertNext(e -> stranger.set((ServiceCreated) e))
                .expectNoEvent(PAUSE)
                .thenCancel()
                .verify(WAIT);

        List<String> expected = new ArrayList<>();
        for (int i = 1; i < CREATES; i++) {
            expected.add(name(i));
        }
        assertThat(names).containsExactlyElementsOf(expected);
        assertThat(stranger.get().client().resolution()).as("joined to the ProcessStart that waited in the source")
                .isEqualTo(ClientProcess.Resolution.PROCESS_TABLE);
        assertThat(stranger.get().client().imagePath()).contains("\\Device\\HarddiskVolume3\\stranger.exe");
    }

    @Test
    void withDemandOfOneTheIdleFlushStillReleasesAHeldEventOnAQuietSource() {
        EventRecord held = create("stranger", STRANGER, "C:\\drv\\stranger.sys", Instant.EPOCH);
        AtomicReference<ScmMonitor> monitor = new AtomicReference<>();

        StepVerifier.withVirtualTime(() -> {
            monitor.set(monitor(Flux.just(held).concatWith(Flux.never())));
            return monitor.get().events();
        }, 1)
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(4)) // inside the 5 s join window
                .then(() -> assertThat(monitor.get().statistics().pending()).isEqualTo(1))
                .thenAwait(Duration.ofSeconds(2)) // a flush after the window closed releases it
                .assertNext(e -> assertThat(((ServiceCreated) e).client().pid()).isEqualTo(STRANGER))
                .expectNoEvent(PAUSE)
                .thenCancel()
                .verify(WAIT);

        assertThat(monitor.get().statistics().pending()).isZero();
        assertThat(monitor.get().statistics().eventsEmitted()).isEqualTo(1);
    }

    @Test
    void aHeldEventWhoseWindowClosedDuringAPauseComesWithinOneFlushOfTheResume() {
        // The first creation is emitted; the stranger's is held. The subscriber pauses with no demand while the
        // stranger's window closes; the first flush after the resume releases it.
        List<EventRecord> records = List.of(installerStart(),
                create(name(0), INSTALLER, "C:\\drv\\a.sys", Instant.EPOCH.plusMillis(10)),
                create("stranger", STRANGER, "C:\\drv\\stranger.sys", Instant.EPOCH.plusMillis(20)));

        StepVerifier.withVirtualTime(() -> monitor(Flux.fromIterable(records).concatWith(Flux.never())).events(), 1)
                .assertNext(e -> assertThat(((ServiceCreated) e).serviceName()).isEqualTo(name(0)))
                .expectNoEvent(PAUSE)
                .thenRequest(1)
                .thenAwait(FLUSH)
                .assertNext(e -> assertThat(((ServiceCreated) e).serviceName()).isEqualTo("stranger"))
                .expectNoEvent(PAUSE)
                .thenCancel()
                .verify(WAIT);
    }
}
