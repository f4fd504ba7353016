package io.etw4j.scm.internal.wpp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds what a person looking for an unknown message's layout wants first: the UTF-16LE strings in a payload and the
 * uint32 values that could be process ids. The findings are hints, never facts. Stateless and thread-safe.
 *
 * <p>Strings: runs of at least {@value #MIN_STRING_CHARS} printable UTF-16LE code units starting at an even offset,
 * ending at a 2-byte NUL or at the end of the payload. Printable: U+0020..U+007E, U+00A0..U+D7FF, U+E000..U+FFFD, tab,
 * and well-formed surrogate pairs. (WPP packs arguments without padding, so a string after a field of odd size would
 * start at an odd offset; this scan does not look there.)
 *
 * <p>PIDs: the uint32 LE values at even offsets outside the strings found (and their terminators) that
 * {@link #isPlausiblePid(long) are plausible PIDs}, scanning forward without overlap (after a hit the scan resumes
 * at the next byte after it).
 */
public final class PayloadScan {
    /** The fewest code units a run needs to be reported as a string. */
    public static final int MIN_STRING_CHARS = 2;
    /** Upper bound (exclusive) for a plausible PID: {@link MessageFields#MAX_PID}. */
    public static final long MAX_PLAUSIBLE_PID = MessageFields.MAX_PID;

    private final List<String> strings;
    private final List<Long> plausiblePids;

    private PayloadScan(List<String> strings, List<Long> plausiblePids) {
        this.strings = List.copyOf(strings);
        this.plausiblePids = List.copyOf(plausiblePids);
    }

    /** Scans {@code payload}. */
    public static PayloadScan of(byte[] payload) {
        List<String> strings = new ArrayList<>();
        boolean[] inString = new boolean[payload.length];
        int p = 0;
        while (p + 1 < payload.length) {
            int end = p;
            while (end + 1 < payload.length) {
                char c = charAt(payload, end);
                if (Character.isHighSurrogate(c) && end + 3 < payload.length
                        && Character.isLowSurrogate(charAt(payload, end + 2))) {
                    end += 4;
                } else if (isPrintable(c)) {
                    end += 2;
                } else {
                    break;
                }
            }
            int units = (end - p) / 2;
            boolean terminated = end + 1 < payload.length && payload[end] == 0 && payload[end + 1] == 0;
            boolean atEnd = end + 1 >= payload.length;
            if (units >= MIN_STRING_CHARS && (terminated || atEnd)) {
                strings.add(new String(payload, p, end - p, StandardCharsets.UTF_16LE));
                int stop = terminated ? end + 2 : payload.length;
                for (int i = p; i < stop; i++) {
                    inString[i] = true;
                }
                p = stop;
            } else {
                p = Math.max(end, p + 2);
            }
        }
        List<Long> pids = new ArrayList<>();
        for (int off = 0; off + 3 < payload.length; off += 2) {
            if (inString[off] || inString[off + 1] || inString[off + 2] || inString[off + 3]) {
                continue;
            }
            long v = (payload[off] & 0xFFL) | (payload[off + 1] & 0xFFL) << 8 | (payload[off + 2] & 0xFFL) << 16
                    | (payload[off + 3] & 0xFFL) << 24;
            if (isPlausiblePid(v)) {
                pids.add(v);
                off += 2; // with the loop's += 2: the next candidate starts after this value, never overlapping it
            }
        }
        return new PayloadScan(strings, pids);
    }

    /** True for a non-zero multiple of 4 below {@link #MAX_PLAUSIBLE_PID} (a heuristic: inferred). */
    public static boolean isPlausiblePid(long v) {
        return MessageFields.isPlausiblePid(v);
    }

    /** The strings found, in payload order. */
    public List<String> strings() {
        return strings;
    }

    /** The plausible PIDs found, in payload order. */
    public List<Long> plausiblePids() {
        return plausiblePids;
    }

    private static char charAt(byte[] b, int off) {
        return (char) ((b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8);
    }

    private static boolean isPrintable(char c) {
        return c == '\t' || (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
    }
}
