package io.etw4j.samples.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class Etw4jSamplesTest {

    @Test
    void noSubcommandIsAUsageError() {
        CommandRun run = CommandRun.run();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("a subcommand is required").contains("Usage: etw4j-samples");
    }

    @Test
    void anUnknownOptionIsAUsageErrorOnStderr() {
        CommandRun run = CommandRun.run("scm-preflight", "--no-such-option");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--no-such-option");
    }

    @Test
    void topLevelHelpListsEverySubcommand() {
        CommandRun run = CommandRun.run("--help");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("etl-dump").contains("scm-monitor").contains("provider-dump")
                .contains("scm-preflight").contains("kernel-dump").contains("Exit codes:");
    }

    @Test
    void everySubcommandHasHelpWithExitCodes() {
        for (String sub : new String[] {"etl-dump", "scm-monitor", "provider-dump", "scm-preflight", "kernel-dump"}) {
            CommandRun run = CommandRun.run(sub, "--help");
            assertThat(run.exitCode()).as(sub).isEqualTo(ExitCodes.OK);
            assertThat(run.out()).as(sub).contains("Usage: etw4j-samples " + sub).contains("Exit codes:")
                    .contains("  3   ");
        }
    }

    @Test
    void describeChainsCauses() {
        String d = CommandHelp.describe(new IllegalStateException("outer", new IOException("inner")));
        assertThat(d).isEqualTo("IllegalStateException: outer <- IOException: inner");
    }

    /** The samples show how to use etw4j, so they may use only its public API (style guide, samples rule). */
    @Test
    void samplesImportNoInternalPackage() throws IOException {
        Path sources = Path.of("src/main/java");
        assertThat(sources).isDirectory();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(sources)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> {
                        try {
                            return Files.readAllLines(p).stream()
                                    .anyMatch(l -> l.startsWith("import") && l.contains(".internal."));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(Path::toString)
                    .collect(Collectors.toList());
        }
        assertThat(offenders).isEmpty();
    }
}
