package io.etw4j.json.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Formats the values of the samples' JSON conventions ({@link RecordJson}) into a reused {@code char[]} instead
 * of a new String per value, for the writers of this package: times as {@link Instant#toString()}, GUIDs as
 * {@link UUID#toString()}, {@code "0x"} hex as {@code "0x" + Long.toHexString(v)}, unsigned decimals as
 * {@link Long#toUnsignedString(long)}, bytes as lowercase hex. Each method fills {@link #chars} from index 0 and
 * returns the length; the result is valid until the next call. The output equals the JDK method named (a test compares
 * them).
 *
 * <p>Not thread-safe: one instance per writer.
 */
public final class JsonChars {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();
    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years {@link Instant#toString()} prints as 4 digits. */
    private static final long MIN_FAST_SECOND = -62_167_219_200L;
    private static final long MAX_FAST_SECOND = 253_402_300_799L;
    /** "yyyy-MM-ddTHH:mm:ss". */
    private static final int SECONDS_PREFIX = 19;

    /** The formatted value; grows as needed. */
    public char[] chars = new char[64];

    /** {@link #chars} between double quotes, for {@link #quoted(int)}; grows as needed. */
    public char[] quoted = new char[66];

    private long cachedSecond = Long.MIN_VALUE;
    private final char[] cachedPrefix = new char[SECONDS_PREFIX];

    /**
     * {@code t} as {@link Instant#toString()} writes it ({@code DateTimeFormatter.ISO_INSTANT}: seconds always, the
     * fraction in groups of 3 digits as needed). Years outside 0-9999 are delegated to {@code toString()}.
     */
    public int instant(Instant t) {
        long second = t.getEpochSecond();
        if (second < MIN_FAST_SECOND || second > MAX_FAST_SECOND) {
            return string(t.toString());
        }
        if (second != cachedSecond) {
            LocalDateTime d = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
            char[] p = cachedPrefix;
            digits(p, 0, d.getYear(), 4);
            p[4] = '-';
            digits(p, 5, d.getMonthValue(), 2);
            p[7] = '-';
            digits(p, 8, d.getDayOfMonth(), 2);
            p[10] = 'T';
            digits(p, 11, d.getHour(), 2);
            p[13] = ':';
            digits(p, 14, d.getMinute(), 2);
            p[16] = ':';
            digits(p, 17, d.getSecond(), 2);
            cachedSecond = second;
        }
        char[] c = chars;
        System.arraycopy(cachedPrefix, 0, c, 0, SECONDS_PREFIX);
        int n = SECONDS_PREFIX;
        int nano = t.getNano();
        if (nano != 0) {
            c[n++] = '.';
            if (nano % 1_000_000 == 0) {
                digits(c, n, nano / 1_000_000, 3);
                n += 3;
            } else if (nano % 1_000 == 0) {
                digits(c, n, nano / 1_000, 6);
                n += 6;
            } else {
                digits(c, n, nano, 9);
                n += 9;
            }
        }
        c[n++] = 'Z';
        return n;
    }

    /** {@code id} as {@link UUID#toString()}: lowercase, 8-4-4-4-12. */
    public int uuid(UUID id) {
        char[] c = chars;
        long msb = id.getMostSignificantBits();
        long lsb = id.getLeastSignificantBits();
        hexDigits(c, 0, msb >>> 32, 8);
        c[8] = '-';
        hexDigits(c, 9, msb >>> 16, 4);
        c[13] = '-';
        hexDigits(c, 14, msb, 4);
        c[18] = '-';
        hexDigits(c, 19, lsb >>> 48, 4);
        c[23] = '-';
        hexDigits(c, 24, lsb, 12);
        return 36;
    }

    /** {@code "0x"} and the unsigned hex of {@code v}, at least {@code minDigits} digits (zero-padded). */
    public int hex(long v, int minDigits) {
        int digits = Math.max(minDigits, (64 - Long.numberOfLeadingZeros(v) + 3) / 4);
        digits = Math.max(digits, 1);
        char[] c = chars;
        c[0] = '0';
        c[1] = 'x';
        hexDigits(c, 2, v, digits);
        return 2 + digits;
    }

    /** {@code v} as {@link Long#toUnsignedString(long)}. */
    public int unsignedDecimal(long v) {
        if (v < 0) {
            // as Long.toUnsignedString: the quotient by 10 (computed without sign) then the last digit
            long q = (v >>> 1) / 5;
            int last = (int) (v - q * 10);
            int n = unsignedDecimal(q);
            chars[n] = (char) ('0' + last);
            return n + 1;
        }
        int len = 1;
        for (long x = v / 10; x != 0; x /= 10) {
            len++;
        }
        char[] c = chars;
        long x = v;
        for (int i = len - 1; i >= 0; i--) {
            c[i] = (char) ('0' + (int) (x % 10));
            x /= 10;
        }
        return len;
    }

    /**
     * Copies the first {@code len} chars of {@link #chars} into {@link #quoted} between double quotes and returns the
     * quoted length: a JSON string a writer can emit raw when the value is known to need no escaping (digits, hex,
     * the ASCII of the formats above).
     */
    public int quoted(int len) {
        char[] q = quotedCapacity(len + 2);
        q[0] = '"';
        System.arraycopy(chars, 0, q, 1, len);
        q[len + 1] = '"';
        return len + 2;
    }

    /** Ensures {@link #quoted} holds at least {@code n} chars (content is not kept). */
    public char[] quotedCapacity(int n) {
        if (quoted.length < n) {
            quoted = new char[Math.max(n, quoted.length * 2)];
        }
        return quoted;
    }

    /** Ensures {@link #chars} holds at least {@code n} chars (content is not kept). */
    public char[] capacity(int n) {
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        return chars;
    }

    /** Two lowercase hex digits of byte {@code b} at {@code chars[at]}. */
    public static void hexByte(char[] c, int at, int b) {
        c[at] = DIGITS[(b >> 4) & 0xF];
        c[at + 1] = DIGITS[b & 0xF];
    }

    private int string(String s) {
        int n = s.length();
        s.getChars(0, n, capacity(n), 0);
        return n;
    }

    /** The low {@code count} hex digits of {@code v} at {@code c[at..]}. */
    private static void hexDigits(char[] c, int at, long v, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            c[i] = DIGITS[(int) (v & 0xF)];
            v >>>= 4;
        }
    }

    /** {@code v} (non-negative) as exactly {@code count} decimal digits, zero-padded, at {@code c[at..]}. */
    private static void digits(char[] c, int at, int v, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            c[i] = (char) ('0' + v % 10);
            v /= 10;
        }
    }
}
