package io.etw4j.samples.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.etw4j.scm.preflight.ScmPreflight.Check;
import io.etw4j.scm.preflight.ScmPreflight.Finding;
import io.etw4j.scm.preflight.ScmPreflight.Status;
import io.etw4j.scm.preflight.ScmPreflight;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ScmPreflightCommandTest {

    private static CommandRun runWith(ScmPreflight report, String... args) {
        CommandLine cl = new CommandLine(new ScmPreflightCommand(() -> report));
        return CommandRun.run(cl, args);
    }

    private static ScmPreflight windowsReport(Finding... more) {
        List<Finding> findings = new java.util.ArrayList<>();
        findings.add(new Finding(Check.PLATFORM, Status.OK, "Windows (Windows 11)", Optional.empty()));
        findings.addAll(List.of(more));
        return new ScmPreflight(true, findings);
    }

    @Test
    void onThisNonWindowsMachineSaysNotWindowsAndExitsWithProblems() {
        assumeFalse(System.getProperty("os.name", "").startsWith("Windows"),
                "this test checks the non-Windows report; on Windows the real checks run");
        CommandRun run = CommandRun.run("scm-preflight");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("scm-preflight: not Windows").contains("scm-monitor --replay FILE")
                .hasLineCount(1);
    }

    @Test
    void allChecksOkExitsZeroAndSaysReady() {
        CommandRun run = runWith(windowsReport(
                new Finding(Check.ELEVATION, Status.OK, "elevated", Optional.empty())));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("ELEVATION").contains("elevated").endsWith("Ready." + System.lineSeparator());
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aWarningIsPrintedWithItsRemedyButDoesNotFail() {
        CommandRun run = runWith(windowsReport(new Finding(Check.LOGGER_SLOTS, Status.WARNING,
                "60 of 64 sessions in use", Optional.of("stop unused sessions with logman stop NAME -ets"))));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("-> stop unused sessions with logman stop NAME -ets")
                .contains("Ready, with warnings");
    }

    @Test
    void aProblemIsPrintedWithItsRemedyAndExitsWithProblems() {
        CommandRun run = runWith(windowsReport(
                new Finding(Check.ELEVATION, Status.PROBLEM, "not elevated", Optional.of("run as Administrator")),
                new Finding(Check.SCM_TRACING_DISABLED, Status.UNKNOWN, "registry unreadable", Optional.empty())));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(run.out()).contains("PROBLEM  ELEVATION").contains("-> run as Administrator")
                .contains("UNKNOWN").doesNotContain("Ready");
        assertThat(run.err()).contains("1 problem(s) found");
    }

    @Test
    void theScmProviderHolderIsPrintedWithItsRemedyAndIsOnlyAWarning() {
        CommandRun run = runWith(windowsReport(new Finding(Check.SCM_WPP_HOLDER, Status.WARNING,
                "the SCM WPP provider is held by session 'SCM' (services.exe's own): enabling it from etw4j takes it "
                        + "from that session",
                Optional.of("Nothing to do for etw4j"))));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("WARNING  SCM_WPP_HOLDER")
                .contains("held by session 'SCM' (services.exe's own)").contains("-> Nothing to do for etw4j")
                .contains("Ready, with warnings");
    }

    @Test
    void helpNamesTheHolderCheck() {
        CommandRun run = CommandRun.run("scm-preflight", "--help");
        assertThat(run.out()).contains("which session holds the SCM WPP");
    }

    @Test
    void jsonPrintsOneObjectPerFinding() {
        CommandRun run = runWith(windowsReport(
                new Finding(Check.ELEVATION, Status.PROBLEM, "not elevated", Optional.of("run as Administrator"))),
                "--json");
        List<JsonNode> lines = run.jsonLines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("check").asText()).isEqualTo("PLATFORM");
        assertThat(lines.get(0).get("remedy").isNull()).isTrue();
        assertThat(lines.get(1).get("status").asText()).isEqualTo("PROBLEM");
        assertThat(lines.get(1).get("remedy").asText()).isEqualTo("run as Administrator");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
    }

    @Test
    void helpListsTheExitCodes() {
        CommandRun run = CommandRun.run("scm-preflight", "--help");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Exit codes:").contains("at least one problem found");
    }
}
