package io.etw4j.json.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventSchema;
import io.etw4j.decode.FieldError;
import io.etw4j.decode.InType;
import io.etw4j.decode.MappedValue;
import io.etw4j.decode.PropertySchema;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.BiConsumer;
import java.util.UUID;

/**
 * The oracle of {@link DecodedEventJson}: its code as it was before it read the decoder's field maps by index, wrote
 * pre-encoded property names and escaped printable ASCII strings itself (verbatim but for the class name). Test only.
 */
final class DecodedEventJsonBefore {
    private static final SerializableString DECODED = new SerializedString("decoded");
    private static final SerializableString PROVIDER = new SerializedString("provider");
    private static final SerializableString EVENT = new SerializedString("event");
    private static final SerializableString SOURCE = new SerializedString("source");
    private static final SerializableString FIELDS = new SerializedString("fields");
    private static final SerializableString HEX_FIELDS = new SerializedString("hexFields");
    private static final SerializableString ERRORS = new SerializedString("errors");
    private static final SerializableString SCHEMA_VERSION = new SerializedString("schemaVersion");
    private static final SerializableString TRAILING_BYTES = new SerializedString("trailingBytes");

    private DecodedEventJsonBefore() {
    }

    /** Writes {@code "decoded": ...} for {@code d} into the object {@code g} is in (with buffers of its own). */
    public static void write(JsonGenerator g, DecodedEvent d) throws IOException {
        write(g, new JsonChars(), d);
    }

    /** Writes {@code "decoded": ...} for {@code d} into the object {@code g} is in, formatting into {@code c}. */
    public static void write(JsonGenerator g, JsonChars c, DecodedEvent d) throws IOException {
        g.writeFieldName(DECODED);
        if (!d.isDecoded()) {
            g.writeNull();
            return;
        }
        EventSchema s = d.schema().orElseThrow();
        g.writeStartObject();
        g.writeFieldName(PROVIDER);
        g.writeString(s.providerName().orElse(null));
        g.writeFieldName(EVENT);
        g.writeString(s.eventName().orElse(null));
        g.writeFieldName(SOURCE);
        g.writeString(s.origin().name());
        g.writeFieldName(FIELDS);
        List<PropertySchema> props = s.properties();
        Map<String, Object> values = d.fields();
        fields(g, c, props, values);
        g.writeFieldName(HEX_FIELDS);
        g.writeStartArray();
        for (int i = 0, n = props.size(); i < n; i++) {
            PropertySchema p = props.get(i);
            if (isHex(p) && values.containsKey(p.name())) {
                g.writeString(p.name());
            }
        }
        g.writeEndArray();
        g.writeFieldName(ERRORS);
        g.writeStartArray();
        List<FieldError> errors = d.errors();
        for (int i = 0, n = errors.size(); i < n; i++) {
            g.writeString(errors.get(i).toString());
        }
        g.writeEndArray();
        g.writeFieldName(SCHEMA_VERSION);
        g.writeNumber(d.schemaVersion());
        g.writeFieldName(TRAILING_BYTES);
        g.writeNumber(d.trailingBytes());
        g.writeEndObject();
    }

    private static void fields(JsonGenerator g, JsonChars c, List<PropertySchema> props, Map<String, Object> values)
            throws IOException {
        g.writeStartObject();
        FieldWriter w = new FieldWriter(g, c, props);
        values.forEach(w); // the decoder's maps iterate without an entry object per field
        if (w.failure != null) {
            throw w.failure;
        }
        g.writeEndObject();
    }

    /** Writes each field of a map in iteration order; keeps the first IOException (forEach cannot throw it). */
    private static final class FieldWriter implements BiConsumer<String, Object> {
        private final JsonGenerator g;
        private final JsonChars c;
        private final List<PropertySchema> props;
        IOException failure;

        FieldWriter(JsonGenerator g, JsonChars c, List<PropertySchema> props) {
            this.g = g;
            this.c = c;
            this.props = props;
        }

        @Override
        public void accept(String name, Object value) {
            if (failure != null) {
                return;
            }
            try {
                g.writeFieldName(name);
                value(g, c, schemaOf(props, name), value);
            } catch (IOException e) {
                failure = e;
            }
        }
    }

    private static PropertySchema schemaOf(List<PropertySchema> props, String name) {
        for (int i = 0, n = props.size(); i < n; i++) {
            PropertySchema p = props.get(i);
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
    private static void value(JsonGenerator g, JsonChars c, PropertySchema p, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            if (list instanceof RandomAccess) {
                for (int i = 0, n = list.size(); i < n; i++) {
                    value(g, c, p, list.get(i));
                }
            } else {
                for (Object o : list) {
                    value(g, c, p, o);
                }
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> m) {
            fields(g, c, p == null ? List.of() : p.members(), (Map<String, Object>) m);
        } else if (v instanceof Long l) {
            boolean unsigned = p == null || !p.inType().isSigned();
            if (unsigned && l < 0) {
                g.writeNumber(c.chars, 0, c.unsignedDecimal(l)); // the exact unsigned number, digits only
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
            char[] hex = c.quotedCapacity(2 * b.length + 2);
            hex[0] = '"';
            for (int i = 0; i < b.length; i++) {
                JsonChars.hexByte(hex, 1 + 2 * i, b[i]);
            }
            hex[2 * b.length + 1] = '"';
            g.writeRawValue(hex, 0, 2 * b.length + 2); // hex digits: nothing to escape
        } else if (v instanceof UUID u) {
            RecordJson.plain(g, c, c.uuid(u));
        } else if (v instanceof Instant t) {
            RecordJson.plain(g, c, c.instant(t));
        } else if (v instanceof InetAddress a) {
            g.writeString(a.getHostAddress());
        } else if (v instanceof InetSocketAddress a) {
            g.writeString(a.getAddress().getHostAddress() + ":" + a.getPort());
        } else {
            g.writeString(v.toString()); // String, SecurityIdentifier (S-1-...)
        }
    }
}
