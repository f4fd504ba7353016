package io.etw4j.samples.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.etw4j.core.internal.ProviderConfig;
import io.etw4j.core.internal.SessionEnvironment;
import io.etw4j.core.internal.SessionInternals;
import io.etw4j.core.session.EtwSession;
import io.etw4j.core.session.HandOffBuilder;
import io.etw4j.core.session.ProviderNames;
import io.etw4j.core.session.TraceLevel;
import io.etw4j.core.session.UnknownProviderException;
import io.etw4j.core.testing.FakeEtwNative;
import io.etw4j.core.testing.FakeOwners;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import reactor.core.Disposable;

/**
 * provider-dump's issue-13 options: providers by name (resolved offline from --manifest with --replay), the PID and
 * executable filters, capture state and --attach, each checked in the session it builds (run over etw-core's fake
 * native layer) or in the records it prints.
 */
class ProviderDumpSessionOptionsTest {
    private static final UUID CLR = UUID.fromString("e13c0d23-ccbc-4e12-931b-d9cc2eee27e4");
    private static final Path NET = SharedEtl.find("net.4.5.2.x64.etl")
            .orElseThrow(() -> new IllegalStateException(SharedEtl.absent("net.4.5.2.x64.etl")));
    private static final Path CLR_MANIFEST = NET.getParent().getParent().resolve("manifests").resolve("ClrEtwAll.man");

    private static ProviderDumpCommand parsed(String... args) {
        ProviderDumpCommand cmd = new ProviderDumpCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd;
    }

    private static FakeEtwNative run(HandOffBuilder<?> builder) {
        FakeEtwNative fake = new FakeEtwNative();
        fake.addSession("EventLog-System");
        SessionEnvironment env = SessionEnvironment.of(fake).withOwners(new FakeOwners(100, 1_700_000_000_000L));
        Disposable d = SessionInternals.withEnvironment(builder, env).build().records().subscribe();
        d.dispose();
        return fake;
    }

    @Test
    void pidExecutableAndCaptureStateReachEveryProvidersEnable() {
        ProviderDumpCommand cmd = parsed("--guid", CLR.toString(), "--pid", "640,4", "--exe", "services.exe",
                "--capture-state");
        FakeEtwNative fake = run(cmd.sessionBuilder(Set.of(CLR), TraceLevel.INFORMATION, 0x10));
        ProviderConfig p = fake.enabledProviders().get(0);
        assertThat(p.providerId()).isEqualTo(CLR);
        assertThat(p.level()).isEqualTo(4);
        assertThat(p.processIds()).containsExactly(640, 4);
        assertThat(p.executableNames()).isEqualTo("services.exe");
        assertThat(fake.capturedProviders()).extracting(ProviderConfig::providerId).containsExactly(CLR);
    }

    @Test
    void moreThanEightPidsAreRefusedWithTheLimit() {
        ProviderDumpCommand cmd = parsed("--guid", CLR.toString(), "--pid", "1,2,3,4,5,6,7,8,9");
        assertThatThrownBy(() -> cmd.sessionBuilder(Set.of(CLR), TraceLevel.ALL, -1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 8");
    }

    @Test
    void attachReadsTheNamedSessionWithoutStartingOrStoppingIt() {
        ProviderDumpCommand cmd = parsed("--attach", "EventLog-System");
        FakeEtwNative fake = run(cmd.sessionBuilder(Set.of(), TraceLevel.ALL, -1L));
        assertThat(fake.calls()).contains("QUERY EventLog-System", "OPEN EventLog-System")
                .noneMatch(c -> c.startsWith("START") || c.startsWith("STOP") || c.startsWith("ENABLE"));
    }

    @Test
    void attachWithProvidersIsAUsageError() {
        CommandRun run = CommandRun.run("provider-dump", "--attach", "EventLog-System", "--guid", CLR.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--attach reads a session as its owner configured it");
    }

    @Test
    void namesResolveWithoutRegardToCaseAndAnUnknownOneListsCloseMatches() {
        ProviderNames names = ProviderNames.of(Map.of("Microsoft-Windows-Kernel-Process",
                UUID.fromString("22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716")));
        assertThat(ProviderDumpCommand.resolve(List.of("microsoft-windows-kernel-process"), names))
                .containsExactly(UUID.fromString("22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716"));
        assertThatThrownBy(() -> ProviderDumpCommand.resolve(List.of("Microsoft-Windows-Kernel-Proces"), names))
                .isInstanceOf(UnknownProviderException.class)
                .hasMessageContaining("Microsoft-Windows-Kernel-Process");
    }

    @Test
    void aReplayFiltersByAProviderNameFromTheManifests() {
        CommandRun run = CommandRun.run("provider-dump", "--replay", NET.toString(), "--manifest",
                CLR_MANIFEST.toString(), "--provider", "microsoft-windows-dotnetruntime", "--max-records", "5");
        assertThat(run.exitCode()).as(run.err()).isIn(ExitCodes.OK, ExitCodes.PROBLEMS);
        List<JsonNode> lines = run.jsonLines();
        assertThat(lines).hasSize(5).allSatisfy(n -> assertThat(n.get("provider").asText())
                .isEqualTo(CLR.toString()));
    }

    @Test
    void anUnknownNameOnAReplayIsAUsageErrorNamingTheClosestProviders() {
        CommandRun run = CommandRun.run("provider-dump", "--replay", NET.toString(), "--manifest",
                CLR_MANIFEST.toString(), "--provider", "Microsoft-Windows-DotNETRuntim");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Microsoft-Windows-DotNETRuntime");
        assertThat(run.out()).isEmpty();
    }
}
