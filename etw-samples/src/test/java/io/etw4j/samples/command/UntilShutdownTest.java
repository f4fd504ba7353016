package io.etw4j.samples.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

class UntilShutdownTest {

    @Test
    void aCompletingFluxRunsTheEndWorkOnce() {
        List<String> log = new CopyOnWriteArrayList<>();
        boolean cancelled = new UntilShutdown().run(Flux.just(1, 2, 3).doOnNext(i -> log.add("item " + i)),
                () -> log.add("end"));
        assertThat(cancelled).isFalse();
        assertThat(log).containsExactly("item 1", "item 2", "item 3", "end");
    }

    @Test
    void aFailingFluxRunsTheEndWorkThenRethrows() {
        List<String> log = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> new UntilShutdown().run(Flux.error(new IllegalStateException("broken")),
                () -> log.add("end")))
                .isInstanceOf(IllegalStateException.class).hasMessage("broken");
        assertThat(log).containsExactly("end");
    }

    /** What the shutdown hook does on Ctrl-C: cancel the endless run, and return only after the end work ran. */
    @Test
    void shutdownCancelsAnEndlessRunAndWaitsForTheEndWork() throws Exception {
        Sinks.Many<Integer> live = Sinks.many().unicast().onBackpressureBuffer();
        AtomicBoolean upstreamCancelled = new AtomicBoolean();
        CountDownLatch subscribed = new CountDownLatch(1);
        UntilShutdown run = new UntilShutdown();
        List<String> log = new CopyOnWriteArrayList<>();
        CompletableFuture<Boolean> result = CompletableFuture.supplyAsync(() -> run.run(
                live.asFlux().doOnSubscribe(s -> subscribed.countDown())
                        .doOnCancel(() -> upstreamCancelled.set(true))
                        .doOnNext(i -> log.add("item " + i)),
                () -> log.add("end")));
        assertThat(subscribed.await(30, TimeUnit.SECONDS)).isTrue();
        live.tryEmitNext(7);

        run.cancelAndWait();

        assertThat(upstreamCancelled).isTrue();
        // cancelAndWait returned: the end work has run (or the grace period passed, which would fail the next line).
        assertThat(log).containsExactly("item 7", "end");
        assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aShutdownBeforeTheSubscriptionStillCancels() throws Exception {
        UntilShutdown run = new UntilShutdown();
        Thread hook = new Thread(run::cancelAndWait, "test-shutdown-hook");
        hook.setDaemon(true);
        hook.start();
        // The hook has cancelled (found no subscription yet) once it waits, timed, for the end work: only then run.
        // Without this wait the hook could just as well come after the subscription, the other path.
        long guard = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); // hang guard, not a timing assertion
        while (hook.getState() != Thread.State.TIMED_WAITING) {
            assertThat(hook.isAlive()).as("hook ended before waiting for the end work").isTrue();
            if (System.nanoTime() - guard > 0) {
                throw new AssertionError("hook never reached its wait: " + hook.getState());
            }
            Thread.onSpinWait();
        }
        List<String> log = new CopyOnWriteArrayList<>();
        boolean cancelled = run.run(Flux.never(), () -> log.add("end"));
        assertThat(cancelled).isTrue();
        assertThat(log).containsExactly("end");
        hook.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(hook.isAlive()).as("hook returned once the end work ran").isFalse();
    }
}
