package io.etw4j.samples.progress;

import java.time.Duration;
import java.util.Locale;

/**
 * The text of one progress line: {@code 12.3 MiB of 45.6 MiB (27%), 123,456 records, 4.5 MiB/s, 0:07 left}. The rate
 * is bytes read over the time since the read began; time left is what the rest of the file takes at that rate, absent
 * until a rate is known (no bytes yet, or no time passed) and when the total is unknown ({@code total <= 0}). Stateless.
 */
public final class ProgressLine {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private ProgressLine() {
    }

    /**
     * {@return the line}
     *
     * @param bytes   bytes read so far
     * @param total   bytes to read in all, {@code <= 0} when unknown
     * @param records records read so far
     * @param elapsed time since the read began
     */
    public static String render(long bytes, long total, long records, Duration elapsed) {
        StringBuilder b = new StringBuilder(size(bytes));
        if (total > 0) {
            long shown = Math.min(bytes, total);
            b.append(" of ").append(size(total)).append(" (").append(shown * 100 / total).append("%)");
        }
        b.append(", ").append(String.format(Locale.ROOT, "%,d", records)).append(records == 1 ? " record" : " records");
        long nanos = elapsed.toNanos();
        if (nanos > 0 && bytes > 0) {
            double perSecond = bytes * 1e9 / nanos;
            b.append(", ").append(size((long) perSecond)).append("/s");
            if (total > 0) {
                long left = Math.max(0, total - bytes);
                b.append(", ").append(clock((long) Math.ceil(left / perSecond))).append(" left");
            }
        }
        return b.toString();
    }

    /** {@return {@code bytes} in binary units with one decimal: {@code 512 B}, {@code 1.5 KiB}, {@code 45.6 MiB}} */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        int unit = 0;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, UNITS[unit]);
    }

    /** {@return seconds as {@code m:ss}, or {@code h:mm:ss} from an hour} */
    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
                : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
