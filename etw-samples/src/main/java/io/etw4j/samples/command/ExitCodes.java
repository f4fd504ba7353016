package io.etw4j.samples.command;

/**
 * The exit codes every subcommand of {@code etw4j-samples} uses, so that scripts can tell "ran and found nothing
 * wrong" from "ran and found problems" from "could not run".
 *
 * <ul>
 *   <li>{@link #OK} 0: the command ran to its end and found nothing to report.</li>
 *   <li>{@link #PROBLEMS} 1: the command ran to its end but found problems, described on stderr (a preflight problem,
 *       records the .etl reader had to skip, events ETW reported lost).</li>
 *   <li>{@link #USAGE} 2: the command line was wrong (picocli's usage error code); the usage goes to stderr.</li>
 *   <li>{@link #FAILED} 3: the command could not run or stopped early (an input missing, unreadable or not a regular
 *       file, an output refused, live tracing on a non-Windows OS, an ETW call failed); the reason goes to
 *       stderr.</li>
 *   <li>{@link #CRASHED} 4: the command crashed: an {@link Error} (OutOfMemoryError, StackOverflowError) or an
 *       exception no command expects (a defect, or an input that found one); one line naming it goes to stderr
 *       ({@code <command>: crashed: <Error or exception class>: <message>}). Stdout ends with the last whole line
 *       written before it: JSON lines are written whole or not at all.</li>
 * </ul>
 */
public final class ExitCodes {
    /** Ran to the end, nothing to report. */
    public static final int OK = 0;
    /** Ran to the end, problems found and described on stderr. */
    public static final int PROBLEMS = 1;
    /** Bad command line (picocli's {@code CommandLine.ExitCode.USAGE}). */
    public static final int USAGE = 2;
    /** Could not run, or stopped early; the reason is on stderr. */
    public static final int FAILED = 3;
    /** Crashed: an Error or an unexpected exception; one line naming it is on stderr. */
    public static final int CRASHED = 4;

    private ExitCodes() {
    }
}
