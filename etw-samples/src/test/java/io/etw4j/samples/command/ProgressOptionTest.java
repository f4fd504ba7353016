package io.etw4j.samples.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** When progress is shown: the explicit option, else whether stderr is a terminal (a fake one here). */
class ProgressOptionTest {
    @TempDir
    Path dir;

    private static ProgressOption parsed(String... args) {
        ProgressOption o = new ProgressOption();
        new CommandLine(o).parseArgs(args);
        return o;
    }

    @Test
    void aTerminalShowsItByDefaultAPipeDoesNotAndTheOptionsDecide() {
        ProgressOption terminal = parsed();
        terminal.terminal = () -> true;
        assertThat(terminal.shown()).isTrue();
        ProgressOption pipe = parsed();
        pipe.terminal = () -> false;
        assertThat(pipe.shown()).isFalse();
        ProgressOption forced = parsed("--progress");
        forced.terminal = () -> false;
        assertThat(forced.shown()).isTrue();
        ProgressOption off = parsed("--no-progress");
        off.terminal = () -> true;
        assertThat(off.shown()).isFalse();
    }

    @Test
    void aRunNotOnATerminalWritesNoProgressLine() throws Exception {
        Path etl = Files.write(dir.resolve("scenario.etl"), ScmScenarioCapture.build());
        // under surefire the streams are redirected (no console, or on Java 22+ one that is no terminal): silence
        CommandRun run = CommandRun.run("etl-dump", etl.toString());
        assertThat(run.err()).doesNotContain("\r");
        CommandRun off = CommandRun.run("etl-summary", "--no-progress", etl.toString());
        assertThat(off.err()).doesNotContain("\r");
    }

    @Test
    void theTotalIsTheSumOfTheFilesSizes() throws Exception {
        Path a = Files.write(dir.resolve("a"), new byte[10]);
        Path b = Files.write(dir.resolve("b"), new byte[5]);
        assertThat(ProgressOption.totalSize(java.util.List.of(a, b, dir.resolve("missing")))).isEqualTo(15);
    }
}
