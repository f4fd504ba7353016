package io.etw4j.decode.internal;

import io.etw4j.decode.PropertySchema;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A simple estimate of the heap a schema retains, for caches bounded in bytes (issue 19): per property 96 bytes
 * (the record, its size and count objects) and two bytes per character of its name, plus per value-map entry 48
 * bytes and two per character of its name. Members are counted each time they occur (an overestimate when members
 * are shared). The walk stops as soon as the estimate passes a limit, so it costs at most that much work. Stateless.
 */
public final class SchemaSizes {
    private SchemaSizes() {
    }

    /** {@return the estimate for {@code properties}, or a value above {@code limit} once it passes it} */
    public static long estimate(List<PropertySchema> properties, long limit) {
        long n = 0;
        Deque<List<PropertySchema>> todo = new ArrayDeque<>();
        todo.push(properties);
        while (!todo.isEmpty()) {
            for (PropertySchema p : todo.pop()) {
                n += 96 + 2L * p.name().length();
                if (p.map().isPresent()) {
                    for (Map.Entry<Long, String> e : p.map().get().entries().entrySet()) {
                        n += 48 + 2L * e.getValue().length();
                    }
                }
                if (n > limit) {
                    return n;
                }
                if (!p.members().isEmpty()) {
                    todo.push(p.members());
                }
            }
        }
        return n;
    }
}
