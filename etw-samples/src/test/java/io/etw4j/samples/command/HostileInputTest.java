package io.etw4j.samples.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.etw4j.core.testing.SyntheticEtl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

/**
 * Issue 19 items 3, 4 and 6 over the whole command line: inputs that are not regular files are refused for every
 * input option before anything is read; text from inputs never reaches stderr or stdout raw (escaped once, by
 * {@link io.etw4j.samples.terminal.TerminalSafe}); refused in-trace manifests and decoding problems are reported and
 * change the exit code.
 */
class HostileInputTest {
    static final UUID ES = UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
    /** Characters that drive terminals or split lines: ESC/CSI, C1 CSI and NEL, U+2028/2029, bidi overrides. */
    static final String NASTY = "\u001b[2J\u009b31m\u0085\u2028\u2029\u202e\u2066\u200f\u061c\u007f";

    @TempDir
    Path dir;

    /** An EventSource manifest of provider {@link #ES} named {@code provider}, with an event whose inType is given. */
    static String manifest(String provider, String inType) {
        return "<instrumentationManifest xmlns=\"http://schemas.microsoft.com/win/2004/08/events\">"
                + "<instrumentation><events><provider name=\"" + provider + "\" guid=\"{" + ES + "}\">"
                + "<tasks><task name=\"Job\" value=\"1\"/></tasks>"
                + "<templates><template tid=\"JobArgs\"><data name=\"Id\" inType=\"win:Int32\"/>"
                + "<data name=\"Name\" inType=\"" + inType + "\"/></template></templates>"
                + "<events><event value=\"1\" version=\"0\" task=\"Job\" opcode=\"win:Start\" template=\"JobArgs\"/>"
                + "</events></provider></events></instrumentation></instrumentationManifest>";
    }

    /** ManifestData payload (EventSource.cs ManifestEnvelope: format 1, major 1, minor 0, magic 0x5B, 1 chunk). */
    static byte[] manifestData(String xml) {
        byte[] c = xml.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[8 + c.length];
        p[0] = 1;
        p[1] = 1;
        p[3] = 0x5B;
        p[4] = 1;
        System.arraycopy(c, 0, p, 8, c.length);
        return p;
    }

    static byte[] jobPayload(String name) {
        byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_16LE);
        byte[] p = new byte[4 + n.length];
        p[0] = 42;
        System.arraycopy(n, 0, p, 4, n.length);
        return p;
    }

    /** A trace with the ManifestData event of {@code xml}, then one Job/Start event named {@code jobName}. */
    private Path trace(String xml, String jobName) {
        return new SyntheticEtl().newBuffer(0)
                .event(e -> e.provider(ES).id(0xFFFE).version(1).opcode(0xFE).task(0xFFFE).level(4)
                        .payload(manifestData(xml)))
                .event(e -> e.provider(ES).id(1).version(0).opcode(1).task(1).level(4).payload(jobPayload(jobName)))
                .writeTo(dir.resolve("es.etl"));
    }

    private Path fifo() throws Exception {
        Path f = dir.resolve("fifo");
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", f.toString()).inheritIO().start();
        } catch (IOException noMkfifo) {
            assumeTrue(false, "no mkfifo here");
            return null;
        }
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed");
        return f;
    }

    /** Every character of {@code s} that must not reach a terminal raw, other than the line ends. */
    private static void assertNoRawControls(String s) {
        String withoutLineEnds = s.replace("\n", "");
        assertThat(withoutLineEnds.chars().filter(io.etw4j.samples.terminal.TerminalSafe::mustEscape).toArray())
                .as("raw control characters in %s", withoutLineEnds).isEmpty();
    }

    // ---- item 3: not regular files -------------------------------------------------------------------------

    @Test
    void devicesFifosAndFoldersAreRefusedForEveryInputOptionBeforeAnythingIsRead() throws Exception {
        Path fifo = fifo();
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero");
        Path etl = trace(manifest("My-Source", "win:UnicodeString"), "build");
        Path folder = Files.createDirectory(dir.resolve("folder"));
        String[][] commands = {
            {"etl-dump", zero.toString()},
            {"etl-dump", fifo.toString()},
            {"etl-dump", "--decode", "--manifest", zero.toString(), etl.toString()},
            {"etl-dump", "--decode", "--manifest", fifo.toString(), etl.toString()},
            {"etl-summary", zero.toString()},
            {"etl-summary", etl.toString(), fifo.toString(), "--html", dir.resolve("page.html").toString()},
            {"etl-summary", "--manifest", fifo.toString(), etl.toString()},
            {"provider-dump", "--replay", fifo.toString()},
            {"provider-dump", "--replay", etl.toString(), "--provider", "My-Source", "--manifest", fifo.toString()},
            {"scm-monitor", "--replay", fifo.toString()},
            {"scm-monitor", "--replay", folder.toString()},
            {"scm-monitor", "--replay-demo", "--message-table", zero.toString()},
            {"scm-monitor", "--replay-demo", "--message-table", fifo.toString()},
            {"scm-monitor", "--replay-demo", "--message-table", folder.toString()},
            {"scm-calibrate", "--replay", etl.toString(), "--timeline", fifo.toString(), "--table",
                dir.resolve("t").toString(), "--report", dir.resolve("r").toString()},
            {"scm-calibrate", "--replay", fifo.toString(), "--timeline", etl.toString(), "--table",
                dir.resolve("t").toString(), "--report", dir.resolve("r").toString()},
        };
        for (String[] args : commands) {
            CommandRun run = CommandRun.run(args);
            String what = String.join(" ", args);
            assertThat(run.exitCode()).as(what + ": " + run.err()).isEqualTo(ExitCodes.FAILED);
            assertThat(run.out()).as(what).isEmpty();
            assertThat(run.err()).as(what).startsWith(args[0] + ": cannot read ")
                    .containsAnyOf("not a regular file", "is a directory");
        }
        assertThat(dir.resolve("t")).doesNotExist();
        assertThat(dir.resolve("page.html")).doesNotExist();
    }

    @Test
    void aFolderOfManifestsIsStillAccepted() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("manifests"));
        CommandRun run = CommandRun.run("etl-dump", "--decode", "--manifest", folder.toString(),
                trace(manifest("My-Source", "win:UnicodeString"), "build").toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    }

    // ---- item 4: no input text drives the terminal -------------------------------------------------------

    @Test
    void aFileNameWithANewlineCannotForgeASummaryLine() throws Exception {
        Path forged = Files.writeString(dir.resolve("x\netl-dump: 0 records, 0 errors\n.etl"), "not an etl file");
        CommandRun run = CommandRun.run("etl-dump", forged.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err().lines()).singleElement().asString().startsWith("etl-dump: cannot read ")
                .contains("x\\u000Aetl-dump: 0 records");
        assertNoRawControls(run.err());
    }

    @Test
    void escAndCsiSequencesInFileNamesAndManifestsAreEscapedOnStderr() throws Exception {
        Path name = Files.writeString(dir.resolve("evil" + NASTY.replace("/", "") + ".etl"), "x");
        CommandRun run = CommandRun.run("etl-dump", name.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("\\u001B[2J\\u009B31m\\u0085\\u2028\\u2029\\u202E");
        assertNoRawControls(run.err());

        // A manifest problem quoting attacker text (XML 1.0 allows C1, U+2028 and bidi controls raw): escaped.
        Path man = Files.writeString(dir.resolve("bad.man"), manifest("Evil", "win:" + "\u009b31m\u2028\u202e"),
                StandardCharsets.UTF_8);
        CommandRun decode = CommandRun.run("etl-dump", "--decode", "--manifest", man.toString(),
                trace(manifest("My-Source", "win:UnicodeString"), "build").toString());
        assertThat(decode.err()).contains("schema problem: ").contains("\\u009B31m\\u2028\\u202E");
        assertNoRawControls(decode.err());
    }

    @Test
    void jsonLinesCarryNoRawC1ControlsLineSeparatorsOrBidiControlsAndParseToTheOriginalStrings() {
        // The SCM decoder itself refuses C0 and C1 controls in a service name (C1 and DEL: see the decoded test below).
        String service = "Evil\u2028\u2029[2J\u202e\u2066\u200f\u061cSvc";
        CommandRun run = CommandRun.run(new picocli.CommandLine(new ScmMonitorCommand(
                Flux.just(ScmMonitorCommandTest.seedCreate(service, "C:\\evil\u2028.exe")))));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertNoRawControls(run.out());
        assertThat(run.out()).contains("\\u2028", "\\u2029", "\\u202E", "\\u2066", "\\u200F", "\\u061C");
        JsonNode line = run.jsonLines().get(0);
        assertThat(line.get("serviceName").asText()).isEqualTo(service);
        assertThat(line.get("imagePath").asText()).isEqualTo("C:\\evil\u2028.exe");
    }

    @Test
    void decodedFieldsAndProviderNamesFromAnInTraceManifestAreEscapedInJson() {
        String provider = "My" + "\u2028\u0085\u202e" + "Source";
        String job = "job" + NASTY;
        Path etl = trace(manifest(provider, "win:UnicodeString"), job);
        CommandRun run = CommandRun.run("etl-dump", "--decode", "--hex-bytes", "0", etl.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertNoRawControls(run.out());
        JsonNode decoded = run.jsonLines().get(run.jsonLines().size() - 1).get("decoded");
        assertThat(decoded.get("provider").asText()).isEqualTo(provider);
        assertThat(decoded.get("fields").get("Name").asText()).isEqualTo(job);
        assertThat(run.out()).contains("\\u001B[2J\\u009B31m\\u0085\\u2028\\u2029\\u202E\\u2066\\u200F\\u061C\\u007F");
    }

    // ---- item 6: everything refused is reported -----------------------------------------------------------

    @Test
    void aRefusedInTraceManifestIsReportedAndMakesTheExitCodeProblems() {
        String broken = manifest("My-Source", "win:UnicodeString");
        Path etl = trace(broken.substring(0, broken.length() - 20), "build"); // truncated: not well-formed

        CommandRun run = CommandRun.run("etl-dump", "--decode", etl.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(run.err()).contains("etl-dump: decoding: ").contains("1 schema problems")
                .contains("etl-dump: schema problem: EventSource manifest of " + ES);
        assertThat(run.jsonLines()).hasSize(3); // header, ManifestData, the job event (undecoded)
        assertThat(run.jsonLines().get(2).get("decoded").isNull()).isTrue();

        CommandRun replay = CommandRun.run("provider-dump", "--replay", etl.toString(), "--decode");
        assertThat(replay.exitCode()).as(replay.err()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(replay.err()).contains("provider-dump: schema problem: EventSource manifest of " + ES);

        CommandRun fine = CommandRun.run("etl-dump", "--decode",
                trace(manifest("My-Source", "win:UnicodeString"), "build").toString());
        assertThat(fine.exitCode()).as(fine.err()).isEqualTo(ExitCodes.OK);
        assertThat(fine.err()).contains("0 with field errors").contains("0 schema problems");
    }

    @Test
    void aRecordWithFieldErrorsIsCountedAndMakesTheExitCodeProblems() {
        // The job event's payload ends inside its Id field: a field error, not just bytes after the last field.
        Path etl = new SyntheticEtl().newBuffer(0)
                .event(e -> e.provider(ES).id(0xFFFE).version(1).opcode(0xFE).task(0xFFFE).level(4)
                        .payload(manifestData(manifest("My-Source", "win:UnicodeString"))))
                .event(e -> e.provider(ES).id(1).version(0).opcode(1).task(1).level(4).payload(new byte[] {1, 2}))
                .writeTo(dir.resolve("short.etl"));

        CommandRun run = CommandRun.run("etl-dump", "--decode", etl.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(run.err()).contains("1 with field errors").contains("first field error: My-Source event 1 v0");
    }

    @Test
    void theHelperOfTheseTestsBuildsWhatItSays() {
        assertThat(Arrays.copyOfRange(manifestData("<x/>"), 8, 12)).isEqualTo("<x/>".getBytes(StandardCharsets.UTF_8));
    }
}
