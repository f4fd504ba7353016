package io.etw4j.samples.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link TerminalSafe}: the one escaping of input text on its way to a terminal. */
class TerminalSafeTest {

    @Test
    void everyControlLineSeparatorAndBidiControlIsEscapedAndNothingElse() {
        for (int c = 0; c <= 0xFFFF; c++) {
            boolean expected = c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029
                    || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F
                    || c == 0x61C;
            assertThat(TerminalSafe.mustEscape(c)).as("U+%04X", c).isEqualTo(expected);
            String escaped = TerminalSafe.escape("<" + (char) c + ">");
            assertThat(escaped).as("U+%04X", c).isEqualTo(expected
                    ? String.format("<\\u%04X>", c) : "<" + (char) c + ">");
        }
    }

    @Test
    void aForgedLineStaysOnItsLine() {
        String name = "x.etl\netl-dump: 0 records, 0 errors\r\u001b[2K";
        String escaped = TerminalSafe.escape("etl-dump: cannot read " + name);
        assertThat(escaped).doesNotContain("\n", "\r", "\u001b")
                .isEqualTo("etl-dump: cannot read x.etl\\u000Aetl-dump: 0 records, 0 errors\\u000D\\u001B[2K");
        assertThat(TerminalSafe.escape("C:\\Windows\\x.etl")).isEqualTo("C:\\Windows\\x.etl");
        assertThat(TerminalSafe.escape(null)).isEqualTo("null");
        String plain = "plain text";
        assertThat(TerminalSafe.escape(plain)).isSameAs(plain);
    }
}
