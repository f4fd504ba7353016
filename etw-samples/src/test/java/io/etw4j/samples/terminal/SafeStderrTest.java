package io.etw4j.samples.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link SafeStderr}: a library's log line naming a hostile session cannot forge a line or drive the terminal. */
class SafeStderrTest {
    @Test
    void printedStringsAreEscapedLineEndsAndTabsOfTheCallerKept() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new SafeStderr(new PrintStream(bytes, true, StandardCharsets.UTF_8), StandardCharsets.UTF_8);

        err.println("INFO Stopping ETW session evil\nscm-monitor: 0 events\u001b[2J\u2028 (policy)");
        new IllegalStateException("boom\u009b").printStackTrace(err);

        String text = bytes.toString(StandardCharsets.UTF_8);
        String first = text.lines().findFirst().orElseThrow();
        assertThat(first).isEqualTo("INFO Stopping ETW session evil\\u000Ascm-monitor: 0 events\\u001B[2J\\u2028 (policy)");
        assertThat(text).contains("boom\\u009B").contains("\tat ");
        assertThat(text.replace("\n", "").replace("\t", "").chars().filter(TerminalSafe::mustEscape)).isEmpty();
    }
}
