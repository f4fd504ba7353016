package io.etw4j.samples.command;

import picocli.CommandLine;

/**
 * What every subcommand's {@code --help} and {@code --version} share: the documentation footer, the version from the
 * jar manifest, and the one-line description of a failure on stderr. Constants and stateless methods only.
 */
public final class CommandHelp {
    /** The project's home, where the README and the samples' README live. */
    public static final String PROJECT_URL = "https://github.com/etw4j/etw4j";
    /** First line of every {@code --help} footer: where the JSON fields are described, from the jar itself. */
    public static final String DOCS_LINE_1 =
            "JSON fields, stderr lines and exit codes: java -jar etw4j-samples.jar formats";
    /** The exit-code line of a crash ({@link ExitCodes#CRASHED}) in every {@code --help}. */
    public static final String CRASHED_EXIT_LINE = "4:crashed: an Error (OutOfMemoryError, StackOverflowError) or an "
            + "unexpected exception, named in one line on stderr; stdout ends with the last whole line written";
    /** Second line of every {@code --help} footer. */
    public static final String DOCS_LINE_2 = "Project, README and examples: " + PROJECT_URL;

    private CommandHelp() {
    }

    /**
     * {@return one line describing {@code t} and its causes}: each one's simple class name and message, joined by
     * {@code " <- "}, escaped for a terminal ({@link io.etw4j.samples.terminal.TerminalSafe#escape}: messages carry input
     * text, such as file names and manifest lines).
     *
     * @param t the failure
     */
    public static String describe(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (b.length() > 0) {
                b.append(" <- ");
            }
            b.append(c.getClass().getSimpleName());
            if (c.getMessage() != null) {
                b.append(": ").append(c.getMessage());
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return Failures.safe(b);
    }

    /** The version from the jar manifest, or "(development build)" when run from classes. Stateless. */
    public static final class Version implements CommandLine.IVersionProvider {
        /** Picocli creates it. */
        public Version() {
        }

        @Override
        public String[] getVersion() {
            String v = CommandHelp.class.getPackage().getImplementationVersion();
            return new String[] {"etw4j-samples " + (v == null ? "(development build)" : v)};
        }
    }
}
