package io.etw4j.decode.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The read-only, insertion-ordered map of a {@link io.etw4j.decode.DecodedEvent}'s fields (and of each decoded struct),
 * as the decoder builds it: two parallel arrays of names and values, sized from the schema, so decoding an event costs
 * two small arrays instead of a hash map with one node per field. Lookup by name is a scan (identity first: the names
 * are the schema's own strings), which beats hashing for the few dozen fields an event has.
 *
 * <p>Only this package can create or fill one, so a {@code DecodedEvent} takes it without a defensive copy: no one else
 * holds the arrays. Immutable once the decoder returns it; thread-safe for reading. Null values are not stored (the
 * decoder leaves a field out when it has no value).
 */
public final class FieldMap extends AbstractMap<String, Object> {
    private String[] names;
    private Object[] values;
    private int size;
    /** The enclosing struct level while decoding (for length and count references); null at the top and once built. */
    FieldMap outer;

    FieldMap(int capacity) {
        int n = Math.max(capacity, 1);
        this.names = new String[n];
        this.values = new Object[n];
    }

    /** Sets {@code name} to {@code value}: a name already present keeps its place (like {@code LinkedHashMap}). */
    void set(String name, Object value) {
        int i = indexOf(name);
        if (i >= 0) {
            values[i] = value;
            return;
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = value;
        size++;
    }

    private int indexOf(Object name) {
        for (int i = 0; i < size; i++) {
            if (names[i] == name) {
                return i;
            }
        }
        if (name instanceof String) {
            int h = name.hashCode(); // Strings cache their hash: a cheap filter before equals
            for (int i = 0; i < size; i++) {
                if (names[i].hashCode() == h && names[i].equals(name)) {
                    return i;
                }
            }
        }
        return -1;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new AbstractMap.SimpleImmutableEntry<>(names[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
