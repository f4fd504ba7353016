package io.etw4j.samples.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filter options of the reading commands, on the synthetic SCM scenario (11 records, 7 SCM events). */
class ReadingFiltersTest {
    static final String SERVICES = "0063715b-eeda-4007-9429-ad526f62696e";

    @TempDir
    Path dir;
    Path etl;

    @BeforeEach
    void write() throws Exception {
        etl = Files.write(dir.resolve("scenario.etl"), ScmScenarioCapture.build());
    }

    private static Set<String> values(List<JsonNode> lines, String field) {
        return lines.stream().map(n -> n.path(field).asText()).collect(Collectors.toSet());
    }

    @Test
    void etlDumpFiltersByProviderGuidOrNameEventIdPidAndTime() {
        CommandRun all = CommandRun.run("etl-dump", etl.toString());
        assertThat(all.jsonLines()).hasSize(11);

        CommandRun byGuid = CommandRun.run("etl-dump", "--provider", "{" + SERVICES.toUpperCase() + "}",
                etl.toString());
        assertThat(byGuid.exitCode()).as(byGuid.err()).isZero();
        assertThat(byGuid.jsonLines()).hasSize(4);
        assertThat(values(byGuid.jsonLines(), "provider")).containsExactly(SERVICES);

        CommandRun byName = CommandRun.run("etl-dump", "--provider", "microsoft-windows-services", "--event-id",
                "204", etl.toString());
        assertThat(byName.jsonLines()).hasSize(2);
        assertThat(values(byName.jsonLines(), "id")).containsExactly("204");

        CommandRun twoIds = CommandRun.run("etl-dump", "--event-id", "200,201", etl.toString());
        assertThat(values(twoIds.jsonLines(), "id")).containsExactlyInAnyOrder("200", "201");

        CommandRun byPid = CommandRun.run("etl-dump", "--pid", "2000", etl.toString());
        assertThat(byPid.jsonLines()).hasSize(3).allSatisfy(n -> assertThat(n.path("pid").asInt())
                .isEqualTo(2000));

        CommandRun window = CommandRun.run("etl-dump", "--since", "+1s", "--until", "2024-05-01T10:00:04.2Z",
                etl.toString());
        assertThat(window.jsonLines()).extracting(n -> n.path("time").asText())
                .containsExactly("2024-05-01T10:00:01Z", "2024-05-01T10:00:01.600Z", "2024-05-01T10:00:01.650Z",
                        "2024-05-01T10:00:03Z");
    }

    @Test
    void maxRecordsCountsThePassedRecordsAndFieldsProjectsTheLines() {
        CommandRun run = CommandRun.run("etl-dump", "--provider", SERVICES, "--max-records", "2", "--fields",
                "id,time", etl.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).containsExactly("{\"time\":\"2024-05-01T10:00:01.600Z\",\"id\":204}",
                "{\"time\":\"2024-05-01T10:00:04.200Z\",\"id\":200}");
    }

    @Test
    void badTimesAreUsageErrors() {
        CommandRun bad = CommandRun.run("etl-dump", "--since", "yesterday", etl.toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--since").contains("RFC 3339");
        CommandRun reversed = CommandRun.run("etl-dump", "--since", "+5s", "--until", "+1s", etl.toString());
        assertThat(reversed.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(reversed.err()).contains("must be before --until");
    }

    @Test
    void scmMonitorFiltersTheEventsAfterTheMonitorByClientPid() {
        CommandRun all = CommandRun.run("scm-monitor", "--replay", etl.toString());
        assertThat(all.jsonLines()).hasSize(ScmScenarioCapture.EVENTS);

        CommandRun sc = CommandRun.run("scm-monitor", "--replay", etl.toString(), "--pid",
                Integer.toString(ScmScenarioCapture.SETUP));
        assertThat(sc.exitCode()).as(sc.err()).isZero();
        // the driver load is logged by pid 0 but attributed to setup.exe: the filter sees the client, not the logger
        assertThat(sc.jsonLines()).extracting(n -> n.path("type").asText())
                .containsExactly("ServiceCreated", "ServiceStarted", "DriverLoaded");

        CommandRun services = CommandRun.run("scm-monitor", "--replay", etl.toString(), "--provider",
                "Microsoft-Windows-Services", "--since", "+4s");
        assertThat(services.jsonLines()).extracting(n -> n.path("type").asText())
                .containsExactly("ServiceControlSent", "ServiceStarted", "ServiceConfigChanged");

        CommandRun wpp = CommandRun.run("scm-monitor", "--replay", etl.toString(), "--provider",
                "Service Control Manager Trace", "--fields", "type,serviceName");
        assertThat(wpp.outLines()).hasSize(2).first().asString().startsWith("{\"type\":\"ServiceCreated\"");
    }
}
