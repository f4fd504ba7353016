package io.etw4j.samples.command;

import io.etw4j.json.JsonLinesWriter;
import io.etw4j.scm.preflight.ScmPreflight;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scm-preflight}: runs {@link ScmPreflight#run()} and prints each finding with its remedy, one per line
 * (or one JSON object per line with {@code --json}), including {@link ScmPreflight.Check#SCM_WPP_HOLDER} (which
 * session holds the SCM WPP provider now) and {@link ScmPreflight.Check#SCM_SESSION_MODE} (whether a monitor would
 * share services.exe's "SCM" session or enable the provider privately, with which flags). Exits {@link ExitCodes#PROBLEMS} when any finding is a
 * {@link ScmPreflight.Status#PROBLEM}; on a non-Windows OS the only finding is the "not Windows" problem, so it exits
 * {@link ExitCodes#PROBLEMS} there too. Warnings and checks that could not run are printed but do not change the
 * exit code.
 */
@Command(name = "scm-preflight",
        mixinStandardHelpOptions = true,
        versionProvider = CommandHelp.Version.class,
        description = {
            "Checks this machine for what live SCM attribution needs, with remedies.",
            "",
            "Checks: Windows; elevation; the SCM WPP provider and Microsoft-Windows-Services registered; "
                + "the TracingDisabled registry value; a free trace session slot; which session holds the SCM WPP "
                + "provider now; which mode a monitor would use (SHARE: services.exe's own 'SCM' session is "
                + "consumed, not taken from; PRIVATE: the provider is enabled in the monitor's session with the "
                + "registry's Flags). Prints each finding and its remedy to stdout (one JSON object per finding "
                + "with --json)."
        },
        footerHeading = "%nDocumentation:%n",
        footer = {CommandHelp.DOCS_LINE_1, CommandHelp.DOCS_LINE_2},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no problem found (warnings may be printed)",
            "1:at least one problem found, including \"not Windows\"",
            "2:bad command line",
            "3:the checks could not run (reason on stderr)",
            CommandHelp.CRASHED_EXIT_LINE
        })
public final class ScmPreflightCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "One JSON object per finding: check, status, detail, remedy.")
    private boolean json;

    private final Supplier<ScmPreflight> preflight;

    /** The command, checking this machine. */
    public ScmPreflightCommand() {
        this(ScmPreflight::run);
    }

    /** The command, reporting what {@code preflight} returns (tests use a fixed report). */
    ScmPreflightCommand(Supplier<ScmPreflight> preflight) {
        this.preflight = preflight;
    }

    @Override
    public Integer call() {
        ScmPreflight report = preflight.get();
        PrintWriter out = spec.commandLine().getOut();
        if (!report.windows() && !json) {
            // Off Windows the only finding is "not Windows": one line, no report around it.
            PrintWriter err = spec.commandLine().getErr();
            err.println("scm-preflight: not Windows (" + System.getProperty("os.name", "unknown") + "): live SCM "
                    + "monitoring is not possible here; 'scm-monitor --replay FILE' works on any OS");
            err.flush();
            return ExitCodes.PROBLEMS;
        }
        if (json) {
            JsonLinesWriter lines = JsonLinesWriter.nativeLines(out).flushEachLine(true).build();
            for (ScmPreflight.Finding f : report.findings()) {
                lines.write(f);
            }
        } else {
            // Findings name sessions and providers of this host, which any process may choose: escaped per line.
            String[] parts = report.toText().split("\n", -1);
            for (int i = 0; i < parts.length; i++) {
                out.print(i == 0 ? "" : "\n");
                out.print(Failures.safe(parts[i]));
            }
            if (!report.windows()) {
                out.println("This is not Windows: live SCM monitoring is not possible here; "
                        + "'scm-monitor --replay FILE' works on any OS.");
            } else if (report.ok()) {
                out.println(report.problems().isEmpty() ? "Ready." : "Ready, with warnings (see above).");
            }
        }
        out.flush();
        if (!report.ok() && report.windows()) {
            PrintWriter err = spec.commandLine().getErr();
            long problems = report.findings().stream()
                    .filter(f -> f.status() == ScmPreflight.Status.PROBLEM).count();
            err.println("scm-preflight: " + problems + " problem(s) found");
            err.flush();
            return ExitCodes.PROBLEMS;
        }
        return report.ok() ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }
}
