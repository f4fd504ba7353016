package io.etw4j.core;

import io.etw4j.core.internal.FileTimes;
import io.etw4j.core.internal.LittleEndian;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * A bounds-checked, little-endian cursor over an event payload (UserData) or any other byte range copied from ETW.
 *
 * <p>Every read starts at {@link #position()} and advances it. A read that does not fit throws
 * {@link PayloadException} naming the offset and leaves the position unchanged, so a decoder can catch it and try
 * another layout, or report a typed decode failure. Nothing here throws any other exception for any input.
 *
 * <p>Its little-endian primitives are the ones etw-decode's schema-driven decoder uses too, so both read the same
 * bytes the same way.
 *
 * <p>Not thread-safe: use one reader per thread. It never copies or modifies the array it reads; arrays handed out
 * ({@link #bytes(int)}) are copies.
 *
 * <pre>{@code
 * PayloadReader r = record.payloadReader();
 * String service = r.utf16z();   // UTF-16LE, NUL-terminated
 * long pid = r.u32();            // uint32 LE
 * }</pre>
 */
public final class PayloadReader {
    private final byte[] data;
    private final int start;
    private final int end;
    private final int pointerSize;
    private int pos;

    private PayloadReader(byte[] data, int start, int end, int pointerSize) {
        if (pointerSize != 4 && pointerSize != 8) {
            throw new IllegalArgumentException("pointer size must be 4 or 8: " + pointerSize);
        }
        this.data = data;
        this.start = start;
        this.end = end;
        this.pointerSize = pointerSize;
        this.pos = start;
    }

    /**
     * {@return a reader over all of {@code data}, which is not copied and must not change while it is read}
     *
     * @param data the bytes to read
     * @param pointerSize 4 or 8, the pointer size of the process that logged the data
     */
    public static PayloadReader of(byte[] data, int pointerSize) {
        return new PayloadReader(data, 0, data.length, pointerSize);
    }

    /**
     * {@return a reader over all of {@code data} with 8-byte pointers}
     *
     * @param data the bytes to read
     */
    public static PayloadReader of(byte[] data) {
        return of(data, 8);
    }

    /**
     * {@return a reader over {@code data[offset, offset + length)}; positions are relative to {@code offset}}
     *
     * @param data the array holding the bytes
     * @param offset where the range starts in {@code data}
     * @param length length of the range
     * @param pointerSize 4 or 8, the pointer size of the process that logged the data
     */
    public static PayloadReader of(byte[] data, int offset, int length, int pointerSize) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IllegalArgumentException("range [" + offset + ", +" + length + ") outside array of "
                    + data.length);
        }
        return new PayloadReader(data, offset, offset + length, pointerSize);
    }

    /** {@return offset of the next read, from the start of the payload} */
    public int position() {
        return pos - start;
    }

    /**
     * Moves the cursor to {@code offset} (0..length).
     *
     * @param offset the new position, from 0 to {@link #length()}
     * @return this reader
     */
    public PayloadReader position(int offset) {
        if (offset < 0 || offset > length()) {
            throw new PayloadException("seek", offset, 0, length());
        }
        pos = start + offset;
        return this;
    }

    /** {@return total payload length in bytes} */
    public int length() {
        return end - start;
    }

    /** {@return bytes left after the position} */
    public int remaining() {
        return end - pos;
    }

    /** {@return true when at least one byte remains} */
    public boolean hasRemaining() {
        return pos < end;
    }

    /** {@return size in bytes of a pointer-sized value in this payload (4 or 8)} */
    public int pointerSize() {
        return pointerSize;
    }

    /**
     * Advances by {@code n} bytes.
     *
     * @param n how many bytes to skip
     * @return this reader
     */
    public PayloadReader skip(int n) {
        require("skip", n);
        pos += n;
        return this;
    }

    /** {@return unsigned byte} */
    public int u8() {
        require("u8", 1);
        return data[pos++] & 0xFF;
    }

    /** {@return unsigned 16-bit little-endian value} */
    public int u16() {
        require("u16", 2);
        int v = LittleEndian.u16(data, pos);
        pos += 2;
        return v;
    }

    /** {@return signed 32-bit little-endian value} */
    public int i32() {
        require("i32", 4);
        int v = LittleEndian.i32(data, pos);
        pos += 4;
        return v;
    }

    /** {@return unsigned 32-bit little-endian value, widened to long} */
    public long u32() {
        require("u32", 4);
        long v = LittleEndian.u32(data, pos);
        pos += 4;
        return v;
    }

    /**
     * {@return 64-bit little-endian value (interpret as unsigned with {@link Long#toUnsignedString(long)} if needed)}
     */
    public long i64() {
        require("i64", 8);
        long v = LittleEndian.i64(data, pos);
        pos += 8;
        return v;
    }

    /** {@return same as {@link #i64()}: the 64 bits of a ULONGLONG} */
    public long u64() {
        return i64();
    }

    /** {@return a pointer-sized unsigned value: 4 bytes when {@link #pointerSize()} is 4, else 8} */
    public long pointer() {
        return pointerSize == 4 ? u32() : i64();
    }

    /** {@return a GUID in its Windows memory layout (Data1..Data3 little-endian, Data4 as bytes)} */
    public UUID guid() {
        require("GUID", 16);
        UUID u = LittleEndian.guid(data, pos);
        pos += 16;
        return u;
    }

    /** {@return a FILETIME (100 ns since 1601) as an instant} */
    public Instant fileTime() {
        require("FILETIME", 8);
        long ft = LittleEndian.i64(data, pos);
        pos += 8;
        return FileTimes.toInstant(ft);
    }

    /**
     * {@return a copy of the next {@code n} bytes}
     *
     * @param n how many bytes to copy
     */
    public byte[] bytes(int n) {
        if (n < 0) {
            throw new PayloadException("bytes(" + n + ")", position(), n, length());
        }
        require("bytes", n);
        byte[] out = new byte[n];
        System.arraycopy(data, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** {@return a copy of every byte after the position; the reader is then at the end} */
    public byte[] rest() {
        return bytes(remaining());
    }

    /**
     * {@return a NUL-terminated UTF-16LE string} The terminator is consumed and not part of the result. Unpaired
     * surrogates become U+FFFD.
     *
     * @throws PayloadException if no 2-byte NUL follows before the end
     */
    public String utf16z() {
        int p = pos;
        while (p + 1 < end) {
            if (data[p] == 0 && data[p + 1] == 0) {
                String s = new String(data, pos, p - pos, StandardCharsets.UTF_16LE);
                pos = p + 2;
                return s;
            }
            p += 2;
        }
        throw new PayloadException("NUL-terminated UTF-16LE string", position(), end - pos + 2, length());
    }

    /**
     * {@return a UTF-16LE string of exactly {@code chars} code units, with no terminator expected}
     *
     * @param chars the number of UTF-16 code units to read
     */
    public String utf16(int chars) {
        if (chars < 0 || chars > Integer.MAX_VALUE / 2) {
            throw new PayloadException("UTF-16LE string of " + chars + " chars", position(), chars, length());
        }
        require("UTF-16LE string", chars * 2);
        String s = new String(data, pos, chars * 2, StandardCharsets.UTF_16LE);
        pos += chars * 2;
        return s;
    }

    /**
     * {@return a NUL-terminated ANSI string, decoded as ISO-8859-1 so that every byte maps to one char (ETW's ANSI
     * strings are in the logging machine's code page, which a payload does not record)}
     *
     * @throws PayloadException if no NUL follows before the end
     */
    public String ansiz() {
        for (int p = pos; p < end; p++) {
            if (data[p] == 0) {
                String s = new String(data, pos, p - pos, StandardCharsets.ISO_8859_1);
                pos = p + 1;
                return s;
            }
        }
        throw new PayloadException("NUL-terminated ANSI string", position(), end - pos + 1, length());
    }

    /** {@return a binary SID (winnt.h): 8 header bytes and 4 per subauthority; the revision must be 1} */
    public SecurityIdentifier sid() {
        require("SID header", 8);
        int revision = data[pos] & 0xFF;
        int count = data[pos + 1] & 0xFF;
        if (revision != 1 || count > 15) { // SID_MAX_SUB_AUTHORITIES = 15 (winnt.h)
            throw new PayloadException("SID (revision " + revision + ", " + count + " subauthorities)",
                    position(), 8, length());
        }
        int size = 8 + 4 * count;
        require("SID", size);
        byte[] b = new byte[size];
        System.arraycopy(data, pos, b, 0, size);
        pos += size;
        return SecurityIdentifier.trusted(b);
    }

    private void require(String what, int n) {
        if (n < 0 || n > end - pos) {
            throw new PayloadException(what, position(), n, length());
        }
    }

    /**
     * {@return the GUID stored at {@code off} of {@code b} in Windows memory layout (guiddef.h: Data1 u32, Data2 u16,
     * Data3 u16 little-endian; Data4 8 bytes in order)}
     *
     * @param b the array holding the GUID
     * @param off offset of the GUID's first byte in {@code b}
     * @throws PayloadException if fewer than 16 bytes remain there
     */
    public static UUID guidAt(byte[] b, int off) {
        if (off < 0 || off > b.length - 16) {
            throw new PayloadException("GUID", off, 16, b.length);
        }
        return LittleEndian.guid(b, off);
    }

    /**
     * {@return the 16 bytes of {@code guid} in Windows memory layout, the inverse of {@link #guidAt(byte[], int)}}
     *
     * @param guid the GUID to lay out
     */
    public static byte[] guidBytes(UUID guid) {
        byte[] out = new byte[16];
        long msb = guid.getMostSignificantBits();
        long lsb = guid.getLeastSignificantBits();
        int d1 = (int) (msb >>> 32);
        int d2 = (int) (msb >>> 16) & 0xFFFF;
        int d3 = (int) msb & 0xFFFF;
        out[0] = (byte) d1;
        out[1] = (byte) (d1 >>> 8);
        out[2] = (byte) (d1 >>> 16);
        out[3] = (byte) (d1 >>> 24);
        out[4] = (byte) d2;
        out[5] = (byte) (d2 >>> 8);
        out[6] = (byte) d3;
        out[7] = (byte) (d3 >>> 8);
        for (int i = 0; i < 8; i++) {
            out[8 + i] = (byte) (lsb >>> (56 - 8 * i));
        }
        return out;
    }
}
