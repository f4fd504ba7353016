package io.etw4j.samples.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.scm.ScmMonitor;
import io.etw4j.scm.ScmProviders;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import reactor.core.publisher.Flux;

/** The scm-monitor summary reports the attribution stage's counters ({@code ScmMonitor.statistics()}). */
class ScmMonitorCommandStatisticsTest {

    /**
     * Microsoft-Windows-Services (ScmProviders.SERVICES_GUID) event 204 ServiceStart v0, task 202, keyword
     * 0x400000 (layout in etw-scm's shipped Microsoft-Windows-Services manifest), cut after the first UTF-16 unit of
     * ServiceName: a handled id that cannot be decoded.
     */
    static EventRecord truncated204(Instant t) {
        return EventRecord.builder().providerId(ScmProviders.SERVICES_GUID)
                .descriptor(new EventDescriptor(204, 0, 0, 4, 0, 202, 0x400000L))
                .flags(EventRecord.FLAG_64_BIT_HEADER).processId(700).threadId(704).timestamp(t)
                .payload(new byte[] {'e', 0}).build();
    }

    private static CommandRun runOver(Flux<EventRecord> records, String... args) {
        return CommandRun.run(new CommandLine(new ScmMonitorCommand(records)), args);
    }

    @Test
    void theSummaryCountsTheUndecodableServicesRecordsWithoutChangingTheExitCode() {
        Instant t = Instant.parse("2024-05-01T10:15:30Z");
        CommandRun run = runOver(Flux.just(ScmMonitorCommandTest.seedCreate("EvilSvc", "C:\\Windows\\Temp\\evil.exe"),
                truncated204(t.plusMillis(1))));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        List<JsonNode> lines = run.jsonLines();
        assertThat(lines).extracting(n -> n.get("type").asText())
                .containsExactlyInAnyOrder("ServiceCreated", "UnknownScmMessage");
        assertThat(run.err()).contains("scm-monitor: 2 events")
                .contains("attribution: 2 records, 2 events emitted, 1 undecodable Services, "
                        + "0 undecodable Kernel-Process, 0 WPP decoder failures")
                .contains(" pending; undecodable per event version: Microsoft-Windows-Services event 204 v0 = 1");
    }

    @Test
    void theSummaryOfTheDemoReportsItsDriverLoadAndNothingUndecodable() {
        CommandRun run = CommandRun.run("scm-monitor", "--replay-demo");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).contains(run.jsonLines().size() + " events emitted, 0 undecodable Services, "
                + "0 undecodable Kernel-Process, 0 WPP decoder failures").contains("1 driver loads")
                .contains(" 0 pending").doesNotContain("undecodable per event version");
    }
    @Test
    void withRpcCorroborationTheSummaryPrintsItsCountersAndWithoutItNone(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        String etl = CommandOutputsConformToSchemasTest.rpcRun(dir).toString();
        CommandRun on = CommandRun.run("scm-monitor", "--rpc-corroboration", "--replay", etl);

        assertThat(on.exitCode()).as(on.err()).isEqualTo(ExitCodes.OK);
        assertThat(on.jsonLines()).extracting(n -> n.get("type").asText()).containsOnly("ServiceCreated",
                "ServiceCallObserved").hasSize(6);
        assertThat(on.err()).contains("scm-monitor: rpc corroboration: 6 client calls, 5 svcctl act calls, "
                + "1 other calls, 0 undecodable, 1 acts corroborated, 4 calls without act, 0 ambiguous, "
                + "1 disagreements, 0 released early");

        java.nio.file.Path page = dir.resolve("rpc.html");
        CommandRun html = CommandRun.run("scm-monitor", "--rpc-corroboration", "--replay", etl, "--html",
                page.toString());
        assertThat(html.exitCode()).as(html.err()).isEqualTo(ExitCodes.OK);
        assertThat(java.nio.file.Files.readString(page)).contains("call RStartServiceW").contains("evilsvc");

        CommandRun off = CommandRun.run("scm-monitor", "--replay", etl);
        assertThat(off.exitCode()).as(off.err()).isEqualTo(ExitCodes.OK);
        assertThat(off.jsonLines()).extracting(n -> n.get("type").asText()).containsOnly("ServiceCreated")
                .hasSize(2);
        assertThat(off.jsonLines()).allSatisfy(n -> assertThat(n.path("client").path("corroborated").asBoolean())
                .isFalse());
        assertThat(off.err()).doesNotContain("rpc corroboration");
    }

    @Test
    void theHelpSaysWhatTheRpcCorroborationCosts() {
        CommandRun run = CommandRun.run("scm-monitor", "--help");
        assertThat(run.out().replaceAll("\\s+", " ")).contains("--rpc-corroboration")
                .contains("every RPC call on the host").contains("up to 13 s of trace time");
    }
}
