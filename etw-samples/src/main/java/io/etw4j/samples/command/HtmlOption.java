package io.etw4j.samples.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --html OUT} and {@code --force} options of the commands that can draw their events as one
 * self-contained HTML page (io.etw4j.samples.summary.SummaryPage). The file is checked before anything is read and
 * written through {@link OutputFile} (created new, never through a symbolic link; {@code --force} replaces an
 * existing regular file). A picocli mixin; one instance per command line.
 */
final class HtmlOption {
    @Option(names = "--html", paramLabel = "OUT",
            description = "Also write a self-contained HTML page (timeline per provider, SCM acts per client "
                    + "process) to OUT; an existing file is refused without --force, a symbolic link always.")
    Path html;

    @Option(names = "--force", description = "With --html: replace an existing regular file.")
    boolean force;

    private OutputFile planned;

    /** {@return true if no --html was given or OUT may be written; else prints why and returns false} */
    boolean plan(String command, PrintWriter err) {
        if (html == null) {
            return true;
        }
        try {
            planned = OutputFile.plan(html, force);
            return true;
        } catch (OutputFile.RefusedException e) {
            err.println(command + ": cannot write --html: " + e.getMessage());
            err.flush();
            return false;
        }
    }

    /** {@return true if the page was written (or none was asked for); else prints why and returns false} */
    boolean write(String command, byte[] page, PrintWriter err) {
        if (planned == null) {
            return true;
        }
        try {
            planned.write(page);
            err.println(command + ": wrote " + Failures.safe(planned.target()));
            return true;
        } catch (IOException e) {
            err.println(command + ": cannot write " + Failures.safe(planned.target()) + ": "
                    + (e instanceof OutputFile.RefusedException ? e.getMessage() : InputFile.reason(e)));
            return false;
        }
    }
}
