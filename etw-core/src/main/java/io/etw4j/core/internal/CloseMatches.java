package io.etw4j.core.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Names close to one that was not found, for "did you mean" messages: a candidate is close if, compared without case
 * and without separators (anything but letters and digits), it is within a few edits of the name (Levenshtein
 * distance at most a third of the name's length, and at least 2) or one contains the other (both 4 characters or
 * more). Best first: fewest edits, then containment hits by length difference, then by name. Stateless, thread-safe.
 */
public final class CloseMatches {
    /** Names longer than this (after normalising) are only compared by containment. */
    static final int MAX_EDIT_LENGTH = 256;

    private CloseMatches() {
    }

    private record Scored(String name, int score) {
    }

    /** At most {@code max} names of {@code candidates} close to {@code name}, best first. */
    public static List<String> of(String name, Collection<String> candidates, int max) {
        String q = normalise(name);
        if (q.isEmpty() || max <= 0) {
            return List.of();
        }
        int limit = Math.max(2, q.length() / 3);
        List<Scored> hits = new ArrayList<>();
        for (String candidate : candidates) {
            if (candidate == null) {
                continue;
            }
            String c = normalise(candidate);
            if (c.isEmpty()) {
                continue;
            }
            int d = q.length() <= MAX_EDIT_LENGTH && c.length() <= MAX_EDIT_LENGTH ? distance(q, c, limit)
                    : Integer.MAX_VALUE;
            if (d <= limit) {
                hits.add(new Scored(candidate, d));
            } else if (q.length() >= 4 && c.length() >= 4 && (c.contains(q) || q.contains(c))) {
                hits.add(new Scored(candidate, limit + 1 + Math.abs(c.length() - q.length())));
            }
        }
        hits.sort(Comparator.comparingInt(Scored::score).thenComparing(Scored::name, String.CASE_INSENSITIVE_ORDER));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < hits.size() && out.size() < max; i++) {
            if (!out.contains(hits.get(i).name())) {
                out.add(hits.get(i).name());
            }
        }
        return List.copyOf(out);
    }

    static String normalise(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().filter(Character::isLetterOrDigit).forEach(b::appendCodePoint);
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /** Levenshtein distance of {@code a} and {@code b}, or {@code limit + 1} once it is known to exceed the limit. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[b.length()], limit + 1);
    }
}
