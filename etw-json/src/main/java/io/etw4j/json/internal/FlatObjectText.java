package io.etw4j.json.internal;

import com.fasterxml.jackson.core.io.NumberOutput;
import io.etw4j.decode.EventSchema;
import io.etw4j.decode.internal.FlatFieldSink;
import io.etw4j.decode.internal.FlatPayload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * The {@code decoded} object of a flat payload ({@link FlatPayload}) as one JSON text of ASCII bytes in a reused
 * buffer, which the generator takes as one raw value ({@link RawJsonText}): what {@link DecodedEventJson} writes
 * through the generator's calls, for an event whose every text (provider, event and source names, property names,
 * string values) is printable ASCII, the characters every generator of this package writes alike (as
 * {@code writeString}, {@code writeNumber(long)} and {@code writeBoolean} give them, in chars or in UTF-8 bytes).
 * {@link #build} says false for any other event; the caller then writes it through the generator.
 *
 * <p>Not thread-safe: one instance per writer.
 */
final class FlatObjectText implements FlatFieldSink {
    private static final byte[] PROVIDER = ascii("{\"provider\":");
    private static final byte[] EVENT = ascii(",\"event\":");
    private static final byte[] SOURCE = ascii(",\"source\":");
    private static final byte[] FIELDS = ascii(",\"fields\":{");
    private static final byte[] TRAILING = ascii(",\"trailingBytes\":");
    private static final byte[] NULL = ascii("null");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");

    /** The writer's buffers, for GUIDs and times (during {@link #build}). */
    private JsonChars c;
    /** The text, ASCII; valid from 0 to {@link #length} after {@link #build} said true. */
    byte[] text = new byte[1024];
    int length;
    private PropertyNamesJson names;
    /** A string value was not printable ASCII: the event is left to the generator. */
    private boolean refused;
    /** The last {@link #build} read every value of the payload (whether or not it then refused a string). */
    boolean emitted;

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Builds the object of the payload {@code flat} accepted for {@code s} ({@code n}: its properties' names); false
     * (and nothing to use) when a text of the event is not printable ASCII; {@code chars}: the writer's buffers.
     */
    boolean build(EventSchema s, PropertyNamesJson n, FlatPayload flat, int schemaVersion, JsonChars chars)
            throws IOException {
        emitted = false;
        if (n.memberText == null) {
            return false;
        }
        c = chars;
        length = 0;
        names = n;
        refused = false;
        append(PROVIDER);
        if (!text(s.providerName().orElse(null))) {
            return false;
        }
        append(EVENT);
        if (!text(s.eventName().orElse(null))) {
            return false;
        }
        append(SOURCE);
        text(s.origin().name()); // an enum constant's name: ASCII
        append(FIELDS);
        flat.emit(this);
        emitted = true;
        if (refused) {
            return false;
        }
        append(n.flatTail);
        number(schemaVersion);
        append(TRAILING);
        number(flat.trailingBytes());
        room(1);
        text[length++] = '}';
        return true;
    }

    /** Appends {@code s} as a JSON string (null: {@code null}); false if it is not printable ASCII. */
    private boolean text(String s) {
        if (s == null) {
            append(NULL);
            return true;
        }
        if (!PropertyNamesJson.printableAscii(s)) {
            return false;
        }
        int n = s.length();
        room(2 * n + 2);
        byte[] t = text;
        int at = length;
        t[at++] = '"';
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') {
                t[at++] = '\\';
            }
            t[at++] = (byte) ch;
        }
        t[at++] = '"';
        length = at;
        return true;
    }

    private void name(int index) {
        if (index > 0) {
            room(1);
            text[length++] = ',';
        }
        append(names.memberText[index]);
    }

    @Override
    public void integer(int index, long value, boolean signed) {
        name(index);
        if (value < 0 && !signed) {
            long q = (value >>> 1) / 5; // the unsigned quotient by 10: at most 19 digits
            number(q);
            text[length++] = (byte) ('0' + (int) (value - q * 10)); // number() left room for it
        } else {
            number(value);
        }
    }

    @Override
    public void bool(int index, boolean value) {
        name(index);
        append(value ? TRUE : FALSE);
    }

    @Override
    public void guid(int index, UUID value) {
        name(index);
        quoted(c.chars, c.uuid(value));
    }

    @Override
    public void time(int index, Instant value) {
        name(index);
        quoted(c.chars, c.instant(value));
    }

    @Override
    public void ascii(int index, char[] chars, int n) {
        name(index);
        room(2 * n + 2);
        byte[] t = text;
        int at = length;
        t[at++] = '"';
        for (int i = 0; i < n; i++) {
            char ch = chars[i];
            if (ch == '"' || ch == '\\') {
                t[at++] = '\\';
            }
            t[at++] = (byte) ch;
        }
        t[at++] = '"';
        length = at;
    }

    @Override
    public void string(int index, String value) {
        refused = true; // not printable ASCII: the generator's escapes decide
    }

    /** {@code v} in decimal: Jackson's own {@code writeNumber(long)} digits ({@link NumberOutput}); room for 1 more. */
    private void number(long v) {
        room(21);
        length = NumberOutput.outputLong(v, text, length);
    }

    /** ASCII {@code chars[0..n)} (hex digits, times) between quotes. */
    private void quoted(char[] chars, int n) {
        room(n + 2);
        byte[] t = text;
        int at = length;
        t[at++] = '"';
        for (int i = 0; i < n; i++) {
            t[at++] = (byte) chars[i];
        }
        t[at++] = '"';
        length = at;
    }

    private void append(byte[] a) {
        room(a.length);
        System.arraycopy(a, 0, text, length, a.length);
        length += a.length;
    }

    private void room(int more) {
        if (text.length - length < more) {
            text = Arrays.copyOf(text, Math.max(2 * text.length, length + more));
        }
    }
}
