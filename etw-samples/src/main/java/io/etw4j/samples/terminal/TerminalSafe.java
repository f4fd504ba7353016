package io.etw4j.samples.terminal;

import io.etw4j.json.JsonEscapes;

/**
 * The one escaping function of the samples: every string that comes from an input (file names, manifest and
 * message-table text, provider, service and session names, exception messages carrying input text) passes through
 * {@link #escape} before it reaches stderr or a human-readable output, so that no input drives the terminal or forges
 * a line. The JSON writers escape the same characters ({@link #mustEscape}) as {@code \}{@code uXXXX}.
 *
 * <p>Escaped, each as {@code \}{@code uXXXX} (4 uppercase hex digits, as Jackson writes
 * its own escapes): C0 controls U+0000-U+001F (newline, tab and
 * ESC included), DEL U+007F, C1 controls U+0080-U+009F (U+0085 NEL and U+009B CSI included), the line and paragraph
 * separators U+2028 and U+2029, and the bidirectional controls U+061C, U+200E, U+200F, U+202A-U+202E and
 * U+2066-U+2069 (Unicode UAX #9, "Explicit Directional Formatting Characters", which can reorder what a terminal
 * shows). Everything else, the backslash included (Windows paths), is kept: the escaping makes the text harmless, not
 * reversible. Stateless.
 */
public final class TerminalSafe {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private TerminalSafe() {
    }

    /**
     * {@return true if {@code c} must not reach a terminal or a line-based reader raw}: a C0 or C1 control, DEL,
     * U+2028, U+2029 or a bidirectional control (see the class comment).
     *
     * @param c a UTF-16 code unit
     */
    public static boolean mustEscape(int c) {
        return JsonEscapes.mustEscape(c); // one definition, shared with the JSON lines (etw-json)
    }

    /**
     * {@return {@code text} with every character of {@link #mustEscape} replaced by {@code \}{@code uXXXX}}; the same
     * instance's text when nothing needs escaping; {@code "null"} for null.
     *
     * @param text any text from an input, or an object whose {@code toString()} is (a {@code Path}, an exception)
     */
    public static String escape(Object text) {
        String s = String.valueOf(text);
        int i = 0;
        while (i < s.length() && !mustEscape(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (mustEscape(c)) {
                b.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF])
                        .append(HEX[c & 0xF]);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
