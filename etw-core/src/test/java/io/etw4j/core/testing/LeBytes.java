package io.etw4j.core.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Test fixture, the one little-endian byte writer of every module's tests (etw-core's test-jar): appends fields as
 * Windows lays them out in event payloads and native structures (integers little-endian, UTF-16LE strings with a
 * 2-byte NUL, GUIDs in guiddef.h order, FILETIMEs), and patches a value at an offset already written (a size field).
 * Each method returns this writer. Not thread-safe; {@link #bytes()} copies, so the writer can go on after it.
 */
public final class LeBytes {
    /** FILETIME's epoch, 1601-01-01, in seconds before 1970-01-01 (FILETIME structure, Microsoft Learn). */
    private static final long FILETIME_EPOCH_SECONDS = 11_644_473_600L;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    /** {offset, value, size} of each {@link #patch}, applied by {@link #bytes()}. */
    private final List<long[]> patches = new ArrayList<>();

    /** A new, empty writer. */
    public static LeBytes le() {
        return new LeBytes();
    }

    /** The low {@code size} bytes of {@code v} (1 to 8), least significant first. */
    public LeBytes le(long v, int size) {
        if (size < 1 || size > 8) {
            throw new IllegalArgumentException("size " + size);
        }
        for (int i = 0; i < size; i++) {
            out.write((int) (v >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    /** win:UInt8 / win:Int8. */
    public LeBytes u8(int v) {
        return le(v, 1);
    }

    /** win:UInt16 / win:Int16. */
    public LeBytes u16(int v) {
        return le(v, 2);
    }

    /** win:UInt32 / win:Int32 (also win:Boolean, which TDH reads as 4 bytes). */
    public LeBytes u32(long v) {
        return le(v, 4);
    }

    /** win:UInt64 / win:Int64. */
    public LeBytes u64(long v) {
        return le(v, 8);
    }

    /** win:Float. */
    public LeBytes f32(float v) {
        return le(Float.floatToIntBits(v), 4);
    }

    /** win:Double. */
    public LeBytes f64(double v) {
        return le(Double.doubleToLongBits(v), 8);
    }

    /** win:Pointer of the given size (4 or 8). */
    public LeBytes pointer(long v, int size) {
        return size == 4 ? u32(v) : u64(v);
    }

    /** win:FILETIME: 100 ns units since 1601-01-01, as a u64. */
    public LeBytes fileTime(Instant t) {
        return u64(fileTimeOf(t));
    }

    /** win:GUID as guiddef.h lays it out: Data1 u32 LE, Data2 u16 LE, Data3 u16 LE, Data4[8] in order. */
    public LeBytes guid(UUID g) {
        long msb = g.getMostSignificantBits();
        u32(msb >>> 32).u16((int) (msb >>> 16)).u16((int) msb);
        long lsb = g.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            out.write((int) (lsb >>> (56 - 8 * i)) & 0xFF);
        }
        return this;
    }

    /** UTF-16LE code units, no terminator. */
    public LeBytes utf16(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_16LE));
        return this;
    }

    /** win:UnicodeString: UTF-16LE code units and a 2-byte NUL. */
    public LeBytes utf16z(String s) {
        return utf16(s).u16(0);
    }

    /** win:AnsiString: bytes (ISO-8859-1 here) and a 1-byte NUL. */
    public LeBytes ansiz(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        out.write(0);
        return this;
    }

    /** UTF-8 bytes and a 1-byte NUL (TraceLogging metadata names). */
    public LeBytes utf8z(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        return this;
    }

    /** Raw bytes (e.g. a binary SID). */
    public LeBytes raw(byte... b) {
        out.writeBytes(b);
        return this;
    }

    /** Raw bytes given as ints, each's low 8 bits. */
    public LeBytes raw(int... b) {
        for (int v : b) {
            out.write(v & 0xFF);
        }
        return this;
    }

    /** {@code n} zero bytes. */
    public LeBytes zeros(int n) {
        out.writeBytes(new byte[n]);
        return this;
    }

    /** Zero bytes up to the next multiple of {@code alignment}. */
    public LeBytes align(int alignment) {
        return zeros((alignment - out.size() % alignment) % alignment);
    }

    /** The number of bytes written so far (the offset of the next one). */
    public int size() {
        return out.size();
    }

    /** The bytes written so far, a copy with the values {@link #patch} set. */
    public byte[] bytes() {
        byte[] b = out.toByteArray();
        for (long[] p : patches) {
            for (int i = 0; i < p[2]; i++) {
                b[(int) p[0] + i] = (byte) (p[1] >>> (8 * i));
            }
        }
        return b;
    }

    /** Sets the {@code size} bytes at {@code offset} (written already or later) to {@code v} in {@link #bytes()}. */
    public LeBytes patch(int offset, long v, int size) {
        if (size < 1 || size > 8 || offset < 0) {
            throw new IllegalArgumentException("offset " + offset + ", size " + size);
        }
        patches.add(new long[] {offset, v, size});
        return this;
    }

    /** {@code t} as a FILETIME: 100 ns units since 1601-01-01. */
    public static long fileTimeOf(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond() + FILETIME_EPOCH_SECONDS, 10_000_000L),
                t.getNano() / 100);
    }

    /** {@code g}'s 16 bytes in guiddef.h order. */
    public static byte[] guidBytes(UUID g) {
        return le().guid(g).bytes();
    }

    /** {@code s} as UTF-16LE with a 2-byte NUL. */
    public static byte[] utf16zBytes(String s) {
        return le().utf16z(s).bytes();
    }
}
