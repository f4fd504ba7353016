package io.etw4j.samples.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.testing.LeBytes;
import io.etw4j.samples.Etw4jSamples;
import io.etw4j.scm.Evidence;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ScmMonitor;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.calibration.CalibrationAct;
import io.etw4j.scm.calibration.CalibrationRunFixture;
import io.etw4j.scm.calibration.ScmCalibrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code scm-calibrate}: replay of a synthetic calibration run, and the live logic over a fake host. */
class ScmCalibrateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path etl() throws Exception {
        return Files.write(dir.resolve("calibration.etl"), CalibrationRunFixture.etl());
    }

    /** The fixture's timeline in the --timeline format. */
    private Path timeline() throws Exception {
        ObjectNode root = JSON.createObjectNode();
        root.put("clientPid", CalibrationRunFixture.PID);
        root.put("serviceName", CalibrationRunFixture.SERVICE);
        root.put("imagePath", CalibrationRunFixture.BINARY);
        root.put("windowsBuild", "10.0.22631.4037 (23H2)");
        ArrayNode acts = root.putArray("acts");
        for (CalibrationAct a : CalibrationRunFixture.acts()) {
            ObjectNode n = acts.addObject();
            n.put("kind", a.kind().name());
            n.put("start", a.start().toString());
            n.put("end", a.end().toString());
            n.put("resultCode", a.resultCode());
            if (a.controlCode().isPresent()) {
                n.put("controlCode", a.controlCode().getAsInt());
            }
        }
        return Files.writeString(dir.resolve("timeline.json"), JSON.writeValueAsString(root));
    }

    private CommandRun replay(Path timeline, String tableName, String reportName) throws Exception {
        return CommandRun.run("scm-calibrate", "--replay", etl().toString(), "--timeline", timeline.toString(),
                "--table", dir.resolve(tableName).toString(), "--report", dir.resolve(reportName).toString());
    }

    @Test
    void aReplayedRunWritesATableThatDecodesTheRunAsThisProcessesActsWithCaptureEvidence() throws Exception {
        CommandRun run = replay(timeline(), "table.properties", "report.json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.PROBLEMS); // CHANGE_CONFIG2 logged nothing
        assertThat(run.err()).contains("acts that logged nothing naming the service: [2 CHANGE_CONFIG2]");
        assertThat(run.outLines()).hasSize(6);
        assertThat(run.outLines().get(0)).startsWith("CREATE").contains("0x28@{" + CalibrationRunFixture.CREATE_FILE
                + "} CREATE_SERVICE: utf16z serviceName, u32 wowType, u32 clientPid");
        assertThat(run.outLines().get(2)).startsWith("CHANGE_CONFIG2").contains("logged nothing");
        String table = Files.readString(dir.resolve("table.properties"));
        assertThat(table).contains("| capture | scm-calibrate on Windows 10.0.22631.4037 (23H2) (");

        List<ScmEvent> events = ScmMonitor.builder().messageTable(dir.resolve("table.properties"))
                .minimumEvidence(Evidence.CAPTURE).replay(etl()).events().collectList().block();
        ScmCalibrationTest.assertCalibratedEvents(events);
        assertThat(events).filteredOn(ServiceCreated.class::isInstance).map(ServiceCreated.class::cast)
                .filteredOn(c -> c.client().pid() == CalibrationRunFixture.PID)
                .singleElement().satisfies(c -> assertThat(c.evidence()).isEqualTo(Evidence.CAPTURE));
    }

    @Test
    void theReportListsEveryActEveryRecordTheUnexplainedOnesAndTheSilentAct() throws Exception {
        replay(timeline(), "table.properties", "report.json");

        JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
        assertThat(report.get("acts")).hasSize(6);
        List<String> kinds = new ArrayList<>();
        report.get("acts").forEach(a -> kinds.add(a.get("kind").asText()));
        assertThat(kinds).containsExactly("CREATE", "CHANGE_CONFIG", "CHANGE_CONFIG2", "START", "CONTROL", "DELETE");
        assertThat(report.get("records")).hasSize(CalibrationRunFixture.messages().size());
        assertThat(report.get("records").get(1).get("payloadHex").asText()).isEqualTo(
                java.util.HexFormat.of().formatHex(CalibrationRunFixture.messages().get(1).payload()));
        assertThat(report.get("actsThatLoggedNothing").get(0).get("index").asInt()).isEqualTo(2);
        assertThat(report.get("actsThatLoggedNothing").get(0).get("kind").asText()).isEqualTo("CHANGE_CONFIG2");
        // typed values written as their ISO-8601 / canonical text
        assertThat(java.time.Instant.parse(report.get("records").get(1).get("timestamp").asText()))
                .isEqualTo(CalibrationRunFixture.messages().get(1).timestamp());
        assertThat(java.time.Instant.parse(report.get("acts").get(0).get("start").asText())).isNotNull();
        assertThat(java.time.LocalDate.parse(report.get("date").asText())).isNotNull();
        assertThat(java.util.UUID.fromString(report.get("records").get(1).get("messageGuid").asText()))
                .isEqualTo(CalibrationRunFixture.messages().get(1).guid());
        List<String> unexplained = new ArrayList<>();
        report.get("unexplained").forEach(u -> unexplained.add(u.get("index").asInt() + " " + u.get("status").asText()));
        // another process's create of the same service, and a start message outside every act window
        assertThat(unexplained).containsExactly("2 NOT_LEARNED", "10 OUTSIDE_ACTS");
        assertThat(report.get("clientPid").asLong()).isEqualTo(CalibrationRunFixture.PID);
    }

    @Test
    void aReportServesAsTheTimelineOfTheSameRun() throws Exception {
        replay(timeline(), "first.properties", "first.json");
        CommandRun again = replay(dir.resolve("first.json"), "second.properties", "second.json");

        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(Files.readString(dir.resolve("second.properties")))
                .isEqualTo(Files.readString(dir.resolve("first.properties")));
    }

    @Test
    void replayNeedsATimelineAndAReadableOne() throws Exception {
        CommandRun alone = CommandRun.run("scm-calibrate", "--replay", etl().toString());
        assertThat(alone.exitCode()).isEqualTo(ExitCodes.USAGE);

        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"clientPid\": 4}");
        CommandRun run = CommandRun.run("scm-calibrate", "--replay", etl().toString(), "--timeline", bad.toString(),
                "--table", dir.resolve("t").toString(), "--report", dir.resolve("r").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("missing field serviceName");
        assertThat(dir.resolve("t")).doesNotExist();
    }

    @Test
    void offWindowsItSaysSoOnOneLineAndFailsLikeTheOtherLiveCommands() {
        FakeHost host = new FakeHost(false);
        CommandRun run = run(host, "--table", dir.resolve("t").toString(), "--report", dir.resolve("r").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err().strip().lines()).hasSize(1).allSatisfy(l -> assertThat(l).contains("needs Windows"));
        assertThat(host.calls).isEmpty();
        assertThat(dir.resolve("t")).doesNotExist();
    }

    @Test
    void theRealCommandOnThisLinuxHostNeedsWindows() {
        org.junit.jupiter.api.Assumptions.assumeFalse(com.sun.jna.Platform.isWindows());
        CommandRun run = CommandRun.run("scm-calibrate", "--table", dir.resolve("t").toString(), "--report",
                dir.resolve("r").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("needs Windows");
    }

    @Test
    void aLiveRunOverAFakeHostActsInOrderAndLearnsEveryAct() throws Exception {
        FakeHost host = new FakeHost(true);
        CommandRun run = run(host, "--table", dir.resolve("t.properties").toString(), "--report",
                dir.resolve("r.json").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(host.calls).containsExactly("startTrace", "create", "changeConfig", "changeDescription", "start",
                "control 4", "delete", "stopTrace");
        assertThat(host.name).startsWith(ScmCalibrateCommand.SERVICE_PREFIX).hasSize(
                ScmCalibrateCommand.SERVICE_PREFIX.length() + 8);
        assertThat(run.outLines()).hasSize(6).allSatisfy(l -> assertThat(l).doesNotContain("logged nothing"));
        List<ScmEvent> events = ScmMonitor.builder().messageTable(dir.resolve("t.properties"))
                .minimumEvidence(Evidence.CAPTURE).from(reactor.core.publisher.Flux.fromIterable(host.records))
                .events().collectList().block();
        assertThat(events).filteredOn(ServiceCreated.class::isInstance).singleElement()
                .satisfies(e -> assertThat(e.client().pid()).isEqualTo(FakeHost.PID));
        JsonNode report = JSON.readTree(dir.resolve("r.json").toFile());
        assertThat(report.get("serviceName").asText()).isEqualTo(host.name);
        assertThat(report.get("windowsBuild").asText()).isEqualTo("10.0.99999.1 (fake)");
    }

    @Test
    void theServiceIsDeletedEvenWhenAnActFails() {
        FakeHost host = new FakeHost(true);
        host.failStart = true;

        CommandRun run = run(host, "--table", dir.resolve("t").toString(), "--report", dir.resolve("r").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(host.calls).containsExactly("startTrace", "create", "changeConfig", "changeDescription", "start",
                "delete", "stopTrace");
    }

    @Test
    void aRefusedCreateTouchesNothingElseAndFails() {
        FakeHost host = new FakeHost(true);
        host.createResult = 5; // ERROR_ACCESS_DENIED

        CommandRun run = run(host, "--table", dir.resolve("t").toString(), "--report", dir.resolve("r").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("CreateServiceW failed with error 5");
        assertThat(host.calls).containsExactly("startTrace", "create", "stopTrace");
    }

    private static CommandRun run(FakeHost host, String... args) {
        CommandLine cl = Etw4jSamples.commandLine();
        CommandLine sub = new CommandLine(new ScmCalibrateCommand(host));
        sub.setExecutionExceptionHandler(cl.getExecutionExceptionHandler());
        sub.setParameterExceptionHandler(cl.getParameterExceptionHandler());
        List<String> all = new ArrayList<>(List.of("--pause-ms", "20", "--settle-ms", "0", "--flush-ms", "0"));
        all.addAll(List.of(args));
        return CommandRun.run(sub, all.toArray(String[]::new));
    }

    // ---- issue 19 item 5: outputs that cannot be turned against an elevated user ------------------------------

    private CommandRun replayTo(Path table, Path report, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("scm-calibrate", "--replay", etl().toString(), "--timeline",
                timeline().toString(), "--table", table.toString(), "--report", report.toString()));
        args.addAll(List.of(more));
        return CommandRun.run(args.toArray(String[]::new));
    }

    @Test
    void aPlantedSymlinkIsNeverWrittenThroughEvenWithForce() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
        Path link = Files.createSymbolicLink(dir.resolve("table.properties"), victim);

        for (String[] force : new String[][] {{}, {"--force"}}) {
            CommandRun run = replayTo(link, dir.resolve("report.json"), force);
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILED);
            assertThat(run.err()).contains("cannot write: ").contains("is a symbolic link");
            assertThat(Files.readString(victim)).isEqualTo("precious");
            assertThat(Files.isSymbolicLink(link)).isTrue();
            assertThat(dir.resolve("report.json")).doesNotExist();
        }
        // A link to nowhere (the classic plant: the elevated run would create the target) is refused too.
        Path dangling = Files.createSymbolicLink(dir.resolve("r.json"), dir.resolve("created-by-root"));
        CommandRun run = replayTo(dir.resolve("t.properties"), dangling);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(dir.resolve("created-by-root")).doesNotExist();
    }

    @Test
    void anExistingFileIsRefusedUnlessForceAndForceReplacesItWhole() throws Exception {
        Path table = Files.writeString(dir.resolve("table.properties"), "old table");
        Path report = dir.resolve("report.json");

        CommandRun refused = replayTo(table, report);
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(refused.err()).contains("exists: refused (--force replaces it)");
        assertThat(Files.readString(table)).isEqualTo("old table");
        assertThat(report).doesNotExist();
        assertThat(refused.out()).isEmpty();

        CommandRun forced = replayTo(table, report, "--force");
        assertThat(forced.exitCode()).as(forced.err()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(Files.readString(table)).contains("| capture | scm-calibrate on Windows");
        assertThat(JSON.readTree(report.toFile()).get("serviceName").asText())
                .isEqualTo(CalibrationRunFixture.SERVICE);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void tableAndReportMayNotNameTheSameFile() throws Exception {
        Path same = dir.resolve("out.txt");
        Files.createDirectory(dir.resolve("sub"));
        for (Path other : new Path[] {same, dir.resolve("sub").resolve("..").resolve("out.txt")}) {
            CommandRun run = replayTo(same, other);
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILED);
            assertThat(run.err()).contains("name the same file");
            assertThat(same).doesNotExist();
        }
        // Two links to one folder: the real folders are compared.
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), dir);
        CommandRun run = replayTo(same, alias.resolve("out.txt"));
        assertThat(run.err()).contains("name the same file");
        assertThat(same).doesNotExist();
    }

    @Test
    void theFilesToBeWrittenAreNamedBeforeTheRunStarts() throws Exception {
        FakeHost host = new FakeHost(true);
        CommandRun run = run(host, "--table", dir.resolve("t.properties").toString(), "--report",
                dir.resolve("r.json").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.err().lines().findFirst()).get().asString().startsWith("scm-calibrate: will write the table to "
                + dir.toRealPath().resolve("t.properties") + " and the report to " + dir.toRealPath().resolve("r.json"));

        // Refused outputs stop a live run before the trace starts and before any service is created.
        FakeHost second = new FakeHost(true);
        CommandRun refused = run(second, "--table", dir.resolve("t.properties").toString(), "--report",
                dir.resolve("r2.json").toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(second.calls).isEmpty();
    }

    /**
     * A host that logs, during each call, the record a current Windows build would (the shipped table's layouts,
     * under made-up GUIDs), timestamped with the wall clock as a live session would.
     */
    static final class FakeHost implements CalibrationHost {
        static final int PID = 4444;
        static final UUID CREATE_FILE = UUID.fromString("11111111-0000-4000-8000-119db94a0000");
        static final UUID START_FILE = UUID.fromString("11111111-0000-4000-8000-91aecf8c0000");
        static final UUID CONFIG2_FILE = UUID.fromString("11111111-0000-4000-8000-e81ebefc0000");
        static final UUID CONTROL_FILE = UUID.fromString("11111111-0000-4000-8000-a8d36da90000");
        final boolean supported;
        final List<String> calls = new ArrayList<>();
        final List<EventRecord> records = new ArrayList<>();
        String name;
        boolean failStart;
        int createResult;

        FakeHost(boolean supported) {
            this.supported = supported;
        }

        @Override
        public boolean supported() {
            return supported;
        }

        @Override
        public long pid() {
            return PID;
        }

        @Override
        public String windowsBuild() {
            return "10.0.99999.1 (fake)";
        }

        @Override
        public void startTrace(String sessionName) {
            calls.add("startTrace");
        }

        @Override
        public List<EventRecord> stopTrace() {
            calls.add("stopTrace");
            return List.copyOf(records);
        }

        @Override
        public int create(String n, String binaryPath) {
            calls.add("create");
            name = n;
            if (createResult == 0) {
                log(CREATE_FILE, 0x28, le().utf16z(n).u32(0).u32(PID));
            }
            return createResult;
        }

        @Override
        public int changeConfig(String n, String displayName) {
            calls.add("changeConfig");
            log(CREATE_FILE, 0x0b, le().utf16z(n).u32(PID));
            return 0;
        }

        @Override
        public int changeDescription(String n, String description) {
            calls.add("changeDescription");
            log(CONFIG2_FILE, 0x0b, le().utf16z(n).u64(0x1234_5678_0000L).u32(PID).u32(1));
            return 0;
        }

        @Override
        public int start(String n) {
            calls.add("start");
            if (failStart) {
                throw new IllegalStateException("simulated failure");
            }
            log(START_FILE, 0x0c, le().utf16z(n).u32(PID));
            log(START_FILE, 0x0d, le().utf16z(n).u32(1053).u32(0));
            return 1053;
        }

        @Override
        public int control(String n, int control) {
            calls.add("control " + control);
            log(CONTROL_FILE, 0x73, le().u32(control).utf16z(n).u32(PID).u64(0x7FF6_0000_1000L).u64(3));
            return 1062;
        }

        @Override
        public int delete(String n) {
            calls.add("delete");
            log(CREATE_FILE, 0x50, le().utf16z(n).u32(0).u32(PID));
            return 0;
        }

        private void log(UUID guid, int id, LeBytes payload) {
            records.add(EventRecord.builder().headerKind(HeaderKind.MESSAGE).providerId(guid)
                    .descriptor(EventDescriptor.ofId(id))
                    .flags(EventRecord.FLAG_TRACE_MESSAGE | EventRecord.FLAG_64_BIT_HEADER)
                    .processId(700).threadId(800).timestamp(Instant.now()).payload(payload.bytes())
                    .build());
        }

        private static LeBytes le() {
            return LeBytes.le();
        }
    }

    @Test
    void actsRejectAControlCodeOnOtherKinds() {
        assertThatThrownBy(() -> new CalibrationAct(CalibrationAct.Kind.START, Instant.EPOCH, Instant.EPOCH, 0,
                java.util.OptionalInt.of(4))).isInstanceOf(IllegalArgumentException.class);
    }
}
