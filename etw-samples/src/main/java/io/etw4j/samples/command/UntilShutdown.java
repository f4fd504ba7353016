package io.etw4j.samples.command;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;

/**
 * Runs a live Flux (one that may never complete) to its end on the calling thread, and on JVM shutdown (Ctrl-C,
 * SIGTERM) cancels it instead of letting the JVM die mid-stream: the cancellation stops the ETW session (which reports
 * its final loss counters), then the caller's end-of-run work (the summary on stderr) runs before the JVM exits. The
 * shutdown waits for that work at most {@link #SHUTDOWN_GRACE}.
 *
 * <p>One instance per run; {@link #run} may be called once. Thread-safe between the running thread and the shutdown
 * hook.
 */
final class UntilShutdown {
    /** How long JVM shutdown waits for the cancelled run's end-of-run work. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final CountDownLatch finished = new CountDownLatch(1);
    private final CountDownLatch reported = new CountDownLatch(1);
    private final AtomicReference<Disposable> subscription = new AtomicReference<>();
    private volatile boolean cancelled;

    /**
     * Subscribes to {@code flux} and waits until it completes, fails, or is cancelled by {@link #cancelAndWait()}
     * (which the shutdown hook calls); then runs {@code atEnd} (also after a failure, before rethrowing it).
     *
     * @return true if the run ended because it was cancelled
     * @throws RuntimeException the Flux's error (unchecked as is, checked ones wrapped by Reactor)
     */
    boolean run(Flux<?> flux, Runnable atEnd) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread hook = new Thread(this::cancelAndWait, "etw4j-samples-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Disposable d = flux.doFinally(signal -> finished.countDown())
                    .subscribe(x -> { }, failure::set);
            subscription.set(d);
            if (cancelled) {
                d.dispose();
            }
            awaitUninterruptibly(finished);
            atEnd.run();
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or has run: nothing to remove.
            }
        }
        Throwable t = failure.get();
        if (t != null) {
            throw Exceptions.propagate(t);
        }
        return cancelled;
    }

    /** Cancels the run and waits (at most {@link #SHUTDOWN_GRACE}) until its end-of-run work is done. */
    void cancelAndWait() {
        cancelled = true;
        Disposable d = subscription.get();
        if (d != null) {
            d.dispose();
        }
        try {
            reported.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
