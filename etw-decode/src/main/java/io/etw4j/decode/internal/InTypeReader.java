package io.etw4j.decode.internal;

import io.etw4j.core.SecurityIdentifier;
import io.etw4j.core.internal.FileTimes;
import io.etw4j.core.internal.ReadOnlyBytes;
import io.etw4j.decode.InType;
import io.etw4j.decode.OutType;
import io.etw4j.decode.PropertySchema;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

/**
 * The cursor of {@link PayloadDecoder}'s walk and the reading of one value of each {@link InType} at it: how many
 * bytes an in-type takes and what raw value they hold (tdh.h TDH_IN_TYPE; the manifest schema's "InputType Complex
 * Type" page on learn.microsoft.com). What the value then means for its {@link OutType} is {@link OutTypes}' job. Reads
 * are little-endian through {@link ReadOnlyBytes}, on the same primitives as {@code io.etw4j.core.PayloadReader}, and
 * never change the payload.
 *
 * <p>A read that does not fit throws {@link Misfit}; a string without its terminator runs to the end of the payload.
 * Not thread-safe: one per decode.
 */
final class InTypeReader {
    /** The payload. */
    final ReadOnlyBytes p;
    /** Its length. */
    final int end;
    /** 4 or 8: the size of POINTER and SIZET values. */
    final int pointerSize;
    /** Offset of the next read. */
    int pos;

    InTypeReader(ReadOnlyBytes p, int pointerSize) {
        this.p = p;
        this.end = p.length();
        this.pointerSize = pointerSize;
    }

    /** {@return bytes left after the position} */
    int remaining() {
        return end - pos;
    }

    /** {@return true if a length applies to {@code t} (tdh.h PropertyParamLength: strings and binary only)} */
    static boolean takesLength(InType t) {
        return t == InType.UNICODESTRING || t == InType.ANSISTRING || t == InType.BINARY
                || t == InType.NONNULLTERMINATEDSTRING || t == InType.NONNULLTERMINATEDANSISTRING;
    }

    /** {@return the fixed size of one {@code t} value in this payload (pointer-sized types: the record's), or -1} */
    int sizeOf(InType t) {
        return t == InType.POINTER || t == InType.SIZET ? pointerSize : t.fixedSize();
    }

    /**
     * Reads one value of {@code prop}'s in-type and formats it for its out-type.
     *
     * @param len the property's length in characters or bytes when {@link #takesLength} and it has one, else -1
     */
    Object value(PropertySchema prop, int len) throws Misfit {
        InType t = prop.inType();
        OutType o = prop.outType();
        switch (t) {
            case NULL:
                return null;
            case UNICODESTRING:
                return len >= 0 ? utf16Fixed(len) : utf16z();
            case ANSISTRING:
                return len >= 0 ? ansiFixed(len, o) : ansiz(o);
            case NONNULLTERMINATEDSTRING:
                return utf16Fixed(len >= 0 ? len : remaining() / 2);
            case NONNULLTERMINATEDANSISTRING:
                return ansiFixed(len >= 0 ? len : remaining(), o);
            case MANIFEST_COUNTEDSTRING:
            case COUNTEDSTRING:
                return utf16Bytes((int) need(2));
            case REVERSEDCOUNTEDSTRING:
                return utf16Bytes(Integer.reverseBytes((int) need(2)) >>> 16);
            case MANIFEST_COUNTEDANSISTRING:
            case COUNTEDANSISTRING:
                return ansiFixed((int) need(2), o);
            case REVERSEDCOUNTEDANSISTRING:
                return ansiFixed(Integer.reverseBytes((int) need(2)) >>> 16, o);
            case UNICODECHAR:
                return String.valueOf((char) need(2));
            case ANSICHAR:
                return new String(new byte[] {(byte) need(1)}, OutTypes.ANSI);
            case BINARY:
                if (len < 0) {
                    if (o != OutType.IPV6) {
                        throw new Misfit("binary property without a length", false, pos);
                    }
                    len = 16;
                }
                return OutTypes.binary(bytes(len), o, pos);
            case MANIFEST_COUNTEDBINARY:
                return OutTypes.binary(bytes((int) need(2)), o, pos);
            case HEXDUMP:
                return OutTypes.binary(bytes((int) need(4)), o, pos);
            case GUID:
                return guid();
            case FILETIME:
                return fileTime();
            case SYSTEMTIME:
                return systemTime();
            case SID:
                return sid();
            case WBEMSID:
                return wbemSid();
            case BOOLEAN:
                return need(4) != 0;
            case FLOAT:
                return Float.intBitsToFloat((int) need(4));
            case DOUBLE:
                return Double.longBitsToDouble(need(8));
            default:
                return integer(prop, t, o);
        }
    }

    private Object integer(PropertySchema prop, InType t, OutType o) throws Misfit {
        int size = sizeOf(t);
        if (size <= 0) {
            throw new Misfit("in-type " + t + " is not supported", false, pos);
        }
        long v = need(size);
        if (t.isSigned()) {
            int shift = 64 - 8 * size;
            v = v << shift >> shift;
        }
        return OutTypes.integer(prop, v, size, pos);
    }

    /** Reads {@code n} (1..8) little-endian bytes, unsigned below 8. */
    long need(int n) throws Misfit {
        if (end - pos < n) {
            throw new Misfit("needs " + n + " byte(s) but " + (end - pos) + " remain", false, pos);
        }
        long v = p.unsigned(pos, n);
        pos += n;
        return v;
    }

    /** A copy of the next {@code n} bytes. */
    byte[] bytes(int n) throws Misfit {
        if (n < 0 || end - pos < n) {
            throw new Misfit("needs " + n + " byte(s) but " + (end - pos) + " remain", false, pos);
        }
        byte[] b = p.copy(pos, pos + n);
        pos += n;
        return b;
    }

    private UUID guid() throws Misfit {
        if (end - pos < 16) {
            throw new Misfit("needs 16 byte(s) but " + (end - pos) + " remain", false, pos);
        }
        UUID g = p.guid(pos);
        pos += 16;
        return g;
    }

    private Instant fileTime() throws Misfit {
        long ft = need(8);
        if (ft < 0) {
            throw new Misfit("FILETIME 0x" + Long.toHexString(ft) + " is out of range", true, pos);
        }
        return FileTimes.toInstant(ft); // etw-core's one FILETIME conversion: arithmetic and the Instant, nothing else
    }

    /** A NUL-terminated UTF-16LE string; without a NUL it runs to the end of the payload. */
    private String utf16z() {
        int e = pos;
        while (e + 1 < end && (p.u8(e) != 0 || p.u8(e + 1) != 0)) {
            e += 2;
        }
        int stop = Math.min(e, end);
        String s = p.utf16(pos, (stop - pos) & ~1);
        pos = e + 1 < end ? e + 2 : end;
        return s;
    }

    /** {@code chars} UTF-16 units, trailing NULs dropped. */
    private String utf16Fixed(int chars) throws Misfit {
        return utf16Bytes(chars * 2);
    }

    /** {@code byteCount} bytes of UTF-16LE (an odd last byte ignored), trailing NULs dropped. */
    private String utf16Bytes(int byteCount) throws Misfit {
        if (byteCount < 0 || end - pos < byteCount) {
            throw new Misfit("needs " + byteCount + " byte(s) but " + (end - pos) + " remain", false, pos);
        }
        int start = pos;
        int n = byteCount & ~1;
        while (n >= 2 && p.u8(start + n - 1) == 0 && p.u8(start + n - 2) == 0) {
            n -= 2;
        }
        pos += byteCount;
        return p.utf16(start, n);
    }

    /** A NUL-terminated 8-bit string; without a NUL it runs to the end of the payload. */
    private String ansiz(OutType o) {
        int e = pos;
        while (e < end && p.u8(e) != 0) {
            e++;
        }
        String s = p.string(pos, e - pos, OutTypes.charset(o));
        pos = e < end ? e + 1 : end;
        return s;
    }

    /** {@code n} bytes of 8-bit text, trailing NULs dropped. */
    private String ansiFixed(int n, OutType o) throws Misfit {
        if (n < 0 || end - pos < n) {
            throw new Misfit("needs " + n + " byte(s) but " + (end - pos) + " remain", false, pos);
        }
        int start = pos;
        int k = n;
        while (k > 0 && p.u8(start + k - 1) == 0) {
            k--;
        }
        pos += n;
        return p.string(start, k, OutTypes.charset(o));
    }

    private Instant systemTime() throws Misfit {
        int start = pos;
        int[] f = new int[8];
        for (int i = 0; i < 8; i++) {
            f[i] = (int) need(2);
        }
        try {
            return LocalDateTime.of(f[0], f[1], f[3], f[4], f[5], f[6], f[7] * 1_000_000).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new Misfit("SYSTEMTIME " + Arrays.toString(f) + " is not a date: " + e.getMessage(), true,
                    start + 16);
        }
    }

    /** A SID: revision, sub-authority count n, 6-byte authority, n 4-byte sub-authorities (winnt.h SID). */
    private Object sid() throws Misfit {
        if (end - pos < 8) {
            throw new Misfit("SID needs at least 8 bytes but " + (end - pos) + " remain", false, pos);
        }
        int n = p.u8(pos + 1);
        if (n > 15) {
            throw new Misfit("SID with " + n + " sub-authorities (SID_MAX_SUB_AUTHORITIES is 15)", false, pos);
        }
        byte[] b = bytes(8 + 4 * n);
        try {
            return SecurityIdentifier.of(b);
        } catch (RuntimeException e) {
            throw new Misfit("SID: " + e.getMessage(), true, pos);
        }
    }

    /**
     * A kernel MOF SID: a TOKEN_USER (SID pointer and attributes: two pointer-sized slots) followed by the SID, or
     * a 4-byte zero when there is none (the layout TraceEvent reads for kernel events; inferred from it).
     */
    private Object wbemSid() throws Misfit {
        if (end - pos >= 4 && p.u32(pos) == 0) {
            pos += 4;
            return null;
        }
        bytes(2 * pointerSize);
        return sid();
    }
}
