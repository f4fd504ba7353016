package io.etw4j.samples.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.etw4j.samples.Etw4jSamples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Issue 11 part 5: every command says what went wrong in words a user can act on, and nothing more. */
class CliExplainsItselfTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** The command line that reads FILE with {@code command}. */
    private static String[] reading(String command, Path file) {
        return switch (command) {
            case "etl-dump" -> new String[] {"etl-dump", file.toString()};
            case "scm-monitor" -> new String[] {"scm-monitor", "--replay", file.toString()};
            default -> new String[] {"provider-dump", "--replay", file.toString()};
        };
    }

    private static void assertOneLine(CommandRun run, int code, String line) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(code);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(line + System.lineSeparator());
    }

    @ParameterizedTest
    @ValueSource(strings = {"etl-dump", "scm-monitor", "provider-dump"})
    void aMissingFileIsNotFound(String command, @TempDir Path dir) {
        Path file = dir.resolve("absent.etl");
        assertOneLine(CommandRun.run(reading(command, file)), ExitCodes.FAILED,
                command + ": cannot read " + file + ": not found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"etl-dump", "scm-monitor", "provider-dump"})
    void aDirectoryIsADirectory(String command, @TempDir Path dir) {
        assertOneLine(CommandRun.run(reading(command, dir)), ExitCodes.FAILED,
                command + ": cannot read " + dir + ": is a directory");
    }

    @Test
    void anUnreadableFileIsPermissionDenied(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("secret.etl");
        Files.write(file, new byte[4096]);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "this user (root?) reads files without read permission");
        assertOneLine(CommandRun.run("etl-dump", file.toString()), ExitCodes.FAILED,
                "etl-dump: cannot read " + file + ": permission denied");
    }

    @Test
    void theFileSystemsRefusalIsNamedPermissionDenied() {
        // What the in-process test above sees as a non-root user (as root it is skipped).
        assertThat(EtlInput.reason(new AccessDeniedException("/x/secret.etl"))).isEqualTo("permission denied");
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 300})
    void aPngIsNotAnEtlFileSaidBeforeAnyFormatDetail(int size, @TempDir Path dir) throws IOException {
        // A PNG: its 8-byte signature (PNG spec, 5.2), then zeros; read as a BufferSize the signature is 1196314761.
        byte[] bytes = new byte[size];
        System.arraycopy(PNG_SIGNATURE, 0, bytes, 0, PNG_SIGNATURE.length);
        Path png = dir.resolve("picture.png");
        Files.write(png, bytes);
        for (String command : List.of("etl-dump", "scm-monitor", "provider-dump")) {
            CommandRun run = CommandRun.run(reading(command, png));
            assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).startsWith(command + ": cannot read " + png + ": not an .etl file (")
                    .doesNotContain(System.lineSeparator() + command);
        }
    }

    @Test
    void anEmptyFileIsNotAnEtlFile(@TempDir Path dir) throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.etl"));
        CommandRun run = CommandRun.run("etl-dump", empty.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).startsWith("etl-dump: cannot read " + empty + ": not an .etl file (")
                .contains("the file is empty");
    }

    @Test
    void scmMonitorSaysWhenTheFileHoldsNoneOfTheThreeProviders() {
        Optional<Path> file = SharedEtl.find("lxcore_kernel.etl");
        assumeTrue(file.isPresent(), SharedEtl.absent("lxcore_kernel.etl"));
        CommandRun run = CommandRun.run("scm-monitor", "--replay", file.get().toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("scm-monitor: " + file.get() + " holds none of the three SCM providers")
                .contains("among its 4 records");

        CommandRun demo = CommandRun.run("scm-monitor", "--replay-demo");
        assertThat(demo.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(demo.err()).doesNotContain("none of the three");
    }

    @Test
    void theProviderCountsTellTheThreeProvidersApart() {
        ScmMonitorCommand.ProvidersSeen seen = new ScmMonitorCommand.ProvidersSeen();
        seen.accept(io.etw4j.core.EventRecord.builder().headerKind(io.etw4j.core.HeaderKind.EVENT).build());
        assertThat(seen.none()).isTrue();
        seen.accept(ScmMonitorCommandTest.seedCreate("svc", "c:\\x.exe"));
        assertThat(seen.none()).isFalse();
        assertThat(seen.wpp).isEqualTo(1);
        assertThat(seen.records).isEqualTo(2);
    }

    /** Runs {@code args} with a stdout whose reader is gone: every write fails as a broken pipe does. */
    private static CommandRun runWithClosedStdout(String... args) {
        OutputStream closed = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        CommandLine cl = Etw4jSamples.commandLine();
        cl.setOut(new PrintWriter(closed));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        return new CommandRun(cl.execute(args), "", err.toString());
    }

    @Test
    void aClosedStdoutEndsQuietlyWithExitZero() {
        Optional<Path> big = SharedEtl.find("ShutdownPerfDiagLogger.etl");
        Optional<Path> ps = SharedEtl.find("powershell.etl");
        assumeTrue(big.isPresent() && ps.isPresent(), SharedEtl.absent("ShutdownPerfDiagLogger.etl"));
        List<String[]> runs = new ArrayList<>();
        runs.add(new String[] {"etl-dump", big.get().toString()});
        runs.add(new String[] {"etl-dump", "--strict", big.get().toString()});
        runs.add(new String[] {"provider-dump", "--replay", ps.get().toString()});
        runs.add(new String[] {"scm-monitor", "--replay-demo"});
        for (String[] args : runs) {
            CommandRun run = runWithClosedStdout(args);
            assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isEqualTo(ExitCodes.OK);
            assertThat(run.err()).as(String.join(" ", args)).isEmpty();
        }
    }

    /** Runs {@code args} and also captures System.err (where slf4j-simple logs) during the run. */
    private static CommandRun runCapturingSystemErr(String[] args, StringBuilder systemErr) {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            return CommandRun.run(args);
        } finally {
            System.setErr(saved);
            systemErr.append(captured.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void offWindowsALiveSubcommandPrintsOneLineAndItsExitCode() {
        assumeFalse(System.getProperty("os.name", "").startsWith("Windows"), "this test is for other OSes");
        String[][] live = {
            {"scm-monitor"},
            {"provider-dump", "--guid", "A0C1853B-5C40-4B15-8766-3CF1C58F985A"},
            {"scm-calibrate", "--table", "absent-dir/t.properties", "--report", "absent-dir/r.json"},
            {"scm-preflight"},
            {"kernel-dump"}
        };
        int[] codes = {ExitCodes.FAILED, ExitCodes.FAILED, ExitCodes.FAILED, ExitCodes.PROBLEMS, ExitCodes.FAILED};
        for (int i = 0; i < live.length; i++) {
            StringBuilder systemErr = new StringBuilder();
            CommandRun run = runCapturingSystemErr(live[i], systemErr);
            String what = String.join(" ", live[i]);
            assertThat(run.exitCode()).as(what + ": " + run.err()).isEqualTo(codes[i]);
            assertThat(run.out()).as(what).isEmpty();
            assertThat(run.err().lines().toList()).as(what).hasSize(1);
            assertThat(run.err()).as(what).startsWith(live[i][0] + ": ").containsIgnoringCase("Windows");
            assertThat(systemErr.toString()).as(what + " logged").isEmpty();
        }
        CommandRun json = CommandRun.run("scm-preflight", "--json");
        assertThat(json.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(json.jsonLines()).hasSize(1);
        assertThat(json.jsonLines().get(0).get("check").asText()).isEqualTo("PLATFORM");
        assertThat(json.err()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"etl-dump", "scm-monitor", "provider-dump", "scm-preflight", "scm-calibrate",
        "kernel-dump"})
    void helpPointsToDocumentationAJarUserHas(String command) {
        CommandRun run = CommandRun.run(command, "--help");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains(CommandHelp.PROJECT_URL).contains("java -jar etw4j-samples.jar formats")
                .doesNotContain("etw-samples/").doesNotContain(".md");
    }

    @Test
    void formatsPrintsTheReferenceAsTextWithoutMarkdownSyntax() {
        CommandRun run = CommandRun.run("formats");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("The record object (etl-dump, provider-dump, kernel-dump, and record in "
                + "scm-monitor)\n----").contains("\nExit codes (every command)\n----").contains("\n  kind\n      type: string\n")
                .doesNotContain("## ").doesNotContain("|---").doesNotContain("```").doesNotContain("`");
        assertThat(run.out().lines().filter(l -> !l.startsWith("    "))) // code blocks are kept as they are
                .allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(130));
    }

    @Test
    void formatsPrintsTheReferenceShippedInTheJarWhichIsTheOneInTheRepository() throws IOException {
        CommandRun run = CommandRun.run("formats", "--markdown");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("## The record object").contains("## Exit codes");
        // Surefire runs in the module folder: the resource must be the same text as etw-samples/JSON-FORMAT.md.
        Path source = Path.of("JSON-FORMAT.md");
        assumeTrue(Files.isRegularFile(source), "not run from the etw-samples folder");
        assertThat(run.out()).isEqualTo(Files.readString(source, StandardCharsets.UTF_8));
    }
}
