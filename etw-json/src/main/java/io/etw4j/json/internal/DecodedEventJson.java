package io.etw4j.json.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.core.io.SerializedString;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventSchema;
import io.etw4j.decode.FieldError;
import io.etw4j.decode.InType;
import io.etw4j.decode.MappedValue;
import io.etw4j.decode.PropertySchema;
import io.etw4j.decode.internal.FieldMap;
import io.etw4j.decode.internal.FlatFieldSink;
import io.etw4j.decode.internal.FlatPayload;
import io.etw4j.decode.internal.PropertyList;
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
 * Writes the {@code "decoded"} member of a JSON line: {@code null} when no schema source knew the event, else
 * {@code {"provider", "event", "source", "fields", "hexFields", "errors", "schemaVersion", "trailingBytes"}}
 * (JSON-FORMAT.md, "The decoded object"). Streams with a {@link JsonGenerator}, member names pre-encoded, times,
 * GUIDs and binary formatted into the caller's {@link JsonChars}; stateless.
 *
 * <p>Values: integers as JSON numbers whatever the schema's output type says (an unsigned 64-bit value above
 * {@code Long.MAX_VALUE} as its exact unsigned number), so a field has one JSON type on every line; the fields whose
 * output type is hexadecimal (or that are pointers) are named in {@code hexFields}, a formatting hint; booleans;
 * GUIDs lowercase;
 * times ISO-8601 UTC; values with a value map by name (the number when the map has none), bit maps as the names
 * joined by ", "; binary as hex; SIDs in S-1-... form; addresses as text; structs as objects; arrays as lists.
 */
public final class DecodedEventJson {
    private static final SerializableString DECODED = new SerializedString("decoded");
    private static final SerializableString PROVIDER = new SerializedString("provider");
    private static final SerializableString EVENT = new SerializedString("event");
    private static final SerializableString SOURCE = new SerializedString("source");
    private static final SerializableString FIELDS = new SerializedString("fields");
    private static final SerializableString HEX_FIELDS = new SerializedString("hexFields");
    private static final SerializableString ERRORS = new SerializedString("errors");
    private static final SerializableString SCHEMA_VERSION = new SerializedString("schemaVersion");
    private static final SerializableString TRAILING_BYTES = new SerializedString("trailingBytes");

    private DecodedEventJson() {
    }

    /** Writes {@code "decoded": ...} for {@code d} into the object {@code g} is in (with buffers of its own). */
    public static void write(JsonGenerator g, DecodedEvent d) throws IOException {
        write(g, new JsonChars(), d);
    }

    /** Writes {@code "decoded": ...} for {@code d} into the object {@code g} is in, formatting into {@code c}. */
    public static void write(JsonGenerator g, JsonChars c, DecodedEvent d) throws IOException {
        if (!d.isDecoded()) {
            writeNull(g);
            return;
        }
        EventSchema s = d.schema().orElseThrow();
        head(g, c, s);
        PropertyList props = PropertyList.of(s.properties()); // the schema's own list: no copy
        Map<String, Object> values = d.fields();
        PropertyNamesJson names = indexedNames(props, values);
        if (names != null) {
            indexedFields(g, c, props, names, (FieldMap) values);
        } else {
            fields(g, c, props, values);
        }
        g.writeFieldName(HEX_FIELDS);
        g.writeStartArray();
        if (names != null) {
            if (names.anyHex) {
                FieldMap m = (FieldMap) values;
                for (int i = 0, n = props.size(); i < n; i++) {
                    if (names.hex[i] && m.valueAt(i) != null) {
                        names.writeNameValue(g, props, i);
                    }
                }
            }
        } else {
            for (int i = 0, n = props.size(); i < n; i++) {
                PropertySchema p = props.get(i);
                if (isHex(p) && values.containsKey(p.name())) {
                    g.writeString(p.name());
                }
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
        tail(g, d.schemaVersion(), d.trailingBytes());
    }

    /** Writes {@code "decoded":} and {@code object}, the object's JSON text, as its value. */
    static void writeRaw(JsonGenerator g, SerializableString object) throws IOException {
        g.writeFieldName(DECODED);
        g.writeRawValue(object);
    }

    /** Writes {@code "decoded": null}: no schema source knew the event. */
    static void writeNull(JsonGenerator g) throws IOException {
        g.writeFieldName(DECODED);
        g.writeNull();
    }

    /**
     * Writes the {@code decoded} object of a payload {@code flat} accepted for schema {@code s} ({@code names}: its
     * properties' names): what {@link #write(JsonGenerator, JsonChars, DecodedEvent)} writes for the event the decoder
     * gives, every property having a value and no field error.
     */
    static void writeFlat(JsonGenerator g, JsonChars c, EventSchema s, PropertyList props, PropertyNamesJson names,
            FlatPayload flat, FlatFieldSink sink, int schemaVersion) throws IOException {
        head(g, c, s);
        g.writeStartObject();
        flat.emit(sink);
        g.writeEndObject();
        g.writeFieldName(HEX_FIELDS);
        g.writeStartArray();
        if (names.anyHex) {
            for (int i = 0, n = props.size(); i < n; i++) {
                if (names.hex[i]) {
                    names.writeNameValue(g, props, i);
                }
            }
        }
        g.writeEndArray();
        g.writeFieldName(ERRORS);
        g.writeStartArray();
        g.writeEndArray();
        tail(g, schemaVersion, flat.trailingBytes());
    }

    /** {@code "decoded": {"provider", "event", "source", "fields": } (the fields' value is the caller's). */
    private static void head(JsonGenerator g, JsonChars c, EventSchema s) throws IOException {
        g.writeFieldName(DECODED);
        g.writeStartObject();
        g.writeFieldName(PROVIDER);
        string(g, c, s.providerName().orElse(null));
        g.writeFieldName(EVENT);
        string(g, c, s.eventName().orElse(null));
        g.writeFieldName(SOURCE);
        string(g, c, s.origin().name());
        g.writeFieldName(FIELDS);
    }

    private static void tail(JsonGenerator g, int schemaVersion, int trailingBytes) throws IOException {
        g.writeFieldName(SCHEMA_VERSION);
        g.writeNumber(schemaVersion);
        g.writeFieldName(TRAILING_BYTES);
        g.writeNumber(trailingBytes);
        g.writeEndObject();
    }

    /**
     * The pre-encoded names of {@code props} when {@code values} is the decoder's map of them with each value at its
     * property's index (distinct names: the usual case), else null (the map is walked by name).
     */
    private static PropertyNamesJson indexedNames(PropertyList props, Map<String, Object> values) {
        return values instanceof FieldMap m && m.indexedBy(props) ? PropertyNamesJson.of(props) : null;
    }

    /** The object of {@code values}, read by property index, each name pre-encoded (in property order, as forEach). */
    private static void indexedFields(JsonGenerator g, JsonChars c, PropertyList props, PropertyNamesJson names,
            FieldMap values) throws IOException {
        g.writeStartObject();
        for (int i = 0, n = props.size(); i < n; i++) {
            Object v = values.valueAt(i);
            if (v != null) {
                names.writeName(g, props, i);
                value(g, c, props.get(i), names.members[i], v);
            }
        }
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
                value(g, c, schemaOf(props, name), null, value);
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

    /**
     * Writes value {@code v} of property {@code p} (null when the map named a field its schema does not have);
     * {@code members} are the pre-encoded names of {@code p}'s struct members, or null (a struct is then walked by
     * name).
     */
    @SuppressWarnings("unchecked")
    private static void value(JsonGenerator g, JsonChars c, PropertySchema p, PropertyNamesJson members, Object v)
            throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Long l) {
            long x = l;
            if (x < 0 && (p == null || !p.inType().isSigned())) {
                unsigned(g, c, x); // the exact unsigned number, digits only
            } else {
                g.writeNumber(x);
            }
        } else if (v instanceof String str) {
            string(g, c, str);
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            if (list instanceof RandomAccess) {
                for (int i = 0, n = list.size(); i < n; i++) {
                    value(g, c, p, members, list.get(i));
                }
            } else {
                for (Object o : list) {
                    value(g, c, p, members, o);
                }
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> m) {
            PropertyList props = PropertyList.of(p == null ? List.of() : p.members());
            if (members != null && m instanceof FieldMap f && f.indexedBy(props)) {
                indexedFields(g, c, props, members, f);
            } else {
                fields(g, c, props, (Map<String, Object>) m);
            }
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof MappedValue mv) {
            if (mv.names().isEmpty()) {
                g.writeNumber(mv.raw());
            } else {
                string(g, c, mv.toString());
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
            g.writeString(v.toString()); // SecurityIdentifier (S-1-...)
        }
    }

    /** {@code v} as {@link Long#toUnsignedString(long)}, a JSON number: the quotient by 10 in Jackson's digits, then the last. */
    static void unsigned(JsonGenerator g, JsonChars c, long v) throws IOException {
        char[] d = c.quotedCapacity(20); // 18446744073709551615: 20 digits
        long q = (v >>> 1) / 5; // the unsigned quotient by 10: at most 19 digits
        int n = NumberOutput.outputLong(q, d, 0);
        d[n] = (char) ('0' + (int) (v - q * 10));
        g.writeNumber(d, 0, n + 1);
    }

    /**
     * Writes string {@code s} (null: JSON null) as the generator's {@code writeString} would: printable ASCII (the
     * usual field value) is quoted and escaped here ({@code "} and {@code \\} only) and written raw, any other
     * character leaves the whole string to the generator and its {@link io.etw4j.json.JsonEscapes}.
     */
    static void string(JsonGenerator g, JsonChars c, String s) throws IOException {
        if (s == null) {
            g.writeNull();
            return;
        }
        int n = s.length();
        char[] q = c.quotedCapacity(3 * n + 2);
        int from = 2 * n + 2; // the raw chars after the room the quoted form may take
        s.getChars(0, n, q, from);
        for (int i = from, end = from + n; i < end; i++) {
            char ch = q[i];
            if (ch < 0x20 || ch >= 0x7F) {
                g.writeString(s); // a control or a non-ASCII character: the generator's escapes decide
                return;
            }
        }
        quoteRaw(g, q, q, from, n);
    }

    /**
     * Writes {@code chars[from..from+n)}, printable ASCII only, as a JSON string (quoted, {@code "} and {@code \\}
     * escaped) raw into {@code g}, through {@code q} (room for {@code 2n+2} chars; it may be {@code chars} itself when
     * {@code from >= 2n+2}).
     */
    static void quoteRaw(JsonGenerator g, char[] q, char[] chars, int from, int n) throws IOException {
        q[0] = '"';
        int at = 1;
        for (int i = from, end = from + n; i < end; i++) {
            char ch = chars[i];
            if (ch == '"' || ch == '\\') {
                q[at++] = '\\';
            }
            q[at++] = ch;
        }
        q[at++] = '"';
        g.writeRawValue(q, 0, at);
    }
}
