package io.etw4j.scm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.scm.internal.correlation.CorrelatorStats;
import io.etw4j.scm.internal.correlation.PublishedLayouts;
import io.etw4j.scm.internal.kernel.KernelProcessProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

class ScmMonitorStatisticsTest {
    static final Instant T = Instant.parse("2024-05-01T10:00:00Z");
    static final int CLIENT = 0x0DE4;
    static final long CLIENT_KEY = 0x2_0000_0DE4L;
    static final String CLIENT_IMAGE = "\\Device\\HarddiskVolume3\\Users\\bob\\setup.exe";

    /** A Microsoft-Windows-Services 204 (a handled id) cut after the first UTF-16 unit of ServiceName. */
    static EventRecord truncated204(Instant t) {
        return PublishedLayouts.serviceStart204("evil", "", CLIENT_KEY, CLIENT, 2000, t).toBuilder()
                .payload(new byte[] {'e', 0}).build();
    }

    static EventRecord processStart() {
        return PublishedLayouts.processStartV4(CLIENT, CLIENT_KEY, T, 2000, 0x2_0000_07D0L, CLIENT_IMAGE);
    }

    @Test
    void beforeAnySubscriptionTheStatisticsAreEmpty() {
        ScmMonitor monitor = ScmMonitor.from(Flux.just(truncated204(T)));

        Flux<ScmEvent> notSubscribed = monitor.events();

        assertThat(notSubscribed).isNotNull();
        assertThat(monitor.statistics()).isEqualTo(ScmMonitorStatistics.EMPTY);
        assertThat(ScmMonitorStatistics.EMPTY.records()).isZero();
        assertThat(ScmMonitorStatistics.EMPTY.undecodable()).isZero();
    }

    @Test
    void aTruncatedServicesRecordIsCountedAndOnlyEmittedAsUnknown() {
        List<EventRecord> fed = List.of(processStart(), truncated204(T.plusMillis(100)),
                PublishedLayouts.serviceStart204("good", "", CLIENT_KEY, CLIENT, 2000, T.plusMillis(200)));
        ScmMonitor monitor = ScmMonitor.from(Flux.fromIterable(fed));

        List<ScmEvent> events = monitor.events().collectList().block();

        assertThat(events).hasSize(2);
        assertThat(events).filteredOn(ServiceStarted.class::isInstance).singleElement()
                .isInstanceOfSatisfying(ServiceStarted.class, s -> {
                    assertThat(s.serviceName()).isEqualTo("good");
                    assertThat(s.client().pid()).isEqualTo(CLIENT);
                });
        assertThat(events).filteredOn(UnknownScmMessage.class::isInstance).singleElement()
                .isInstanceOfSatisfying(UnknownScmMessage.class, u -> assertThat(u.messageId()).isEqualTo(204));
        ScmMonitorStatistics s = monitor.statistics();
        assertThat(s.undecodableServices()).isEqualTo(1);
        assertThat(s.undecodableKernelProcess()).isZero();
        assertThat(s.wppDecoderFailures()).isZero();
        assertThat(s.undecodable()).isEqualTo(1);
        assertThat(s.records()).isEqualTo(fed.size());
        assertThat(s.eventsEmitted()).isEqualTo(events.size());
        assertThat(s.processesInTable()).isEqualTo(1);
        assertThat(s.pending()).isZero();
    }

    @Test
    void anUndecodableKernelProcessRecordIsCountedButNotEmitted() {
        EventRecord future = processStart().toBuilder()
                .descriptor(new EventDescriptor(1, 9, 0, 4, 1, 1, KernelProcessProvider.KEYWORD_PROCESS)).build();
        ScmMonitor monitor = ScmMonitor.from(Flux.just(future));

        assertThat(monitor.events().collectList().block()).isEmpty();

        assertThat(monitor.statistics().undecodableKernelProcess()).isEqualTo(1);
        assertThat(monitor.statistics().undecodableByEventVersion()).containsExactly(Map.entry(
                new ScmMonitorStatistics.EventVersion(ScmProviders.KERNEL_PROCESS_NAME, 1, 9), 1L));
        assertThat(monitor.statistics().records()).isEqualTo(1);
        assertThat(monitor.statistics().eventsEmitted()).isZero();
        assertThat(monitor.statistics().processesInTable()).isZero();
    }

    @Test
    void unknownKernelProcessVersionsAreCountedPerEventIdAndVersion() {
        // ProcessStart v6 and ProcessStop v3: versions with no known layout (issue 9: never read as a known prefix).
        EventRecord startV6 = processStart().toBuilder()
                .descriptor(new EventDescriptor(1, 6, 0, 4, 1, 1, KernelProcessProvider.KEYWORD_PROCESS)).build();
        EventRecord stopV3 = PublishedLayouts.processStopV2(CLIENT, CLIENT_KEY, T, T.plusSeconds(1), 0, "setup.exe")
                .toBuilder().descriptor(new EventDescriptor(2, 3, 0, 4, 2, 2, KernelProcessProvider.KEYWORD_PROCESS))
                .build();
        List<EventRecord> fed = List.of(startV6, stopV3, startV6.toBuilder().timestamp(T.plusSeconds(2)).build(),
                truncated204(T.plusSeconds(3)));
        ScmMonitor monitor = ScmMonitor.from(Flux.fromIterable(fed));

        List<ScmEvent> events = monitor.events().collectList().block();

        assertThat(events).singleElement().isInstanceOf(UnknownScmMessage.class); // the Services record only
        ScmMonitorStatistics s = monitor.statistics();
        assertThat(s.undecodableKernelProcess()).isEqualTo(3);
        assertThat(s.undecodableServices()).isEqualTo(1);
        assertThat(s.undecodableByEventVersion()).containsExactly(
                Map.entry(new ScmMonitorStatistics.EventVersion(ScmProviders.KERNEL_PROCESS_NAME, 1, 6),
                        2L),
                Map.entry(new ScmMonitorStatistics.EventVersion(ScmProviders.KERNEL_PROCESS_NAME, 2, 3),
                        1L),
                Map.entry(new ScmMonitorStatistics.EventVersion(ScmProviders.SERVICES_NAME, 204, 0), 1L));
        assertThat(s.processesInTable()).isZero();
    }

    @Test
    void onlyTheMonitorMakesStatisticsSoThatCountersCanBeAdded() {
        assertThat(ScmMonitorStatistics.class.getConstructors()).as("public constructors").isEmpty();
        assertThat(ScmMonitorStatistics.class.isRecord()).as("a record's canonical constructor is public").isFalse();
        ScmMonitorStatistics a = new ScmMonitorStatistics(1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, Map.of(),
                Optional.empty(), Optional.empty());
        ScmMonitorStatistics b = new ScmMonitorStatistics(1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, Map.of(),
                Optional.empty(), Optional.empty());
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(ScmMonitorStatistics.EMPTY);
        assertThat(a.toString()).contains("records=1").contains("eventsEmitted=2").contains("processesInTable=3");
    }

    @Test
    void theCountsPerEventVersionAreAnOrderedUnmodifiableCopy() {
        ScmMonitorStatistics.EventVersion kp16 =
                new ScmMonitorStatistics.EventVersion(ScmProviders.KERNEL_PROCESS_NAME, 1, 6);
        ScmMonitorStatistics.EventVersion kp23 =
                new ScmMonitorStatistics.EventVersion(ScmProviders.KERNEL_PROCESS_NAME, 2, 3);
        Map<ScmMonitorStatistics.EventVersion, Long> given = new HashMap<>(Map.of(kp23, 1L, kp16, 2L));

        ScmMonitorStatistics s = new ScmMonitorStatistics(0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, given,
                Optional.empty(), Optional.empty());
        given.clear();

        assertThat(s.undecodableByEventVersion()).containsExactly(Map.entry(kp16, 2L), Map.entry(kp23, 1L));
        assertThatThrownBy(() -> s.undecodableByEventVersion().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(ScmMonitorStatistics.EMPTY.undecodableByEventVersion()).isEmpty();
        assertThat(kp16).hasToString("Microsoft-Windows-Kernel-Process event 1 v6");
    }

    @Test
    void theSnapshotSeenWithAnEventIncludesTheRecordThatReleasedIt() {
        ScmMonitor monitor = ScmMonitor.from(Flux.just(truncated204(T), truncated204(T.plusMillis(1)),
                truncated204(T.plusMillis(2))));
        List<ScmMonitorStatistics> seen = new ArrayList<>();

        monitor.events().doOnNext(e -> seen.add(monitor.statistics())).blockLast();

        assertThat(seen).extracting(ScmMonitorStatistics::records).containsExactly(1L, 2L, 3L);
        assertThat(seen).extracting(ScmMonitorStatistics::undecodableServices).containsExactly(1L, 2L, 3L);
        assertThat(seen).extracting(ScmMonitorStatistics::eventsEmitted).containsExactly(1L, 2L, 3L);
    }

    @Test
    void afterCompletionTheStatisticsAreFinalAndANewSubscriptionStartsFromZero() {
        ScmMonitor monitor = ScmMonitor.from(Flux.just(truncated204(T), truncated204(T.plusMillis(1))));

        monitor.events().blockLast();
        ScmMonitorStatistics afterFirst = monitor.statistics();
        List<ScmMonitorStatistics> duringSecond = new ArrayList<>();
        monitor.events().doOnNext(e -> duringSecond.add(monitor.statistics())).blockLast();

        assertThat(afterFirst.records()).isEqualTo(2);
        assertThat(afterFirst.eventsEmitted()).isEqualTo(2);
        assertThat(monitor.statistics()).isEqualTo(afterFirst);
        assertThat(duringSecond.get(0).records()).isEqualTo(1);
        assertThat(monitor.statistics()).isEqualTo(afterFirst);
    }

    @Test
    void whenTheSourceFailsTheStatisticsCoverTheRecordsBeforeTheError() {
        ScmMonitor monitor = ScmMonitor.from(Flux.just(truncated204(T))
                .concatWith(Flux.error(new IllegalStateException("source broke"))));

        List<ScmEvent> received = new ArrayList<>();
        Throwable error = monitor.events().doOnNext(received::add).then().materialize().block().getThrowable();

        assertThat(error).hasMessage("source broke");
        assertThat(received).hasSize(1);
        assertThat(monitor.statistics().records()).isEqualTo(1);
        assertThat(monitor.statistics().undecodableServices()).isEqualTo(1);
        assertThat(monitor.statistics().eventsEmitted()).isEqualTo(1);
    }

    @Test
    void theAmbiguousHoldCountsComeFromTheCorrelatorAndTakePartInEquality() {
        CorrelatorStats c = new CorrelatorStats(5, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, Map.of(), 3, 1, 1);

        ScmMonitorStatistics s = ScmMonitorStatistics.of(c, 4);

        assertThat(s.ambiguousHeld()).isEqualTo(3);
        assertThat(s.ambiguousDecidedLater()).isEqualTo(1);
        assertThat(s.ambiguousReleased()).isEqualTo(1);
        assertThat(s.pending()).isEqualTo(1);
        assertThat(s.withEtlReader(Optional.empty()).ambiguousHeld()).as("kept by copies").isEqualTo(3);
        assertThat(s).isNotEqualTo(ScmMonitorStatistics.of(new CorrelatorStats(5, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0,
                Map.of(), 3, 2, 0), 4));
        assertThat(s.toString()).contains("ambiguousHeld=3", "ambiguousDecidedLater=1", "ambiguousReleased=1");
        assertThat(ScmMonitorStatistics.EMPTY.ambiguousHeld()).isZero();
    }
}
