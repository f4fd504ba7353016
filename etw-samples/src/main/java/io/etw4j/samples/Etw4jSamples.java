package io.etw4j.samples;

import io.etw4j.samples.command.ByteStdout;
import io.etw4j.samples.command.CommandHelp;
import io.etw4j.samples.command.EtlDumpCommand;
import io.etw4j.samples.command.EtlSummaryCommand;
import io.etw4j.samples.command.ExitCodes;
import io.etw4j.samples.command.Failures;
import io.etw4j.samples.command.FormatsCommand;
import io.etw4j.samples.command.KernelDumpCommand;
import io.etw4j.samples.command.ProviderDumpCommand;
import io.etw4j.samples.command.SchemaExportCommand;
import io.etw4j.samples.command.ScmCalibrateCommand;
import io.etw4j.samples.command.ScmHistoryCommand;
import io.etw4j.samples.command.ScmMonitorCommand;
import io.etw4j.samples.command.ScmPreflightCommand;
import io.etw4j.json.OutputClosedException;
import io.etw4j.samples.terminal.SafeStderr;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * The etw4j sample programs, one executable jar with a subcommand per program:
 * {@code java -jar etw4j-samples.jar <subcommand> --help}.
 *
 * <p>Every subcommand writes its results (JSON lines or a report) to stdout and everything else (warnings, problems,
 * statistics, log messages) to stderr, so that stdout can be piped into {@code jq} or a file unchanged. Exit codes
 * are those of {@link ExitCodes}. The programs use only the public API of etw-core, etw-decode and etw-scm. The
 * subcommands live in {@link io.etw4j.samples.command}, their JSON writer is etw-json's {@link io.etw4j.json.JsonLinesWriter}.
 */
@Command(name = "etw4j-samples",
        mixinStandardHelpOptions = true,
        versionProvider = CommandHelp.Version.class,
        description = "etw4j sample programs: Event Tracing for Windows from Java, live or from .etl files.",
        subcommands = {
            CommandLine.HelpCommand.class,
            EtlDumpCommand.class,
            EtlSummaryCommand.class,
            ScmMonitorCommand.class,
            ScmHistoryCommand.class,
            ProviderDumpCommand.class,
            KernelDumpCommand.class,
            ScmPreflightCommand.class,
            ScmCalibrateCommand.class,
            SchemaExportCommand.class,
            FormatsCommand.class
        },
        footerHeading = "%nDocumentation:%n",
        footer = {CommandHelp.DOCS_LINE_1, CommandHelp.DOCS_LINE_2},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ran to the end, nothing to report",
            "1:ran to the end, problems found (described on stderr)",
            "2:bad command line",
            "3:could not run or stopped early (reason on stderr)",
            CommandHelp.CRASHED_EXIT_LINE
        })
public final class Etw4jSamples implements Runnable {
    /** Heap freed when the process crashes, so that the line naming an OutOfMemoryError can still be written. */
    @SuppressWarnings("unused")
    private static volatile byte[] reserve = new byte[1 << 18];

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Entry point of the jar: runs the command line and exits with its code. Stdout is written as UTF-8 through a
     * 64 KiB buffer straight to file descriptor 1 ({@link ByteStdout}: JSON lines go there as bytes) (not through {@code System.out}, which hides write errors), so that a
     * closed pipe ({@code etl-dump big.etl | head}) stops the command instead of letting it read on. System.err
     * becomes a {@link SafeStderr}, so that the libraries' log lines are escaped for the terminal too.
     *
     * @param args the command line: a subcommand and its options
     */
    public static void main(String[] args) {
        PrintWriter out = ByteStdout.over(new FileOutputStream(FileDescriptor.out));
        PrintWriter[] err = {null};
        // A thread other than this one that dies of an uncaught exception or Error (a defect): one line, the lines
        // written so far (whole lines only: the JSON writers hand whole lines to `out`), exit code 4.
        Thread.setDefaultUncaughtExceptionHandler((thread, t) ->
                crash("etw4j-samples (thread " + thread.getName() + ")", t, out, err[0]));
        try {
            // Before anything logs: the libraries' log lines (slf4j-simple, System.err) are escaped like the commands'.
            String encoding = System.getProperty("sun.stderr.encoding"); // the console's, when stderr is one (JDK 17)
            System.setErr(new SafeStderr(System.err, encoding != null && Charset.isSupported(encoding)
                    ? Charset.forName(encoding) : Charset.defaultCharset()));
            CommandLine cl = commandLine();
            cl.setOut(out);
            err[0] = cl.getErr();
            int code = cl.execute(args);
            out.flush();
            System.exit(code);
        } catch (Throwable t) {
            // An Error before or around the command (building the command line under a tiny heap, say), or one the
            // crash handling itself ran into: never the JVM's exit 1 for an uncaught throwable.
            crash("etw4j-samples", t, out, err[0]);
        }
    }

    /**
     * Ends the process after a crash: one line naming it (when there is memory to write it: the reserve is freed
     * first), the whole lines written so far, exit code {@link ExitCodes#CRASHED}. System.exit runs the shutdown hooks
     * (which stop a live session); if even that fails, the process halts with the same code.
     */
    private static void crash(String who, Throwable t, PrintWriter out, PrintWriter err) {
        reserve = null;
        try {
            Failures.crashed(who, t, err != null ? err : new PrintWriter(System.err, true));
            out.flush();
        } catch (Throwable ignored) {
            // nothing more can be said; the exit code still tells
        }
        try {
            System.exit(ExitCodes.CRASHED);
        } finally {
            Runtime.getRuntime().halt(ExitCodes.CRASHED);
        }
    }

    /**
     * A new command line for the samples, with the exit-code mapping of {@link ExitCodes}: a usage error gives
     * {@link ExitCodes#USAGE}, an expected failure a command did not handle (an .etl read error, a failed ETW call)
     * gives {@link ExitCodes#FAILED} with its message on stderr, an Error or an unexpected exception gives
     * {@link ExitCodes#CRASHED} with one line naming it ({@link Failures#isCrash}). Tests set its out/err writers and
     * call {@code execute}.
     *
     * @return the command line, ready to {@code execute}
     */
    public static CommandLine commandLine() {
        return commandLine(CommandLine.defaultFactory());
    }

    /**
     * As {@link #commandLine()}, with the subcommands created by {@code factory}: a program (or a test) that runs a
     * command over a host of its own, such as a fake native layer.
     *
     * @param factory creates the command objects
     * @return the command line, ready to {@code execute}
     */
    public static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine cl = new CommandLine(new Etw4jSamples(), factory);
        cl.setExecutionExceptionHandler(new FailureHandler());
        cl.setExecutionStrategy(Etw4jSamples::executeCatchingCrashes);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println(Failures.safe(ex.getMessage()));
            ex.getCommandLine().usage(err);
            return ExitCodes.USAGE;
        });
        return cl;
    }

    @Override
    public void run() {
        // No subcommand: the parameter exception handler prints this message and the usage.
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /**
     * Picocli's {@code RunLast}, except that an {@link Error} thrown by the command (which picocli lets through) ends
     * in {@link ExitCodes#CRASHED} and one line on stderr instead of an uncaught Error (exit 1, a stack trace).
     */
    private static int executeCatchingCrashes(ParseResult parseResult) {
        try {
            return new CommandLine.RunLast().execute(parseResult);
        } catch (CommandLine.ParameterException | CommandLine.ExecutionException e) {
            throw e; // the parameter and execution exception handlers take these
        } catch (Throwable t) {
            List<CommandLine> commands = parseResult.asCommandLineList();
            CommandLine last = commands.get(commands.size() - 1);
            if (outputClosed(t)) {
                return ExitCodes.OK;
            }
            return Failures.crashed(last.getCommandName(), t, last.getErr());
        }
    }

    /**
     * Prints an unhandled exception's message (not its stack trace) to stderr and returns {@link ExitCodes#FAILED};
     * a crash ({@link Failures#isCrash}) gives {@link ExitCodes#CRASHED} instead.
     */
    private static final class FailureHandler implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
            if (outputClosed(ex)) {
                // The reader of stdout went away (... | head): it has what it wanted; end quietly.
                return ExitCodes.OK;
            }
            PrintWriter err = cl.getErr();
            if (Failures.isCrash(ex)) {
                return Failures.crashed(cl.getCommandName(), ex, err);
            }
            err.println(cl.getCommandName() + ": " + CommandHelp.describe(ex));
            if (Boolean.getBoolean("etw4j.samples.stacktrace")) {
                ex.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.FAILED;
        }
    }

    /** True if {@code t} or one of its causes is an {@link OutputClosedException}. */
    static boolean outputClosed(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutputClosedException) {
                return true;
            }
        }
        return false;
    }
}
