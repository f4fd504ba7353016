package io.etw4j.decode.internal;

import io.etw4j.decode.PropertySchema;
import java.util.AbstractList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;

/**
 * The properties of an {@link io.etw4j.decode.EventSchema} (or the members of a struct): an immutable list that also
 * knows, once, the properties' names in order and whether they are all different, so that the decoder can store each
 * event's values by property index in a {@link FieldMap} that shares the names instead of building and searching its
 * own. Equal to (and hashed like) any other list of the same properties. Immutable and thread-safe.
 */
public final class PropertyList extends AbstractList<PropertySchema> implements RandomAccess {
    private static final PropertyList EMPTY = new PropertyList(new PropertySchema[0]);

    private final PropertySchema[] items;
    private final String[] names;
    private final boolean uniqueNames;
    /**
     * What a writer derived from these properties, computed once and kept with them (etw-json's pre-encoded names);
     * see {@link #memo()}. A benign race, as {@code String}'s hash: the value is immutable and recomputed equal.
     */
    private Object memo;
    /** The decoder's own plan of these properties ({@link FlatPayload}), kept alike. */
    private Object decoderMemo;

    private PropertyList(PropertySchema[] items) {
        this.items = items;
        this.names = new String[items.length];
        Set<String> seen = new HashSet<>();
        boolean unique = true;
        for (int i = 0; i < items.length; i++) {
            names[i] = items[i].name();
            unique &= seen.add(names[i]);
        }
        this.uniqueNames = unique;
    }

    /**
     * {@return an immutable copy of {@code list} ({@code list} itself if it is one already)}
     *
     * @param list the properties; no element may be null
     */
    public static PropertyList of(List<PropertySchema> list) {
        if (list instanceof PropertyList p) {
            return p;
        }
        if (list.isEmpty()) {
            return EMPTY;
        }
        PropertySchema[] a = list.toArray(new PropertySchema[0]);
        for (PropertySchema p : a) {
            Objects.requireNonNull(p, "property");
        }
        return new PropertyList(a);
    }

    @Override
    public PropertySchema get(int index) {
        return items[index];
    }

    @Override
    public int size() {
        return items.length;
    }

    /** The names, in property order; shared, never to be modified. */
    String[] names() {
        return names;
    }

    /** True if no two properties have the same name. */
    public boolean uniqueNames() {
        return uniqueNames;
    }

    /**
     * {@return what a writer derived from these properties and kept with them, or null before the first}: one slot,
     * for etw-json's per-property pre-encoded names, so that a writer finds them with no lookup. The value must be
     * immutable with final fields (it is read without synchronization: a racing writer stores an equal value).
     */
    public Object memo() {
        return memo;
    }

    /** The decoder's plan kept with these properties, or null before the first. */
    Object decoderMemo() {
        return decoderMemo;
    }

    void decoderMemo(Object value) {
        decoderMemo = value;
    }

    /** Keeps {@code value} with these properties (see {@link #memo()}). */
    public void memo(Object value) {
        memo = value;
    }
}
