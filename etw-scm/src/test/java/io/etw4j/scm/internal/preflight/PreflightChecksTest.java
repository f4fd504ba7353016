package io.etw4j.scm.internal.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.core.UnsupportedPlatformException;
import io.etw4j.core.internal.TraceList;
import io.etw4j.core.internal.TraceStatus;
import io.etw4j.core.internal.win32.WindowsLibraries;
import io.etw4j.core.session.ProviderContention.Holder;
import io.etw4j.scm.internal.services.ServicesProvider;
import io.etw4j.scm.preflight.ScmPreflight.Check;
import io.etw4j.scm.preflight.ScmPreflight.Status;
import io.etw4j.scm.preflight.ScmPreflight;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PreflightChecksTest {
    private boolean elevated = true;
    private final Map<String, Integer> registry = new HashMap<>();
    private Set<UUID> providers = Set.of(PreflightChecks.SCM_WPP_PROVIDER, ServicesProvider.GUID);
    /** A default host: services.exe's "SCM" session runs and holds the SCM WPP provider. */
    private List<String> sessions = List.of("EventLog-System", "SCM");
    private boolean moreSessions;
    private List<Holder> scmHolders = List.of(new Holder(0x21, Optional.of("SCM")));
    private RuntimeException holderFailure;

    private ScmPreflight run() {
        PreflightProbes probes = new PreflightProbes(() -> elevated,
                (key, value) -> registry.containsKey(key + "\\" + value)
                        ? OptionalInt.of(registry.get(key + "\\" + value)) : OptionalInt.empty(),
                () -> providers, () -> new SessionProbe.RunningSessions(sessions, moreSessions),
                provider -> {
                    assertThat(provider).isEqualTo(PreflightChecks.SCM_WPP_PROVIDER);
                    if (holderFailure != null) {
                        throw holderFailure;
                    }
                    return scmHolders;
                });
        return PreflightChecks.run("Windows 11", probes);
    }

    private static ScmPreflight.Finding finding(ScmPreflight report, Check check) {
        return report.finding(check).orElseThrow();
    }

    @Test
    void aHealthyMachinePassesEveryCheck() {
        ScmPreflight report = run();

        assertThat(report.windows()).isTrue();
        assertThat(report.ok()).isTrue();
        assertThat(report.problems()).isEmpty();
        assertThat(report.findings()).extracting(ScmPreflight.Finding::check).containsExactly(Check.values());
        assertThat(finding(report, Check.LOGGER_SLOTS).detail()).contains("2 of 64").contains("62 free");
    }

    @Test
    void anUnelevatedProcessIsAProblemWithARemedy() {
        elevated = false;

        ScmPreflight.Finding f = finding(run(), Check.ELEVATION);

        assertThat(f.status()).isEqualTo(Status.PROBLEM);
        assertThat(f.remedy()).hasValueSatisfying(r -> assertThat(r).contains("Run as administrator"));
    }

    @Test
    void aThirtyTwoBitJvmIsRefusedBeforeAdvapi32IsLoaded() {
        // On Linux advapi32 cannot load: an UnsatisfiedLinkError here would mean the refusal came too late.
        assertThatThrownBy(() -> WindowsProbes.create(4))
                .isInstanceOf(UnsupportedPlatformException.class)
                .hasMessageContaining("64-bit JVM only")
                .hasMessageContaining("32-bit JVM");
    }

    @Test
    void onAThirtyTwoBitJvmThePreflightReportsAPlatformProblemAndRunsNoProbe() {
        ScmPreflight report = PreflightChecks.onWindows("Windows 11", () -> WindowsProbes.create(4));

        assertThat(report.windows()).isTrue();
        assertThat(report.ok()).isFalse();
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo(Check.PLATFORM);
            assertThat(f.status()).isEqualTo(Status.PROBLEM);
            assertThat(f.detail()).contains("Windows 11").contains("64-bit JVM only");
            assertThat(f.remedy().orElseThrow()).contains("64-bit (x64) JVM");
        });
    }

    @Test
    void theX64OffsetsAreAcceptedOnlyForEightBytePointers() {
        WindowsLibraries.requireX64(8, "the preflight");
        assertThatThrownBy(() -> WindowsLibraries.requireX64(4, "the preflight"))
                .isInstanceOf(UnsupportedPlatformException.class);
        assertThat(WindowsLibraries.X64_POINTER_SIZE).isEqualTo(8);
    }

    @Test
    void probesThatFailToLoadForAnotherReasonGiveAnUnknownPlatformFinding() {
        ScmPreflight report = PreflightChecks.onWindows("Windows 11", () -> {
            throw new UnsatisfiedLinkError("advapi32");
        });

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo(Check.PLATFORM);
            assertThat(f.status()).isEqualTo(Status.UNKNOWN);
        });
    }

    @Test
    void probesFromTheFactoryAreRun() {
        ScmPreflight report = PreflightChecks.onWindows("Windows 11", () -> new PreflightProbes(() -> false,
                (key, value) -> OptionalInt.empty(), () -> providers,
                () -> new SessionProbe.RunningSessions(sessions, false)));

        assertThat(report.findings()).extracting(ScmPreflight.Finding::check).containsExactly(Check.values());
        assertThat(report.finding(Check.ELEVATION).orElseThrow().status()).isEqualTo(Status.PROBLEM);
    }

    @Test
    void tracingDisabledAndAMissingScmProviderAreProblemsThatPointAtTheRegistryValue() {
        registry.put(PreflightChecks.SCM_TRACING_KEY + "\\TracingDisabled", 1);
        providers = Set.of(ServicesProvider.GUID);

        ScmPreflight report = run();

        assertThat(report.ok()).isFalse();
        assertThat(finding(report, Check.SCM_TRACING_DISABLED)).satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.PROBLEM);
            assertThat(f.detail()).contains("TracingDisabled is 1").contains("until the next reboot");
            assertThat(f.remedy().orElseThrow()).contains("/v TracingDisabled /t REG_DWORD /d 0").contains("reboot");
        });
        assertThat(finding(report, Check.SCM_WPP_PROVIDER).status()).isEqualTo(Status.PROBLEM);
        assertThat(finding(report, Check.SCM_WPP_PROVIDER).remedy().orElseThrow()).contains("TracingDisabled");
    }

    @ParameterizedTest(name = "TracingDisabled = {1}")
    @CsvSource({"1, 1", "2, 2", "-1, 4294967295", "-2147483648, 2147483648"})
    void everyNonZeroTracingDisabledValueIsAProblem(int dword, String unsigned) {
        registry.put(PreflightChecks.SCM_TRACING_KEY + "\\TracingDisabled", dword);

        ScmPreflight report = run();

        assertThat(report.ok()).isFalse();
        assertThat(finding(report, Check.SCM_TRACING_DISABLED)).satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.PROBLEM);
            assertThat(f.detail()).contains("TracingDisabled is " + unsigned + " (any non-zero value disables");
            assertThat(f.remedy().orElseThrow()).contains("/d 0");
        });
    }

    @Test
    void tracingDisabledAbsentIsFine() {
        assertThat(finding(run(), Check.SCM_TRACING_DISABLED)).satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.OK);
            assertThat(f.detail()).endsWith("is not set");
        });
    }

    @Test
    void tracingDisabledSetToZeroIsFine() {
        registry.put(PreflightChecks.SCM_TRACING_KEY + "\\TracingDisabled", 0);
        assertThat(finding(run(), Check.SCM_TRACING_DISABLED).status()).isEqualTo(Status.OK);
    }

    @Test
    void aMissingServicesProviderIsOnlyAWarning() {
        providers = Set.of(PreflightChecks.SCM_WPP_PROVIDER);

        ScmPreflight report = run();

        assertThat(report.ok()).isTrue();
        assertThat(finding(report, Check.SERVICES_PROVIDER).status()).isEqualTo(Status.WARNING);
        assertThat(report.problems()).extracting(ScmPreflight.Finding::check)
                .containsExactly(Check.SERVICES_PROVIDER);
    }

    @Test
    void noFreeSessionSlotIsAProblemNamingRunningSessions() {
        registry.put(PreflightChecks.WMI_KEY + "\\EtwMaxLoggers", 32);
        sessions = IntStream.range(0, 32).mapToObj(i -> "S" + i).collect(Collectors.toList());

        ScmPreflight.Finding f = finding(run(), Check.LOGGER_SLOTS);

        assertThat(f.status()).isEqualTo(Status.PROBLEM);
        assertThat(f.detail()).contains("32 of 32").contains("EtwMaxLoggers");
        assertThat(f.remedy().orElseThrow()).contains("logman stop").contains("S0, S1, S2, S3, S4, ...");
    }

    @Test
    void moreSessionsThanCountedIsAProblem() {
        sessions = IntStream.range(0, 64).mapToObj(i -> "S" + i).collect(Collectors.toList());
        moreSessions = true;

        ScmPreflight.Finding f = finding(run(), Check.LOGGER_SLOTS);

        assertThat(f.status()).isEqualTo(Status.PROBLEM);
        assertThat(f.detail()).startsWith("at least 64 of 64");
    }

    @Test
    void anIncompleteQueryAllTracesListingReachesTheSlotCheckAsAtLeast() {
        // etw-core's TraceQueries lists 64 sessions and flags ERROR_MORE_DATA on a host that runs more.
        List<TraceStatus> listed = IntStream.range(0, 64).mapToObj(i -> TraceStatus.named("S" + i)).toList();
        SessionProbe.RunningSessions running = WindowsProbes.runningSessions(new TraceList(listed, true));
        assertThat(running.names()).hasSize(64).startsWith("S0", "S1");
        assertThat(running.moreNotListed()).isTrue();
        assertThat(WindowsProbes.runningSessions(TraceList.complete(listed.subList(0, 2))))
                .isEqualTo(new SessionProbe.RunningSessions(List.of("S0", "S1"), false));

        registry.put(PreflightChecks.WMI_KEY + "\\EtwMaxLoggers", 128);
        sessions = running.names();
        moreSessions = running.moreNotListed();
        ScmPreflight.Finding f = finding(run(), Check.LOGGER_SLOTS);
        assertThat(f.detail()).startsWith("at least 64 of 128");
    }

    @Test
    void oneFreeSlotIsAWarning() {
        sessions = IntStream.range(0, 63).mapToObj(i -> "S" + i).collect(Collectors.toList());
        assertThat(finding(run(), Check.LOGGER_SLOTS).status()).isEqualTo(Status.WARNING);
    }

    @Test
    void aProbeThatFailsGivesUnknownNotAnException() {
        PreflightProbes broken = new PreflightProbes(() -> {
            throw new IllegalStateException("no token");
        }, (k, v) -> {
            throw new IllegalStateException("no registry");
        }, () -> {
            throw new IllegalStateException("no enumeration");
        }, () -> {
            throw new IllegalStateException("no sessions");
        });

        ScmPreflight report = PreflightChecks.run("Windows 10", broken);

        assertThat(report.findings()).filteredOn(f -> f.check() != Check.PLATFORM)
                .allSatisfy(f -> assertThat(f.status()).isEqualTo(Status.UNKNOWN));
        assertThat(finding(report, Check.ELEVATION).detail()).contains("no token");
        assertThat(finding(report, Check.SCM_WPP_PROVIDER).detail()).contains("no enumeration");
        assertThat(report.ok()).as("unknowns are not problems").isTrue();
    }

    /** Since monitors share the SCM session by default, its holding the provider is no longer a warning. */
    @Test
    void theScmSessionHoldingTheProviderIsSharedNotTaken() {
        scmHolders = List.of(new Holder(0x21, Optional.of("SCM")));
        sessions = List.of("EventLog-System", "SCM");

        ScmPreflight report = run();
        ScmPreflight.Finding f = finding(report, Check.SCM_WPP_HOLDER);

        assertThat(f.status()).isEqualTo(Status.OK);
        assertThat(f.detail()).contains("held by session 'SCM' (services.exe's own)")
                .contains("a monitor shares that session and does not enable the provider")
                .contains("privateScmSession");
        ScmPreflight.Finding mode = finding(report, Check.SCM_SESSION_MODE);
        assertThat(mode.status()).isEqualTo(Status.OK);
        assertThat(mode.detail()).contains("SHARE mode", "real-time delivery");
        assertThat(report.toText()).contains("OK       SCM_SESSION_MODE");
    }

    @Test
    void withoutAnScmSessionAMonitorWouldUsePrivateModeWithTheRegistrysFlags() {
        sessions = List.of("EventLog-System");
        scmHolders = List.of();
        registry.put("Software\\Microsoft\\Windows NT\\CurrentVersion\\Tracing\\SCM\\Regular\\Flags", 0x104);
        ScmPreflight.Finding mode = finding(run(), Check.SCM_SESSION_MODE);
        assertThat(mode.status()).isEqualTo(Status.WARNING);
        assertThat(mode.detail()).contains("PRIVATE mode", "no SCM session", "0x104", "Tracing\\SCM\\Regular\\Flags");
        assertThat(mode.remedy().orElseThrow()).contains("SCM_TRACING_DISABLED");

        registry.clear();
        assertThat(finding(run(), Check.SCM_SESSION_MODE).detail()).contains("0xff3f7ff (default)");
    }

    @Test
    void anScmSessionWithoutTheProviderOrUnknownHoldersDecideAsTheMonitorDoes() {
        sessions = List.of("SCM");
        scmHolders = List.of(new Holder(0x30, Optional.of("someone")));
        ScmPreflight.Finding taken = finding(run(), Check.SCM_SESSION_MODE);
        assertThat(taken.status()).isEqualTo(Status.WARNING);
        assertThat(taken.detail()).contains("PRIVATE", "without the provider", "gives nothing back");

        holderFailure = new IllegalStateException("denied");
        assertThat(finding(run(), Check.SCM_SESSION_MODE).detail()).as("never take it when unsure")
                .contains("SHARE");

        holderFailure = null;
        sessions = List.of("EventLog-System");
        moreSessions = true;
        assertThat(finding(run(), Check.SCM_SESSION_MODE).detail()).as("not listed among the first 64: unknown")
                .contains("SHARE", "could not be queried");
    }

    @Test
    void anotherMonitorOrAnUnnamedSessionIsNamedAsSuch() {
        scmHolders = List.of(new Holder(0x30, Optional.of("etw4j-scm-monitor~4242-1700000000000")),
                new Holder(0x31, Optional.empty()));

        ScmPreflight.Finding f = finding(run(), Check.SCM_WPP_HOLDER);

        assertThat(f.status()).isEqualTo(Status.WARNING);
        assertThat(f.detail()).contains("etw4j session 'etw4j-scm-monitor~4242-1700000000000' (another monitor)")
                .contains("an unnamed session (logger id 49)").contains("takes it from them")
                .doesNotContain("'SCM'");
        assertThat(f.remedy().orElseThrow()).contains("one SCM monitor per machine");
    }

    @Test
    void noHolderIsOkAndAFailedEnumerationIsUnknown() {
        scmHolders = List.of();
        assertThat(finding(run(), Check.SCM_WPP_HOLDER).status()).isEqualTo(Status.OK);
        assertThat(finding(run(), Check.SCM_WPP_HOLDER).detail()).contains("takes it from nobody");

        holderFailure = new IllegalStateException("EnumerateTraceGuidsEx failed: 0x5 ERROR_ACCESS_DENIED");
        ScmPreflight.Finding f = finding(run(), Check.SCM_WPP_HOLDER);
        assertThat(f.status()).isEqualTo(Status.UNKNOWN);
        assertThat(f.detail()).contains("ERROR_ACCESS_DENIED");
    }

    @Test
    void theNotWindowsReportSaysSoWithARemedy() {
        ScmPreflight report = PreflightChecks.notWindows("Linux");

        assertThat(report.windows()).isFalse();
        assertThat(report.ok()).isFalse();
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo(Check.PLATFORM);
            assertThat(f.detail()).contains("not Windows").contains("Linux");
            assertThat(f.remedy().orElseThrow()).contains(".etl");
        });
        assertThat(report.toText()).contains("PROBLEM").contains("PLATFORM").contains("-> ");
    }
}
