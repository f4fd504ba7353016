package io.etw4j.scm.internal.services;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The further fields of an event (a Microsoft-Windows-Services start's details, a configuration change's changes):
 * an unmodifiable copy in the order given, made once and shared by every event built from it. The events copy their
 * maps defensively; {@link #of} copies any map except one of these, which nobody can change (its only constructor
 * copies), so an event rebuilt with a new client or marked corroborated does not copy its fields again. Immutable and
 * thread-safe; equal to any map with the same entries, and shown like one.
 */
public final class FrozenFields extends AbstractMap<String, String> {
    private final Map<String, String> fields;

    private FrozenFields(Map<String, String> fields) {
        this.fields = Collections.unmodifiableMap(fields);
    }

    /** {@return {@code fields} if it is already one of these, else an unmodifiable copy of it in its order} */
    public static Map<String, String> of(Map<String, String> fields) {
        return fields instanceof FrozenFields ? fields : new FrozenFields(new LinkedHashMap<>(fields));
    }

    /**
     * {@return {@code fresh} frozen without a copy} Only for a map its caller has just made and hands over: nothing
     * else may hold it (the adapters of this package).
     */
    static Map<String, String> adopt(LinkedHashMap<String, String> fresh) {
        return new FrozenFields(fresh);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return fields.entrySet();
    }

    @Override
    public int size() {
        return fields.size();
    }

    @Override
    public String get(Object key) {
        return fields.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return fields.containsKey(key);
    }
}
