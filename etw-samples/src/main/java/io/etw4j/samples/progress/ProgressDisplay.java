package io.etw4j.samples.progress;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A progress line on a terminal, redrawn in place ({@code \r}, padded over the previous text): {@link #tick} reads the
 * counters and redraws, at most once per {@link #MIN_INTERVAL} of its clock; {@link #finish} erases the line so that
 * what follows on the terminal starts clean. The counters come from a poll of the reader's statistics (thread-safe
 * snapshots), never from the thread reading the records, which therefore never waits for the terminal.
 *
 * <p>Thread-safe: {@link #tick} and {@link #finish} are synchronized (a poller thread ticks, the command's thread
 * finishes); after {@link #finish} nothing more is drawn.
 */
public final class ProgressDisplay {
    /** The shortest time between two redraws. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(200);

    /** What has been read so far: bytes of the input and records. */
    public record Reading(long bytes, long records) {
    }

    private final String label;
    private final long total;
    private final Supplier<Reading> counters;
    private final LongSupplier nanoClock;
    private final PrintWriter terminal;
    private final long startNanos;
    private long lastDrawn = Long.MIN_VALUE;
    private int lastWidth;
    private boolean finished;

    /**
     * @param label     what is read, the line's prefix (e.g. {@code etl-dump})
     * @param total     bytes to read in all, {@code <= 0} when unknown
     * @param counters  the poll of the reader's counters
     * @param nanoClock a monotonic clock in nanoseconds ({@link System#nanoTime} outside tests)
     * @param terminal  where the line is drawn (stderr)
     */
    public ProgressDisplay(String label, long total, Supplier<Reading> counters, LongSupplier nanoClock,
            PrintWriter terminal) {
        this.label = Objects.requireNonNull(label, "label");
        this.total = total;
        this.counters = Objects.requireNonNull(counters, "counters");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.startNanos = nanoClock.getAsLong();
    }

    /** {@return true if the line was redrawn: not finished, and {@link #MIN_INTERVAL} passed since the last draw} */
    public synchronized boolean tick() {
        if (finished) {
            return false;
        }
        long now = nanoClock.getAsLong();
        if (lastDrawn != Long.MIN_VALUE && now - lastDrawn < MIN_INTERVAL.toNanos()) {
            return false;
        }
        lastDrawn = now;
        Reading r = counters.get();
        String line = label + ": " + ProgressLine.render(r.bytes(), total, r.records(),
                Duration.ofNanos(now - startNanos));
        terminal.print('\r' + line + " ".repeat(Math.max(0, lastWidth - line.length())));
        terminal.flush();
        lastWidth = line.length();
        return true;
    }

    /** Erases the line (if one was drawn); nothing is drawn afterwards. */
    public synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (lastWidth > 0) {
            terminal.print('\r' + " ".repeat(lastWidth) + '\r');
            terminal.flush();
        }
    }
}
