package io.etw4j.samples.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Console;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/** The terminal decision, with and without a runtime's {@code Console.isTerminal()} (Java 22+). */
class ConsoleTerminalTest {
    /** Stands in for a Java 22+ console: a non-null console that may or may not be a terminal. */
    public static final class Jdk22Console {
        private final boolean terminal;

        Jdk22Console(boolean terminal) {
            this.terminal = terminal;
        }

        public boolean isTerminal() {
            return terminal;
        }
    }

    /** A console whose isTerminal fails. */
    public static final class BrokenConsole {
        public boolean isTerminal() {
            throw new IllegalStateException("no");
        }
    }

    @Test
    void onARuntimeWithIsTerminalARedirectedConsoleIsNoTerminal() {
        Method m = ConsoleTerminal.isTerminalMethod(Jdk22Console.class);
        assertThat(m).isNotNull();
        assertThat(ConsoleTerminal.isTerminal(new Jdk22Console(false), m)).isFalse();
        assertThat(ConsoleTerminal.isTerminal(new Jdk22Console(true), m)).isTrue();
        assertThat(ConsoleTerminal.isTerminal(new BrokenConsole(), ConsoleTerminal.isTerminalMethod(BrokenConsole.class)))
                .isFalse();
    }

    @Test
    void onARuntimeWithoutItAConsoleIsATerminalAndNoConsoleIsNone() {
        assertThat(ConsoleTerminal.isTerminalMethod(Object.class)).isNull();
        assertThat(ConsoleTerminal.isTerminal(new Object(), null)).isTrue();
        assertThat(ConsoleTerminal.isTerminal(null, null)).isFalse();
        assertThat(ConsoleTerminal.isTerminal(null, ConsoleTerminal.isTerminalMethod(Jdk22Console.class))).isFalse();
    }

    @Test
    void theRunningJvmsConsoleClassIsLookedUpAsItIs() {
        boolean has = Runtime.version().feature() >= 22;
        assertThat(ConsoleTerminal.isTerminalMethod(Console.class) != null).isEqualTo(has);
        // under surefire the streams are redirected: no terminal on any runtime
        assertThat(ConsoleTerminal.present()).isFalse();
    }
}
