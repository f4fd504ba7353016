package io.etw4j.bench;

import io.etw4j.core.EventRecord;
import java.util.concurrent.CountDownLatch;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.SignalType;

/**
 * The subscriber every benchmark drains its Flux with: requests everything, counts the records and touches the header
 * fields a decoder reads first (folded into {@link #checksum} so the JIT cannot drop the reads), remembers a failure
 * and opens {@link #done} on any terminal signal or cancel.
 *
 * <p>Not thread-safe beyond Reactive Streams' serial signalling: read {@link #count} and {@link #checksum} after
 * {@link #done} is open (or after a synchronous {@code subscribe} returned).
 */
final class DrainingSubscriber extends BaseSubscriber<EventRecord> {
    final CountDownLatch done = new CountDownLatch(1);
    long count;
    long checksum;
    volatile Throwable failure;

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    protected void hookOnNext(EventRecord r) {
        count++;
        checksum += r.processId() + r.id() + r.payloadSize() + r.extendedData().size() + r.rawTimestamp();
    }

    @Override
    protected void hookOnError(Throwable t) {
        failure = t;
    }

    @Override
    protected void hookFinally(SignalType type) {
        done.countDown();
    }
}
