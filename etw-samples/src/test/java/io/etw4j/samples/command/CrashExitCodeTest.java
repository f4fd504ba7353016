package io.etw4j.samples.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.samples.Etw4jSamples;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import reactor.core.publisher.Flux;

/**
 * Issue 19 item 2: a crash (an Error, an unexpected exception) ends a command with {@link ExitCodes#CRASHED} and one
 * line naming it, never with 0 or 1, and stdout keeps whole lines only.
 */
class CrashExitCodeTest {

    /** The samples' command line with scm-monitor reading {@code records} (an injected failing source). */
    private static CommandRun scmMonitorOver(Flux<EventRecord> records) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == ScmMonitorCommand.class) {
                    return cls.cast(new ScmMonitorCommand(records));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        };
        return CommandRun.run(Etw4jSamples.commandLine(factory), "scm-monitor");
    }

    private static Flux<EventRecord> oneEventThen(Throwable t) {
        return Flux.concat(Flux.just(ScmMonitorCommandTest.seedCreate("EvilSvc", "C:\\evil.exe")), Flux.error(t));
    }

    private static void assertCrashed(CommandRun run, String named) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.CRASHED).isNotIn(ExitCodes.OK,
                ExitCodes.PROBLEMS);
        assertThat(run.err().lines().filter(l -> l.contains("crashed"))).singleElement().asString()
                .startsWith("scm-monitor: crashed: " + named);
        assertThat(run.out()).endsWith("\n");
        assertThat(run.jsonLines()).hasSize(1); // the line written before the crash, whole
    }

    @Test
    void anOutOfMemoryErrorIsACrashNotAWarning() {
        assertCrashed(scmMonitorOver(oneEventThen(new OutOfMemoryError("Java heap space"))),
                "OutOfMemoryError: Java heap space");
    }

    @Test
    void aStackOverflowErrorIsACrash() {
        assertCrashed(scmMonitorOver(oneEventThen(new StackOverflowError())), "StackOverflowError");
    }

    @Test
    void anUnexpectedExceptionIsACrashAndAnExpectedFailureIsNot() {
        assertCrashed(scmMonitorOver(oneEventThen(new NullPointerException("defect"))),
                "NullPointerException: defect");

        CommandRun failed = scmMonitorOver(oneEventThen(new IllegalStateException("the source stopped")));
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILED);
    }

    @Test
    void anErrorThrownInsideTheCommandIsACrash() {
        // An Error thrown while the stream runs (in an operator, not signalled): picocli lets it through.
        Flux<EventRecord> records = Flux.just(ScmMonitorCommandTest.seedCreate("A", "C:\\a.exe"),
                ScmMonitorCommandTest.seedCreate("B", "C:\\b.exe")).map(r -> {
                    if (r.payload().length > 0 && r.payload()[0] == 'B') {
                        throw new StackOverflowError();
                    }
                    return r;
                });
        assertCrashed(scmMonitorOver(records), "StackOverflowError");
    }

    @Test
    void theCrashCodeIsDocumentedInTheHelpAndTheFormatsText() {
        assertThat(CommandRun.run("--help").out()).contains("4", "crashed");
        for (String command : new String[] {"etl-dump", "scm-monitor", "provider-dump", "kernel-dump",
            "scm-preflight", "scm-calibrate"}) {
            assertThat(CommandRun.run(command, "--help").out()).as(command).contains("crashed: an Error");
        }
        assertThat(FormatsCommand.text()).contains("| 4 |");
    }
}
