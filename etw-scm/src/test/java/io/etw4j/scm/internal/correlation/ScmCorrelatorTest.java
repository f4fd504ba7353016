package io.etw4j.scm.internal.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.ExtendedDataItem;
import io.etw4j.core.testing.LeBytes;
import io.etw4j.scm.AttributionSource;
import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ScmMonitorStatistics;
import io.etw4j.scm.ScmProviders;
import io.etw4j.scm.ServiceConfigChanged;
import io.etw4j.scm.ServiceControlSent;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceStarted;
import io.etw4j.scm.UnknownScmMessage;
import io.etw4j.scm.internal.kernel.KernelProcessProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class ScmCorrelatorTest extends CorrelatorScenario {

    // ----------------------------------------------------------------------------------------------------------
    // Clients

    @Test
    void aServicesStartIsAttributedThroughTheProcessTable() {
        processes();

        List<ScmEvent> out = feed(PublishedLayouts.serviceStart204("evil", "", KEY, PID, CMD_PID, at(1000)));

        assertThat(out).singleElement().isInstanceOfSatisfying(ServiceStarted.class, s -> {
            assertThat(s.serviceName()).isEqualTo("evil");
            assertThat(s.attributedBy()).isEqualTo(AttributionSource.SERVICES_PROVIDER);
            assertThat(s.details()).containsEntry("ServiceHostName", "");
            ClientProcess c = s.client();
            assertThat(c.resolution()).isEqualTo(ClientProcess.Resolution.PROCESS_TABLE);
            assertThat(c.pid()).isEqualTo(PID);
            assertThat(c.processStartKey()).hasValue(KEY);
            assertThat(c.imagePath()).hasValue(INSTALLER);
            assertThat(c.parentPid()).hasValue(CMD_PID);
            assertThat(c.startTime()).hasValue(at(100));
        });
        assertThat(correlator.ancestry(((ServiceStarted) out.get(0)).client(), at(1000), 8))
                .extracting(ProcessEntry::imageName).containsExactly(CMD);
    }

    @Test
    void aReusedPidIsResolvedByStartKeyAndByTime() {
        String second = "\\Device\\HarddiskVolume3\\Windows\\System32\\sc.exe";
        long keyB = 0x1_0000_2222L;
        processes();
        feed(PublishedLayouts.processStopV2(PID, KEY, at(100), at(5000), 0, "installer.exe"),
                PublishedLayouts.processStartV4(PID, keyB, at(6000), CMD_PID, CMD_KEY, second));

        // Reports about the first process arrive after the PID was reused (late buffers).
        List<ScmEvent> out = feed(
                PublishedLayouts.sendControl200("WinDefend", "Defender", 1, KEY, PID, CMD_PID, at(2000)),
                PublishedLayouts.sendControl200("WinDefend", "Defender", 1, keyB, PID, CMD_PID, at(7000)));

        assertThat(out).hasSize(2);
        assertThat(out.get(0).client().imagePath()).hasValue(INSTALLER);
        assertThat(out.get(0).client().processStartKey()).hasValue(KEY);
        assertThat(out.get(1).client().imagePath()).hasValue(second);
        assertThat(out.get(1).client().processStartKey()).hasValue(keyB);
        assertThat(((ServiceControlSent) out.get(0)).displayName()).hasValue("Defender");

        // A WPP report carries only the PID: its time picks the instance.
        List<ScmEvent> wpp = new ArrayList<>(feed(FakeWppDecoder.create("a", PID, "C:\\a.sys", at(2500)),
                FakeWppDecoder.create("b", PID, "C:\\b.sys", at(7500))));
        assertThat(wpp).extracting(e -> e.client().imagePath().orElseThrow()).containsExactly(INSTALLER, second);
    }

    @Test
    void theClientsProcessStartArrivingLateIsWaitedFor() {
        List<ScmEvent> before = feed(FakeWppDecoder.create("evil", 5555, "C:\\evil.sys", at(1000)));
        assertThat(before).as("held: the client's start may still come").isEmpty();

        List<ScmEvent> out = feed(PublishedLayouts.processStartV4(5555, 0x55, at(500), CMD_PID, CMD_KEY, INSTALLER));

        assertThat(out).singleElement().isInstanceOfSatisfying(ServiceCreated.class, c -> {
            assertThat(c.client().resolution()).isEqualTo(ClientProcess.Resolution.PROCESS_TABLE);
            assertThat(c.client().imagePath()).hasValue(INSTALLER);
        });
    }

    @Test
    void anUnknownClientIsReleasedWithPidOnlyWhenTheWindowCloses() {
        feed(FakeWppDecoder.create("evil", 5555, "C:\\evil.sys", at(1000)));

        List<ScmEvent> out = correlator.advanceTo(at(1000).plus(Duration.ofSeconds(6)));

        assertThat(out).singleElement().satisfies(e -> {
            assertThat(e.client().pid()).isEqualTo(5555);
            assertThat(e.client().resolution()).isEqualTo(ClientProcess.Resolution.PID_ONLY);
        });
    }

    @Test
    void aServicesEventWithClientProcessIdZeroNamesNoClient() {
        AtomicInteger calls = new AtomicInteger();
        correlator = new ScmCorrelator(new FakeWppDecoder(), pid -> {
            calls.incrementAndGet();
            return ClientProcess.ofPid(pid);
        }, CorrelatorOptions.defaults());

        List<ScmEvent> out = feed(PublishedLayouts.serviceStart204("Dhcp", "", 0, 0, 0, at(1000)));

        assertThat(out).singleElement().satisfies(e -> assertThat(e.client().isKnown()).isFalse());
        assertThat(calls).hasValue(0);
    }

    @Test
    void theLiveLookupIsOnlyAFallback() {
        AtomicInteger calls = new AtomicInteger();
        correlator = new ScmCorrelator(new FakeWppDecoder(), pid -> {
            calls.incrementAndGet();
            return new ClientProcess(pid, OptionalLong.empty(), Optional.of("C:\\live\\tool.exe"),
                    Optional.of("tool.exe /install"), OptionalInt.of(1), Optional.empty(), Optional.of(T0),
                    ClientProcess.Resolution.LIVE_LOOKUP);
        }, CorrelatorOptions.defaults());
        processes();

        List<ScmEvent> known = feed(FakeWppDecoder.create("a", PID, "C:\\a.sys", at(1000)));
        assertThat(calls).hasValue(0);
        assertThat(known.get(0).client().resolution()).isEqualTo(ClientProcess.Resolution.PROCESS_TABLE);

        List<ScmEvent> unknown = feed(FakeWppDecoder.create("b", 777, "C:\\b.sys", at(2000)));
        assertThat(calls).hasValue(1);
        assertThat(unknown).singleElement().satisfies(e -> {
            assertThat(e.client().resolution()).isEqualTo(ClientProcess.Resolution.LIVE_LOOKUP);
            assertThat(e.client().commandLine()).hasValue("tool.exe /install");
        });
        assertThat(correlator.stats().liveLookups()).isEqualTo(1);
    }

    @Test
    void aLiveAnswerAboutALaterProcessIsDiscarded() {
        correlator = new ScmCorrelator(new FakeWppDecoder(), pid -> new ClientProcess(pid, OptionalLong.of(9),
                Optional.of("C:\\other.exe"), Optional.empty(), OptionalInt.empty(), Optional.empty(),
                Optional.of(at(60_000)), ClientProcess.Resolution.LIVE_LOOKUP), CorrelatorOptions.defaults());

        feed(FakeWppDecoder.create("b", 777, "C:\\b.sys", at(2000)));
        List<ScmEvent> out = correlator.onComplete();

        assertThat(out).singleElement().satisfies(e -> {
            assertThat(e.client().resolution()).isEqualTo(ClientProcess.Resolution.EXITED);
            assertThat(e.client().imagePath()).isEmpty();
        });
    }

    @Test
    void aLiveAnswerWithAnotherStartKeyIsDiscarded() {
        correlator = new ScmCorrelator(new FakeWppDecoder(), pid -> new ClientProcess(pid, OptionalLong.of(9),
                Optional.of("C:\\other.exe"), Optional.empty(), OptionalInt.empty(), Optional.empty(),
                Optional.empty(), ClientProcess.Resolution.LIVE_LOOKUP), CorrelatorOptions.defaults());

        feed(PublishedLayouts.serviceStart204("s", "", 0x1234, 777, 1, at(2000)));
        List<ScmEvent> out = correlator.onComplete();

        assertThat(out).singleElement().satisfies(e -> {
            assertThat(e.client().resolution()).isEqualTo(ClientProcess.Resolution.EXITED);
            assertThat(e.client().processStartKey()).hasValue(0x1234);
            assertThat(e.client().parentPid()).hasValue(1);
        });
    }

    @Test
    void aStartKeyLoggedInExtendedDataIsLearned() {
        processes();
        EventRecord loggedByInstaller = EventRecord.builder().providerId(java.util.UUID.randomUUID())
                .descriptor(new EventDescriptor(1, 0, 0, 4, 0, 0, 0)).processId(PID).timestamp(at(500))
                .flags(EventRecord.FLAG_EXTENDED_INFO)
                .addExtendedData(new ExtendedDataItem(ExtendedDataItem.PROCESS_START_KEY,
                        LeBytes.le().u64(0x2_0000_4242L).bytes()))
                .build();
        feed(loggedByInstaller);

        List<ScmEvent> out = feed(FakeWppDecoder.create("a", PID, "C:\\a.sys", at(1000)));

        assertThat(out.get(0).client().processStartKey()).hasValue(0x2_0000_4242L);
    }

    // ----------------------------------------------------------------------------------------------------------
    // One report per act

    @Test
    void aWppOnlyStartFallsBackToWppOnceTheDuplicateWindowCloses() {
        processes();
        assertThat(feed(FakeWppDecoder.start("evil", PID, at(1000)))).isEmpty();

        List<ScmEvent> out = correlator.advanceTo(at(3001));

        assertThat(out).singleElement().isInstanceOfSatisfying(ServiceStarted.class, s -> {
            assertThat(s.attributedBy()).isEqualTo(AttributionSource.SCM_WPP);
            assertThat(s.client().imagePath()).hasValue(INSTALLER);
            assertThat(s.client().processStartKey()).as("from the table's sequence number").hasValue(KEY);
        });
    }

    @Test
    void bothReportsOfOneStartGiveOneServicesEventWhicheverComesFirst() {
        processes();
        List<ScmEvent> out = new ArrayList<>(feed(FakeWppDecoder.start("evil", PID, at(1000)),
                PublishedLayouts.serviceStart204("Evil", "", KEY, PID, CMD_PID, at(1001)),
                PublishedLayouts.serviceStart204("other", "", KEY, PID, CMD_PID, at(1500)),
                FakeWppDecoder.start("other", PID, at(1502))));
        out.addAll(correlator.onComplete());

        assertThat(out).hasSize(2).allSatisfy(e -> assertThat(((ServiceStarted) e).attributedBy())
                .isEqualTo(AttributionSource.SERVICES_PROVIDER));
        assertThat(correlator.stats().duplicatesMerged()).isEqualTo(2);
    }

    @Test
    void controlsWithDifferentCodesAreDifferentActs() {
        processes();
        List<ScmEvent> out = new ArrayList<>(feed(
                PublishedLayouts.sendControl200("svc", "Svc", 1, KEY, PID, CMD_PID, at(1000)),
                FakeWppDecoder.control("svc", PID, 2, at(1001))));
        out.addAll(correlator.onComplete());

        assertThat(out).extracting(e -> ((ServiceControlSent) e).attributedBy())
                .containsExactly(AttributionSource.SERVICES_PROVIDER, AttributionSource.SCM_WPP);
    }

    @Test
    void aMergedConfigurationChangeKeepsTheWppFields() {
        processes();
        List<ScmEvent> out = new ArrayList<>(feed(
                FakeWppDecoder.config("svc", PID, "C:\\new.exe", at(1000)),
                PublishedLayouts.configChange202(202, "svc", "ImagePath", KEY, PID, CMD_PID, at(1001))));
        out.addAll(correlator.onComplete());

        assertThat(out).singleElement().isInstanceOfSatisfying(ServiceConfigChanged.class, c -> {
            assertThat(c.attributedBy()).isEqualTo(AttributionSource.SERVICES_PROVIDER);
            assertThat(c.changes()).containsExactly(Map.entry("NewValueName", "ImagePath"),
                    Map.entry("BinaryPathName", "C:\\new.exe"));
        });
    }

    @Test
    void aZeroDuplicateWindowEmitsWppReportsAtOnce() {
        correlator = new ScmCorrelator(new FakeWppDecoder(), LiveProcessLookup.none(),
                CorrelatorOptions.defaults().withDuplicateWindow(Duration.ZERO));
        processes();
        assertThat(feed(FakeWppDecoder.start("evil", PID, at(1000)))).hasSize(1);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Bad input

    @Test
    void anUndecodableServicesRecordBecomesAnUnknownMessage() {
        EventRecord cut = PublishedLayouts.serviceStart204("evil", "", KEY, PID, CMD_PID, at(1)).toBuilder()
                .payload(new byte[] {'e', 0}).build();

        List<ScmEvent> out = feed(cut);

        assertThat(out).singleElement().isInstanceOfSatisfying(UnknownScmMessage.class, u -> {
            assertThat(u.messageId()).isEqualTo(204);
            assertThat(u.reason()).contains("Microsoft-Windows-Services");
            assertThat(u.payload()).containsExactly('e', 0);
        });
        assertThat(correlator.stats().undecodableServices()).isEqualTo(1);
    }

    @Test
    void anUndecodableProcessStartIsCountedButNotEmitted() {
        EventRecord future = PublishedLayouts.processStartV4(1, 1, at(1), 4, 4, CMD).toBuilder()
                .descriptor(new EventDescriptor(1, 9, 0, 4, 1, 1, KernelProcessProvider.KEYWORD_PROCESS)).build();

        assertThat(feed(future)).isEmpty();
        assertThat(correlator.stats().undecodableKernelProcess()).isEqualTo(1);
    }

    @Test
    void undecodableRecordsAreCountedPerEventVersionAndLoggedOncePerVersion() {
        Logger log = mock(Logger.class);
        correlator = new ScmCorrelator(new FakeWppDecoder(), LiveProcessLookup.none(), CorrelatorOptions.defaults(),
                log);
        EventRecord startV6 = PublishedLayouts.processStartV4(1, 1, at(1), 4, 4, CMD).toBuilder()
                .descriptor(new EventDescriptor(1, 6, 0, 4, 1, 1, KernelProcessProvider.KEYWORD_PROCESS)).build();
        EventRecord stopV3 = PublishedLayouts.processStopV2(1, 1, at(1), at(2), 0, "a.exe").toBuilder()
                .descriptor(new EventDescriptor(2, 3, 0, 4, 2, 2, KernelProcessProvider.KEYWORD_PROCESS)).build();
        EventRecord cut204 = PublishedLayouts.serviceStart204("evil", "", KEY, PID, CMD_PID, at(3)).toBuilder()
                .payload(new byte[] {'e', 0}).build();

        feed(startV6, stopV3, startV6, cut204, startV6, stopV3);

        assertThat(correlator.stats().undecodableByEventVersion()).containsExactly(
                Map.entry(new ScmMonitorStatistics.EventVersion(ScmProviders.KERNEL_PROCESS_NAME, 1, 6),
                        3L),
                Map.entry(new ScmMonitorStatistics.EventVersion(ScmProviders.KERNEL_PROCESS_NAME, 2, 3),
                        2L),
                Map.entry(new ScmMonitorStatistics.EventVersion(ScmProviders.SERVICES_NAME, 204, 0), 1L));
        assertThat(correlator.stats().undecodableKernelProcess()).isEqualTo(5);
        assertThat(correlator.stats().undecodableServices()).isEqualTo(1);
        verify(log).warn(anyString(), eq(ScmProviders.KERNEL_PROCESS_NAME), eq(1), eq(6),
                contains("version 6"));
        verify(log).warn(anyString(), eq(ScmProviders.KERNEL_PROCESS_NAME), eq(2), eq(3),
                contains("version 3"));
        verify(log).warn(anyString(), eq(ScmProviders.SERVICES_NAME), eq(204), eq(0), anyString());
        verifyNoMoreInteractions(log);
    }

    @Test
    void theCountsPerEventVersionAreASnapshot() {
        EventRecord startV6 = PublishedLayouts.processStartV4(1, 1, at(1), 4, 4, CMD).toBuilder()
                .descriptor(new EventDescriptor(1, 6, 0, 4, 1, 1, KernelProcessProvider.KEYWORD_PROCESS)).build();
        feed(startV6);
        Map<ScmMonitorStatistics.EventVersion, Long> before = correlator.stats().undecodableByEventVersion();

        feed(startV6);

        assertThat(before).containsExactly(Map.entry(
                new ScmMonitorStatistics.EventVersion(ScmProviders.KERNEL_PROCESS_NAME, 1, 6), 1L));
        assertThat(correlator.stats().undecodableByEventVersion()).containsValue(2L);
        assertThatThrownBy(() -> before.clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aClientKnownOnlyFromARundownIsResolvedFromTheTable() {
        // The installer was already running when the session began: no ProcessStart, only a ProcessRundown v3.
        Instant longBefore = T0.minus(Duration.ofHours(1));
        assertThat(feed(PublishedLayouts.processRundownV3(PID, KEY, longBefore, CMD_PID, CMD_KEY, INSTALLER, at(0))))
                .isEmpty();

        List<ScmEvent> out = feed(FakeWppDecoder.create("evilsvc", PID, "C:\\drv\\evil.sys", at(500)));

        assertThat(out).singleElement().isInstanceOfSatisfying(ServiceCreated.class, c -> {
            assertThat(c.client().pid()).isEqualTo(PID);
            assertThat(c.client().resolution()).isEqualTo(ClientProcess.Resolution.PROCESS_TABLE);
            assertThat(c.client().imagePath()).hasValue(INSTALLER);
            assertThat(c.client().startTime()).hasValue(longBefore);
            assertThat(c.client().parentPid()).hasValue(CMD_PID);
        });
        assertThat(correlator.stats().processes()).isEqualTo(1);
        assertThat(correlator.stats().undecodableByEventVersion()).isEmpty();
    }

    @Test
    void anUndecodableDriverLoadIsNotLost() {
        EventRecord cut = PublishedLayouts.imageLoadV0(1, 2, 0, "x.sys", at(1)).toBuilder()
                .payload(new byte[6]).build();

        assertThat(feed(cut)).singleElement().isInstanceOfSatisfying(UnknownScmMessage.class,
                u -> assertThat(u.reason()).contains("possible driver load"));
    }

    @Test
    void aWppDecoderThatThrowsGivesAnUnknownMessage() {
        correlator = new ScmCorrelator(r -> {
            throw new IllegalStateException("boom");
        }, LiveProcessLookup.none(), CorrelatorOptions.defaults());

        List<ScmEvent> out = feed(FakeWppDecoder.start("x", 1, at(1)));

        assertThat(out).singleElement().isInstanceOfSatisfying(UnknownScmMessage.class,
                u -> assertThat(u.reason()).contains("boom"));
        assertThat(correlator.stats().wppDecoderFailures()).isEqualTo(1);
    }

    @Test
    void recordsNobodyRecognisesGiveNothing() {
        EventRecord other = EventRecord.builder().providerId(java.util.UUID.randomUUID()).timestamp(at(1)).build();
        assertThat(feed(other)).isEmpty();
        assertThat(correlator.stats().records()).isEqualTo(1);
    }
}
