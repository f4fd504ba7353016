package io.etw4j.scm.golden;

import io.etw4j.core.EventRecord;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A complete, deterministic text of a typed event: every record component by name, recursively, byte arrays in hex,
 * maps in key order kept as they iterate (their order is part of the event), the source record by its header fields,
 * raw timestamp and whole payload. Two events render alike only if every field a subscriber can read is alike.
 */
final class GoldenRendering {
    private GoldenRendering() {
    }

    static String render(Object o) {
        StringBuilder b = new StringBuilder();
        append(b, o);
        return b.toString();
    }

    private static void append(StringBuilder b, Object o) {
        if (o == null) {
            b.append("null");
        } else if (o instanceof EventRecord r) {
            b.append("Record{").append(r.headerKind()).append(' ').append(r.providerId()).append(' ')
                    .append(r.descriptor()).append(" flags=").append(r.flags()).append(" pid=").append(r.processId())
                    .append(" tid=").append(r.threadId()).append(" raw=").append(r.rawTimestamp()).append(" t=")
                    .append(r.timestamp()).append(" cpu=").append(r.processorNumber()).append(" ext=")
                    .append(r.extendedData()).append(" payload=").append(HexFormat.of().formatHex(r.payload()))
                    .append('}');
        } else if (o instanceof byte[] bytes) {
            b.append("0x").append(HexFormat.of().formatHex(bytes));
        } else if (o instanceof Optional<?> opt) {
            if (opt.isEmpty()) {
                b.append("empty");
            } else {
                b.append("some(");
                append(b, opt.get());
                b.append(')');
            }
        } else if (o instanceof OptionalInt || o instanceof OptionalLong) {
            b.append(o);
        } else if (o instanceof Map<?, ?> m) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(first ? "" : ", ");
                first = false;
                append(b, e.getKey());
                b.append('=');
                append(b, e.getValue());
            }
            b.append('}');
        } else if (o instanceof Collection<?> c) {
            b.append('[');
            boolean first = true;
            for (Object e : c) {
                b.append(first ? "" : ", ");
                first = false;
                append(b, e);
            }
            b.append(']');
        } else if (o.getClass().isRecord()) {
            b.append(o.getClass().getSimpleName()).append('{');
            boolean first = true;
            for (RecordComponent rc : o.getClass().getRecordComponents()) {
                b.append(first ? "" : ", ");
                first = false;
                b.append(rc.getName()).append('=');
                try {
                    append(b, rc.getAccessor().invoke(o));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            b.append('}');
        } else {
            b.append(o);
        }
    }
}
