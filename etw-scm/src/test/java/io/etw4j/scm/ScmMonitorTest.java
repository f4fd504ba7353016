package io.etw4j.scm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.testing.LeBytes;
import io.etw4j.scm.internal.correlation.PublishedLayouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class ScmMonitorTest {
    static final UUID MESSAGE_GUID = UUID.fromString("6f0a9e2d-1111-4222-8333-944455556666");
    static final Instant T = Instant.parse("2024-05-01T10:00:00Z");
    static final int INSTALLER = 0x0DE4; // the seed's bytes e4 0d 00 00 = 3556 (the article's "3356" is a slip)
    static final long INSTALLER_KEY = 0x2_0000_0DE4L;
    static final String INSTALLER_IMAGE = "\\Device\\HarddiskVolume3\\Users\\bob\\setup.exe";

    @TempDir
    Path dir;

    static EventRecord wpp(int id, byte[] payload, Instant t) {
        return EventRecord.builder()
                .headerKind(HeaderKind.MESSAGE)
                .providerId(MESSAGE_GUID)
                .descriptor(EventDescriptor.ofId(id))
                .flags(EventRecord.FLAG_TRACE_MESSAGE | EventRecord.FLAG_64_BIT_HEADER)
                .processId(PublishedLayouts.SERVICES_EXE)
                .timestamp(t)
                .payload(payload)
                .build();
    }

    static EventRecord create(String service, int pid, String image, Instant t) {
        return wpp(0x28, LeBytes.le().utf16z(service).u32(pid).utf16z(image).bytes(), t);
    }

    static List<EventRecord> install() {
        return List.of(
                PublishedLayouts.processStartV4(INSTALLER, INSTALLER_KEY, T, 2000, 0x2_0000_07D0L, INSTALLER_IMAGE),
                create("evilsvc", INSTALLER, "C:\\drv\\evil.sys", T.plusMillis(100)));
    }

    @Test
    void fromAnyFluxTheCreatorIsResolvedThroughTheProcessTable() {
        List<ScmEvent> events = ScmMonitor.from(Flux.fromIterable(install())).events().collectList().block();

        assertThat(events).hasSize(1);
        ServiceCreated c = (ServiceCreated) events.get(0);
        assertThat(c.serviceName()).isEqualTo("evilsvc");
        assertThat(c.imagePath().map(ServiceImagePath::path)).contains("C:\\drv\\evil.sys");
        assertThat(c.client().pid()).isEqualTo(3556);
        assertThat(c.client().resolution()).isEqualTo(ClientProcess.Resolution.PROCESS_TABLE);
        assertThat(c.client().imagePath()).contains(INSTALLER_IMAGE);
        assertThat(c.client().processStartKey()).hasValue(INSTALLER_KEY);
        assertThat(c.attributedBy()).isEqualTo(AttributionSource.SCM_WPP);
    }

    @Test
    void aCreatorKnownOnlyFromAProcessRundownIsResolvedWithItsImagePath() {
        // setup.exe was already running when the state was captured: a ProcessRundown v3, no ProcessStart.
        Instant started = T.minus(Duration.ofMinutes(30));
        List<EventRecord> records = List.of(
                PublishedLayouts.processRundownV3(INSTALLER, INSTALLER_KEY, started, 2000, 0x2_0000_07D0L,
                        INSTALLER_IMAGE, T),
                create("evilsvc", INSTALLER, "C:\\drv\\evil.sys", T.plusMillis(100)));
        ScmMonitor monitor = ScmMonitor.from(Flux.fromIterable(records));

        List<ScmEvent> events = monitor.events().collectList().block();

        assertThat(events).singleElement().isInstanceOfSatisfying(ServiceCreated.class, c -> {
            assertThat(c.serviceName()).isEqualTo("evilsvc");
            assertThat(c.client().pid()).isEqualTo(3556);
            assertThat(c.client().resolution()).isEqualTo(ClientProcess.Resolution.PROCESS_TABLE);
            assertThat(c.client().imagePath()).contains(INSTALLER_IMAGE);
            assertThat(c.client().processStartKey()).hasValue(INSTALLER_KEY);
            assertThat(c.client().startTime()).contains(started);
        });
        assertThat(monitor.statistics().processesInTable()).isEqualTo(1);
        assertThat(monitor.statistics().undecodable()).isZero();
    }

    @Test
    void eachSubscriptionStartsFromAFreshState() {
        ScmMonitor monitor = ScmMonitor.from(Flux.fromIterable(install()));

        List<ScmEvent> first = monitor.events().collectList().block();
        List<ScmEvent> second = monitor.events().collectList().block();

        assertThat(second).isEqualTo(first);
        assertThat(monitor.messageGuidsSeen()).containsExactly(MESSAGE_GUID);
    }

    @Test
    void switchingKernelProcessOffLeavesOnlyThePid() {
        ScmMonitor monitor = ScmMonitor.builder().kernelProcess(false).from(Flux.fromIterable(install()));

        ServiceCreated c = (ServiceCreated) monitor.events().blockLast();

        assertThat(c.client().pid()).isEqualTo(3556);
        assertThat(c.client().resolution()).isEqualTo(ClientProcess.Resolution.PID_ONLY);
    }

    @Test
    void switchingScmWppOffDropsItsRecords() {
        ScmMonitor monitor = ScmMonitor.builder().scmWpp(false).from(Flux.fromIterable(install()));

        assertThat(monitor.events().collectList().block()).isEmpty();
    }

    @Test
    void theLiveLookupDescribesAClientTheTableDoesNotKnow() {
        ClientProcess described = new ClientProcess(INSTALLER, java.util.OptionalLong.empty(),
                Optional.of("C:\\Users\\bob\\setup.exe"), Optional.empty(), java.util.OptionalInt.empty(),
                Optional.empty(), Optional.empty(), ClientProcess.Resolution.LIVE_LOOKUP);
        ScmMonitor monitor = ScmMonitor.builder()
                .liveLookup(pid -> pid == INSTALLER ? described : ClientProcess.ofPid(pid))
                .from(Flux.just(create("evilsvc", INSTALLER, "C:\\drv\\evil.sys", T)));

        ServiceCreated c = (ServiceCreated) monitor.events().blockLast();

        assertThat(c.client()).isEqualTo(described);
    }

    @Test
    void aMessageTableOverrideDecodesAnIdTheDefaultsLeaveUnknown() throws IOException {
        Path table = Files.writeString(dir.resolve("t.properties"),
                "0x2a = DELETE_SERVICE: utf16z serviceName, u32 clientPid | confirmed | test capture\n");
        EventRecord delete = wpp(0x2A, LeBytes.le().utf16z("evilsvc").u32(8).bytes(), T);

        ScmEvent withDefaults = ScmMonitor.from(Flux.just(delete)).events().blockLast();
        ScmMonitor overridden = ScmMonitor.builder().messageTable(table).noLiveLookup().from(Flux.just(delete));
        ScmEvent withOverride = overridden.events().blockLast();

        assertThat(withDefaults).isInstanceOf(UnknownScmMessage.class);
        assertThat(withOverride).isInstanceOf(ServiceDeleted.class);
        assertThat(((ServiceDeleted) withOverride).serviceName()).isEqualTo("evilsvc");
        assertThat(overridden.messageTableDescription()).isEqualTo("defaults overridden by " + table);
    }

    @Test
    void aBadMessageTableIsRefusedWhenTheMonitorIsBuilt() throws IOException {
        Path table = Files.writeString(dir.resolve("bad.properties"), "0x2a = DELETE_SERVICE: utf16z serviceName"
                + " | confirmed | x\n");

        assertThatThrownBy(() -> ScmMonitor.builder().messageTable(table).from(Flux.empty()))
                .isInstanceOf(MessageTableException.class)
                .hasMessage(table + " line 1: DELETE_SERVICE needs the field 'u32 clientPid'");
    }

    @Test
    void whenTheSourceFailsHeldEventsComeFirstThenTheError() {
        // No Kernel-Process start for the client: the event is held for the join window, waiting for it.
        Flux<EventRecord> failing = Flux.just(create("evilsvc", INSTALLER, "C:\\drv\\evil.sys", T))
                .concatWith(Flux.error(new IllegalStateException("disk gone")));

        StepVerifier.create(ScmMonitor.from(failing).events(), 1)
                .assertNext(e -> assertThat(e).isInstanceOf(ServiceCreated.class))
                .expectErrorMessage("disk gone")
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void undecodableRecordsNeverFailTheStream() {
        Flux<EventRecord> records = Flux.just(wpp(0x28, new byte[] {1, 2, 3}, T), wpp(0x99, new byte[0], T),
                create("ok", 8, "C:\\ok.exe", T.plusSeconds(1)));

        StepVerifier.create(ScmMonitor.from(records).events(), 1)
                .assertNext(e -> assertThat(((UnknownScmMessage) e).messageId()).isEqualTo(0x28))
                .thenRequest(1)
                .assertNext(e -> assertThat(((UnknownScmMessage) e).messageId()).isEqualTo(0x99))
                .thenRequest(1)
                .assertNext(e -> assertThat(((ServiceCreated) e).serviceName()).isEqualTo("ok"))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void onAQuietLiveStreamTheIdleFlushReleasesHeldEventsByTheWallClock() {
        // Virtual time starts at the epoch; the record is stamped there. Its client is unknown to the table, so it is
        // held for the 5 s join window; no further record arrives, only the idle flush's clock ticks.
        EventRecord created = create("evilsvc", INSTALLER, "C:\\drv\\evil.sys", Instant.EPOCH);

        StepVerifier.withVirtualTime(() -> ScmMonitor.builder().idleFlush(Duration.ofSeconds(1))
                        .from(Flux.just(created).concatWith(Flux.never())).events())
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(5))
                .expectNoEvent(Duration.ofMillis(500))
                .thenAwait(Duration.ofSeconds(1))
                .assertNext(e -> assertThat(((ServiceCreated) e).client().pid()).isEqualTo(3556))
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void withoutIdleFlushAQuietStreamHoldsUntilItCompletes() {
        EventRecord created = create("evilsvc", INSTALLER, "C:\\drv\\evil.sys", Instant.EPOCH);

        StepVerifier.withVirtualTime(() -> ScmMonitor.from(Flux.just(created).concatWith(Flux.never())).events())
                .expectSubscription()
                .expectNoEvent(Duration.ofMinutes(1))
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void anUndecodableServicesRecordKeepsTheStringsAndPidsItHolds() {
        EventRecord start = PublishedLayouts.serviceStart204("evilsvc", "", INSTALLER_KEY, INSTALLER, 2000, T);
        byte[] p = start.payload();
        EventRecord truncated = start.toBuilder().payload(java.util.Arrays.copyOf(p, p.length - 6)).build();

        UnknownScmMessage u = (UnknownScmMessage) ScmMonitor.from(Flux.just(truncated)).events().blockLast();

        assertThat(u.reason()).startsWith("undecodable Microsoft-Windows-Services event");
        assertThat(u.strings()).containsExactly("evilsvc");
        assertThat(u.plausiblePids()).contains((long) INSTALLER);
    }

    @Test
    void theProviderConstantsAreThoseOfTheSourcesCited() {
        assertThat(ScmProviders.SCM_WPP_CONTROL_GUID).isEqualTo(UUID.fromString("EBCCA1C2-AB46-4A1D-8C2A-906C2FF25F39"));
        assertThat(ScmProviders.SERVICES_GUID)
                .isEqualTo(UUID.fromString("0063715B-EEDA-4007-9429-AD526F62696E"));
        assertThat(ScmProviders.KERNEL_PROCESS_GUID)
                .isEqualTo(UUID.fromString("22FB2CD6-0E7B-422B-A0C7-2FAD1FD0E716"));
        assertThat(ScmProviders.KERNEL_PROCESS_KEYWORDS).isEqualTo(0x50L);
    }
}
