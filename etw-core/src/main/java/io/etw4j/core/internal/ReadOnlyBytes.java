package io.etw4j.core.internal;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.UUID;

/**
 * A read-only view of a byte array: etw4j's decoders read an {@link io.etw4j.core.EventRecord}'s payload and its
 * extended data items through it without the defensive copy the public accessors make, and without being able to
 * change them (the array never leaves this class; every array it returns is a copy). That is what keeps
 * {@code EventRecord}'s immutability promise while the decoders read the bytes in place. Obtained from
 * {@link RecordBytes}.
 *
 * <p>Reads are little-endian ({@link LittleEndian}) at absolute offsets and do not check the range beyond the array
 * access itself ({@link IndexOutOfBoundsException}): callers check {@link #length()} first. Immutable and
 * thread-safe as long as nobody changes the underlying array, which for a record's bytes nobody can.
 */
public final class ReadOnlyBytes {
    private static final ReadOnlyBytes EMPTY = new ReadOnlyBytes(new byte[0]);

    private final byte[] b;

    private ReadOnlyBytes(byte[] b) {
        this.b = b;
    }

    /**
     * {@return a view of {@code b}, which is not copied} For the owners of an array that nobody changes: the records
     * (through {@link RecordBytes}) and tests.
     *
     * @param b the bytes
     */
    public static ReadOnlyBytes wrap(byte[] b) {
        return b.length == 0 ? EMPTY : new ReadOnlyBytes(b);
    }

    /** {@return the number of bytes} */
    public int length() {
        return b.length;
    }

    /** {@return the unsigned byte at {@code off}} */
    public int u8(int off) {
        return b[off] & 0xFF;
    }

    /** {@return the unsigned 16-bit little-endian value at {@code off}} */
    public int u16(int off) {
        return LittleEndian.u16(b, off);
    }

    /** {@return the unsigned 32-bit little-endian value at {@code off}} */
    public long u32(int off) {
        return LittleEndian.u32(b, off);
    }

    /** {@return the 64-bit little-endian value at {@code off}} */
    public long i64(int off) {
        return LittleEndian.i64(b, off);
    }

    /** {@return the {@code n} (1..8) bytes at {@code off} as an unsigned little-endian value} */
    public long unsigned(int off, int n) {
        return LittleEndian.unsigned(b, off, n);
    }

    /** {@return the GUID at {@code off} in Windows memory layout} */
    public UUID guid(int off) {
        return LittleEndian.guid(b, off);
    }

    /** {@return the {@code len} (even) bytes at {@code off} as UTF-16LE text} */
    public String utf16(int off, int len) {
        return LittleEndian.utf16(b, off, len);
    }

    /** {@return the {@code len} bytes at {@code off} decoded with {@code charset}} */
    public String string(int off, int len, Charset charset) {
        return new String(b, off, len, charset);
    }

    /** {@return a copy of the bytes from {@code from} (inclusive) to {@code to} (exclusive)} */
    public byte[] copy(int from, int to) {
        return Arrays.copyOfRange(b, from, to);
    }

    /** {@return a copy of all the bytes} */
    public byte[] copy() {
        return b.clone();
    }

    /** {@return true if {@code other} holds the same bytes} */
    public boolean contentEquals(ReadOnlyBytes other) {
        return other != null && Arrays.equals(b, other.b);
    }

    /** {@return a hash of the bytes, consistent with {@link #contentEquals}} */
    public int contentHash() {
        return Arrays.hashCode(b);
    }
}
