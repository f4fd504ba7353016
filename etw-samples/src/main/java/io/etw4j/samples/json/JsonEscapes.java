package io.etw4j.samples.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import io.etw4j.samples.terminal.TerminalSafe;

/**
 * Jackson's standard JSON escaping plus the characters JSON allows raw but line-based tools and terminals do not: the
 * C1 controls (U+0085 NEL among them), U+2028, U+2029 and the bidirectional controls ({@link TerminalSafe#mustEscape}),
 * written as {@code \}{@code uXXXX}, so that a JSON line holds printable characters only and still parses to the
 * original string. Given to every JSON generator of the samples ({@link #INSTANCE}). Immutable, thread-safe.
 */
public final class JsonEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;

    /** The one instance. */
    public static final JsonEscapes INSTANCE = new JsonEscapes();

    private static final int[] ASCII = asciiEscapes();

    private JsonEscapes() {
    }

    /** Jackson's standard escapes for ASCII, and DEL (U+007F) as {@code \}{@code u007F}. */
    private static int[] asciiEscapes() {
        int[] codes = standardAsciiEscapesForJSON();
        codes[0x7F] = ESCAPE_STANDARD;
        return codes;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ASCII.clone();
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (ch >= 0x80 && TerminalSafe.mustEscape(ch)) {
            return new SerializedString(String.format("\\u%04X", ch));
        }
        return null;
    }
}
