package io.etw4j.scm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.core.UnsupportedPlatformException;
import io.etw4j.core.internal.ProviderConfig;
import io.etw4j.core.internal.SessionEnvironment;
import io.etw4j.core.session.EtwSession;
import io.etw4j.core.session.ProviderContention;
import io.etw4j.core.testing.FakeEtwNative;
import io.etw4j.core.testing.FakeOwners;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import reactor.core.Disposable;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** {@link ScmMonitor#create()} over etw-core's fake native layer: the same pipeline as a replay, on a live session. */
class ScmMonitorLiveTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FakeEtwNative fake = new FakeEtwNative();

    private ScmMonitorBuilder builder() {
        SessionEnvironment env = SessionEnvironment.of(fake).withOwners(new FakeOwners(100, 1_000L))
                .withShutdownHook(false);
        return ScmMonitor.builder().noLiveLookup().environment(env).registry((key, value) -> OptionalInt.empty());
    }

    @Test
    void theLiveSessionEnablesTheThreeProvidersAndDecodesLikeAReplay() throws InterruptedException {
        ScmMonitor monitor = builder().create();
        fake.emit(ScmMonitorTest.install().toArray(new io.etw4j.core.EventRecord[0]));

        StepVerifier.create(monitor.events())
                .assertNext(e -> {
                    ServiceCreated c = (ServiceCreated) e;
                    assertThat(c.serviceName()).isEqualTo("evilsvc");
                    assertThat(c.client().pid()).isEqualTo(3556);
                    assertThat(c.client().resolution()).isEqualTo(ClientProcess.Resolution.PROCESS_TABLE);
                })
                .thenCancel()
                .verify(WAIT);
        // The cancel is issued from inside onNext, so Flux.merge (the idle-flush ticks) defers the upstream cancel to
        // the thread draining it, which runs it just after the verifier's latch opened: the session stop follows the
        // verify rather than preceding it. Wait, bounded, for the ProcessTrace thread, which ends only after STOP.
        fake.processThread().join(WAIT.toMillis());
        assertThat(fake.processThread().isAlive()).as("ProcessTrace returned after the cancel").isFalse();

        // Sources: SCM WPP control GUID and Microsoft-Windows-Services / Kernel-Process GUIDs and keywords as cited in
        // ScmMonitor, ServicesProvider and KernelProcessProvider (issue 5, manifest dumps: Services "Performance"
        // 0x10000, "Control" 0x100000, "ConfigChange" 0x200000, "ServiceStart" 0x400000; WINEVENT_KEYWORD_PROCESS 0x10,
        // WINEVENT_KEYWORD_IMAGE 0x40); levels TRACE_LEVEL_VERBOSE 5, TRACE_LEVEL_INFORMATION 4 (evntrace.h).
        List<ProviderConfig> enabled = fake.enabledProviders();
        assertThat(enabled).extracting(ProviderConfig::providerId).containsExactly(
                UUID.fromString("EBCCA1C2-AB46-4A1D-8C2A-906C2FF25F39"),
                UUID.fromString("0063715B-EEDA-4007-9429-AD526F62696E"),
                UUID.fromString("22FB2CD6-0E7B-422B-A0C7-2FAD1FD0E716"));
        // SCM WPP, private mode (no "SCM" session in the fake): level 0xFF (every level, as logman uses for WPP) and
        // the flags services.exe uses when the registry has no Flags value, 0x0FF3F7FF (a public decompilation of
        // services.exe), which cover 0x1 errors, 0x4 RStartServiceW, 0x100 ScCreateServiceRpc/RChangeServiceConfigW/
        // RDeleteService and 0x100000 ScSendControl (same decompilation)
        assertThat(enabled.get(0).matchAnyKeyword()).isEqualTo(0x0FF3_F7FFL);
        assertThat(enabled.get(0).matchAnyKeyword() & (0x1L | 0x4L | 0x100L | 0x100000L))
                .isEqualTo(0x1L | 0x4L | 0x100L | 0x100000L);
        assertThat(enabled.get(0).level()).isEqualTo(0xFF);
        assertThat(enabled.get(1).matchAnyKeyword()).isEqualTo(0x10000L | 0x100000L | 0x200000L | 0x400000L);
        assertThat(enabled.get(2).matchAnyKeyword()).isEqualTo(0x10L | 0x40L);
        assertThat(enabled.get(2).level()).isEqualTo(4);
        assertThat(enabled.get(1).enableProperty()).isEqualTo(ProviderConfig.EVENT_ENABLE_PROPERTY_PROCESS_START_KEY);
        assertThat(enabled.get(2).enableProperty()).isEqualTo(ProviderConfig.EVENT_ENABLE_PROPERTY_PROCESS_START_KEY);
        assertThat(fake.runningSessions()).as("cancel stopped the session").isEmpty();
        assertThat(monitor.session()).isPresent();
    }

    @Test
    void providerContentionSaysWeTookTheScmProviderAndWhenServicesExeTakesItBack() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        try {
            // services.exe's own session "SCM" holds the classic (WPP) SCM provider before the monitor starts
            fake.registerProvider(ScmProviders.SCM_WPP_CONTROL_GUID, 612, true).addSession("SCM", 0x21)
                    .enableFrom("SCM", ScmProviders.SCM_WPP_CONTROL_GUID);
            SessionEnvironment env = SessionEnvironment.of(fake).withOwners(new FakeOwners(100, 1_000L))
                    .withShutdownHook(false).withHealthScheduler(time);
            // a private session (the builder asks for it): the monitor's enable takes the provider from "SCM"
            ScmMonitor monitor = ScmMonitor.builder().noLiveLookup().idleFlush(Duration.ZERO).privateScmSession(true)
                    .environment(env).registry((key, value) -> OptionalInt.empty()).create();
            assertThat(monitor.providerContention()).as("before the first subscription").isEmpty();
            assertThat(ScmMonitor.from(reactor.core.publisher.Flux.empty()).providerContention()).as("not live")
                    .isEmpty();

            Disposable d = monitor.events().subscribe();
            try {
                ProviderContention atStart = monitor.providerContention().orElseThrow();
                assertThat(atStart.state()).as("our enable took it from 'SCM'")
                        .isEqualTo(ProviderContention.State.EXCLUSIVE);
                assertThat(atStart.classicProvider()).isTrue();
                assertThat(monitor.statistics().scmWppContention()).contains(atStart);

                fake.enableFrom("SCM", ScmProviders.SCM_WPP_CONTROL_GUID);
                time.advanceTimeBy(EtwSession.DEFAULT_HEALTH_INTERVAL);

                ProviderContention taken = monitor.providerContention().orElseThrow();
                assertThat(taken.state()).isEqualTo(ProviderContention.State.NOT_HELD);
                assertThat(monitor.statistics().scmWppContention()).as("statistics() carries it too")
                        .hasValueSatisfying(c -> assertThat(c.state()).isEqualTo(ProviderContention.State.NOT_HELD));
                assertThat(taken.otherSessions()).extracting(h -> h.sessionName().orElse("?"))
                        .containsExactly("SCM");
                assertThat(monitor.session().orElseThrow().providerContention())
                        .extracting(ProviderContention::providerId)
                        .containsExactly(ScmProviders.SCM_WPP_CONTROL_GUID, ScmProviders.SERVICES_GUID,
                                ScmProviders.KERNEL_PROCESS_GUID);
            } finally {
                d.dispose();
            }
        } finally {
            time.dispose();
        }
    }

    @Test
    void withTheScmProviderSwitchedOffThereIsNoScmContention() {
        ScmMonitor monitor = builder().scmWpp(false).create();
        Disposable d = monitor.events().subscribe();
        try {
            assertThat(monitor.session().orElseThrow().providerContention()).hasSize(2);
            assertThat(monitor.providerContention()).isEmpty();
        } finally {
            d.dispose();
        }
    }

    @Test
    void eachProviderCanBeSwitchedOff() {
        builder().kernelProcess(false).servicesProvider(false).create().events().subscribe().dispose();

        assertThat(fake.enabledProviders()).extracting(ProviderConfig::providerId)
                .containsExactly(ScmProviders.SCM_WPP_CONTROL_GUID);
        assertThatThrownBy(() -> ScmMonitor.builder().scmWpp(false).servicesProvider(false).kernelProcess(false)
                .create()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void offWindowsTheLiveMonitorSignalsUnsupportedPlatform() {
        StepVerifier.create(ScmMonitor.create().events())
                .expectError(UnsupportedPlatformException.class)
                .verify(WAIT);
    }
}
