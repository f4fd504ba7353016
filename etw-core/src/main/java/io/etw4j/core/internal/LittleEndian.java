package io.etw4j.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The little-endian primitives every etw4j payload reader stands on: {@code io.etw4j.core.PayloadReader} and
 * etw-decode's schema-driven decoder read integers, GUIDs and UTF-16LE text through these methods, so there is one
 * definition of how ETW's bytes become values. ETW data is in the logging machine's byte order, which is
 * little-endian on every architecture Windows runs on (x86, x64, ARM64).
 *
 * <p>The methods do not check bounds beyond what the array access itself does ({@link IndexOutOfBoundsException}):
 * callers check the range first and report a misfit their own way. They never modify the array. Stateless and
 * thread-safe.
 */
public final class LittleEndian {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private LittleEndian() {
    }

    /** {@return the unsigned byte at {@code off}} */
    public static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    /** {@return the unsigned 16-bit value at {@code off}} */
    public static int u16(byte[] b, int off) {
        return (short) SHORT.get(b, off) & 0xFFFF;
    }

    /** {@return the 32-bit value at {@code off}} */
    public static int i32(byte[] b, int off) {
        return (int) INT.get(b, off);
    }

    /** {@return the unsigned 32-bit value at {@code off}, widened to long} */
    public static long u32(byte[] b, int off) {
        return (int) INT.get(b, off) & 0xFFFF_FFFFL;
    }

    /** {@return the 64-bit value at {@code off}} */
    public static long i64(byte[] b, int off) {
        return (long) LONG.get(b, off);
    }

    /**
     * {@return the {@code n} bytes at {@code off} as an unsigned value (any n from 1 to 8; 8 gives all 64 bits)}
     */
    public static long unsigned(byte[] b, int off, int n) {
        switch (n) {
            case 1:
                return b[off] & 0xFFL;
            case 2:
                return (short) SHORT.get(b, off) & 0xFFFFL;
            case 4:
                return (int) INT.get(b, off) & 0xFFFF_FFFFL;
            case 8:
                return (long) LONG.get(b, off);
            default:
                long v = 0;
                for (int i = n - 1; i >= 0; i--) {
                    v = v << 8 | (b[off + i] & 0xFF);
                }
                return v;
        }
    }

    /**
     * {@return the GUID at {@code off} in its Windows memory layout (guiddef.h: Data1 u32, Data2 u16, Data3 u16
     * little-endian; Data4 8 bytes in order)}
     */
    public static UUID guid(byte[] b, int off) {
        long d1 = u32(b, off);
        long d2 = u16(b, off + 4);
        long d3 = u16(b, off + 6);
        long msb = d1 << 32 | d2 << 16 | d3;
        long lsb = (long) LONG.get(b, off + 8);
        return new UUID(msb, Long.reverseBytes(lsb));
    }

    /**
     * {@return the {@code len} bytes at {@code off} decoded as UTF-16LE} The same string as
     * {@code new String(b, off, len, UTF_16LE)} (a lone surrogate becomes U+FFFD), built without a charset decoder
     * when there is no surrogate, the common case. {@code len} must be even (callers round it down).
     */
    public static String utf16(byte[] b, int off, int len) {
        int n = len / 2;
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            char ch = (char) ((short) SHORT.get(b, off + 2 * i));
            if (Character.isSurrogate(ch)) {
                return new String(b, off, len, StandardCharsets.UTF_16LE);
            }
            c[i] = ch;
        }
        return new String(c);
    }
}
