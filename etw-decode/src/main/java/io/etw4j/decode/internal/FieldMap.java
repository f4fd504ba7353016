package io.etw4j.decode.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The read-only, insertion-ordered map of a {@link io.etw4j.decode.DecodedEvent}'s fields (and of each decoded struct),
 * as the decoder builds it: an array of values beside an array of names. When the schema's properties have distinct
 * names (the usual case) the names are the schema's own array ({@link PropertyList}) and each value sits at its
 * property's index, a property without a value leaving a null slot: decoding an event then costs one small array and
 * no search. Otherwise the map keeps its own names and a repeated name keeps its first place with the last value (like
 * {@code LinkedHashMap}). Lookup by name is a scan (identity first: the names are the schema's strings), which beats
 * hashing for the few dozen fields an event has.
 *
 * <p>Only this package can create or fill one, so a {@code DecodedEvent} takes it without a defensive copy: no one else
 * holds the arrays. Immutable once the decoder returns it; thread-safe for reading. Null values are not stored.
 */
public final class FieldMap extends AbstractMap<String, Object> {
    private String[] names;
    private Object[] values;
    /** Slots in use: every slot of an indexed map; the entries so far otherwise. */
    private int slots;
    /** Non-null values: the map's size. */
    private int size;
    /** True if {@link #names} is the schema's array and values sit at their property's index. */
    private final boolean indexed;
    /** The enclosing struct level while decoding (for length and count references); null at the top and once built. */
    FieldMap outer;

    /** A map keyed by the schema's names: values are set with {@link #setAt}. Requires distinct names. */
    FieldMap(PropertyList properties) {
        this.names = properties.names();
        this.values = new Object[names.length];
        this.slots = names.length;
        this.indexed = true;
    }

    /** A map that keeps its own names ({@link #set}), for properties whose names repeat. */
    FieldMap(int capacity) {
        int n = Math.max(capacity, 1);
        this.names = new String[n];
        this.values = new Object[n];
        this.indexed = false;
    }

    /** A map for {@code properties}: indexed when their names are distinct. */
    static FieldMap forProperties(PropertyList properties) {
        return properties.uniqueNames() ? new FieldMap(properties) : new FieldMap(properties.size());
    }

    /** True if values are set by property index ({@link #setAt}). */
    boolean indexed() {
        return indexed;
    }

    /**
     * True if the values sit at the index of their property in {@code properties} (the map was built for them and
     * their names are distinct): then {@link #valueAt} reads a property's value without a search.
     */
    public boolean indexedBy(PropertyList properties) {
        return indexed && names == properties.names();
    }

    /** The value at slot {@code index} (of an {@link #indexedBy indexed} map: of property {@code index}), or null. */
    public Object valueAt(int index) {
        return values[index];
    }

    /** Sets the value of property {@code index} (an indexed map only); {@code value} is not null. */
    void setAt(int index, Object value) {
        if (values[index] == null) {
            size++;
        }
        values[index] = value;
    }

    /** Sets {@code name} to {@code value}: a name already present keeps its place (like {@code LinkedHashMap}). */
    void set(String name, Object value) {
        if (indexed) {
            throw new IllegalStateException("an indexed FieldMap is set by property index");
        }
        int i = indexOf(name);
        if (i >= 0) {
            values[i] = value;
            return;
        }
        if (slots == names.length) {
            names = Arrays.copyOf(names, slots * 2);
            values = Arrays.copyOf(values, slots * 2);
        }
        names[slots] = name;
        values[slots] = value;
        slots++;
        size++;
    }

    private int indexOf(Object name) {
        for (int i = 0; i < slots; i++) {
            if (names[i] == name) {
                return i;
            }
        }
        if (name instanceof String) {
            int h = name.hashCode(); // Strings cache their hash: a cheap filter before equals
            for (int i = 0; i < slots; i++) {
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
        int i = indexOf(key);
        return i >= 0 && values[i] != null;
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
                    private int next = skipEmpty(0);

                    @Override
                    public boolean hasNext() {
                        return next < slots;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (next >= slots) {
                            throw new NoSuchElementException();
                        }
                        int i = next;
                        next = skipEmpty(i + 1);
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

    /** The entries in order, as {@code entrySet()} gives them, without an entry object per field. */
    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        Objects.requireNonNull(action, "action");
        for (int i = 0; i < slots; i++) {
            Object v = values[i];
            if (v != null) {
                action.accept(names[i], v);
            }
        }
    }

    private int skipEmpty(int from) {
        int i = from;
        while (i < slots && values[i] == null) {
            i++;
        }
        return i;
    }
}
