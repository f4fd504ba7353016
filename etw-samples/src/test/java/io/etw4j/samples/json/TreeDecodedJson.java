package io.etw4j.samples.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.json.internal.DecodedEventJson;
import io.etw4j.decode.EventSchema;
import io.etw4j.decode.FieldError;
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
 * The oracle of {@link DecodedEventJson}: its code before it was made to format into reused buffers (JDK formatting:
 * {@code Instant.toString()}, {@code UUID.toString()}, {@code HexFormat}), with the members added since
 * ({@code schemaVersion}, {@code trailingBytes}). Test code only.
 */
final class TreeDecodedJson {
    private TreeDecodedJson() {
    }

    /** Writes {@code "decoded": ...} for {@code d} into the object {@code g} is in. */
    static void write(JsonGenerator g, DecodedEvent d) throws IOException {
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
        g.writeNumberField("schemaVersion", d.schemaVersion());
        g.writeNumberField("trailingBytes", d.trailingBytes());
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

    private static boolean isHex(PropertySchema p) {
        return DecodedEventJson.isHex(p);
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
