package io.etw4j.decode.testing;

import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.MappedValue;
import io.etw4j.decode.PropertySchema;
import java.util.List;
import java.util.Map;

/**
 * What a decode produced, in the units the decoder's output budget counts ({@link io.etw4j.decode.EventDecoder}):
 * one per character of a field name, a string or a value map's names, two per byte of a binary value, one per other
 * scalar; a struct or an array costs what it holds. Computed from the decoded fields themselves, independently of
 * the decoder's own counter. Test code only.
 */
public final class OutputUnits {
    /** The budget EventDecoder states: 64 units per payload byte plus 65,536. */
    public static final long PER_BYTE = 64;
    /** The constant part of the budget. */
    public static final long CONSTANT = 1 << 16;

    private OutputUnits() {
    }

    /** {@return the budget for a payload of {@code n} bytes} */
    public static long budget(int n) {
        return PER_BYTE * n + CONSTANT;
    }

    /**
     * {@return what may be stored past the budget: the decoder keeps the value that crosses it, and then the structs
     * and arrays holding it} At most the names along the deepest path of {@code schema} (each struct and array on
     * the way stored under its name) plus the most units one value can have: all of a map's names, or a string or
     * binary value of the whole payload ({@code payloadBytes}).
     */
    public static long lastValue(List<PropertySchema> schema, int payloadBytes) {
        long[] most = new long[2]; // names along the longest path, most map characters
        walk(schema, 0, most);
        return 2 * most[0] + Math.max(most[1] + 1, 2L * payloadBytes + 1);
    }

    private static void walk(List<PropertySchema> props, long above, long[] most) {
        for (PropertySchema p : props) {
            long path = above + p.name().length();
            most[0] = Math.max(most[0], path);
            p.map().ifPresent(m -> most[1] = Math.max(most[1],
                    m.entries().values().stream().mapToLong(String::length).sum()));
            walk(p.members(), path, most);
        }
    }

    /** {@return the output units of the decoded fields} */
    public static long of(DecodedEvent e) {
        return of(e.fields());
    }

    /** {@return the output units of one decoded value} */
    public static long of(Object v) {
        if (v instanceof Map<?, ?> m) {
            long n = 0;
            for (Map.Entry<?, ?> en : m.entrySet()) {
                n += en.getKey().toString().length() + of(en.getValue());
            }
            return n;
        }
        if (v instanceof List<?> l) {
            long n = 0;
            for (Object o : l) {
                n += of(o);
            }
            return n;
        }
        if (v instanceof String s) {
            return Math.max(1, s.length());
        }
        if (v instanceof MappedValue mv) {
            long n = 1;
            for (String s : mv.names()) {
                n += s.length();
            }
            return n;
        }
        if (v instanceof byte[] b) {
            return Math.max(1, 2L * b.length);
        }
        return 1;
    }
}
