package io.etw4j.json.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventSchema;
import io.etw4j.decode.FieldError;
import io.etw4j.decode.InType;
import io.etw4j.decode.MappedValue;
import io.etw4j.decode.PropertySchema;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the {@code "decoded"} member of a JSON line: {@code null} when no schema source knew the event, else
 * {@code {"provider", "event", "source", "fields", "errors"}} (JSON-FORMAT.md, "The decoded object"). Streams with a
 * {@link JsonGenerator}; stateless.
 *
 * <p>Values: integers as JSON numbers whatever the schema's output type says (an unsigned 64-bit value above
 * {@code Long.MAX_VALUE} as its exact unsigned number), so a field has one JSON type on every line; the fields whose
 * output type is hexadecimal (or that are pointers) are named in {@code hexFields}, a formatting hint; booleans;
 * GUIDs lowercase;
 * times ISO-8601 UTC; values with a value map by name (the number when the map has none), bit maps as the names
 * joined by ", "; binary as hex; SIDs in S-1-... form; addresses as text; structs as objects; arrays as lists.
 */
public final class DecodedEventJson {
    private DecodedEventJson() {
    }

    /** Writes {@code "decoded": ...} for {@code d} into the object {@code g} is in. */
    public static void write(JsonGenerator g, DecodedEvent d) throws IOException {
        g.writeFieldName("decoded");
        if (!d.isDecoded()) {
            g.writeNull();
            return;
        }
        EventSchema s = d.schema().orElseThrow();
        g.writeStartObject();
        g.writeStringField("provider", s.providerName().orElse(null));
        g.writeStringField("event", s.eventName().orElse(null));
        g.writeStringField("source", s.origin().name());
        g.writeFieldName("fields");
        fields(g, s.properties(), d.fields());
        g.writeArrayFieldStart("hexFields");
        for (PropertySchema p : s.properties()) {
            if (d.fields().containsKey(p.name()) && isHex(p)) {
                g.writeString(p.name());
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("errors");
        for (FieldError e : d.errors()) {
            g.writeString(e.toString());
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void fields(JsonGenerator g, List<PropertySchema> props, Map<String, Object> values)
            throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            g.writeFieldName(e.getKey());
            value(g, schemaOf(props, e.getKey()), e.getValue());
        }
        g.writeEndObject();
    }

    private static PropertySchema schemaOf(List<PropertySchema> props, String name) {
        for (PropertySchema p : props) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** The output type is hexadecimal, or the value is an address or a HEXINT: shown as hex by tools. */
    public static boolean isHex(PropertySchema p) {
        return p.outType().isHex() || p.inType() == InType.POINTER || p.inType() == InType.HEXINT32
                || p.inType() == InType.HEXINT64;
    }

    @SuppressWarnings("unchecked")
    private static void value(JsonGenerator g, PropertySchema p, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                value(g, p, o);
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> m) {
            fields(g, p == null ? List.of() : p.members(), (Map<String, Object>) m);
        } else if (v instanceof Long l) {
            boolean unsigned = p == null || !p.inType().isSigned();
            if (unsigned && l < 0) {
                g.writeNumber(new java.math.BigInteger(Long.toUnsignedString(l)));
            } else {
                g.writeNumber(l);
            }
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof MappedValue mv) {
            if (mv.names().isEmpty()) {
                g.writeNumber(mv.raw());
            } else {
                g.writeString(mv.toString());
            }
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Float f) {
            g.writeNumber(f);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof byte[] b) {
            g.writeString(HexFormat.of().formatHex(b));
        } else if (v instanceof UUID u) {
            g.writeString(u.toString());
        } else if (v instanceof InetAddress a) {
            g.writeString(a.getHostAddress());
        } else if (v instanceof InetSocketAddress a) {
            g.writeString(a.getAddress().getHostAddress() + ":" + a.getPort());
        } else {
            g.writeString(v.toString()); // String, Instant (ISO-8601 UTC), SecurityIdentifier (S-1-...)
        }
    }
}
