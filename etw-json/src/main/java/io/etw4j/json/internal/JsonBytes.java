package io.etw4j.json.internal;

import io.etw4j.core.internal.FileTimes;
import java.time.Instant;
import java.util.Arrays;

/**
 * One JSON line as UTF-8 bytes, appended to in place: the reused buffer of the byte path of {@link JsonLineOutput},
 * with the formatters of the values that need no escaping (pre-encoded names, decimals, {@code "0x"} hex, GUIDs,
 * times, hex bytes), each written exactly as {@link JsonChars} and Jackson write them: times as
 * {@link Instant#toString()}, GUIDs as {@link java.util.UUID#toString()}, hex as {@code "0x" +
 * Long.toHexString(v)}, integers as {@link Integer#toString(int)}, unsigned decimals as
 * {@link Long#toUnsignedString(long)} (a test compares them). Only ASCII is ever appended.
 *
 * <p>Not thread-safe: one instance per output.
 */
public final class JsonBytes {
    private static final byte[] DIGITS = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e',
        'f'};
    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years {@link Instant#toString()} prints as 4 digits. */
    private static final long MIN_FAST_SECOND = -62_167_219_200L;
    private static final long MAX_FAST_SECOND = 253_402_300_799L;
    /** "yyyy-MM-ddTHH:mm:ss". */
    private static final int SECONDS_PREFIX = 19;
    private static final int INITIAL = 1024;
    /** "00", "01", ... "99": two digits per lookup. */
    private static final byte[] PAIRS = pairs();
    /** "00", "01", ... "ff": the two hex digits of a byte per lookup. */
    private static final byte[] HEX_PAIRS = hexPairs();

    /** The bytes of the line; {@link #length} of them are used. Grows as needed. */
    public byte[] bytes = new byte[INITIAL];
    /** How many bytes of {@link #bytes} the line holds. */
    public int length;

    private long cachedSecond = Long.MIN_VALUE;
    private final byte[] cachedPrefix = new byte[SECONDS_PREFIX];
    private final byte[] cachedUuid = new byte[38];
    private byte[] scratch = new byte[64];
    private long cachedMsb;
    private long cachedLsb;
    private boolean uuidCached;

    private static byte[] pairs() {
        byte[] p = new byte[200];
        for (int i = 0; i < 100; i++) {
            p[2 * i] = (byte) ('0' + i / 10);
            p[2 * i + 1] = (byte) ('0' + i % 10);
        }
        return p;
    }

    private static byte[] hexPairs() {
        byte[] p = new byte[512];
        for (int i = 0; i < 256; i++) {
            p[2 * i] = DIGITS[i >> 4];
            p[2 * i + 1] = DIGITS[i & 0xF];
        }
        return p;
    }

    /** {@return {@code s} (ASCII, as it appears in the JSON) as bytes, for pre-encoded names and constants} */
    public static byte[] ascii(String s) {
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                throw new IllegalArgumentException("not ASCII: " + s);
            }
            b[i] = (byte) c;
        }
        return b;
    }

    /** {@return a reused array of at least {@code n} bytes, for bytes about to be formatted (content not kept)} */
    public byte[] scratch(int n) {
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, 2 * scratch.length)];
        }
        return scratch;
    }

    /** Empties the line; a buffer that grew past 1 MiB for a long line is given back. */
    public void reset() {
        length = 0;
        if (bytes.length > 1 << 20) {
            bytes = new byte[INITIAL];
        }
    }

    /** Makes room for {@code more} bytes after {@link #length}; {@return the buffer to write into} */
    public byte[] room(int more) {
        if (bytes.length - length < more) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
        return bytes;
    }

    /** Appends one ASCII byte. */
    public void add(char c) {
        room(1)[length++] = (byte) c;
    }

    /** Appends {@code b} (pre-encoded ASCII). */
    public void add(byte[] b) {
        System.arraycopy(b, 0, room(b.length), length, b.length);
        length += b.length;
    }

    /** Appends {@code v} as {@link Integer#toString(int)}. */
    public void decimal(int v) {
        if (v >= 0 && v < 10) { // most fields of a record: one digit
            room(1)[length++] = (byte) ('0' + v);
            return;
        }
        if (v < 0) {
            if (v == Integer.MIN_VALUE) {
                add(ascii(Integer.toString(v)));
                return;
            }
            add('-');
            v = -v;
        }
        int len = digitCount(v);
        pairsBackward(room(len), length + len, v);
        length += len;
    }

    /** Appends {@code v} as {@link Long#toUnsignedString(long)}. */
    public void unsignedDecimal(long v) {
        if (v >= 0 && v <= Integer.MAX_VALUE) {
            decimal((int) v);
            return;
        }
        // Up to 20 digits: the low 9 (and the next 9) with int arithmetic, what is left above them likewise.
        long hi = Long.divideUnsigned(v, 1_000_000_000L);
        int low = (int) (v - hi * 1_000_000_000L);
        long top = hi / 1_000_000_000L; // hi < 2^64 / 10^9: signed division is exact
        int mid = (int) (hi - top * 1_000_000_000L);
        byte[] b;
        if (top > 0) {
            int topLen = digitCount((int) top);
            b = room(topLen + 18);
            pairsBackward(b, length + topLen, (int) top);
            length += topLen;
            nineDigits(b, length, mid);
            length += 9;
        } else {
            int midLen = digitCount(mid);
            b = room(midLen + 9);
            pairsBackward(b, length + midLen, mid);
            length += midLen;
        }
        nineDigits(b, length, low);
        length += 9;
    }

    /** The digits of {@code v} (non-negative): 1 to 10. */
    private static int digitCount(int v) {
        int n = 1;
        for (int p = 10; n < 10 && v >= p; p *= 10) {
            n++;
        }
        return n;
    }

    /** {@code v} (non-negative) written backwards ending before {@code end}, two digits at a time. */
    private static void pairsBackward(byte[] b, int end, int v) {
        int i = end;
        while (v >= 100) {
            int q = v / 100;
            int r = (v - q * 100) * 2;
            b[--i] = PAIRS[r + 1];
            b[--i] = PAIRS[r];
            v = q;
        }
        if (v >= 10) {
            b[--i] = PAIRS[v * 2 + 1];
            b[--i] = PAIRS[v * 2];
        } else {
            b[--i] = (byte) ('0' + v);
        }
    }

    /** {@code v} (0 to 999,999,999) as exactly 9 digits at {@code b[at..]}. */
    private static void nineDigits(byte[] b, int at, int v) {
        for (int i = at + 7; i > at; i -= 2) {
            int q = v / 100;
            int r = (v - q * 100) * 2;
            b[i + 1] = PAIRS[r + 1];
            b[i] = PAIRS[r];
            v = q;
        }
        b[at] = (byte) ('0' + v);
    }

    /** Appends {@code "0x"} and the unsigned hex of {@code v}, at least {@code minDigits} digits, in double quotes. */
    public void quotedHex(long v, int minDigits) {
        int digits = Math.max(1, Math.max(minDigits, (64 - Long.numberOfLeadingZeros(v) + 3) / 4));
        byte[] b = room(digits + 4);
        int p = length;
        b[p] = '"';
        b[p + 1] = '0';
        b[p + 2] = 'x';
        hexDigits(b, p + 3, v, digits);
        b[p + 3 + digits] = '"';
        length = p + 4 + digits;
    }

    /**
     * As {@link #quotedUuid}, remembering the last GUID written this way: for a value that repeats from line to line
     * (the provider), copied instead of formatted again.
     */
    public void quotedUuidCached(long msb, long lsb) {
        if (msb != cachedMsb || lsb != cachedLsb || !uuidCached) {
            int at = length;
            quotedUuid(msb, lsb);
            System.arraycopy(bytes, at, cachedUuid, 0, 38);
            cachedMsb = msb;
            cachedLsb = lsb;
            uuidCached = true;
            return;
        }
        System.arraycopy(cachedUuid, 0, room(38), length, 38);
        length += 38;
    }

    /** Appends the GUID of these bits as {@link java.util.UUID#toString()}, in double quotes. */
    public void quotedUuid(long msb, long lsb) {
        byte[] b = room(38);
        int p = length;
        b[p] = '"';
        hexDigits(b, p + 1, msb >>> 32, 8);
        b[p + 9] = '-';
        hexDigits(b, p + 10, msb >>> 16, 4);
        b[p + 14] = '-';
        hexDigits(b, p + 15, msb, 4);
        b[p + 19] = '-';
        hexDigits(b, p + 20, lsb >>> 48, 4);
        b[p + 24] = '-';
        hexDigits(b, p + 25, lsb, 12);
        b[p + 37] = '"';
        length = p + 38;
    }

    /** Appends the instant of a FILETIME ({@code FileTimes.toInstant}) as {@link Instant#toString()}, in quotes. */
    public void quotedFileTime(long fileTime) {
        long second = Math.floorDiv(fileTime, 10_000_000L) - FileTimes.EPOCH_DIFF_SECONDS;
        int nano = (int) Math.floorMod(fileTime, 10_000_000L) * 100;
        if (second < MIN_FAST_SECOND || second > MAX_FAST_SECOND) {
            add('"');
            add(ascii(FileTimes.toInstant(fileTime).toString()));
            add('"');
            return;
        }
        if (second != cachedSecond) {
            secondsPrefix(cachedPrefix, second);
            cachedSecond = second;
        }
        byte[] b = room(SECONDS_PREFIX + 13);
        int p = length;
        b[p++] = '"';
        System.arraycopy(cachedPrefix, 0, b, p, SECONDS_PREFIX);
        p += SECONDS_PREFIX;
        if (nano != 0) {
            b[p++] = '.';
            if (nano % 1_000_000 == 0) {
                digits(b, p, nano / 1_000_000, 3);
                p += 3;
            } else if (nano % 1_000 == 0) {
                digits(b, p, nano / 1_000, 6);
                p += 6;
            } else {
                nineDigits(b, p, nano);
                p += 9;
            }
        }
        b[p++] = 'Z';
        b[p++] = '"';
        length = p;
    }

    /**
     * "yyyy-MM-ddTHH:mm:ss" of {@code second} (UTC, a year 0-9999) at {@code c[0..19)}, without allocating: the
     * proleptic Gregorian calendar of {@code java.time} (days to civil date as in H. Hinnant, "chrono-Compatible
     * Low-Level Date Algorithms", {@code civil_from_days}).
     */
    static void secondsPrefix(byte[] c, long second) {
        long day = Math.floorDiv(second, 86_400L);
        int secondOfDay = (int) Math.floorMod(second, 86_400L);
        long z = day + 719_468;
        long era = Math.floorDiv(z, 146_097L);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int dayOfMonth = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
        digits(c, 0, year, 4);
        c[4] = '-';
        digits(c, 5, month, 2);
        c[7] = '-';
        digits(c, 8, dayOfMonth, 2);
        c[10] = 'T';
        digits(c, 11, secondOfDay / 3600, 2);
        c[13] = ':';
        digits(c, 14, secondOfDay / 60 % 60, 2);
        c[16] = ':';
        digits(c, 17, secondOfDay % 60, 2);
    }

    /** Makes room for {@code n} bytes shown as hex between quotes; {@return where the first digit goes} */
    public int hexRoom(int n) {
        byte[] b = room(2 * n + 2);
        b[length] = '"';
        b[length + 1 + 2 * n] = '"';
        int at = length + 1;
        length += 2 * n + 2;
        return at;
    }

    /** Two lowercase hex digits of byte {@code v} at {@code bytes[at]}, inside a {@link #hexRoom}. */
    public void hexByte(int at, int v) {
        int i = (v & 0xFF) << 1;
        bytes[at] = HEX_PAIRS[i];
        bytes[at + 1] = HEX_PAIRS[i + 1];
    }

    /** The low {@code count} hex digits of {@code v} at {@code b[at..]}, a byte (two digits) per lookup. */
    private static void hexDigits(byte[] b, int at, long v, int count) {
        int i = at + count;
        while (i - at >= 2) {
            int pair = ((int) v & 0xFF) << 1;
            b[--i] = HEX_PAIRS[pair + 1];
            b[--i] = HEX_PAIRS[pair];
            v >>>= 8;
        }
        if (i > at) {
            b[at] = DIGITS[(int) (v & 0xF)];
        }
    }

    /** {@code v} (non-negative) as exactly {@code count} decimal digits, zero-padded, at {@code b[at..]}. */
    private static void digits(byte[] b, int at, int v, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            b[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
    }
}
