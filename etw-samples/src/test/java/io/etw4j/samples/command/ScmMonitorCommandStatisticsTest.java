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
}
