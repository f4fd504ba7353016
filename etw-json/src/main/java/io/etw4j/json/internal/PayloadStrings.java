package io.etw4j.json.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds text in a binary payload of unknown layout, the way a reverse engineer scans a hex dump: UTF-16LE strings
 * (Windows' native strings, at any byte offset, since packed payloads do not align them) and ANSI (8-bit) strings.
 * A heuristic, for discovery only: it can miss a string and can report bytes that merely look like text. Stateless.
 *
 * <p>A UTF-16LE run counts when it has at least {@link #MIN_CHARS} characters that are printable ASCII, Latin-1,
 * Greek or Cyrillic letters, and at least half of them are printable ASCII (which weeds out the "text" that random
 * bytes and misaligned ASCII form, at the price of missing strings in other scripts, e.g. CJK); a NUL
 * terminator after it is included in its byte length. An ANSI run counts when it has at least
 * {@link #MIN_CHARS} printable ASCII bytes and lies outside every UTF-16 string found.
 */
public final class PayloadStrings {
    /** Shortest run reported, in characters. */
    public static final int MIN_CHARS = 4;

    /** One string found. */
    public record Found(int offset, int byteLength, String encoding, String value) {
        /** Offset just past the string and its terminator, if it had one. */
        public int end() {
            return offset + byteLength;
        }
    }

    private PayloadStrings() {
    }

    /** The strings in {@code payload}, in offset order: UTF-16LE ones, then ANSI ones outside them, merged. */
    public static List<Found> find(byte[] payload) {
        List<Found> utf16 = findUtf16(payload);
        boolean[] covered = new boolean[payload.length];
        for (Found f : utf16) {
            for (int i = f.offset(); i < f.end() && i < covered.length; i++) {
                covered[i] = true;
            }
        }
        List<Found> ansi = findAnsi(payload, covered);
        List<Found> all = new ArrayList<>(utf16.size() + ansi.size());
        int i = 0;
        int j = 0;
        while (i < utf16.size() || j < ansi.size()) {
            if (j >= ansi.size() || (i < utf16.size() && utf16.get(i).offset() <= ansi.get(j).offset())) {
                all.add(utf16.get(i++));
            } else {
                all.add(ansi.get(j++));
            }
        }
        return all;
    }

    public static List<Found> findUtf16(byte[] p) {
        List<Found> found = new ArrayList<>();
        // Where the last refused run of each byte parity ended: a start inside it would only rescan a suffix of the
        // same run, so the scan skips it (without this, one long refused run costs quadratic time).
        int[] refusedUntil = new int[2];
        int i = 0;
        while (i + 2 * MIN_CHARS <= p.length) {
            if (i < refusedUntil[i & 1]) {
                i++;
                continue;
            }
            int n = 0;
            int ascii = 0;
            int k = i;
            StringBuilder sb = new StringBuilder();
            while (k + 1 < p.length) {
                char c = (char) ((p[k] & 0xFF) | (p[k + 1] & 0xFF) << 8);
                if (!isTextChar(c)) {
                    break;
                }
                if (c < 0x7F) {
                    ascii++;
                }
                sb.append(c);
                n++;
                k += 2;
            }
            boolean terminated = k + 1 < p.length && p[k] == 0 && p[k + 1] == 0;
            if (n >= MIN_CHARS && 2 * ascii >= n) {
                int length = k - i + (terminated ? 2 : 0);
                found.add(new Found(i, length, "utf-16le", sb.toString()));
                i += length;
            } else {
                refusedUntil[i & 1] = k;
                i++;
            }
        }
        return found;
    }

    public static List<Found> findAnsi(byte[] p, boolean[] covered) {
        List<Found> found = new ArrayList<>();
        int i = 0;
        while (i < p.length) {
            int k = i;
            while (k < p.length && !covered[k] && p[k] >= 0x20 && p[k] < 0x7F) {
                k++;
            }
            if (k - i >= MIN_CHARS) {
                boolean terminated = k < p.length && p[k] == 0 && !covered[k];
                found.add(new Found(i, k - i + (terminated ? 1 : 0), "ansi",
                        new String(p, i, k - i, StandardCharsets.ISO_8859_1)));
                i = k + (terminated ? 1 : 0);
            } else {
                i = k + 1;
            }
        }
        return found;
    }

    /**
     * Printable ASCII, tab, Latin-1 letters (U+00C0..U+00FF), Greek and Cyrillic letters (U+0370..U+04FF). Other
     * scripts are left out on purpose: misaligned ASCII and small binary integers read as UTF-16 form code points
     * above U+0100 (CJK in particular), and accepting them would swallow neighbouring fields into "strings".
     */
    private static boolean isTextChar(char c) {
        if ((c >= 0x20 && c < 0x7F) || c == '\t') {
            return true;
        }
        if ((c >= 0xC0 && c <= 0xFF) || (c >= 0x370 && c <= 0x4FF)) {
            return Character.isLetter(c);
        }
        return false;
    }

    /**
     * uint32 values that could be process ids: at every offset that is a multiple of 4 or directly follows a string
     * found (where packed payloads put the next field), and is not inside a string, a little-endian value that is a
     * non-zero multiple of 4 below 2^26, the bound the SCM decoder uses (Windows process ids are multiples of 4; the
     * bound is an inferred practical limit, not a documented one). Guesses, for discovery; each is {offset, value}, in offset order.
     */
    public static List<int[]> plausiblePids(byte[] p, List<Found> strings) {
        boolean[] covered = new boolean[p.length];
        java.util.TreeSet<Integer> offsets = new java.util.TreeSet<>();
        for (Found f : strings) {
            for (int i = f.offset(); i < f.end() && i < covered.length; i++) {
                covered[i] = true;
            }
            offsets.add(f.end());
        }
        for (int i = 0; i + 4 <= p.length; i += 4) {
            offsets.add(i);
        }
        List<int[]> out = new ArrayList<>();
        for (int i : offsets) {
            if (i + 4 > p.length || covered[i] || covered[i + 3]) {
                continue;
            }
            long v = (p[i] & 0xFFL) | (p[i + 1] & 0xFFL) << 8 | (p[i + 2] & 0xFFL) << 16 | (p[i + 3] & 0xFFL) << 24;
            if (v != 0 && v % 4 == 0 && v < (1L << 26)) {
                out.add(new int[] {i, (int) v});
            }
        }
        return out;
    }
}
