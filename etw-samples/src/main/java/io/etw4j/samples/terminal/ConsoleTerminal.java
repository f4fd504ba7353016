package io.etw4j.samples.terminal;

import java.io.Console;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Whether the program runs interactively in a terminal, the test behind the samples' "only on a terminal" defaults
 * (the progress line). Up to Java 21 {@link System#console()} is null unless the JVM runs interactively (its javadoc:
 * "If the virtual machine is started from an interactive command line without redirecting the standard input and
 * output streams then its console will exist"). From Java 22 {@code System.console()} returns a console even when
 * the streams are redirected, and {@code Console.isTerminal()} (added in Java 22) says whether it is a terminal; the
 * code is compiled for Java 17, so that method is found by reflection and used when the running JVM has it. Like
 * {@code System.console()}, {@code isTerminal()} looks at standard input and output, not at stderr: a run whose stderr
 * alone is redirected still counts as a terminal. Stateless and thread-safe.
 */
public final class ConsoleTerminal {
    private static final Method IS_TERMINAL = isTerminalMethod(Console.class);

    private ConsoleTerminal() {
    }

    /** {@return whether this JVM runs in a terminal: its console's {@code isTerminal()}, or there being a console} */
    public static boolean present() {
        return isTerminal(System.console(), IS_TERMINAL);
    }

    /** {@return {@code type}'s public no-argument {@code boolean isTerminal()}, or null when it has none} */
    static Method isTerminalMethod(Class<?> type) {
        try {
            Method m = type.getMethod("isTerminal");
            return m.getReturnType() == boolean.class ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /**
     * The decision: no console is no terminal; a console whose runtime has {@code isTerminal} is one when that says
     * so (false when it cannot be called); a console of a runtime without it is one (Java 17 to 21).
     */
    static boolean isTerminal(Object console, Method isTerminal) {
        if (console == null) {
            return false;
        }
        if (isTerminal == null) {
            return true;
        }
        try {
            return (Boolean) isTerminal.invoke(console);
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            return false;
        }
    }
}
