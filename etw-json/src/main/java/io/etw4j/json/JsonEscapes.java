package io.etw4j.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Jackson's standard JSON escaping plus the characters JSON allows raw but line-based tools and terminals do not: DEL,
 * the C1 controls (U+0085 NEL among them), U+2028, U+2029 and the bidirectional controls ({@link #mustEscape}),
 * written as {@code \}{@code uXXXX}, so that a JSON line holds printable characters only and still parses to the
 * original string. Given to every JSON generator of {@link JsonLinesWriter} ({@link #INSTANCE}); usable with any
 * Jackson {@code JsonFactory} ({@code JsonFactoryBuilder.characterEscapes}). Immutable, thread-safe.
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
        if (ch >= 0x80 && mustEscape(ch)) {
            return new SerializedString(String.format("\\u%04X", ch));
        }
        return null;
    }

    /**
     * {@return true if {@code c} must not reach a terminal or a line-based reader raw}: a C0 control U+0000-U+001F, DEL
     * U+007F, a C1 control U+0080-U+009F, U+2028, U+2029, or a bidirectional control U+061C, U+200E, U+200F,
     * U+202A-U+202E, U+2066-U+2069 (Unicode UAX #9, "Explicit Directional Formatting Characters").
     *
     * @param c a UTF-16 code unit
     */
    public static boolean mustEscape(int c) {
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
            return true;
        }
        if (c < 0x61C) {
            return false;
        }
        return c == 0x61C || c == 0x200E || c == 0x200F || (c >= 0x2028 && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}
