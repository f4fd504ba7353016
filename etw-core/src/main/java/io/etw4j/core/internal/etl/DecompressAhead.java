package io.etw4j.core.internal.etl;

import io.etw4j.core.etl.EtlFormatException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Loads (reads and decompresses) the buffers of a file-order read on a second thread, ahead of the record walk, so
 * that decompressing the next buffers overlaps decoding the records of the current one (option
 * {@link io.etw4j.core.etl.EtlReadOptions#decompressAhead()}).
 *
 * <p>The worker follows the chain of buffer headers (each BufferSize leads to the next) from the buffer after the one
 * the reading thread asked for last, loads the buffers the read wants ({@code wanted}: in its range, not filtered out
 * by time) with its own {@link BufferReader#sibling} and queues them, at most {@link #BUFFERS_AHEAD} at a time, in
 * pooled {@link EtlBuffer}s. It only ever speculates: nothing it does is counted or reported. The reading thread
 * asks for each buffer as before ({@link #load}); a queued buffer with the same header is handed over by exchanging
 * arrays, with the exception its load threw (so errors surface in order, at the buffer where they happened) and the
 * bytes its load counted; a buffer the worker neither has nor is loading (the read resynchronised after damage, a
 * lying header, or the worker has not been scheduled yet on a busy machine) is loaded on the reading thread and the
 * worker starts again after it. So the buffers, records, statistics and errors of a read are those of a read without
 * it, and its work is at most a few buffers' loads more per buffer the read asks for (hostile input stays bounded).
 *
 * <p>Lifetime: the thread (a daemon named {@code etw4j-etl-decompress}) is started at the first compressed buffer the
 * reading thread loads itself, so a file without compressed buffers never starts one; {@link #close} (at the end of
 * the read, on its failure, on cancel) stops it, waits for it to end (at most one buffer's load) and drops the pool.
 * The worker is never interrupted: an interrupt would close the file's channel under the read. Memory: up to
 * {@link #BUFFERS_AHEAD} decompressed buffers and the worker's copy of one on-disk buffer, besides the cursor's own.
 * Used by one reading thread (not thread-safe for callers); the worker's state is guarded by one lock.
 */
final class DecompressAhead implements BufferLoader, AutoCloseable {

    /** The most buffers loaded ahead of the one the record walk is on. */
    static final int BUFFERS_AHEAD = 3;
    /** How long the reading thread spins for the buffer the worker is loading before it parks. */
    private static final long SPIN_NANOS = 100_000;

    /** One buffer the worker loaded: the probe it followed, its contents, the bytes its load counted or its error. */
    private record Ticket(BufferReader.Probe probe, EtlBuffer buf, long bytes, Throwable error) {
    }

    private final BufferReader reader;
    private final BufferReader workerReader;
    private final ReadCounters workerCounters = new ReadCounters();
    private final ReadCounters counters;
    private final Predicate<BufferReader.Probe> wanted;
    private final long rangeTo;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Ticket> ready = new ArrayDeque<>();
    private final ArrayDeque<EtlBuffer> free = new ArrayDeque<>();
    /** Where the worker looks for its next buffer; -1: nothing to do. */
    private long claimFrom = -1;
    /** The worker is loading the first wanted buffer at or after this offset; -1: it is not. */
    private long workingFrom = -1;
    /** Counts the worker's finished loads (written under the lock), so that the reading thread can spin on it. */
    private volatile int progress;
    /** Counts restarts: a buffer loaded for an older generation is dropped. Written under the lock. */
    private volatile int generation;
    /** Written under the lock; read without it by the worker between buffer headers. */
    private volatile boolean closed;
    /** The worker ended without being closed (it cannot, short of a bug): the reading thread loads on its own. */
    private boolean stopped;
    private Thread worker;

    /**
     * @param reader   the reading thread's reader, whose settings the worker's copies
     * @param counters the read's counters (the reading thread counts a handed-over buffer's bytes there)
     * @param wanted   which buffers (status OK or TRUNCATED) the read loads, as the reading thread decides it
     * @param rangeTo  the worker looks at no buffer whose header starts at or after this offset
     */
    DecompressAhead(BufferReader reader, ReadCounters counters, Predicate<BufferReader.Probe> wanted, long rangeTo) {
        this.reader = reader;
        this.workerReader = reader.sibling(workerCounters);
        this.counters = counters;
        this.wanted = wanted;
        this.rangeTo = rangeTo;
    }

    @Override
    public void load(BufferReader.Probe p, EtlBuffer buf) throws IOException {
        Ticket t;
        lock.lock();
        try {
            t = take(p);
            if (t == null && worker != null && !closed && !stopped) {
                restartAfter(p); // the worker works on the next buffers while this one loads here
            }
        } finally {
            lock.unlock();
        }
        if (t == null) {
            reader.load(p, buf);
            if (buf.compressed && worker == null) {
                start(p);
            }
            return;
        }
        try {
            if (t.error() != null) {
                throw rethrow(t.error());
            }
            buf.takeFrom(t.buf());
            counters.bytes(t.bytes());
        } finally {
            recycle(t.buf());
        }
    }

    /** The worker's buffer for {@code p}, waiting for it if the worker is on it; null if the worker does not have it. */
    private Ticket take(BufferReader.Probe p) {
        while (worker != null && !closed && !stopped) {
            Ticket h = ready.peek();
            while (h != null && h.probe().offset() < p.offset()) { // a buffer the read did not ask for
                free.add(ready.poll().buf());
                changed.signalAll();
                h = ready.peek();
            }
            if (h != null) {
                if (h.probe().offset() != p.offset() || !sameHeader(h.probe(), p)) {
                    return null;
                }
                ready.poll();
                changed.signalAll();
                return h;
            }
            if (workingFrom < 0 || workingFrom > p.offset()) {
                // Not being loaded: rather than wait for the worker to be scheduled (a busy machine), the reading
                // thread loads this one and points the worker at the next.
                return null;
            }
            awaitProgress();
        }
        return null;
    }

    /**
     * Waits (under the lock, which it releases meanwhile) until the worker finishes what it is on: first spinning for
     * up to {@link #SPIN_NANOS} (about one buffer's decompression), since parking and being woken costs as much as
     * a buffer's work, then parked until signalled.
     */
    private void awaitProgress() {
        int seen = progress;
        lock.unlock();
        try {
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (progress == seen && !closed && System.nanoTime() - deadline < 0) {
                Thread.onSpinWait();
            }
        } finally {
            lock.lock();
        }
        if (progress == seen && !closed && !stopped) {
            changed.awaitUninterruptibly(); // the worker signals under the lock after it changes progress
        }
    }

    private static boolean sameHeader(BufferReader.Probe a, BufferReader.Probe b) {
        return a.status() == b.status() && a.offset() == b.offset() && a.bufferSize() == b.bufferSize()
                && a.available() == b.available() && a.processorIndex() == b.processorIndex() && a.next() == b.next()
                && a.timestamp() == b.timestamp();
    }

    /** Drops what the worker has and points it at the buffer after {@code p}. Under the lock. */
    private void restartAfter(BufferReader.Probe p) {
        generation++;
        for (Ticket t = ready.poll(); t != null; t = ready.poll()) {
            free.add(t.buf());
        }
        claimFrom = p.status() == BufferReader.Status.OK && p.next() < rangeTo ? p.next() : -1;
        changed.signalAll();
    }

    private void start(BufferReader.Probe p) {
        lock.lock();
        try {
            if (closed || worker != null) {
                return;
            }
            for (int i = 0; i < BUFFERS_AHEAD; i++) {
                free.add(new EtlBuffer());
            }
            Thread t = new Thread(this::work, "etw4j-etl-decompress");
            t.setDaemon(true);
            try {
                t.start();
            } catch (OutOfMemoryError e) {
                free.clear(); // no thread to be had: this read goes on loading on its own thread
                return;
            }
            worker = t;
            restartAfter(p);
        } finally {
            lock.unlock();
        }
    }

    private void recycle(EtlBuffer b) {
        lock.lock();
        try {
            if (!closed) {
                free.add(b);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void work() {
        try {
            workLoop();
        } finally {
            lock.lock();
            try {
                stopped = true;
                workingFrom = -1;
                claimFrom = -1;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void workLoop() {
        while (true) {
            long from;
            int gen;
            EtlBuffer b;
            lock.lock();
            try {
                while (!closed && (claimFrom < 0 || free.isEmpty())) {
                    changed.awaitUninterruptibly();
                }
                if (closed) {
                    return;
                }
                from = claimFrom;
                gen = generation;
                b = free.poll();
                workingFrom = from;
                claimFrom = -1;
            } finally {
                lock.unlock();
            }
            Ticket t = loadNext(from, b, gen);
            lock.lock();
            try {
                workingFrom = -1;
                progress++;
                if (gen == generation && !closed && t != null) {
                    ready.add(t);
                    BufferReader.Probe p = t.probe();
                    claimFrom = p.status() == BufferReader.Status.OK && p.next() < rangeTo ? p.next() : -1;
                } else if (!closed) {
                    free.add(b);
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Follows the buffer headers from {@code from} to the first buffer the read wants and loads it into {@code b};
     * null if the chain ends, breaks or leaves the range first (the reading thread finds its own way on from there), or
     * once the work is no longer wanted (closed, restarted elsewhere).
     */
    private Ticket loadNext(long from, EtlBuffer b, int gen) {
        long o = from;
        while (o < rangeTo && !closed && gen == generation) {
            BufferReader.Probe q;
            try {
                q = workerReader.probe(o);
            } catch (IOException | RuntimeException e) {
                return null; // the reading thread meets it itself
            }
            boolean truncated = q.status() == BufferReader.Status.TRUNCATED;
            if (q.status() != BufferReader.Status.OK && !truncated) {
                return null;
            }
            if (wanted.test(q)) {
                long before = workerCounters.bytes();
                try {
                    workerReader.load(q, b);
                    return new Ticket(q, b, workerCounters.bytes() - before, null);
                } catch (IOException | RuntimeException | Error e) {
                    return new Ticket(q, b, 0, e);
                }
            }
            if (truncated) {
                return null;
            }
            o = q.next();
        }
        return null;
    }

    private static IOException rethrow(Throwable e) {
        if (e instanceof EtlFormatException f) {
            throw f;
        }
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error r) {
            throw r;
        }
        return (IOException) e;
    }

    /** Stops the worker and waits for it to end; drops the pool. Idempotent. */
    @Override
    public void close() {
        Thread t;
        lock.lock();
        try {
            closed = true;
            ready.clear();
            free.clear();
            changed.signalAll();
            t = worker;
        } finally {
            lock.unlock();
        }
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
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
