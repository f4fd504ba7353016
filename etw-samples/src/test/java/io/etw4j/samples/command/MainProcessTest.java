package io.etw4j.samples.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.samples.Etw4jSamples;
import io.etw4j.samples.terminal.TerminalSafe;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's real {@code main} in a JVM of its own (System.exit, the escaping System.err, stdout straight to file
 * descriptor 1): exit codes and streams as a shell sees them.
 */
class MainProcessTest {
    @TempDir
    Path dir;

    private record Result(int exitCode, String out, String err) {
    }

    private Result main(String... args) throws Exception {
        return java(List.of(), args);
    }

    private Result java(List<String> jvmOptions, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Etw4jSamples.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        // A generous bound against a hung child, not a timing assertion.
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the samples main did not end");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theDemoReplayEndsWithZeroAndWholeLinesAndStderrCarriesNoRawControls() throws Exception {
        Result r = main("scm-monitor", "--replay-demo");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).endsWith("\n");
        r.out().lines().forEach(CommandRun::parseObject);
        assertThat(r.err()).contains("scm-monitor: ");
        assertThat(r.err().replace("\n", "").chars().filter(TerminalSafe::mustEscape)).isEmpty();
    }

    @Test
    void aHostileFileNameIsOneEscapedLineAndExitCodeThree() throws Exception {
        Path f = Files.writeString(dir.resolve("a\n\u001b[2Jetl-dump: forged.etl"), "not an etl file");
        Result r = main("etl-dump", f.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).singleElement().asString().contains("a\\u000A\\u001B[2Jetl-dump: forged.etl");
    }

    @Test
    void aRealOutOfMemoryErrorEndsWithExitCodeFourOneLineAndWholeJsonLines() throws Exception {
        java.util.Optional<Path> capture = SharedEtl.find("net.4.5.2.x64.etl");
        org.junit.jupiter.api.Assumptions.assumeTrue(capture.isPresent(), SharedEtl.absent("net.4.5.2.x64.etl"));
        // 10 MiB of heap: the decoded dump of this 4.9 MB capture runs out of it part way through (on this JDK; a
        // JVM that manages must then end with 0, never with 1 or half a line).
        Result r = java(List.of("-Xmx10m"), "etl-dump", "--decode", "--time-order", capture.get().toString());

        assertThat(r.exitCode()).as(r.err()).isIn(ExitCodes.OK, ExitCodes.CRASHED);
        if (r.exitCode() == ExitCodes.CRASHED) {
            assertThat(r.err().lines().filter(l -> l.contains("crashed"))).singleElement().asString()
                    .startsWith("etl-dump: crashed: OutOfMemoryError");
            assertThat(r.err()).doesNotContain("throwIfFatal");
        }
        assertThat(r.out()).as(r.err()).isNotEmpty().endsWith("\n");
        r.out().lines().forEach(CommandRun::parseObject);
    }

    @Test
    void etlDumpIntoAPipeClosedAfterOneLineStopsWithZero() throws Exception {
        java.util.Optional<Path> capture = SharedEtl.find("net.4.5.2.x64.etl");
        org.junit.jupiter.api.Assumptions.assumeTrue(capture.isPresent(), SharedEtl.absent("net.4.5.2.x64.etl"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Etw4jSamples.class.getName(), "etl-dump",
                capture.get().toString());
        Path err = dir.resolve("stderr");
        // etl-dump FILE | head -1: the lines go to stdout as bytes (ByteStdout); 75 MB of them, far more than a pipe
        // holds, so the dump meets the closed pipe.
        Process p = new ProcessBuilder(command).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String first;
        try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            first = r.readLine();
        }
        if (!p.waitFor(5, TimeUnit.MINUTES)) { // a bound against a hung child, not a timing assertion
            p.destroyForcibly();
            throw new AssertionError("etl-dump did not stop at the closed pipe");
        }
        assertThat(p.exitValue()).as(Files.readString(err, StandardCharsets.UTF_8)).isEqualTo(ExitCodes.OK);
        assertThat(CommandRun.parseObject(first).get("kind").asText()).isEqualTo("LOGFILE_HEADER");
    }
}
