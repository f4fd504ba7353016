package io.etw4j.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.decode.EmbeddedEventInfoSchemas;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.EventSourceSchemas;
import io.etw4j.decode.KernelMofSchemas;
import io.etw4j.decode.TraceLoggingSchemas;
import io.etw4j.json.schema.EcsSchema;
import io.etw4j.json.schema.OcsfSchema;
import io.etw4j.json.schema.SharedSchemas;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.RpcCorroborationRunFixture;
import io.etw4j.scm.ScmMonitor;
import io.etw4j.scm.calibration.CalibrationRunFixture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ECS and OCSF lines of real outputs (the demo capture's SCM events, every shared capture's records, decoded)
 * conform to the published schemas in {@code shared/schemas} ({@link EcsSchema}, {@link OcsfSchema}), and carry the
 * versions they were checked against.
 */
class MappingsMatchPublishedSchemasTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static EcsSchema ecs;
    static OcsfSchema ocsf;

    @BeforeAll
    static void load() {
        Optional<Path> e = SharedSchemas.find("ecs/ecs_flat.yml");
        Optional<Path> o = SharedSchemas.find("ocsf");
        assumeTrue(e.isPresent() && o.isPresent(), "shared/schemas not found beside the checkout");
        ecs = EcsSchema.load(e.get());
        ocsf = OcsfSchema.load(o.get());
    }

    /** The demo capture etw-samples ships (scm-demo.etl), read from its source folder. */
    static ByteBuffer demoCapture() {
        Path p = Path.of("").toAbsolutePath().resolve("../etw-samples/src/main/resources/io/etw4j/samples/demo/scm-demo.etl");
        assumeTrue(Files.isRegularFile(p), "no " + p);
        try {
            return ByteBuffer.wrap(Files.readAllBytes(p)).asReadOnlyBuffer();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    static List<JsonNode> lines(String text) {
        List<JsonNode> out = new ArrayList<>();
        for (String l : text.split("\n")) {
            if (!l.isEmpty()) {
                try {
                    out.add(MAPPER.readTree(l));
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            }
        }
        return out;
    }

    static String scmLines(JsonFormat format) {
        return scmLines(format, demoCapture());
    }

    static String scmLines(JsonFormat format, ByteBuffer etl) {
        return scmLines(format, ScmMonitor.builder().replay(etl).events().collectList().block());
    }

    /** The lines of {@link RpcCorroborationRunFixture} replayed with the RPC corroboration on. */
    static String rpcLines(JsonFormat format) {
        ByteBuffer etl = ByteBuffer.wrap(RpcCorroborationRunFixture.etl()).asReadOnlyBuffer();
        return scmLines(format, ScmMonitor.builder().rpcCorroboration(true).replay(etl).events().collectList()
                .block());
    }

    static String scmLines(JsonFormat format, List<ScmEvent> events) {
        StringWriter sw = new StringWriter();
        JsonLinesWriter w = JsonLinesWriter.builder(new PrintWriter(sw), format).build();
        events.forEach(w::write);
        w.flush();
        return sw.toString();
    }

    static EventDecoder decoder() {
        return EventDecoder.builder().add(TraceLoggingSchemas.create()).add(EmbeddedEventInfoSchemas.create())
                .add(EventSourceSchemas.create()).add(KernelMofSchemas.create()).build();
    }

    static String recordLines(Path etl, JsonFormat format, int max) {
        EtlFile file = EtlFile.open(etl);
        EventDecoder d = decoder();
        StringWriter sw = new StringWriter();
        JsonLinesWriter w = JsonLinesWriter.builder(new PrintWriter(sw), format).decoder(d)
                .devicePaths(DevicePaths.fromTrace(EtlFile.open(etl))).build();
        for (EventRecord r : file.records().take(max).toIterable()) {
            w.write(r);
        }
        w.flush();
        return sw.toString();
    }

    @Test
    void theSchemasLoadAndAreTheVersionsTheLinesName() {
        assertThat(ecs.size()).isGreaterThan(1000);
        assertThat(ecs.vendorNamespaceIsFree()).isTrue();
        assertThat(ecs.version()).isEqualTo(JsonLinesWriter.ECS_VERSION);
        assertThat(ocsf.classCount()).isGreaterThan(50);
        assertThat(ocsf.version()).isEqualTo(JsonLinesWriter.OCSF_VERSION);
    }

    @Test
    void scmEventsOfTheDemoCaptureConformToEcs() {
        List<JsonNode> lines = lines(scmLines(JsonFormat.ECS));
        Map<String, Integer> actions = new TreeMap<>();
        for (JsonNode l : lines) {
            assertThat(ecs.check(l)).as(l.toString()).isEmpty();
            assertThat(l.path("ecs").path("version").asText()).isEqualTo(ecs.version());
            assertThat(l.path("etw4j").path("schema").asText()).isEqualTo(JsonLinesWriter.SCHEMA_VERSION);
            actions.merge(l.path("event").path("action").asText(), 1, Integer::sum);
        }
        // the demo's acts: a service created by PID 3556, its start, a driver load attributed to it
        assertThat(actions).containsKeys("service-created", "service-start-requested", "driver-loaded");
        JsonNode created = lines.stream().filter(l -> l.path("event").path("action").asText().equals("service-created"))
                .findFirst().orElseThrow();
        assertThat(created.path("process").path("pid").isIntegralNumber()).isTrue();
        assertThat(created.path("process").path("pid").asLong()).isEqualTo(3556);
        assertThat(created.path("service").path("name").asText()).isNotEmpty();
    }

    @Test
    void scmEventsOfTheDemoCaptureConformToOcsf() {
        List<JsonNode> lines = lines(scmLines(JsonFormat.OCSF));
        Map<Integer, Integer> classes = new TreeMap<>();
        for (JsonNode l : lines) {
            assertThat(ocsf.check(l)).as(l.toString()).isEmpty();
            assertThat(l.path("unmapped").path("etw4j").path("schema").asText())
                    .isEqualTo(JsonLinesWriter.SCHEMA_VERSION);
            classes.merge(l.path("class_uid").asInt(), 1, Integer::sum);
        }
        assertThat(classes).containsKeys(6002, 1002); // Application Lifecycle, Kernel Extension Activity
    }

    @Test
    void scmEventsOfTheCalibrationRunConformToBoth() {
        // etw-scm's calibration run as an .etl image: creates, a config change, starts and their results, a control;
        // its delete (0x50) and the message of another source file decode, before calibration, as unknown messages
        ByteBuffer etl = ByteBuffer.wrap(CalibrationRunFixture.etl()).asReadOnlyBuffer();
        Map<String, Integer> actions = new TreeMap<>();
        for (JsonNode l : lines(scmLines(JsonFormat.ECS, etl.duplicate()))) {
            assertThat(ecs.check(l)).as(l.toString()).isEmpty();
            actions.merge(l.path("event").path("action").asText(), 1, Integer::sum);
        }
        assertThat(actions).containsKeys("service-created", "service-config-changed", "service-start-requested",
                "service-start-result", "service-control-sent", "scm-message");
        Map<Integer, Integer> activities = new TreeMap<>();
        for (JsonNode l : lines(scmLines(JsonFormat.OCSF, etl.duplicate()))) {
            assertThat(ocsf.check(l)).as(l.toString()).isEmpty();
            activities.merge(l.path("type_uid").asInt(), 1, Integer::sum);
        }
        // Application Lifecycle: Install, Start, Update, Other (the INTERROGATE control); Base Event: Other (unknown)
        assertThat(activities).containsKeys(600201, 600203, 600208, 600299, 99);
    }

    @Test
    void callsAndCorroboratedActsOfTheRpcTraceConformToBoth() {
        List<JsonNode> ecsLines = lines(rpcLines(JsonFormat.ECS));
        Map<String, Integer> actions = new TreeMap<>();
        for (JsonNode l : ecsLines) {
            assertThat(ecs.check(l)).as(l.toString()).isEmpty();
            actions.merge(l.path("event").path("action").asText(), 1, Integer::sum);
        }
        assertThat(actions).containsEntry("service-call-observed", 4).containsEntry("service-created", 2);
        JsonNode call = ecsLines.stream().filter(l -> l.path("etw4j").path("rpc").path("conflicting").asBoolean())
                .findFirst().orElseThrow();
        assertThat(call.path("event").path("category").get(0).asText()).isEqualTo("api");
        assertThat(call.path("event").path("type").get(0).asText()).isEqualTo("creation");
        assertThat(call.path("event").path("provider").asText()).isEqualTo("Microsoft-Windows-RPC");
        assertThat(call.path("event").path("outcome").asText()).isEqualTo("unknown");
        assertThat(call.path("process").path("pid").asLong()).isEqualTo(RpcCorroborationRunFixture.OTHER);
        assertThat(call.path("etw4j").path("rpc").path("procedure").asText()).isEqualTo("RCreateServiceW");
        assertThat(call.path("etw4j").path("rpc").path("opnum").asInt()).isEqualTo(12);
        assertThat(call.has("service")).isFalse();
        assertThat(ecsLines.stream().filter(l -> l.path("etw4j").path("corroborated").asBoolean()))
                .singleElement().satisfies(l -> assertThat(l.path("event").path("action").asText())
                        .isEqualTo("service-created"));

        List<JsonNode> ocsfLines = lines(rpcLines(JsonFormat.OCSF));
        Map<Long, Integer> types = new TreeMap<>();
        for (JsonNode l : ocsfLines) {
            assertThat(ocsf.check(l)).as(l.toString()).isEmpty();
            types.merge(l.path("type_uid").asLong(), 1, Integer::sum);
        }
        // API Activity: Create (the conflicting call), Delete, Update, Other (the start); Application Lifecycle Install
        assertThat(types).containsEntry(600301L, 1).containsEntry(600304L, 1).containsEntry(600303L, 1)
                .containsEntry(600399L, 1).containsEntry(600201L, 2);
        JsonNode start = ocsfLines.stream().filter(l -> l.path("type_uid").asLong() == 600399L).findFirst()
                .orElseThrow();
        assertThat(start.path("api").path("operation").asText()).isEqualTo("RStartServiceW");
        assertThat(start.path("api").path("service").path("name").asText()).isEqualTo("svcctl");
        assertThat(start.path("actor").path("process").path("pid").asLong()).isEqualTo(RpcCorroborationRunFixture.OTHER);
        assertThat(ocsfLines.stream().filter(l -> l.path("unmapped").path("etw4j").path("corroborated").asBoolean()))
                .singleElement().satisfies(l -> assertThat(l.path("class_uid").asInt()).isEqualTo(6002));

        List<JsonNode> nativeLines = lines(rpcLines(JsonFormat.NATIVE));
        assertThat(nativeLines).hasSize(6).allSatisfy(l -> assertThat(l.path("client").path("corroborated")
                .isBoolean()).isTrue());
        assertThat(nativeLines.stream().filter(l -> l.path("type").asText().equals("ServiceCallObserved")))
                .hasSize(4).allSatisfy(l -> {
                    assertThat(l.has("unmappedType")).isFalse();
                    assertThat(l.path("procedure").isTextual()).isTrue();
                    assertThat(l.path("opnum").isIntegralNumber()).isTrue();
                    assertThat(l.path("conflicting").isBoolean()).isTrue();
                    assertThat(l.path("evidence").asText()).isEqualTo("PUBLISHED_MANIFEST");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"powershell.etl", "lxcore_kernel.etl", "AMSITrace.etl", "ShutdownPerfDiagLogger.etl",
        "net.4.5.2.x64.etl"})
    void recordsOfTheSharedCapturesConformToBoth(String capture) {
        Optional<Path> etl = SharedSchemas.etl(capture);
        assumeTrue(etl.isPresent(), "shared/etl/" + capture + " not found");
        int max = 20_000;
        List<JsonNode> ecsLines = lines(recordLines(etl.get(), JsonFormat.ECS, max));
        assertThat(ecsLines).isNotEmpty();
        for (JsonNode l : ecsLines) {
            assertThat(ecs.check(l)).as(l.toString()).isEmpty();
        }
        List<JsonNode> ocsfLines = lines(recordLines(etl.get(), JsonFormat.OCSF, max));
        assertThat(ocsfLines).hasSameSizeAs(ecsLines);
        for (JsonNode l : ocsfLines) {
            assertThat(ocsf.check(l)).as(l.toString()).isEmpty();
        }
        if (capture.equals("ShutdownPerfDiagLogger.etl")) {
            // a kernel capture: process and image events become Process Activity and Module Activity
            assertThat(ocsfLines.stream().filter(l -> l.path("class_uid").asInt() == 1007)).isNotEmpty();
            assertThat(ocsfLines.stream().filter(l -> l.path("class_uid").asInt() == 1005)).isNotEmpty();
            assertThat(ecsLines.stream().filter(l -> l.path("event").path("category").toString().contains("process")))
                    .isNotEmpty();
        }
    }

    @Test
    void theCheckersRefuseWhatTheSchemasDoNotAllow() {
        JsonNode good = lines(scmLines(JsonFormat.ECS)).get(0);
        ObjectNode bad = good.deepCopy();
        ((ObjectNode) bad.get("event")).put("kind", "happening");
        ((ObjectNode) bad.get("event")).putArray("category").add("driver");
        ((ObjectNode) bad.get("event")).putArray("type").add("creation");
        bad.putObject("process").put("pid", "3556").put("no_such_field", 1);
        assertThat(ecs.check(bad)).anyMatch(p -> p.contains("event.kind"))
                .anyMatch(p -> p.contains("not expected for event.category driver"))
                .anyMatch(p -> p.contains("process.pid")).anyMatch(p -> p.contains("process.no_such_field"));

        ObjectNode o = lines(scmLines(JsonFormat.OCSF)).get(0).deepCopy();
        o.remove("severity_id");
        o.put("activity_id", 42);
        ((ObjectNode) o.get("metadata")).remove("product");
        o.put("time", "yesterday");
        o.put("made_up", true);
        assertThat(ocsf.check(o)).anyMatch(p -> p.contains("required attribute severity_id"))
                .anyMatch(p -> p.contains("activity_id 42")).anyMatch(p -> p.contains("type_uid"))
                .anyMatch(p -> p.contains("required attribute product")).anyMatch(p -> p.contains(".time"))
                .anyMatch(p -> p.contains("made_up"));
    }
}
