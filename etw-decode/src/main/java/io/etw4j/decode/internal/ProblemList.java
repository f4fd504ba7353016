package io.etw4j.decode.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A bounded list of problem lines: the first {@link #LIMIT} lines are kept, the rest only counted, so a hostile input
 * with a million bad elements costs a counter, not a million strings (issue 19). {@link #lines()} ends with one line
 * saying how many were left out. Thread-safe.
 */
public final class ProblemList {
    /** The most lines kept. */
    public static final int LIMIT = 100;
    private final List<String> kept = new ArrayList<>();
    private long omitted;

    /** Adds one problem line (kept if fewer than {@link #LIMIT} are, else counted). */
    public synchronized void add(String line) {
        if (kept.size() < LIMIT) {
            kept.add(line);
        } else {
            omitted++;
        }
    }

    /** Adds every line of {@code lines}, counting a final "N more problems" line of another list as N lines. */
    public synchronized void addAll(List<String> lines) {
        for (String l : lines) {
            long more = omittedIn(l);
            if (more > 0) {
                omitted += more;
            } else {
                add(l);
            }
        }
    }

    /** {@return the number of problems added, kept or not} */
    public synchronized long count() {
        return kept.size() + omitted;
    }

    /** {@return an immutable copy: the kept lines, then "N more problems not listed" if any were left out} */
    public synchronized List<String> lines() {
        if (omitted == 0) {
            return List.copyOf(kept);
        }
        List<String> all = new ArrayList<>(kept);
        all.add(omitted + MORE);
        return List.copyOf(all);
    }

    private static final String MORE = " more problems not listed (only the first " + LIMIT + " are kept)";

    private static long omittedIn(String line) {
        if (!line.endsWith(MORE)) {
            return 0;
        }
        try {
            return Long.parseLong(line.substring(0, line.length() - MORE.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
