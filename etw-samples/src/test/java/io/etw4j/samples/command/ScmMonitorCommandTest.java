package io.etw4j.samples.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.testing.LeBytes;
import io.etw4j.samples.Etw4jSamples;
import io.etw4j.samples.demo.DemoCapture;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import reactor.core.publisher.Flux;

class ScmMonitorCommandTest {

    /** Illustrative message GUID of services.exe's source file (any GUID: the decoder matches flag + number). */
    private static final UUID MESSAGE_GUID = UUID.fromString("5a1d3e2c-0000-4000-8000-00000000beef");

    private static byte[] utf16z(String s) {
        return LeBytes.utf16zBytes(s);
    }

    /**
     * The seed article's message 0x28 (ScCreateServiceRpc): service name UTF-16LE NUL-terminated, client PID
     * {@code e4 0d 00 00} (= 3556, DEVELOPERS.md), image path UTF-16LE; logged by services.exe (PID 812 here).
     */
    static EventRecord seedCreate(String service, String image) {
        LeBytes p = LeBytes.le().utf16z(service).raw(0xe4, 0x0d, 0x00, 0x00).utf16z(image);
        return EventRecord.builder().headerKind(HeaderKind.MESSAGE).flags(EventRecord.FLAG_TRACE_MESSAGE)
                .providerId(MESSAGE_GUID).descriptor(EventDescriptor.ofId(0x28)).processId(812).threadId(1)
                .timestamp(Instant.parse("2024-05-01T10:15:30Z")).payload(p.bytes()).build();
    }

    private static CommandRun runOver(Flux<EventRecord> records, String... args) {
        return CommandRun.run(new CommandLine(new ScmMonitorCommand(records)), args);
    }

    @Test
    void theSeedMessageBecomesAServiceCreatedLineWithTheClientPid() {
        CommandRun run = runOver(Flux.just(seedCreate("EvilSvc", "C:\\Windows\\Temp\\evil.exe")));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        List<JsonNode> lines = run.jsonLines();
        assertThat(lines).hasSize(1);
        JsonNode e = lines.get(0);
        assertThat(e.get("type").asText()).isEqualTo("ServiceCreated");
        assertThat(e.get("client").get("pid").asInt()).isEqualTo(3556);
        assertThat(e.get("serviceName").asText()).isEqualTo("EvilSvc");
        assertThat(e.get("imagePath").asText()).isEqualTo("C:\\Windows\\Temp\\evil.exe");
        assertThat(e.get("attributedBy").asText()).isEqualTo("SCM_WPP");
        assertThat(e.get("record").get("pid").asInt()).isEqualTo(812);
        assertThat(e.get("record").get("kind").asText()).isEqualTo("MESSAGE");
        assertThat(run.err()).contains("scm-monitor: 1 events").contains("ServiceCreated=1")
                .contains(MESSAGE_GUID.toString());
    }

    /**
     * The demo capture (etw-scm ScmDemoCapture): setup.exe PID 3556 (start key 0x2_0000_0DE4) creates service
     * "evilsvc" for C:\Users\bob\AppData\Local\Temp\evil.sys, starts it, and the driver loads (Kernel-Process
     * ImageLoad, event 5, with ProcessID 0 in its payload).
     */
    @Test
    void replayDemoPrintsServiceCreatedByTheDemoClientAndTheDriverLoad() {
        CommandRun run = CommandRun.run("scm-monitor", "--replay-demo");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        List<JsonNode> lines = run.jsonLines();
        JsonNode created = lines.stream().filter(n -> n.get("type").asText().equals("ServiceCreated")).findFirst()
                .orElseThrow(() -> new AssertionError("no ServiceCreated line in " + run.out()));
        assertThat(created.get("client").get("pid").asInt()).isEqualTo(3556);
        assertThat(created.get("serviceName").asText()).isEqualTo("evilsvc");
        assertThat(created.get("imagePath").asText()).isEqualTo("C:\\Users\\bob\\AppData\\Local\\Temp\\evil.sys");
        assertThat(created.get("record").get("kind").asText()).isEqualTo("MESSAGE");
        JsonNode driver = lines.stream().filter(n -> n.get("type").asText().equals("DriverLoaded")).findFirst()
                .orElseThrow(() -> new AssertionError("no DriverLoaded line in " + run.out()));
        assertThat(driver.get("client").get("pid").asInt()).isEqualTo(3556);
        assertThat(driver.get("serviceName").asText()).isEqualTo("evilsvc");
        assertThat(driver.get("attribution").asText()).isEqualTo("SERVICE_START");
        assertThat(driver.get("record").get("provider").asText()).isEqualTo("22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716");
        assertThat(driver.get("record").get("id").asInt()).isEqualTo(5);
        assertThat(run.err()).contains("scm-monitor: " + lines.size() + " events");
    }

    @Test
    void replayOfTheDemoFileGivesTheSameLinesAsReplayDemo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("scm-demo.etl");
        try (var in = DemoCapture.class.getResourceAsStream(DemoCapture.RESOURCE)) {
            assertThat(in).as("demo resource").isNotNull();
            java.nio.file.Files.write(file, in.readAllBytes());
        }
        CommandRun fromFile = CommandRun.run("scm-monitor", "--replay", file.toString());
        CommandRun demo = CommandRun.run("scm-monitor", "--replay-demo");
        assertThat(fromFile.exitCode()).as(fromFile.err()).isEqualTo(ExitCodes.OK);
        assertThat(fromFile.out()).isEqualTo(demo.out());
        assertThat(fromFile.err()).contains("reader: ").contains(" 0 errors");
    }

    @Test
    void replayOfATruncatedOrDamagedFileExitsOneAndSaysWhatWasLost(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        byte[] demo;
        try (var in = DemoCapture.class.getResourceAsStream(DemoCapture.RESOURCE)) {
            demo = in.readAllBytes();
        }
        // The demo is one 4,096-byte buffer whose logfile header (SYSTEM64 record at 0x48, TRACE_LOGFILE_HEADER at
        // 0x68, BuffersWritten at +0x24, evntrace.h) counts 1 buffer. Saying 2 makes it a file cut after buffer 1.
        byte[] cut = demo.clone();
        java.nio.ByteBuffer.wrap(cut).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0x48 + 0x20 + 0x24, 2);
        java.nio.file.Path cutFile = java.nio.file.Files.write(dir.resolve("cut.etl"), cut);
        CommandRun run = CommandRun.run("scm-monitor", "--replay", cutFile.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(run.err()).contains("truncated: 1 of 2 buffers").doesNotContain("holds none");

        // A second buffer whose header is noise: skipped, its range listed, the demo's events still all there.
        byte[] damaged = java.util.Arrays.copyOf(cut, 2 * 4096);
        java.util.Arrays.fill(damaged, 4096, 4096 + 0x48, (byte) 0x5A);
        java.nio.file.Path damagedFile = java.nio.file.Files.write(dir.resolve("damaged.etl"), damaged);
        CommandRun d = CommandRun.run("scm-monitor", "--replay", damagedFile.toString());
        assertThat(d.exitCode()).as(d.err()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(d.err()).contains("lost bytes 0x1000-0x2000").doesNotContain("truncated");
        assertThat(d.out()).isEqualTo(CommandRun.run("scm-monitor", "--replay-demo").out());
    }

    @Test
    void aCaptureWithoutTheScmProvidersGivesNoEventsAndSaysSo() {
        java.util.Optional<java.nio.file.Path> file = SharedEtl.find("powershell.etl");
        org.junit.jupiter.api.Assumptions.assumeTrue(file.isPresent(), SharedEtl.absent("powershell.etl"));
        CommandRun run = CommandRun.run("scm-monitor", "--replay", file.get().toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("scm-monitor: 0 events {}").contains("reader: ").contains(" 0 errors")
                .contains("holds none of the three SCM providers");
    }

    @Test
    void replayOfAMissingFileFails(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        CommandRun run = CommandRun.run("scm-monitor", "--replay", dir.resolve("none.etl").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("cannot read");
    }

    @Test
    void replayAndReplayDemoTogetherIsAUsageError() {
        CommandRun run = CommandRun.run("scm-monitor", "--replay", "x.etl", "--replay-demo");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("mutually exclusive");
    }

    @Test
    void liveOnANonWindowsOsSaysSoAndFails() {
        org.junit.jupiter.api.Assumptions.assumeFalse(System.getProperty("os.name", "").startsWith("Windows"),
                "checks the non-Windows path; on Windows this would start a real session");
        CommandRun run = CommandRun.run("scm-monitor");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("needs Windows").contains("--replay-demo");
    }

    @Test
    void aNarrowJoinWindowLeavesTheDemoDriverLoadUnjoinedToItsStart() {
        // In the demo the service start is logged 50 ms before the driver load (ScmDemoCapture: +1100 ms, +1150 ms).
        CommandRun narrow = CommandRun.run("scm-monitor", "--replay-demo", "--join-window", "0.01");
        JsonNode driver = narrow.jsonLines().stream().filter(n -> n.get("type").asText().equals("DriverLoaded"))
                .findFirst().orElseThrow();
        assertThat(driver.get("attribution").asText()).isNotEqualTo("SERVICE_START");
        assertThat(driver.get("serviceStart").isNull()).isTrue();
        assertThat(CommandRun.run("scm-monitor", "--replay-demo", "--join-window", "-1").exitCode())
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aMessageTableOverrideDecodesAnotherMessage(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path table = dir.resolve("my-build.properties");
        // Syntax from etw-scm's scm-wpp-messages.properties header; the entry is a test's own, not a Windows fact.
        java.nio.file.Files.writeString(table,
                "0x7ff = OPEN_SERVICE: utf16z serviceName, u32 clientPid | confirmed | this test\n");
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes(utf16z("Spooler"));
        p.writeBytes(new byte[] {(byte) 0xe4, 0x0d, 0x00, 0x00});
        EventRecord open = seedCreate("x", "y").toBuilder().id(0x7ff).payload(p.toByteArray()).build();

        CommandRun run = runOver(Flux.just(open), "--message-table", table.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        List<JsonNode> lines = run.jsonLines();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("type").asText()).isEqualTo("ServiceOpened");
        assertThat(lines.get(0).get("serviceName").asText()).isEqualTo("Spooler");
        assertThat(lines.get(0).get("client").get("pid").asInt()).isEqualTo(3556);
        assertThat(run.err()).contains(table.toString());
    }

    @Test
    void aBadMessageTableFailsNamingTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path table = dir.resolve("bad.properties");
        java.nio.file.Files.writeString(table, "this is not an entry\n");
        CommandRun run = CommandRun.run(withFailureHandler(Flux.empty()), "--message-table", table.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("MessageTableException").contains("bad.properties");
    }

    @Test
    void anUnknownMessageIdIsPrintedNotDropped() {
        EventRecord unknown = seedCreate("Spooler", "x").toBuilder().id(0x7ff).build();
        CommandRun run = runOver(Flux.just(unknown));
        List<JsonNode> lines = run.jsonLines();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("type").asText()).isEqualTo("UnknownScmMessage");
        assertThat(lines.get(0).get("messageId").asInt()).isEqualTo(0x7ff);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void noWppDropsTheWppRecords() {
        CommandRun run = runOver(Flux.just(seedCreate("EvilSvc", "C:\\evil.exe")), "--no-wpp");
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("scm-monitor: 0 events");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void maxEventsStopsEarly() {
        CommandRun run = runOver(Flux.just(seedCreate("A1", "C:\\a.exe"), seedCreate("B2", "C:\\b.exe"),
                seedCreate("C3", "C:\\c.exe")), "--max-events", "2");
        assertThat(run.jsonLines()).hasSize(2);
    }

    @Test
    void aSourceFailureEndsWithFailedAfterTheEventsBeforeIt() {
        Flux<EventRecord> failing = Flux.concat(Flux.just(seedCreate("EvilSvc", "C:\\evil.exe")),
                Flux.error(new IllegalStateException("source broke")));
        CommandRun run = CommandRun.run(withFailureHandler(failing));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.jsonLines()).hasSize(1);
        assertThat(run.err()).contains("source broke");
    }

    /** The scm-monitor command over {@code records}, with the samples' failure handler. */
    private static CommandLine withFailureHandler(Flux<EventRecord> records) {
        CommandLine cl = new CommandLine(new ScmMonitorCommand(records));
        cl.setExecutionExceptionHandler(Etw4jSamples.commandLine().getExecutionExceptionHandler());
        return cl;
    }
}
