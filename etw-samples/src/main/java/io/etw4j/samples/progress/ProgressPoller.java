package io.etw4j.samples.progress;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ticks a {@link ProgressDisplay} every {@link ProgressDisplay#MIN_INTERVAL} on a daemon thread of its own, so that the
 * thread reading the records does no progress work at all. {@link #close} stops the thread and erases the line.
 * Thread-safe; one poller per display.
 */
public final class ProgressPoller implements AutoCloseable {
    private final ProgressDisplay display;
    private final ScheduledExecutorService timer;

    /** Starts ticking {@code display}. */
    public ProgressPoller(ProgressDisplay display) {
        this.display = display;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "etw4j-progress");
            t.setDaemon(true);
            return t;
        });
        long ms = ProgressDisplay.MIN_INTERVAL.toMillis();
        timer.scheduleAtFixedRate(() -> {
            try {
                display.tick();
            } catch (RuntimeException e) {
                // progress is a convenience: a failing poll must not end the read
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Stops the ticks, waits briefly for a running one, and erases the line. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        display.finish();
    }
}
