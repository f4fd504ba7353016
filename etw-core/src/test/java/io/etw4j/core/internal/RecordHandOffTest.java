package io.etw4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link RecordHandOff} in isolation: exact drop counts and order under both overflow strategies (single-threaded
 * against a model, and with a real producer and consumer thread), no lost wake-up of a parked consumer, slot release.
 * Waits are bounded only as hang guards; nothing asserts a duration.
 */
@Timeout(120)
class RecordHandOffTest {
    private static final long HANG_GUARD_SECONDS = 30;

    @Test
    void dropNewestKeepsTheFirstRecordsAndCountsEachRefusal() {
        RecordHandOff<Integer> h = new RecordHandOff<>(4, false);
        List<Boolean> accepted = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            accepted.add(h.offer(i));
        }
        assertThat(accepted).containsExactly(true, true, true, true, false, false, false, false, false, false);
        assertThat(h.dropped()).isEqualTo(6);
        assertThat(h.size()).isEqualTo(4);
        assertThat(drain(h)).containsExactly(1, 2, 3, 4);
        assertThat(h.isEmpty()).isTrue();
        assertThat(h.poll()).isNull();
    }

    @Test
    void dropOldestKeepsTheLastRecordsAndCountsEachEviction() {
        RecordHandOff<Integer> h = new RecordHandOff<>(4, true);
        for (int i = 1; i <= 10; i++) {
            assertThat(h.offer(i)).isTrue();
        }
        assertThat(h.dropped()).isEqualTo(6);
        assertThat(drain(h)).containsExactly(7, 8, 9, 10);
        assertThat(h.poll()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"1,false", "1,true", "3,false", "3,true", "5,false", "5,true", "8,false", "8,true"})
    void capacityIsTheExactBoundAlsoWhenNotAPowerOfTwo(int capacity, boolean dropOldest) {
        RecordHandOff<Integer> h = new RecordHandOff<>(capacity, dropOldest);
        for (int i = 0; i < capacity + 2; i++) {
            h.offer(i);
        }
        assertThat(h.size()).isEqualTo(capacity);
        assertThat(h.dropped()).isEqualTo(2);
        List<Integer> expected = new ArrayList<>();
        for (int i = dropOldest ? 2 : 0; expected.size() < capacity; i++) {
            expected.add(i);
        }
        assertThat(drain(h)).isEqualTo(expected);
    }

    /** Many wrap-arounds of interleaved offers and polls, compared step by step with a bounded-deque model. */
    @ParameterizedTest
    @CsvSource({"1,false", "1,true", "3,false", "3,true", "7,false", "7,true", "16,false", "16,true"})
    void interleavedOffersAndPollsMatchABoundedDequeModel(int capacity, boolean dropOldest) {
        RecordHandOff<Integer> h = new RecordHandOff<>(capacity, dropOldest);
        ArrayDeque<Integer> model = new ArrayDeque<>();
        long modelDropped = 0;
        long offers = 0;
        long polls = 0;
        Random random = new Random(capacity * 31L + (dropOldest ? 1 : 0));
        for (int step = 0, next = 0; step < 50_000; step++) {
            if (random.nextInt(100) < 55) {
                int e = next++;
                offers++;
                boolean expectAccepted = true;
                if (model.size() == capacity) {
                    modelDropped++;
                    if (dropOldest) {
                        model.removeFirst();
                    } else {
                        expectAccepted = false;
                    }
                }
                if (expectAccepted) {
                    model.addLast(e);
                }
                assertThat(h.offer(e)).as("offer at step %d", step).isEqualTo(expectAccepted);
            } else {
                Integer expected = model.pollFirst();
                polls += expected == null ? 0 : 1;
                assertThat(h.poll()).as("poll at step %d", step).isEqualTo(expected);
            }
            assertThat(h.dropped()).isEqualTo(modelDropped);
            assertThat(h.offered()).isEqualTo(offers);
            assertThat(h.polled()).isEqualTo(polls);
            assertThat(h.size()).isEqualTo(model.size());
            assertThat(h.isEmpty()).isEqualTo(model.isEmpty());
        }
        assertThat(modelDropped).isPositive();
    }

    /**
     * A producer thread offers 0..n-1 in bursts with pauses while the consumer thread polls (yielding now and then)
     * and parks when the ring is empty: in one run the ring overflows and runs empty many times (measured while
     * writing the test: with capacity 1, about 40% of the records dropped and a park for more than half of them). Every value is delivered once or counted as dropped, never
     * both; delivery is in order; no wake-up is lost (a lost one would leave the consumer parked: hang guard).
     */
    @ParameterizedTest
    @CsvSource({"1,false", "1,true", "3,false", "3,true", "64,false", "64,true", "1000,false", "1000,true"})
    void concurrentProducerAndConsumerCountEveryDropExactly(int capacity, boolean dropOldest) throws Exception {
        int n = 100_000;
        RecordHandOff<Integer> h = new RecordHandOff<>(capacity, dropOldest);
        BitSet refused = new BitSet(n);
        Producer producer = new Producer(h, n, refused);
        Consumer consumer = new Consumer(h, producer);
        consumer.start();
        producer.start();
        joinOrFail(producer);
        joinOrFail(consumer);
        assertThat(consumer.failure.get()).isNull();

        int[] got = consumer.values();
        for (int i = 1; i < got.length; i++) {
            assertThat(got[i]).as("order at %d", i).isGreaterThan(got[i - 1]);
        }
        assertThat(got.length + h.dropped()).isEqualTo(n);
        assertThat(h.size()).isZero();
        assertThat(h.offered()).isEqualTo(n);
        assertThat(h.polled()).isEqualTo(got.length);
        if (dropOldest) {
            assertThat(refused.isEmpty()).isTrue();
            assertThat(got[got.length - 1]).isEqualTo(n - 1); // the newest record is never the one dropped
        } else {
            assertThat((long) refused.cardinality()).isEqualTo(h.dropped());
            BitSet delivered = new BitSet(n);
            for (int v : got) {
                delivered.set(v);
            }
            assertThat(delivered.intersects(refused)).isFalse();
            delivered.or(refused);
            assertThat(delivered.cardinality()).isEqualTo(n); // nothing lost without being counted
        }
    }

    /**
     * Ping-pong: the producer offers one value, then waits for the consumer's acknowledgement, so that every offer
     * races with the consumer going to park on an empty hand-off. The consumer's {@code keepWaiting} is always true:
     * only the producer's offer can wake it, so one lost wake-up hangs the run and trips the guard.
     */
    @ParameterizedTest
    @CsvSource({"false", "true"})
    void noWakeUpIsLostWhenEveryOfferRacesWithTheConsumerParking(boolean dropOldest) throws Exception {
        int rounds = 50_000;
        RecordHandOff<Integer> h = new RecordHandOff<>(2, dropOldest);
        Semaphore acks = new Semaphore(0);
        CountDownLatch consumerStopped = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread consumer = new Thread(() -> {
            try {
                int expected = 0;
                while (expected < rounds) {
                    Integer v = h.poll();
                    if (v == null) {
                        h.awaitElement(this, () -> true);
                        if (Thread.interrupted()) {
                            return; // the hang guard gave up
                        }
                        continue;
                    }
                    if (v != expected) {
                        throw new AssertionError("got " + v + ", expected " + expected);
                    }
                    expected++;
                    acks.release();
                }
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                consumerStopped.countDown();
            }
        }, "handoff-consumer");
        consumer.setDaemon(true);
        consumer.start();
        try {
            for (int i = 0; i < rounds; i++) {
                h.offer(i);
                if (!acks.tryAcquire(HANG_GUARD_SECONDS, TimeUnit.SECONDS)) {
                    throw new AssertionError("consumer not woken for value " + i + " (lost wake-up?) failure="
                            + failure.get());
                }
            }
        } finally {
            consumer.interrupt();
            LockSupport.unpark(consumer);
            assertThat(consumerStopped.await(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(failure.get()).isNull();
        assertThat(h.dropped()).isZero();
    }

    @Test
    void otherWakeUpReasonsAreTheCallersAndStopTheWait() throws Exception {
        RecordHandOff<Integer> h = new RecordHandOff<>(4, false);
        CountDownLatch returned = new CountDownLatch(1);
        Thread consumer = new Thread(() -> {
            h.awaitElement(this, () -> false); // the caller's reason to stay awake is already gone: no park
            returned.countDown();
        });
        consumer.setDaemon(true);
        consumer.start();
        assertThat(returned.await(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(h.offer(1)).isTrue(); // the flag was lowered again: nothing to unpark, nothing fails
        assertThat(h.poll()).isEqualTo(1);
    }

    @Test
    void dropNewestConsumerClearsTheSlotsItTakes() {
        RecordHandOff<Integer> h = new RecordHandOff<>(4, false);
        for (int i = 0; i < 6; i++) {
            h.offer(i);
        }
        assertThat(h.referencedSlots()).isEqualTo(4);
        drain(h);
        assertThat(h.referencedSlots()).isZero();
    }

    @Test
    void dropOldestKeepsTakenSlotsUntilReleasedAndReleaseKeepsTheCounters() {
        RecordHandOff<Integer> h = new RecordHandOff<>(4, true);
        for (int i = 0; i < 6; i++) {
            h.offer(i);
        }
        drain(h);
        assertThat(h.referencedSlots()).isEqualTo(4); // the producer may refill them: the consumer cannot clear
        h.offer(6);
        h.releaseSlots();
        assertThat(h.referencedSlots()).isZero();
        assertThat(h.dropped()).isEqualTo(2);
    }

    @Test
    void dropOldestNeverKeepsMoreReferencesThanItsCapacityWhenTheArrayIsLonger() {
        RecordHandOff<Integer> h = new RecordHandOff<>(5, true); // 8 slots
        for (int i = 0; i < 20; i++) {
            h.offer(i);
            assertThat(h.referencedSlots()).isLessThanOrEqualTo(5);
        }
        assertThat(drain(h)).containsExactly(15, 16, 17, 18, 19);
        assertThat(h.referencedSlots()).isEqualTo(5);
        h.offer(20);
        assertThat(h.referencedSlots()).isEqualTo(5);
        assertThat(h.poll()).isEqualTo(20);
    }

    @Test
    void capacityOutsideTheSupportedRangeIsRejected() {
        assertThatThrownBy(() -> new RecordHandOff<>(0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecordHandOff<>(RecordHandOff.MAX_CAPACITY + 1, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..1073741824");
    }

    // ------------------------------------------------------------------ helpers

    private static List<Integer> drain(RecordHandOff<Integer> h) {
        List<Integer> out = new ArrayList<>();
        for (Integer v = h.poll(); v != null; v = h.poll()) {
            out.add(v);
        }
        return out;
    }

    private static void joinOrFail(Thread t) throws InterruptedException {
        t.join(TimeUnit.SECONDS.toMillis(HANG_GUARD_SECONDS));
        if (t.isAlive()) {
            t.interrupt();
            LockSupport.unpark(t);
            throw new AssertionError(t.getName() + " did not finish (lost wake-up?)");
        }
    }

    /** Offers 0..n-1 without pausing; records refused values; then says it is done and unparks the consumer. */
    private static final class Producer extends Thread {
        private final RecordHandOff<Integer> h;
        private final int n;
        private final BitSet refused;
        volatile boolean done;
        volatile Thread consumer;

        Producer(RecordHandOff<Integer> h, int n, BitSet refused) {
            super("handoff-producer");
            setDaemon(true);
            this.h = h;
            this.n = n;
            this.refused = refused;
        }

        @Override
        public void run() {
            // Bursts of random length, then a pause of random length, so that the ring both overflows and runs empty
            // (the consumer parks) many times during one run.
            Random random = new Random(n);
            int burstLeft = 0;
            for (int i = 0; i < n; i++) {
                if (!h.offer(i)) {
                    refused.set(i);
                }
                if (--burstLeft <= 0) {
                    burstLeft = 1 + random.nextInt(h.capacity * 3);
                    for (int spin = random.nextInt(4000); spin > 0; spin--) {
                        Thread.onSpinWait();
                    }
                    if (random.nextInt(8) == 0) {
                        Thread.yield();
                    }
                }
            }
            done = true; // state first, then the wake-up (the caller's side of the protocol)
            LockSupport.unpark(consumer);
        }
    }

    /** Polls until the producer is done and the hand-off is empty; yields now and then to let the ring overflow. */
    private static final class Consumer extends Thread {
        private final RecordHandOff<Integer> h;
        private final Producer producer;
        private final List<Integer> got = new ArrayList<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Consumer(RecordHandOff<Integer> h, Producer producer) {
            super("handoff-consumer");
            setDaemon(true);
            this.h = h;
            this.producer = producer;
            producer.consumer = this;
        }

        @Override
        public void run() {
            try {
                int polls = 0;
                while (!isInterrupted()) {
                    boolean done = producer.done; // read before polling, as the deliverer does
                    Integer v = h.poll();
                    if (v != null) {
                        got.add(v);
                        if (++polls % 97 == 0) {
                            Thread.yield();
                        }
                        continue;
                    }
                    if (done && h.isEmpty()) {
                        return;
                    }
                    h.awaitElement(this, () -> !producer.done);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }

        int[] values() {
            return got.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
