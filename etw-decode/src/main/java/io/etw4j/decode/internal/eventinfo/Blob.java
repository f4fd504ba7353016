package io.etw4j.decode.internal.eventinfo;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Bounds-checked little-endian reads from a byte array at absolute offsets: every read outside the array gives
 * {@code -1} / null instead of throwing. Strings are decoded once per offset (many entries of a hostile map may point
 * at one long string: they share one {@code String}), and the characters of distinct strings decoded from one view are
 * bounded by {@link #STRING_CHARS_PER_BYTE} per byte of the view plus {@link #MAX_STRING_CHARS} (overlapping strings at
 * many offsets cannot cost the square of the view's size); past that {@link #utf16z} throws
 * {@link IllegalStateException}, which the parsers treat as malformed. Not thread-safe (one per parse).
 */
final class Blob {
    /** The longest string read (characters): a bound against offsets into garbage. */
    static final int MAX_STRING_CHARS = 32 * 1024;

    /** Characters of distinct strings one view may decode, per byte of the view (see the class comment). */
    static final int STRING_CHARS_PER_BYTE = 4;

    private final byte[] b;
    private final int base;
    private final int end;
    /** Strings decoded so far, by offset; created on the first string. */
    private Map<Integer, String> strings;
    private long charsLeft;

    Blob(byte[] b, int base, int end) {
        this.b = b;
        this.base = base;
        this.end = end;
        this.charsLeft = STRING_CHARS_PER_BYTE * (long) (end - base) + MAX_STRING_CHARS;
    }

    /** The view's length. */
    int length() {
        return end - base;
    }

    boolean fits(long off, long n) {
        return off >= 0 && n >= 0 && off + n <= end - base;
    }

    /** An unsigned 16-bit value, or -1. */
    int u16(long off) {
        if (!fits(off, 2)) {
            return -1;
        }
        int p = base + (int) off;
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }

    /** An unsigned 32-bit value, or -1. */
    long u32(long off) {
        if (!fits(off, 4)) {
            return -1;
        }
        int p = base + (int) off;
        return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
    }

    /** A 64-bit value (caller checks {@link #fits}). */
    long u64(long off) {
        return u32(off) | u32(off + 4) << 32;
    }

    /** An unsigned byte, or -1. */
    int u8(long off) {
        return fits(off, 1) ? b[base + (int) off] & 0xFF : -1;
    }

    /** A GUID (guiddef.h: Data1 u32, Data2 u16, Data3 u16 little-endian, Data4[8]), or null. */
    UUID guid(long off) {
        if (!fits(off, 16)) {
            return null;
        }
        long msb = u32(off) << 32 | (long) u16(off + 4) << 16 | u16(off + 6);
        long lsb = 0;
        for (int i = 8; i < 16; i++) {
            lsb = lsb << 8 | u8(off + i);
        }
        return new UUID(msb, lsb);
    }

    /**
     * The NUL-terminated UTF-16LE string at {@code off}, or null when {@code off} is 0 (tdh.h: absent) or outside the
     * view. A string without NUL runs to the end of the view; at most {@link #MAX_STRING_CHARS} characters.
     */
    String utf16z(long off) {
        if (off <= 0 || !fits(off, 2)) {
            return null;
        }
        if (strings == null) {
            strings = new HashMap<>();
        }
        String known = strings.get((int) off);
        if (known != null) {
            return known;
        }
        int start = base + (int) off;
        int p = start;
        int limit = Math.min(end, start + 2 * MAX_STRING_CHARS);
        while (p + 1 < limit && (b[p] != 0 || b[p + 1] != 0)) {
            p += 2;
        }
        charsLeft -= (p - start) / 2;
        if (charsLeft < 0) {
            throw new IllegalStateException("the strings of this blob exceed " + STRING_CHARS_PER_BYTE
                    + " characters per byte");
        }
        String s = new String(b, start, p - start, StandardCharsets.UTF_16LE);
        strings.put((int) off, s);
        return s;
    }

    /** Where the string at {@code off} ends (after its NUL), or -1. */
    long afterUtf16z(long off) {
        if (off <= 0 || !fits(off, 2)) {
            return -1;
        }
        long p = off;
        while (fits(p, 2) && u16(p) != 0 && p - off < 2L * MAX_STRING_CHARS) {
            p += 2;
        }
        return p + 2;
    }
}
