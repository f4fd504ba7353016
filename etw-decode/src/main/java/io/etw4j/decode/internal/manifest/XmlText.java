package io.etw4j.decode.internal.manifest;

/**
 * Text made safe for an XML 1.0 attribute value: the five markup characters escaped, tab, line feed and carriage
 * return as character references (so attribute-value normalization keeps them), and every character XML 1.0 cannot
 * carry at all (other C0 controls, U+FFFE, U+FFFF, unpaired surrogates) replaced by U+FFFD (XML 1.0, section 2.2
 * "Characters", production [2] Char; section 3.3.3 "Attribute-Value Normalization"). Stateless.
 */
final class XmlText {
    private XmlText() {
    }

    /** {@return true if {@code s} survives {@link #attribute} unchanged once read back (nothing is replaced)} */
    static boolean representable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (!allowed(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allowed(char c) {
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
    }

    /** Appends {@code s} escaped for a double-quoted attribute value. */
    static StringBuilder attribute(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '&': out.append("&amp;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&apos;"); break;
                case '\t': out.append("&#9;"); break;
                case '\n': out.append("&#10;"); break;
                case '\r': out.append("&#13;"); break;
                default:
                    if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else {
                        out.append(allowed(c) ? c : '\uFFFD');
                    }
            }
        }
        return out;
    }

    /** Text for inside a comment: no "--" (XML 1.0 production [15]) and nothing XML cannot carry. */
    static String comment(String s) {
        StringBuilder b = new StringBuilder();
        attribute(b, s);
        String t = b.toString().replace("--", "- -");
        return t.endsWith("-") ? t + " " : t;
    }
}
