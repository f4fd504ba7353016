package io.etw4j.spark.internal;

import io.etw4j.core.EventRecord;
import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;

/**
 * The pushed filters of the records and decoded views: a time range (on column {@code time}, in the microseconds
 * Spark compares) and a set of providers (column {@code provider_id}), applied to each record before its row is
 * built. The lower end of the range is also handed to the reader ({@link #earliest()}, {@link
 * io.etw4j.core.etl.EtlReadOptions#withSkipBuffersBefore}), which then does not load the buffers flushed before it;
 * the upper end and the providers cannot be decided from a buffer header. Immutable once the scan is built; Spark
 * re-applies every filter after the scan, so this only saves work.
 */
public final class RecordFilter implements Serializable {

    private static final long serialVersionUID = 1L;

    private long fromMicros = Long.MIN_VALUE;
    private long toMicros = Long.MAX_VALUE;
    /** Lower-case provider GUIDs (no braces), or null for any. */
    private Set<UUID> providers;

    /** {@return true if {@code f} is understood and now part of this filter} */
    boolean add(Filter f) {
        if (f instanceof GreaterThan g && g.attribute().equals("time")) {
            Long v = micros(g.value());
            return v != null && v != Long.MAX_VALUE && from(v + 1);
        }
        if (f instanceof GreaterThanOrEqual g && g.attribute().equals("time")) {
            Long v = micros(g.value());
            return v != null && from(v);
        }
        if (f instanceof LessThan l && l.attribute().equals("time")) {
            Long v = micros(l.value());
            return v != null && v != Long.MIN_VALUE && to(v - 1);
        }
        if (f instanceof LessThanOrEqual l && l.attribute().equals("time")) {
            Long v = micros(l.value());
            return v != null && to(v);
        }
        if (f instanceof EqualTo e && e.attribute().equals("time")) {
            Long v = micros(e.value());
            return v != null && from(v) && to(v);
        }
        if (f instanceof EqualTo e && e.attribute().equals("provider_id")) {
            Set<UUID> s = guids(new Object[] {e.value()});
            return s != null && providers(s);
        }
        if (f instanceof In in && in.attribute().equals("provider_id")) {
            Set<UUID> s = guids(in.values());
            return s != null && providers(s);
        }
        return false;
    }

    private boolean from(long v) {
        fromMicros = Math.max(fromMicros, v);
        return true;
    }

    private boolean to(long v) {
        toMicros = Math.min(toMicros, v);
        return true;
    }

    private boolean providers(Set<UUID> s) {
        if (providers == null) {
            providers = s;
        } else {
            providers.retainAll(s);
        }
        return true;
    }

    private static Set<UUID> guids(Object[] values) {
        Set<UUID> out = new HashSet<>();
        for (Object o : values) {
            if (!(o instanceof String s)) {
                return null;
            }
            String t = s.trim().toLowerCase(Locale.ROOT);
            if (t.startsWith("{") && t.endsWith("}")) {
                return null; // the column is written without braces: such a literal matches no row; leave it to Spark
            }
            try {
                UUID u = UUID.fromString(t);
                if (!u.toString().equals(s)) {
                    return null; // not the column's exact spelling: Spark compares strings, so leave it to Spark
                }
                out.add(u);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return out;
    }

    private static Long micros(Object v) {
        if (v instanceof Timestamp t) {
            return Rows.micros(t.toInstant());
        }
        if (v instanceof Instant i) {
            return Rows.micros(i);
        }
        return null;
    }

    /** {@return true if the record may match (its time in range, its provider in the set)} */
    boolean accepts(EventRecord r) {
        long t = Rows.micros(r.timestamp());
        if (t < fromMicros || t > toMicros) {
            return false;
        }
        return providers == null || providers.contains(r.providerId());
    }

    /**
     * {@return the earliest instant a row may have, or null if the range has no lower end} A record accepted by
     * {@link #accepts} is at or after it ({@code micros(t) >= fromMicros} exactly when {@code t >= earliest()}).
     */
    Instant earliest() {
        return fromMicros == Long.MIN_VALUE ? null : Instant.EPOCH.plus(fromMicros, ChronoUnit.MICROS);
    }

    /** {@return true if nothing is filtered} */
    boolean isEmpty() {
        return fromMicros == Long.MIN_VALUE && toMicros == Long.MAX_VALUE && providers == null;
    }

    @Override
    public String toString() {
        return "RecordFilter[time " + fromMicros + ".." + toMicros + " us, providers " + providers + "]";
    }
}
