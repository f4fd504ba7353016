package io.etw4j.samples.command;

import io.etw4j.core.EtwException;
import io.etw4j.decode.ManifestException;
import io.etw4j.json.OutputClosedException;
import io.etw4j.samples.terminal.TerminalSafe;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import reactor.core.Exceptions;

/**
 * Tells a failure a command expects (exit {@link ExitCodes#FAILED}: a file that cannot be read, an ETW call that
 * failed, a manifest or message table that does not load) from a crash (exit {@link ExitCodes#CRASHED}: an
 * {@link Error} such as OutOfMemoryError or StackOverflowError anywhere in the cause chain, or any other exception,
 * which only a defect or an input that found one can throw), and writes the one stderr line of a crash. Stateless.
 */
public final class Failures {
    private Failures() {
    }

    /**
     * {@return true if {@code t} is a crash}: an {@link Error} is in its cause chain, or, once picocli's and Reactor's
     * wrappers are taken off, it is none of the failures the commands expect: {@link EtwException} (the .etl reader's,
     * ETW's, the message table's), {@link ManifestException}, {@link IOException} or {@link UncheckedIOException},
     * {@link OutputClosedException}, and {@link IllegalStateException} or {@link IllegalArgumentException}, which the
     * libraries and the hosts throw for documented failure states (a session that cannot start, an SCM that cannot be
     * opened, a source that failed). A NullPointerException, an IndexOutOfBoundsException, a ClassCastException, an
     * ArithmeticException and the like are crashes: only a defect throws them.
     *
     * @param t what a command threw
     */
    public static boolean isCrash(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof Error) {
                return true;
            }
        }
        Throwable u = t;
        while ((u instanceof CommandLine.ExecutionException || Exceptions.unwrap(u) != u) && u.getCause() != null
                && u.getCause() != u) {
            u = u instanceof CommandLine.ExecutionException ? u.getCause() : Exceptions.unwrap(u);
        }
        return !(u instanceof EtwException || u instanceof ManifestException || u instanceof IOException
                || u instanceof UncheckedIOException || u instanceof OutputClosedException
                || u instanceof IllegalStateException || u instanceof IllegalArgumentException);
    }

    /**
     * Prints {@code <command>: crashed: <description>} (escaped, one line) to {@code err}, and the stack trace if the
     * system property {@code etw4j.samples.stacktrace} is true. Never throws: a crash while reporting a crash (another
     * OutOfMemoryError) still ends in {@link ExitCodes#CRASHED}.
     *
     * @return {@link ExitCodes#CRASHED}
     */
    public static int crashed(String command, Throwable t, PrintWriter err) {
        try {
            err.println(command + ": crashed: " + CommandHelp.describe(t) + " (exit code " + ExitCodes.CRASHED
                    + "; -Detw4j.samples.stacktrace=true prints the stack trace)");
            if (Boolean.getBoolean("etw4j.samples.stacktrace")) {
                t.printStackTrace(err);
            }
            err.flush();
        } catch (Throwable ignored) {
            // Nothing more can be said; the exit code still tells.
        }
        return ExitCodes.CRASHED;
    }

    /**
     * {@return {@code text} escaped for a terminal} ({@link TerminalSafe#escape}, the one escaping function; this is
     * its short name in the commands)
     *
     * @param text input text, or an object whose {@code toString()} carries some
     */
    public static String safe(Object text) {
        return TerminalSafe.escape(text);
    }
}
