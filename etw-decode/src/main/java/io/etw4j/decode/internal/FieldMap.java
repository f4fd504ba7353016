package io.etw4j.decode.internal;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The read-only, insertion-ordered map of a {@link io.etw4j.decode.DecodedEvent}'s fields, as the decoder builds it.
 * Only this package can create one, so a {@code DecodedEvent} can take it without a defensive copy: no one else holds
 * the map inside. Immutable once returned by the decoder; thread-safe for reading.
 */
public final class FieldMap extends AbstractMap<String, Object> {
    private final Map<String, Object> fields;
    private final Set<Map.Entry<String, Object>> entries;

    FieldMap(LinkedHashMap<String, Object> fields) {
        this.fields = fields;
        this.entries = Collections.unmodifiableMap(fields).entrySet();
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return entries;
    }

    @Override
    public Object get(Object key) {
        return fields.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return fields.containsKey(key);
    }

    @Override
    public int size() {
        return fields.size();
    }
}
