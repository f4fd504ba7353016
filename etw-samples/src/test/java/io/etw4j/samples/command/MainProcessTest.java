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
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Etw4jSamples.class.getName()));
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
}
