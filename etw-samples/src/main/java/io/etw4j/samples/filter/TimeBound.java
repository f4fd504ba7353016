package io.etw4j.samples.filter;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One end of a {@code --since} / {@code --until} time range as given on the command line, resolved to an instant
 * once the trace's start is known. Three forms:
 * <ul>
 *   <li>an RFC 3339 date-time with a zone ({@code 2026-12-08T01:30:00Z}, {@code 2026-12-08T02:30:00.5+01:00});</li>
 *   <li>{@code +DURATION}: that long after the start of the trace (an .etl file: its logfile header's StartTime;
 *       live: when the command started);</li>
 *   <li>{@code -DURATION}: that long before now (the wall clock when the command started).</li>
 * </ul>
 * A DURATION is a sequence of numbers with a unit, {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}
 * ({@code 90s}, {@code 1h30m}, {@code 250ms}), or an ISO-8601 duration ({@code PT1H30M}). Immutable.
 */
public final class TimeBound {
    private static final Pattern PART = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");
    private static final long MAX_SECONDS = 100L * 365 * 86_400;

    private enum Kind { ABSOLUTE, AFTER_START, BEFORE_NOW }

    private final Kind kind;
    private final Instant instant;
    private final Duration offset;
    private final String text;

    private TimeBound(Kind kind, Instant instant, Duration offset, String text) {
        this.kind = kind;
        this.instant = instant;
        this.offset = offset;
        this.text = text;
    }

    /**
     * Parses one of the three forms (see the class comment).
     *
     * @param text the option's value
     * @return the bound
     * @throws IllegalArgumentException saying which forms are accepted, if {@code text} is none of them
     */
    public static TimeBound parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim();
        if (t.startsWith("+") || t.startsWith("-")) {
            Duration d = duration(t.substring(1));
            return new TimeBound(t.startsWith("+") ? Kind.AFTER_START : Kind.BEFORE_NOW, null, d, t);
        }
        try {
            return new TimeBound(Kind.ABSOLUTE, OffsetDateTime.parse(t.replace(' ', 'T').toUpperCase(Locale.ROOT),
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant(), null, t);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a time: '" + text + "' (give an RFC 3339 date-time with a zone "
                    + "such as 2026-12-08T01:30:00Z, +DURATION after the trace's start such as +90s, or -DURATION "
                    + "before now such as -1h30m)");
        }
    }

    private static Duration duration(String t) {
        if (t.startsWith("P") || t.startsWith("p")) {
            try {
                return bounded(Duration.parse(t.toUpperCase(Locale.ROOT)), t);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("not a duration: '" + t + "'");
            }
        }
        Matcher m = PART.matcher(t);
        Duration d = Duration.ZERO;
        int at = 0;
        while (at < t.length() && m.find(at) && m.start() == at) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ms" -> d = d.plusMillis(n);
                case "s" -> d = d.plusSeconds(n);
                case "m" -> d = d.plusMinutes(n);
                case "h" -> d = d.plusHours(n);
                default -> d = d.plusDays(n);
            }
            at = m.end();
        }
        if (at == 0 || at != t.length()) {
            throw new IllegalArgumentException("not a duration: '" + t + "' (numbers with units ms, s, m, h, d such "
                    + "as 90s or 1h30m, or ISO-8601 such as PT1H30M)");
        }
        return bounded(d, t);
    }

    private static Duration bounded(Duration d, String t) {
        if (d.isNegative() || d.getSeconds() > MAX_SECONDS) {
            throw new IllegalArgumentException("duration out of range (0 to 100 years): '" + t + "'");
        }
        return d;
    }

    /**
     * {@return the instant this bound names}
     *
     * @param traceStart the start of the trace ({@code +DURATION} counts from it)
     * @param now        the wall clock when the command started ({@code -DURATION} counts back from it)
     */
    public Instant resolve(Instant traceStart, Instant now) {
        switch (kind) {
            case ABSOLUTE:
                return instant;
            case AFTER_START:
                return traceStart.plus(offset);
            default:
                return now.minus(offset);
        }
    }

    /** {@return the text as given} */
    @Override
    public String toString() {
        return text;
    }
}
