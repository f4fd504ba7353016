package io.etw4j.decode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A value map or bit map of a schema ({@code <valueMap>} / {@code <bitMap>} of a manifest, EVENT_MAP_INFO): names for
 * the numbers a property takes. Immutable.
 *
 * @param name    the map's name in its source
 * @param bitmap  true for a bit map (a value names every entry whose bits are all set in it)
 * @param entries number to name, ordered by number (unsigned)
 */
public record ValueMap(String name, boolean bitmap, Map<Long, String> entries) {
    public ValueMap {
        Objects.requireNonNull(name, "name");
        TreeMap<Long, String> sorted = new TreeMap<>(Long::compareUnsigned);
        sorted.putAll(entries);
        entries = Collections.unmodifiableMap(sorted);
    }

    /**
     * The names {@code value} maps to: for a value map the entry equal to it (none if absent); for a bit map every
     * non-zero entry whose bits are all set in it, in entry order, or the entry for 0 when the value is 0.
     */
    public List<String> names(long value) {
        if (!bitmap) {
            String n = entries.get(value);
            return n == null ? List.of() : List.of(n);
        }
        if (value == 0) {
            String zero = entries.get(0L);
            return zero == null ? List.of() : List.of(zero);
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<Long, String> e : entries.entrySet()) {
            long bits = e.getKey();
            if (bits != 0 && (value & bits) == bits) {
                out.add(e.getValue());
            }
        }
        return out;
    }
}
