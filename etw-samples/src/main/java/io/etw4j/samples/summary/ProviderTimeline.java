package io.etw4j.samples.summary;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The times of one provider's records, for the timeline picture: every record counted, at most {@link #SAMPLE}
 * times kept, a uniform sample of them when there are more (reservoir sampling with a fixed seed, so the picture of
 * a file is the same every run). {@link #histogram} spreads them over bins, scaled to the count: exact up to
 * {@link #SAMPLE} records, an estimate beyond.
 *
 * <p>Not thread-safe: filled by one thread, read after.
 */
public final class ProviderTimeline {
    /** Times kept per provider. */
    public static final int SAMPLE = 20_000;

    private String label;
    private final long[] nanos = new long[SAMPLE];
    private final SplittableRandom random = new SplittableRandom(0x65747734L);
    private long count;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    ProviderTimeline(String label) {
        this.label = label;
    }

    void add(Instant time) {
        long t = epochNanos(time);
        min = Math.min(min, t);
        max = Math.max(max, t);
        if (count < SAMPLE) {
            nanos[(int) count] = t;
        } else {
            long j = random.nextLong(count + 1);
            if (j < SAMPLE) {
                nanos[(int) j] = t;
            }
        }
        count++;
    }

    /** {@return {@code time} in nanoseconds since the epoch (saturated outside the years 1677-2262)} */
    static long epochNanos(Instant time) {
        try {
            return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
        } catch (ArithmeticException e) {
            return time.getEpochSecond() < 0 ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
        }
    }

    void relabel(String label) {
        this.label = label;
    }

    /** {@return the provider's label: its name, else its GUID} */
    public String label() {
        return label;
    }

    /** {@return records counted} */
    public long count() {
        return count;
    }

    /**
     * {@return the records per bin of {@code [from, to]} in {@code bins} equal bins, scaled to {@link #count()}}
     *
     * @param from the first bin's start (epoch nanoseconds)
     * @param to   the last bin's end (epoch nanoseconds), at least {@code from}
     * @param bins the number of bins, at least 1
     */
    public double[] histogram(long from, long to, int bins) {
        double[] h = new double[bins];
        int kept = (int) Math.min(count, SAMPLE);
        double span = Math.max(1, to - from);
        for (int i = 0; i < kept; i++) {
            int b = (int) Math.floor((nanos[i] - from) / span * bins);
            h[Math.max(0, Math.min(bins - 1, b))]++;
        }
        if (kept > 0 && count > kept) {
            double scale = (double) count / kept;
            for (int i = 0; i < bins; i++) {
                h[i] *= scale;
            }
        }
        return h;
    }

    /** {@return the earliest and latest time (epoch nanoseconds), or null when empty} */
    long[] range() {
        return count == 0 ? null : new long[] {min, max};
    }
}
