package io.etw4j.decode;

import io.etw4j.decode.internal.MapEntries;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A value map or bit map of a schema ({@code <valueMap>} / {@code <bitMap>} of a manifest, EVENT_MAP_INFO): names for
 * the numbers a property takes. Immutable and thread-safe.
 *
 * @param name    the map's name in its source
 * @param bitmap  true for a bit map (a value names every entry whose bits are all set in it)
 * @param entries number to name, ordered by number (unsigned); copied (null numbers or names are refused)
 */
public record ValueMap(String name, boolean bitmap, Map<Long, String> entries) {
    public ValueMap {
        Objects.requireNonNull(name, "name");
        entries = MapEntries.of(entries); // sorted unsigned, immutable, searched without boxing
    }

    /**
     * The names {@code value} maps to: for a value map the entry equal to it (none if absent); for a bit map every
     * non-zero entry whose bits are all set in it, in entry order, or the entry for 0 when the value is 0.
     */
    public List<String> names(long value) {
        return ((MapEntries) entries).names(value, bitmap);
    }
}
