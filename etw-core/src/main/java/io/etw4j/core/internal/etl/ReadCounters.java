package io.etw4j.core.internal.etl;

import io.etw4j.core.etl.EtlErrorKind;
import io.etw4j.core.etl.EtlReaderStatistics;
import io.etw4j.core.internal.Statistics;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** Counters of one read; written by the reading thread, read by anyone through {@link #snapshot()}. */
public final class ReadCounters {
    private static final int BUFFERS_READ = 0;
    private static final int BUFFERS_COMPRESSED = 1;
    private static final int BUFFERS_SKIPPED = 2;
    private static final int RECORDS = 3;
    private static final int RECORDS_SKIPPED = 4;
    private static final int BYTES = 5;
    private static final int MARKED_LOST = 6;
    private static final int BUFFERS_FOUND = 7;
    private static final int BUFFERS_FILTERED_OUT = 8;
    private final AtomicLongArray counts = new AtomicLongArray(9);
    private final LostRanges lostRanges = new LostRanges();
    private volatile long buffersExpected = -1;
    private volatile boolean truncated;

    void bufferFound() {
        counts.incrementAndGet(BUFFERS_FOUND);
    }

    long buffersFound() {
        return counts.get(BUFFERS_FOUND);
    }

    /** A range of the file no record was read from, because of damage (merged with the ranges it touches). */
    void lost(long start, long end) {
        lostRanges.add(start, end);
    }

    void buffersExpected(long n) {
        buffersExpected = n;
    }

    void truncated() {
        truncated = true;
    }
    private final AtomicLongArray errors = new AtomicLongArray(EtlErrorKind.values().length);

    void bufferRead(boolean compressed) {
        counts.incrementAndGet(BUFFERS_READ);
        if (compressed) {
            counts.incrementAndGet(BUFFERS_COMPRESSED);
        }
    }

    void bufferMarkedLost() {
        counts.incrementAndGet(MARKED_LOST);
    }

    /** A buffer found but not loaded: its header shows it holds no record the read asked for. */
    void bufferFilteredOut() {
        counts.incrementAndGet(BUFFERS_FILTERED_OUT);
    }

    void bufferSkipped() {
        counts.incrementAndGet(BUFFERS_SKIPPED);
    }

    void record() {
        counts.incrementAndGet(RECORDS);
    }

    void recordSkipped() {
        counts.incrementAndGet(RECORDS_SKIPPED);
    }

    void bytes(long n) {
        counts.addAndGet(BYTES, n);
    }

    /** The file bytes counted so far (of the buffers that loaded). */
    long bytes() {
        return counts.get(BYTES);
    }

    void error(EtlErrorKind kind) {
        errors.incrementAndGet(kind.ordinal());
    }

    /** An immutable copy of the counters now. */
    public EtlReaderStatistics snapshot() {
        Map<EtlErrorKind, Long> e = new EnumMap<>(EtlErrorKind.class);
        for (EtlErrorKind k : EtlErrorKind.values()) {
            long v = errors.get(k.ordinal());
            if (v != 0) {
                e.put(k, v);
            }
        }
        return Statistics.etl().create(counts.get(BUFFERS_READ), counts.get(BUFFERS_COMPRESSED),
                counts.get(BUFFERS_SKIPPED), counts.get(RECORDS), counts.get(RECORDS_SKIPPED), e, counts.get(BYTES),
                counts.get(MARKED_LOST), lostRanges.bytes(), lostRanges.list(), lostRanges.notListed(), buffersExpected,
                counts.get(BUFFERS_FOUND), truncated, counts.get(BUFFERS_FILTERED_OUT));
    }
}
