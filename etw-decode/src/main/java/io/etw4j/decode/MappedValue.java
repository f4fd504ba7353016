package io.etw4j.decode;

import java.util.List;

/**
 * The decoded value of a property with a {@link ValueMap}: the number and the names it maps to. Immutable.
 *
 * @param raw   the number as read (for unsigned 64-bit values: the bit pattern)
 * @param names the map's names for it, in map order; empty when the map has none
 */
public record MappedValue(long raw, List<String> names) {
    public MappedValue {
        names = List.copyOf(names);
    }

    /** The names joined by ", " (how the samples' JSON shows a bit map), or the number when the map names none. */
    @Override
    public String toString() {
        return names.isEmpty() ? Long.toUnsignedString(raw) : String.join(", ", names);
    }
}
