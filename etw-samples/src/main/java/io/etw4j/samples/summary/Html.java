package io.etw4j.samples.summary;

import io.etw4j.samples.terminal.TerminalSafe;

/**
 * The one escaping of text into the summary page: every string from an input (provider, event and service names,
 * image paths, file names) passes through {@link #text} before it is placed in an element or an attribute value.
 * Control, separator and bidirectional characters become visible {@code \}{@code uXXXX} ({@link TerminalSafe}); then
 * {@code & < > " '} become character references, so no input can open or close an element, an attribute or a script.
 * Stateless.
 */
final class Html {
    private Html() {
    }

    /** {@return {@code s} safe as element content and as a quoted attribute value} */
    static String text(String s) {
        String t = TerminalSafe.escape(s);
        StringBuilder b = new StringBuilder(t.length() + 16);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
