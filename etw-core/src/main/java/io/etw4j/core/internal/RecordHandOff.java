package io.etw4j.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The bounded hand-off between the ETW callback thread (the one producer) and the deliverer thread (the one
 * consumer) of a {@link SessionRun}: a single-producer/single-consumer ring of {@code capacity} elements with two
 * sequence counters ({@code tail}: elements ever published, written only by the producer; {@code head}: elements
 * ever removed) and a "consumer parked" flag. It is used instead of an {@code ArrayBlockingQueue}, whose lock the ETW
 * thread would take for every offer (even a failing one), followed by an unpark for every record.
 *
 * <p>Guarantees:
 * <ul>
 *   <li><b>The producer never blocks and never spins</b>: {@link #offer} is a bounded sequence of plain and volatile
 *       accesses plus, under DROP_OLDEST when full, one compare-and-set whose failure means that space was freed (no
 *       retry); it takes no lock. It calls {@link LockSupport#unpark} only when the consumer announced that it parks
 *       waiting for an element, and then once per park.</li>
 *   <li><b>Exact drop count</b>: every element not buffered (DROP_NEWEST, full) and every buffered element removed to
 *       make room (DROP_OLDEST, full) adds one to {@link #dropped()}, and nothing else does. Hence, once both threads
 *       are quiet: {@link #offered()} = {@link #polled()} + {@link #dropped()} + {@link #size()}. The counters live
 *       in the hand-off, each on the cache line of the one thread that writes it, so that counting does not make the
 *       two threads write the same cache line.</li>
 *   <li><b>Order</b>: {@link #poll} returns the buffered elements in the order they were offered.</li>
 *   <li><b>No lost wake-up</b>: a consumer in {@link #awaitElement} does not stay parked while an element is buffered
 *       (Dekker-style: the consumer raises the flag with a volatile write and then reads {@code tail}; the producer
 *       writes {@code tail} with a volatile write and then reads the flag, so at least one of them sees the other).
 *       Other reasons to wake up (demand, cancellation, end of the trace) are the caller's: they must change the state
 *       {@code keepWaiting} reads and then call {@link LockSupport#unpark} on the consumer.</li>
 * </ul>
 *
 * <p>Thread-safety: exactly one producer thread ({@link #offer}) and one consumer thread ({@link #poll},
 * {@link #isEmpty}, {@link #awaitElement}) at a time; the counters and {@link #size()} from any thread. ETW calls
 * a trace's callbacks on the one thread that runs ProcessTrace (EtwNative.RecordSink contract), which makes the ETW
 * callback the single producer.
 *
 * <p>DROP_OLDEST: the producer then also removes, so {@code head} is advanced by compare-and-set on both sides, and the
 * consumer cannot clear a slot it took (the producer may already have refilled it); the producer clears it later, so
 * that at most {@code capacity} slots hold a reference at any time (as under DROP_NEWEST), and
 * {@link #releaseSlots()} clears all. Memory: one array of references whose length is the next power of two at or
 * above {@code capacity}.
 *
 * @param <E> element type
 */
final class RecordHandOff<E> extends RecordHandOffConsumerFields<E> {
    /** Largest supported capacity: the slot array length is a power of two. */
    static final int MAX_CAPACITY = 1 << 30;

    RecordHandOff(int capacity, boolean dropOldest) {
        super(capacity, dropOldest);
    }

    // ------------------------------------------------------------------ producer

    /**
     * Buffers {@code e}, dropping (and counting) the newest ({@code e} itself) or the oldest buffered element if the
     * hand-off is full. Producer thread only; never blocks.
     *
     * @return false if {@code e} itself was dropped (DROP_NEWEST, full); true if it is buffered
     */
    boolean offer(E e) {
        OFFERED.setRelease(this, offered + 1);
        long t = tail;
        if (t - headCache >= capacity) {
            long h = (long) HEAD.getVolatile(this);
            if (t - h >= capacity) {
                if (!dropOldest) {
                    DROPPED.setRelease(this, dropped + 1);
                    headCache = h;
                    return false;
                }
                if (HEAD.compareAndSet(this, h, h + 1)) {
                    DROPPED.setRelease(this, dropped + 1);
                    h = h + 1;
                } else {
                    h = (long) HEAD.getVolatile(this); // the consumer took the oldest: there is room now
                }
            }
            headCache = h;
        }
        slots[(int) t & mask] = e;
        if (clearBehind) {
            // Element t - capacity is no longer buffered (head > t - capacity) and no buffered index shares its
            // slot (the array is longer than capacity): clear the reference the DROP_OLDEST consumer had to keep.
            slots[(int) (t - capacity) & mask] = null;
        }
        TAIL.setVolatile(this, t + 1); // publishes e; a full fence before the flag is read (see class doc)
        if ((boolean) PARKED.getVolatile(this) && (boolean) PARKED.getAndSet(this, false)) {
            LockSupport.unpark(consumer);
        }
        return true;
    }

    // ------------------------------------------------------------------ consumer

    /** The oldest buffered element, removed, or null if there is none. Consumer thread only. */
    E poll() {
        if (!dropOldest) {
            long h = head;
            if (h >= tailCache) {
                tailCache = (long) TAIL.getVolatile(this);
                if (h >= tailCache) {
                    return null;
                }
            }
            int i = (int) h & mask;
            @SuppressWarnings("unchecked")
            E e = (E) slots[i];
            slots[i] = null;
            HEAD.setRelease(this, h + 1); // the producer reuses slot i only after seeing this
            POLLED.setRelease(this, polled + 1);
            return e;
        }
        long h = (long) HEAD.getVolatile(this);
        while (true) {
            if (h >= tailCache) {
                tailCache = (long) TAIL.getVolatile(this);
                if (h >= tailCache) {
                    return null;
                }
            }
            @SuppressWarnings("unchecked")
            E e = (E) slots[(int) h & mask];
            // Success means head was still h: the producer had not dropped element h, so it could not yet have
            // refilled its slot (it writes element h + capacity only once head > h), and e is element h.
            if (HEAD.compareAndSet(this, h, h + 1)) {
                POLLED.setRelease(this, polled + 1);
                return e;
            }
            h = (long) HEAD.getVolatile(this); // the producer dropped element h: take the next one
        }
    }

    /** True if no element is buffered. Consumer thread only. */
    boolean isEmpty() {
        return (long) HEAD.getVolatile(this) >= (long) TAIL.getVolatile(this);
    }

    /**
     * Parks the consumer until an element is buffered or it is unparked for another reason; returns at once if an
     * element is already buffered or {@code keepWaiting} is false. May return spuriously: callers loop. Consumer thread
     * only.
     *
     * @param blocker     the park blocker (shown by thread dumps)
     * @param keepWaiting re-checked after the flag is raised: the caller's other reasons to stay awake
     */
    void awaitElement(Object blocker, BooleanSupplier keepWaiting) {
        consumer = Thread.currentThread(); // plain write, published by the volatile write of the flag
        PARKED.setVolatile(this, true);
        if (isEmpty() && keepWaiting.getAsBoolean()) {
            LockSupport.park(blocker);
        }
        PARKED.setVolatile(this, false);
    }

    // ------------------------------------------------------------------ any thread

    /** Elements dropped so far, exactly (see class doc). Any thread. */
    long dropped() {
        return (long) DROPPED.getVolatile(this);
    }

    /** Calls of {@link #offer} so far. Any thread. */
    long offered() {
        return (long) OFFERED.getVolatile(this);
    }

    /** Elements {@link #poll} returned so far. Any thread. */
    long polled() {
        return (long) POLLED.getVolatile(this);
    }

    /** Elements buffered now (a snapshot when the threads are running). Any thread. */
    int size() {
        long h = (long) HEAD.getVolatile(this);
        long t = (long) TAIL.getVolatile(this);
        return (int) Math.max(0, t - h);
    }

    /**
     * Clears every slot so that no element stays reachable from the hand-off. Only once neither the producer nor the
     * consumer will use it again (the buffered elements are discarded; the counters are kept).
     */
    void releaseSlots() {
        Arrays.fill(slots, null);
    }

    /** Test hook: the number of non-null slots (buffered elements plus references kept by DROP_OLDEST). */
    int referencedSlots() {
        int n = 0;
        for (Object o : slots) {
            if (o != null) {
                n++;
            }
        }
        return n;
    }

    static final VarHandle HEAD;
    static final VarHandle TAIL;
    static final VarHandle DROPPED;
    static final VarHandle PARKED;
    static final VarHandle OFFERED;
    static final VarHandle POLLED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(RecordHandOffConsumerFields.class, "head", long.class);
            TAIL = l.findVarHandle(RecordHandOffProducerFields.class, "tail", long.class);
            DROPPED = l.findVarHandle(RecordHandOffProducerFields.class, "dropped", long.class);
            PARKED = l.findVarHandle(RecordHandOffProducerFields.class, "parked", boolean.class);
            OFFERED = l.findVarHandle(RecordHandOffProducerFields.class, "offered", long.class);
            POLLED = l.findVarHandle(RecordHandOffConsumerFields.class, "polled", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}

/** Immutable fields, then 64 bytes of padding so the producer's fields do not share a cache line with them. */
abstract class RecordHandOffFixedFields<E> {
    final Object[] slots;
    final int mask;
    final int capacity;
    final boolean dropOldest;
    /** DROP_OLDEST with an array longer than capacity: the producer clears the slot of element t - capacity. */
    final boolean clearBehind;
    long p00, p01, p02, p03, p04, p05, p06, p07;

    RecordHandOffFixedFields(int capacity, boolean dropOldest) {
        if (capacity < 1 || capacity > RecordHandOff.MAX_CAPACITY) {
            throw new IllegalArgumentException("hand-off capacity must be 1.." + RecordHandOff.MAX_CAPACITY + ": "
                    + capacity);
        }
        int length = Integer.highestOneBit(capacity);
        if (length < capacity) {
            length <<= 1;
        }
        this.slots = new Object[length];
        this.mask = length - 1;
        this.capacity = capacity;
        this.dropOldest = dropOldest;
        this.clearBehind = dropOldest && length != capacity;
    }
}

/** Written by the producer (the flag and {@code consumer} also by the consumer when it parks), then padding. */
abstract class RecordHandOffProducerFields<E> extends RecordHandOffFixedFields<E> {
    /** Elements ever published; written only by the producer. */
    volatile long tail;
    /** The producer's last view of {@code head}. */
    long headCache;
    /** Elements dropped; written only by the producer. */
    volatile long dropped;
    /** Calls of offer; written only by the producer. */
    volatile long offered;
    /** Raised by the consumer before it parks waiting for an element; cleared by whoever wakes it. */
    volatile boolean parked;
    /** The consumer thread, set before {@code parked} is raised. */
    Thread consumer;
    long p10, p11, p12, p13, p14, p15, p16, p17;

    RecordHandOffProducerFields(int capacity, boolean dropOldest) {
        super(capacity, dropOldest);
    }
}

/** Written by the consumer (and by the producer's DROP_OLDEST compare-and-set), then padding. */
abstract class RecordHandOffConsumerFields<E> extends RecordHandOffProducerFields<E> {
    /** Elements ever removed (polled or dropped as oldest). */
    volatile long head;
    /** The consumer's last view of {@code tail}. */
    long tailCache;
    /** Elements returned by poll; written only by the consumer. */
    volatile long polled;
    long p20, p21, p22, p23, p24, p25, p26, p27;

    RecordHandOffConsumerFields(int capacity, boolean dropOldest) {
        super(capacity, dropOldest);
    }
}
