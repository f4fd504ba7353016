package io.etw4j.scm;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.internal.ProviderConfig;
import io.etw4j.core.internal.ProviderInstance;
import io.etw4j.core.internal.SessionEnvironment;
import io.etw4j.core.internal.TraceProperties;
import io.etw4j.core.internal.TraceStatus;
import io.etw4j.core.internal.Win32Errors;
import io.etw4j.core.testing.FakeEtwNative;
import io.etw4j.core.testing.FakeEtwNative.Op;
import io.etw4j.core.testing.FakeOwners;
import io.etw4j.core.session.EtwSession;
import io.etw4j.core.session.HealthReport;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The two ways a live monitor gets the SCM WPP provider's records, over etw-core's fake native layer: sharing
 * services.exe's "SCM" session (LogFileMode 0x10000002, EVENT_TRACE_FILE_MODE_CIRCULAR | EVENT_TRACE_NO_PER_PROCESSOR_
 * BUFFERING, evntrace.h; the provider enabled at level 0 with flags 0x0FF3F7FF: a public decompilation of
 * services.exe) and a private enable that gives the provider back. Facts: {@code ../shared/notes/scm-session.md}.
 */
class ScmSessionModesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int SCM_MODE = 0x10000002;
    private static final int SCM_LOGGER_ID = 0x21;
    private static final long SCM_FLAGS = 0x0FF3F7FFL;

    private final FakeEtwNative fake = new FakeEtwNative();

    private ScmMonitorBuilder builder(OptionalInt registryFlags) {
        SessionEnvironment env = SessionEnvironment.of(fake).withOwners(new FakeOwners(100, 1_000L))
                .withShutdownHook(false);
        return ScmMonitor.builder().noLiveLookup().idleFlush(Duration.ZERO).environment(env)
                .registry((key, value) -> {
                    assertThat(key).isEqualTo("Software\\Microsoft\\Windows NT\\CurrentVersion\\Tracing\\SCM\\Regular");
                    assertThat(value).isEqualTo("Flags");
                    return registryFlags;
                });
    }

    /** services.exe's session as found at boot: running, file only, the provider enabled at level 0. */
    private void scmSessionHoldingTheProvider(int mode) {
        TraceStatus status = new TraceStatus("SCM", SCM_LOGGER_ID, mode, 128, 10, 8, 0, 40, 0, 0);
        fake.addSession(new TraceProperties(status, UUID.fromString("0e0e0e0e-1111-2222-3333-444444444444"), 1, 10,
                25, 5, 0, 0, 0, "C:\\Windows\\System32\\LogFiles\\Scm\\SCM.EVM"));
        fake.registerProvider(ScmProviders.SCM_WPP_CONTROL_GUID, 612, true)
                .enableFrom("SCM", ScmProviders.SCM_WPP_CONTROL_GUID, 0, SCM_FLAGS, 0);
    }

    @Test
    void shareModeNeverEnablesTheWppProviderAndConsumesTheScmSessionNextToItsOwn() {
        scmSessionHoldingTheProvider(SCM_MODE);
        ScmMonitor monitor = builder(OptionalInt.empty()).create();
        fake.emit(ScmMonitorTest.install().toArray(new EventRecord[0]));

        StepVerifier.create(monitor.events())
                .assertNext(e -> assertThat(((ServiceCreated) e).client().pid()).isEqualTo(3556))
                .then(() -> {
                    ScmSessionUse use = monitor.statistics().scmSession().orElseThrow();
                    assertThat(use.mode()).isEqualTo(ScmSessionMode.SHARE);
                    assertThat(use.realTimeAdded()).isTrue();
                    assertThat(use.wppFlags()).as("the SCM session's own flags").isEqualTo(SCM_FLAGS);
                    assertThat(use.buffersWrittenAtStart()).isEqualTo(OptionalLong.of(40));
                })
                .thenCancel()
                .verify(WAIT);

        List<ProviderConfig> enabled = fake.enabledProviders();
        assertThat(enabled).extracting(ProviderConfig::providerId).as("Services and Kernel-Process only")
                .containsExactly(ScmProviders.SERVICES_GUID, ScmProviders.KERNEL_PROCESS_GUID);
        assertThat(fake.calls()).containsSubsequence("QUERY_PROPERTIES SCM", "FLUSH SCM", "UPDATE SCM 0x10000102",
                "OPEN SCM");
        assertThat(fake.calls()).containsSubsequence("UPDATE SCM 0x10000002");
        assertThat(fake.updates().get(0).maximumBuffers()).as("other settings as queried").isEqualTo(25);
        assertThat(fake.logFileMode("SCM")).as("left as found").isEqualTo(SCM_MODE);
        assertThat(fake.enableOf("SCM", ScmProviders.SCM_WPP_CONTROL_GUID)).as("still the SCM session's")
                .hasValueSatisfying(e -> assertThat(e.matchAnyKeyword()).isEqualTo(SCM_FLAGS));
        assertThat(fake.runningSessions()).containsExactly("SCM");
    }

    @Test
    void theScmSessionKeptRecordingWhenItsBuffersWrittenGrows() {
        scmSessionHoldingTheProvider(SCM_MODE);
        ScmMonitor monitor = builder(OptionalInt.empty()).create();
        Disposable d = monitor.events().subscribe();
        try {
            assertThat(monitor.statistics().scmSession().orElseThrow().scmSessionKeptRecording())
                    .as("no growth yet").contains(false);
            fake.setBuffersWritten("SCM", 44);
            ScmSessionUse use = monitor.statistics().scmSession().orElseThrow();
            assertThat(use.scmSessionKeptRecording()).contains(true);
            assertThat(use.describe()).contains("SHARE", "real-time delivery added", "kept recording: yes",
                    "40 -> 44");
        } finally {
            d.dispose();
        }
    }

    @Test
    void theHealthReportsOfAShareModeMonitorIncludeTheScmSessionsWithItsBuffersWritten() {
        scmSessionHoldingTheProvider(SCM_MODE);
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        try {
            SessionEnvironment env = SessionEnvironment.of(fake).withOwners(new FakeOwners(100, 1_000L))
                    .withShutdownHook(false).withHealthScheduler(time);
            ScmMonitor monitor = ScmMonitor.builder().noLiveLookup().idleFlush(Duration.ZERO).environment(env)
                    .registry((k, v) -> OptionalInt.empty()).create();
            List<HealthReport> reports = new CopyOnWriteArrayList<>();
            Disposable h = monitor.health().subscribe(reports::add);
            Disposable d = monitor.events().subscribe();
            fake.setBuffersWritten("SCM", 47);
            time.advanceTimeBy(EtwSession.DEFAULT_HEALTH_INTERVAL);
            d.dispose();
            h.dispose();
            assertThat(reports).extracting(HealthReport::sessionName).contains("SCM");
            assertThat(reports).filteredOn(r -> r.sessionName().equals("SCM"))
                    .allSatisfy(r -> assertThat(r.buffersWritten()).isEqualTo(47));
            assertThat(reports).extracting(HealthReport::sessionName).anyMatch(n -> n.contains("scm-monitor"));
        } finally {
            time.dispose();
        }
    }

    @Test
    void aRealTimeModeLeftByACrashedAgentIsReusedAndLeftAsFound() {
        scmSessionHoldingTheProvider(SCM_MODE | 0x100);
        ScmMonitor monitor = builder(OptionalInt.empty()).create();
        Disposable d = monitor.events().subscribe();
        assertThat(monitor.statistics().scmSession().orElseThrow().realTimeAdded()).isFalse();
        d.dispose();

        assertThat(fake.count(Op.UPDATE)).isZero();
        assertThat(fake.count(Op.FLUSH)).isZero();
        assertThat(fake.logFileMode("SCM")).isEqualTo(SCM_MODE | 0x100);
    }

    @Test
    void whenTheScmSessionCannotTakeRealTimeDeliveryTheRunFailsAndLeavesItAsFound() {
        scmSessionHoldingTheProvider(SCM_MODE);
        fake.failNext(Op.UPDATE, Win32Errors.ERROR_ACCESS_DENIED);
        ScmMonitor monitor = builder(OptionalInt.empty()).create();

        StepVerifier.create(monitor.events()).expectError().verify(WAIT);
        assertThat(fake.logFileMode("SCM")).isEqualTo(SCM_MODE);
        assertThat(fake.enabledProviders()).extracting(ProviderConfig::providerId)
                .doesNotContain(ScmProviders.SCM_WPP_CONTROL_GUID);
        assertThat(fake.runningSessions()).as("the own session stopped too").containsExactly("SCM");
    }

    @Test
    void withoutAnScmSessionTheProviderIsEnabledPrivatelyWithTheRegistryFlags() {
        ScmMonitor monitor = builder(OptionalInt.of(0x104)).create();
        Disposable d = monitor.events().subscribe();
        ScmSessionUse use = monitor.statistics().scmSession().orElseThrow();
        d.dispose();

        assertThat(use.mode()).isEqualTo(ScmSessionMode.PRIVATE);
        assertThat(use.reason()).contains("no SCM session");
        assertThat(use.wppFlags()).isEqualTo(0x104);
        ProviderConfig wpp = fake.enabledProviders().get(0);
        assertThat(wpp.providerId()).isEqualTo(ScmProviders.SCM_WPP_CONTROL_GUID);
        assertThat(wpp.matchAnyKeyword()).isEqualTo(0x104);
        assertThat(fake.count(Op.OPEN)).as("the own session only").isEqualTo(1);
        assertThat(monitor.statistics().scmSession().orElseThrow().providerGivenBack()).as("nobody to give it to")
                .isEmpty();
    }

    @Test
    void aPrivateSessionTakesTheProviderAndGivesItBackWithTheLevelAndFlagsTheScmSessionHad() {
        scmSessionHoldingTheProvider(SCM_MODE);
        ScmMonitor monitor = builder(OptionalInt.empty()).privateScmSession(true).create();
        Disposable d = monitor.events().subscribe();
        assertThat(fake.enableOf("SCM", ScmProviders.SCM_WPP_CONTROL_GUID)).as("taken by the private enable")
                .isEmpty();
        d.dispose();

        ScmSessionUse use = monitor.statistics().scmSession().orElseThrow();
        assertThat(use.mode()).isEqualTo(ScmSessionMode.PRIVATE);
        assertThat(use.wppFlags()).isEqualTo(SCM_FLAGS);
        assertThat(use.providerGivenBack()).contains(true);
        ProviderInstance.Enable back = fake.enableOf("SCM", ScmProviders.SCM_WPP_CONTROL_GUID).orElseThrow();
        assertThat(back.level()).isZero();
        assertThat(back.matchAnyKeyword()).isEqualTo(SCM_FLAGS);
        assertThat(fake.enableHandles(ScmProviders.SCM_WPP_CONTROL_GUID)).as("own session, then SCM's handle")
                .hasSize(2).last().isEqualTo((long) SCM_LOGGER_ID);
        assertThat(fake.count(Op.UPDATE)).isZero();
        int stop = fake.calls().indexOf(fake.calls().stream().filter(c -> c.startsWith("STOP ")).findFirst()
                .orElseThrow());
        assertThat(fake.calls().subList(stop, fake.calls().size())).as("given back after the own session stopped")
                .anyMatch(c -> c.equals("ENABLE " + ScmProviders.SCM_WPP_CONTROL_GUID));
    }

    @Test
    void aFailedGiveBackIsReportedNotThrown() {
        scmSessionHoldingTheProvider(SCM_MODE);
        ScmMonitor monitor = builder(OptionalInt.empty()).privateScmSession(true).create();
        Disposable d = monitor.events().subscribe();
        fake.failNext(Op.ENABLE, Win32Errors.ERROR_ACCESS_DENIED);
        d.dispose();

        assertThat(monitor.statistics().scmSession().orElseThrow().providerGivenBack()).contains(false);
        assertThat(fake.enableOf("SCM", ScmProviders.SCM_WPP_CONTROL_GUID)).isEmpty();
    }

    @Test
    void aGiveBackWhoseQueryFailsIsReportedNotThrown() {
        scmSessionHoldingTheProvider(SCM_MODE);
        ScmMonitor monitor = builder(OptionalInt.empty()).privateScmSession(true).create();
        Disposable d = monitor.events().subscribe();
        fake.failNext(Op.QUERY, Win32Errors.ERROR_ACCESS_DENIED);
        d.dispose();

        assertThat(monitor.statistics().scmSession().orElseThrow().providerGivenBack()).contains(false);
        assertThat(fake.enableHandles(ScmProviders.SCM_WPP_CONTROL_GUID)).as("no enable on a handle not read")
                .hasSize(1);
    }

    @Test
    void aPrivateRunWhoseOwnSessionCannotStartStillGivesTheProviderBack() {
        scmSessionHoldingTheProvider(SCM_MODE);
        fake.failNext(Op.START, Win32Errors.ERROR_NO_SYSTEM_RESOURCES);
        ScmMonitor monitor = builder(OptionalInt.empty()).privateScmSession(true).create();

        StepVerifier.create(monitor.events()).expectError().verify(WAIT);
        assertThat(fake.enableOf("SCM", ScmProviders.SCM_WPP_CONTROL_GUID)).as("as found")
                .hasValueSatisfying(e -> assertThat(e.matchAnyKeyword()).isEqualTo(SCM_FLAGS));
    }

    @Test
    void whenTheScmSessionsEnableCannotBeReadAPrivateRunGivesItBackAsServicesExeEnablesIt() {
        scmSessionHoldingTheProvider(SCM_MODE);
        ScmMonitor monitor = builder(OptionalInt.of(0x104)).privateScmSession(true).create();
        fake.failNext(Op.PROVIDER_INFO, Win32Errors.ERROR_ACCESS_DENIED);
        Disposable d = monitor.events().subscribe();
        d.dispose();

        assertThat(monitor.statistics().scmSession().orElseThrow().providerGivenBack()).contains(true);
        ProviderInstance.Enable back = fake.enableOf("SCM", ScmProviders.SCM_WPP_CONTROL_GUID).orElseThrow();
        assertThat(back.level()).isZero();
        assertThat(back.matchAnyKeyword()).as("the registry's Flags").isEqualTo(0x104);
    }

    @Test
    void anScmSessionThatRunsWithoutTheProviderGivesPrivateModeAndNothingToGiveBack() {
        fake.addSession("SCM", SCM_LOGGER_ID);
        ScmMonitor monitor = builder(OptionalInt.empty()).create();
        monitor.events().subscribe().dispose();
        ScmSessionUse use = monitor.statistics().scmSession().orElseThrow();
        assertThat(use.mode()).isEqualTo(ScmSessionMode.PRIVATE);
        assertThat(use.reason()).contains("without the provider");
        assertThat(use.providerGivenBack()).isEmpty();
        assertThat(fake.enableHandles(ScmProviders.SCM_WPP_CONTROL_GUID)).hasSize(1);
    }

    @Test
    void anScmSessionThatCannotBeQueriedIsSharedNotTaken() {
        scmSessionHoldingTheProvider(SCM_MODE);
        fake.failNext(Op.QUERY, Win32Errors.ERROR_ACCESS_DENIED);
        ScmMonitor monitor = builder(OptionalInt.empty()).create();
        monitor.events().subscribe().dispose();
        assertThat(monitor.statistics().scmSession().orElseThrow().mode()).isEqualTo(ScmSessionMode.SHARE);
        assertThat(fake.enabledProviders()).extracting(ProviderConfig::providerId)
                .doesNotContain(ScmProviders.SCM_WPP_CONTROL_GUID);
    }

    @Test
    void aMonitorWithTheWppProviderOffHasNoScmSessionUse() {
        scmSessionHoldingTheProvider(SCM_MODE);
        ScmMonitor monitor = builder(OptionalInt.empty()).scmWpp(false).create();
        monitor.events().subscribe().dispose();
        assertThat(monitor.statistics().scmSession()).isEmpty();
        assertThat(fake.count(Op.UPDATE)).isZero();
    }
}
