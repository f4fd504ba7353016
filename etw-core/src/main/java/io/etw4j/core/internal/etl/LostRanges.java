package io.etw4j.core.internal.etl;

import io.etw4j.core.etl.EtlLostRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lost ranges of one read, merged: a range that touches or overlaps a known one (damage found again by a resync,
 * or the next of many adjacent refused buffers) joins it, so the list holds one range per distinct gap, in file order,
 * and its bytes are counted once. At most {@link #LIMIT} distinct ranges are listed; a range that joins none of them
 * once the list is full is only counted ({@link #notListed()}) and its bytes added to {@link #bytes()} as they are.
 * Each addition costs O(log {@link #LIMIT}). Thread-safe.
 */
final class LostRanges {
    /** The most distinct ranges listed. */
    static final int LIMIT = 1000;
    /** start -> end of each listed range; the ranges neither overlap nor touch. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();
    private long notListed;
    private long bytes;

    /** Adds [start, end) (nothing if empty). */
    synchronized void add(long start, long end) {
        if (end <= start) {
            return;
        }
        Map.Entry<Long, Long> before = ranges.floorEntry(start);
        boolean joins = before != null && before.getValue() >= start;
        Map.Entry<Long, Long> after = ranges.ceilingEntry(start);
        joins |= after != null && after.getKey() <= end;
        if (!joins && ranges.size() >= LIMIT) {
            notListed++;
            bytes += end - start;
            return;
        }
        long s = start;
        long e = end;
        long covered = 0; // bytes of [start, end) already inside listed ranges
        if (before != null && before.getValue() >= start) {
            s = before.getKey();
            covered += Math.min(before.getValue(), end) - start;
            e = Math.max(e, before.getValue());
            ranges.remove(before.getKey());
        }
        for (Map.Entry<Long, Long> n = ranges.ceilingEntry(s); n != null && n.getKey() <= e;
                n = ranges.ceilingEntry(s)) {
            covered += Math.max(0, Math.min(n.getValue(), end) - Math.max(n.getKey(), start));
            e = Math.max(e, n.getValue());
            ranges.remove(n.getKey());
        }
        ranges.put(s, e);
        bytes += end - start - covered;
    }

    /** {@return the listed ranges, in file order} */
    synchronized List<EtlLostRange> list() {
        List<EtlLostRange> out = new ArrayList<>(ranges.size());
        ranges.forEach((s, e) -> out.add(new EtlLostRange(s, e)));
        return List.copyOf(out);
    }

    /** {@return the ranges not listed because {@link #LIMIT} distinct ones were} */
    synchronized long notListed() {
        return notListed;
    }

    /** {@return the bytes of every range added, those inside two additions counted once when listed} */
    synchronized long bytes() {
        return bytes;
    }
}
