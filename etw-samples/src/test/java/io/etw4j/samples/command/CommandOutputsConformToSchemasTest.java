package io.etw4j.samples.command;

import static io.etw4j.core.testing.LeBytes.le;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.etw4j.json.JsonLinesWriter;
import io.etw4j.json.schema.EcsSchema;
import io.etw4j.json.schema.OcsfSchema;
import io.etw4j.json.schema.SharedSchemas;
import io.etw4j.scm.history.ScmEvmFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code etl-dump}, {@code scm-monitor} and {@code scm-history} print with {@code --format ecs} and
 * {@code --format ocsf} conforms to the published schemas in {@code shared/schemas} (etw-json's checkers), line by
 * line, on the demo capture, the shared captures and an SCM.EVM folder built byte by byte.
 */
class CommandOutputsConformToSchemasTest {
    static EcsSchema ecs;
    static OcsfSchema ocsf;

    @TempDir
    static Path dir;

    @BeforeAll
    static void load() throws Exception {
        Optional<Path> e = SharedSchemas.find("ecs/ecs_flat.yml");
        Optional<Path> o = SharedSchemas.find("ocsf");
        assumeTrue(e.isPresent() && o.isPresent(), "shared/schemas not found beside the checkout");
        ecs = EcsSchema.load(e.get());
        ocsf = OcsfSchema.load(o.get());
        scmFolder(dir);
    }

    /** One boot's SCM.EVM with a create by PID 5124 (as ScmHistoryCommandTest builds it). */
    static void scmFolder(Path dir) throws Exception {
        ScmEvmFile current = new ScmEvmFile(Instant.parse("2024-05-03T08:00:00Z"), Duration.ofSeconds(20))
                .ringBuffersWritten(2);
        current.wpp(1, 0, UUID.fromString("119db94a-0000-4000-8000-000000000002"), 0x28, 900,
                le().utf16z("newsvc").u32(0).u32(5124).bytes());
        Files.write(dir.resolve("SCM.EVM"), current.build());
    }

    static List<JsonNode> run(String... args) {
        CommandRun r = CommandRun.run(args);
        assertThat(r.exitCode()).as(r.err()).isIn(ExitCodes.OK, ExitCodes.PROBLEMS);
        List<JsonNode> lines = new ArrayList<>();
        for (String l : r.out().split("\n")) {
            if (!l.isEmpty()) {
                lines.add(CommandRun.parseObject(l));
            }
        }
        assertThat(lines).isNotEmpty();
        return lines;
    }

    static void allEcs(List<JsonNode> lines) {
        for (JsonNode l : lines) {
            assertThat(ecs.check(l)).as(l.toString()).isEmpty();
            assertThat(l.path("ecs").path("version").asText()).isEqualTo(JsonLinesWriter.ECS_VERSION);
            assertThat(l.path("etw4j").path("schema").asText()).isEqualTo(JsonLinesWriter.SCHEMA_VERSION);
        }
    }

    static void allOcsf(List<JsonNode> lines) {
        for (JsonNode l : lines) {
            assertThat(ocsf.check(l)).as(l.toString()).isEmpty();
            assertThat(l.path("metadata").path("version").asText()).isEqualTo(JsonLinesWriter.OCSF_VERSION);
            assertThat(l.path("unmapped").path("etw4j").path("schema").asText())
                    .isEqualTo(JsonLinesWriter.SCHEMA_VERSION);
        }
    }

    @Test
    void scmMonitorReplayingTheDemo() {
        List<JsonNode> e = run("scm-monitor", "--replay-demo", "--format", "ecs");
        allEcs(e);
        assertThat(e).anySatisfy(l -> {
            assertThat(l.path("event").path("action").asText()).isEqualTo("service-created");
            assertThat(l.path("process").path("pid").asLong()).isEqualTo(3556);
        });
        List<JsonNode> o = run("scm-monitor", "--replay-demo", "--format", "OCSF");
        allOcsf(o);
        assertThat(o).hasSameSizeAs(e);
        assertThat(o).anySatisfy(l -> assertThat(l.path("class_uid").asInt()).isEqualTo(1002));
    }

    /** etw-scm's RPC fixture as a file, for {@code scm-monitor --rpc-corroboration --replay}. */
    static Path rpcRun(Path dir) throws Exception {
        return Files.write(dir.resolve("rpc-run.etl"), io.etw4j.scm.RpcCorroborationRunFixture.etl());
    }

    @Test
    void scmMonitorWithRpcCorroboration() throws Exception {
        String etl = rpcRun(dir).toString();
        List<JsonNode> e = run("scm-monitor", "--rpc-corroboration", "--replay", etl, "--format", "ecs");
        allEcs(e);
        assertThat(e).filteredOn(l -> l.path("event").path("action").asText().equals("service-call-observed"))
                .hasSize(4);
        assertThat(e).filteredOn(l -> l.path("etw4j").path("corroborated").asBoolean()).hasSize(1);
        List<JsonNode> o = run("scm-monitor", "--rpc-corroboration", "--replay", etl, "--format", "ocsf");
        allOcsf(o);
        assertThat(o).hasSameSizeAs(e).filteredOn(l -> l.path("class_uid").asInt() == 6003).hasSize(4);
        List<JsonNode> n = run("scm-monitor", "--rpc-corroboration", "--replay", etl);
        assertThat(n).hasSameSizeAs(e).filteredOn(l -> l.path("type").asText().equals("ServiceCallObserved"))
                .hasSize(4);
    }

    @Test
    void scmHistoryOfAFolder() {
        List<JsonNode> e = run("scm-history", "--format", "ecs", dir.toString());
        allEcs(e);
        assertThat(e).anySatisfy(l -> assertThat(l.path("service").path("name").asText()).isEqualTo("newsvc"));
        assertThat(e).allSatisfy(l -> assertThat(l.path("log").path("file").path("path").asText())
                .isEqualTo("SCM.EVM"));
        allOcsf(run("scm-history", "--format", "ocsf", dir.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"powershell.etl", "lxcore_kernel.etl", "AMSITrace.etl", "ShutdownPerfDiagLogger.etl"})
    void etlDumpOfTheSharedCaptures(String capture) {
        Optional<Path> file = SharedEtl.find(capture);
        assumeTrue(file.isPresent(), () -> SharedEtl.absent(capture));
        allEcs(run("etl-dump", "--format", "ecs", "--decode", file.get().toString()));
        allOcsf(run("etl-dump", "--format", "ocsf", "--decode", file.get().toString()));
    }

    @Test
    void anUnknownFormatIsABadCommandLine() {
        CommandRun r = CommandRun.run("etl-dump", "--format", "cef", "x.etl");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--format");
    }
}
