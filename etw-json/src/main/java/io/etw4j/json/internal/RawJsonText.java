package io.etw4j.json.internal;

import com.fasterxml.jackson.core.SerializableString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JSON text of ASCII bytes, {@code bytes[0..length)} of a buffer its owner reuses, handed to a generator's
 * {@code writeRawValue(SerializableString)}: a UTF-8 generator copies the bytes as they are, a char generator widens
 * them, each into its own buffer with no intermediate {@code String} (unless the generator's buffer lacks room, when it
 * asks for a copy). Only the unquoted forms exist: the text is JSON already, not a string to quote. Valid until the
 * owner changes the buffer; not thread-safe.
 */
final class RawJsonText implements SerializableString {
    private byte[] bytes;
    private int length;

    /** Points at {@code bytes[0..length)}, ASCII only; returns this. */
    RawJsonText of(byte[] text, int n) {
        this.bytes = text;
        this.length = n;
        return this;
    }

    @Override
    public String getValue() {
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }

    @Override
    public int charLength() {
        return length;
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return Arrays.copyOf(bytes, length);
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        if (buffer.length - offset < length) {
            return -1;
        }
        System.arraycopy(bytes, 0, buffer, offset, length);
        return length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        if (buffer.length - offset < length) {
            return -1;
        }
        byte[] b = bytes;
        for (int i = 0, n = length; i < n; i++) {
            buffer[offset + i] = (char) b[i]; // ASCII: the byte is the character
        }
        return length;
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
        return length;
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (buffer.remaining() < length) {
            return -1;
        }
        buffer.put(bytes, 0, length);
        return length;
    }

    @Override
    public char[] asQuotedChars() {
        throw quoted();
    }

    @Override
    public byte[] asQuotedUTF8() {
        throw quoted();
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        throw quoted();
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        throw quoted();
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) {
        throw quoted();
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
        throw quoted();
    }

    private static UnsupportedOperationException quoted() {
        return new UnsupportedOperationException("raw JSON text is written unquoted only");
    }
}
