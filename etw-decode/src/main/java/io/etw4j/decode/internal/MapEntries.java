package io.etw4j.decode.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The entries of a {@link io.etw4j.decode.ValueMap}: number to name, ordered by number (unsigned), held as two sorted
 * arrays so that mapping a decoded value is a binary search with no boxing, and a value map's answer is a list built
 * once per entry instead of once per event. Immutable and thread-safe.
 */
public final class MapEntries extends AbstractMap<Long, String> {
    private static final MapEntries EMPTY = new MapEntries(new long[0], new String[0]);

    private final long[] keys;
    private final String[] values;
    /** {@code List.of(values[i])}, built once. */
    private final List<String>[] singles;
    /**
     * The last bit map answers, direct-mapped by value: events repeat the same flag values, and naming one means a
     * pass over every entry. Racy on purpose: each slot holds an immutable {@link Hit} (final fields, so safely
     * published); a lost or overwritten slot only costs a recomputation.
     */
    private final Hit[] bitmapHits = new Hit[BITMAP_CACHE_SLOTS];

    private static final int BITMAP_CACHE_SLOTS = 64;

    /** One cached bit map answer. */
    private record Hit(long value, List<String> names) {
    }

    @SuppressWarnings("unchecked")
    private MapEntries(long[] keys, String[] values) {
        this.keys = keys;
        this.values = values;
        this.singles = new List[values.length];
        for (int i = 0; i < values.length; i++) {
            singles[i] = List.of(values[i]);
        }
    }

    /**
     * The entries of {@code map}, sorted by unsigned number. Null keys or names are refused (NullPointerException).
     *
     * @param map number to name
     * @return an immutable copy ({@code map} itself if it is one already)
     */
    public static MapEntries of(Map<Long, String> map) {
        if (map instanceof MapEntries m) {
            return m;
        }
        if (map.isEmpty()) {
            return EMPTY;
        }
        List<Map.Entry<Long, String>> sorted = new ArrayList<>(map.size());
        for (Map.Entry<Long, String> e : map.entrySet()) {
            sorted.add(Map.entry(e.getKey(), e.getValue())); // Map.entry refuses nulls
        }
        sorted.sort((a, b) -> Long.compareUnsigned(a.getKey(), b.getKey()));
        long[] k = new long[sorted.size()];
        String[] v = new String[sorted.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = sorted.get(i).getKey();
            v[i] = sorted.get(i).getValue();
        }
        return new MapEntries(k, v);
    }

    private int indexOf(long key) {
        int lo = 0;
        int hi = keys.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Long.compareUnsigned(keys[mid], key);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /**
     * The names {@code value} maps to: for a value map the entry equal to it (none if absent); for a bit map every
     * non-zero entry whose bits are all set in it, in entry order, or the entry for 0 when the value is 0.
     *
     * @param value  the decoded number
     * @param bitmap whether the map is a bit map
     * @return an immutable list
     */
    public List<String> names(long value, boolean bitmap) {
        if (!bitmap || value == 0) {
            int i = indexOf(value);
            return i < 0 ? List.of() : singles[i];
        }
        int slot = (int) ((value * 0x9E3779B97F4A7C15L) >>> 58); // 6 bits: BITMAP_CACHE_SLOTS
        Hit hit = bitmapHits[slot];
        if (hit != null && hit.value() == value) {
            return hit.names();
        }
        List<String> names = bitmapNames(value);
        bitmapHits[slot] = new Hit(value, names);
        return names;
    }

    private List<String> bitmapNames(long value) {
        String only = null;
        List<String> more = null;
        for (int i = 0; i < keys.length; i++) {
            long bits = keys[i];
            if (bits != 0 && (value & bits) == bits) {
                if (only == null) {
                    only = values[i];
                } else {
                    if (more == null) {
                        more = new ArrayList<>(4);
                        more.add(only);
                    }
                    more.add(values[i]);
                }
            }
        }
        return more != null ? List.copyOf(more) : only != null ? List.of(only) : List.of();
    }

    @Override
    public String get(Object key) {
        if (!(key instanceof Long l)) {
            return null;
        }
        int i = indexOf(l);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof Long l && indexOf(l) >= 0;
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public Set<Map.Entry<Long, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<Long, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public Map.Entry<Long, String> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return Map.entry(keys[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < keys.length; i++) {
            b.append(i == 0 ? "" : ", ").append(keys[i]).append('=').append(values[i]);
        }
        return b.append('}').toString();
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MapEntries m ? Arrays.equals(keys, m.keys) && Arrays.equals(values, m.values)
                : super.equals(o);
    }
}
