package io.etw4j.samples.command;

import static io.etw4j.core.testing.LeBytes.le;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.etw4j.scm.history.ScmEvmFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scm-history} over a copied {@code LogFiles\Scm} folder of two boots built byte by byte (etw-scm's
 * {@link ScmEvmFile}): the older one wrapped. PID 5124 is a client in both boots.
 */
class ScmHistoryCommandTest {
    @TempDir
    Path dir;

    static byte[] create(String name, int pid) {
        return le().utf16z(name).u32(0).u32(pid).bytes();
    }

    @BeforeEach
    void writeFolder() throws Exception {
        ScmEvmFile older = new ScmEvmFile(Instant.parse("2024-05-02T08:00:00Z"), Duration.ofSeconds(25))
                .ringBuffersWritten(45);
        UUID c1 = UUID.fromString("119db94a-0000-4000-8000-000000000001");
        older.wpp(2, 0, c1, 0x28, 900, create("lostsvc", 1111)); // overwritten
        older.wpp(30, 0, c1, 0x28, 900, create("oldsvc", 5124));
        older.wpp(40, 0, c1, 0x28, 900, create("other\"svc", 6000)); // after the wrap; a quote to escape
        ScmEvmFile current = new ScmEvmFile(Instant.parse("2024-05-03T08:00:00Z"), Duration.ofSeconds(20))
                .ringBuffersWritten(2);
        current.wpp(1, 0, UUID.fromString("119db94a-0000-4000-8000-000000000002"), 0x28, 900,
                create("newsvc", 5124));
        Files.write(dir.resolve("SCM.EVM.1"), older.build());
        Files.write(dir.resolve("SCM.EVM"), current.build());
    }

    @Test
    void aFolderGivesEveryEventWithItsSourceFileAndASummaryPerBoot() {
        CommandRun run = CommandRun.run("scm-history", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        List<JsonNode> lines = run.jsonLines();
        List<String> acts = lines.stream().filter(n -> n.get("type").asText().equals("ServiceCreated"))
                .map(n -> n.get("source").asText() + " " + n.get("serviceName").asText() + " "
                        + n.get("client").get("pid").asInt())
                .toList();
        assertThat(acts).containsExactly("SCM.EVM.1 oldsvc 5124", "SCM.EVM.1 other\"svc 6000", "SCM.EVM newsvc 5124");
        List<JsonNode> other = lines.stream().filter(n -> n.get("type").asText().equals("OtherRecord")).toList();
        assertThat(other).hasSize(ScmEvmFile.RING_SLOTS + 2).allSatisfy(n -> {
            assertThat(n.get("eventName").asText()).isEqualTo("BufferMark");
            assertThat(n.get("providerName").asText()).isEqualTo(ScmEvmFile.TL_PROVIDER_NAME);
            assertThat(n.get("provider").asText()).isEqualTo("b8ddcea7-b520-4909-bceb-e0170c9f0e99");
            assertThat(n.get("record").get("kind").asText()).isEqualTo("EVENT");
        });
        assertThat(other.get(0).get("fields").get("ring").asInt()).as("oldest surviving buffer first").isEqualTo(6);
        assertThat(lines).allSatisfy(n -> assertThat(n.get("source").asText()).isIn("SCM.EVM.1", "SCM.EVM"));

        List<String> err = run.err().lines().toList();
        assertThat(err).hasSize(3);
        assertThat(err.get(0)).startsWith("scm-history: SCM.EVM.1: boot 2024-05-02T08:00:00Z")
                .contains("ServiceCreated=2", "[5124, 6000]", "wrapped");
        assertThat(err.get(1)).startsWith("scm-history: SCM.EVM: boot 2024-05-03T08:00:00Z").contains("not wrapped");
        assertThat(err.get(2)).isEqualTo("scm-history: " + lines.size() + " lines from 2 boots");
    }

    /** A Kernel-Process trace of the current boot (booted 08:00): PID 5124 is setup.exe from 08:00:10. */
    private Path currentBootProcesses(Instant bootTime, String name) {
        Instant started = bootTime.plusSeconds(10);
        io.etw4j.core.EventRecord r = io.etw4j.scm.internal.correlation.PublishedLayouts.processStartV4(5124, 7,
                started, 600, 3, "\\Device\\HarddiskVolume3\\setup.exe");
        io.etw4j.core.testing.SyntheticEtl etl = new io.etw4j.core.testing.SyntheticEtl().bootTime(bootTime)
                .startTime(bootTime.plusSeconds(5));
        etl.event(e -> e.provider(r.providerId()).id(1).version(4).opcode(1).task(1).processId(600).threadId(604)
                .timestamp(etl.startQpc() + 50_000_000L).payload(r.payload()));
        return etl.writeTo(dir.resolve(name));
    }

    @Test
    void processesOfOneBootNameThatBootsClientsOnly() {
        Path procs = currentBootProcesses(Instant.parse("2024-05-03T08:00:00Z"), "procs.etl");

        CommandRun run = CommandRun.run("scm-history", "--acts-only", "--processes", procs.toString(),
                dir.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        List<String> acts = run.jsonLines().stream().map(n -> n.get("source").asText() + " "
                + n.get("client").get("pid").asInt() + " " + n.get("client").get("image").asText() + " "
                + n.get("client").get("resolution").asText()).toList();
        assertThat(acts).containsExactly("SCM.EVM.1 5124 null PID_ONLY", "SCM.EVM.1 6000 null PID_ONLY",
                "SCM.EVM 5124 \\Device\\HarddiskVolume3\\setup.exe BOOT_PROCESSES");
        assertThat(run.err()).contains("scm-history: SCM.EVM: clients named by the 1 processes of procs.etl");
    }

    @Test
    void processesOfAnotherBootAreRefusedWithTheReason() {
        Path procs = currentBootProcesses(Instant.parse("2024-05-04T08:00:00Z"), "later.etl");

        CommandRun run = CommandRun.run("scm-history", "--processes", procs.toString(), dir.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("the processes of later.etl are of no boot read");
    }

    @Test
    void actsOnlyLeavesOutTheOtherRecords() {
        CommandRun run = CommandRun.run("scm-history", "--acts-only", dir.resolve("SCM.EVM").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.jsonLines()).singleElement().satisfies(n -> {
            assertThat(n.get("type").asText()).isEqualTo("ServiceCreated");
            assertThat(n.get("source").asText()).isEqualTo("SCM.EVM");
        });
        assertThat(run.err()).contains("2 other records");
    }

    @Test
    void anUnreadableInputIsOneLineAndExitThree() throws Exception {
        CommandRun missing = CommandRun.run("scm-history", dir.resolve("SCM.EVM.4").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err().lines().toList()).singleElement().asString()
                .startsWith("scm-history: cannot read ").endsWith("not found");

        Path text = Files.writeString(dir.resolve("notes.txt"), "not a trace, long enough to hold a buffer header "
                + "of seventy-two bytes, and then some more text");
        CommandRun notEtl = CommandRun.run("scm-history", text.toString());
        assertThat(notEtl.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(notEtl.err()).startsWith("scm-history: cannot read ").contains("not an .etl file");

        Path empty = Files.createDirectory(dir.resolve("empty"));
        CommandRun none = CommandRun.run("scm-history", empty.toString());
        assertThat(none.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(none.err()).contains("no SCM.EVM");

        assertThat(CommandRun.run("scm-history").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void helpPointsToDocumentationAJarUserHas() {
        CommandRun run = CommandRun.run("scm-history", "--help");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains(CommandHelp.PROJECT_URL).contains("java -jar etw4j-samples.jar formats")
                .contains("FILE_OR_FOLDER").doesNotContain("etw-samples/").doesNotContain(".md");
        assertThat(CommandRun.run("--help").out()).contains("scm-history");
    }
}
