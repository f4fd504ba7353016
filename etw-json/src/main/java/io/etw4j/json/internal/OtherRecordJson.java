package io.etw4j.json.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.etw4j.scm.history.HistoryOtherRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a {@link HistoryOtherRecord} ({@code scm-history}): {@code type} {@code "OtherRecord"},
 * {@code source}, {@code time}, {@code provider} (the provider GUID), {@code providerName} and {@code eventName} (or
 * null), {@code fields} (the decoded fields by name), {@code problems} (array of strings), {@code record} (the raw
 * record). Field values: numbers as JSON numbers (every integer, so a field has one type), booleans, strings, byte arrays
 * as hex strings, lists as arrays, maps as objects, anything else as its string form. Stateless.
 */
public final class OtherRecordJson {
    private OtherRecordJson() {
    }

    /** Writes {@code r} as one JSON object, {@code etw4j.schema} = {@code schema} first. */
    public static void write(JsonGenerator g, JsonChars c, HistoryOtherRecord r, int recordHexBytes, String source,
            String schema) throws IOException {
        g.writeStartObject();
        g.writeStringField("etw4j.schema", schema);
        g.writeStringField("type", "OtherRecord");
        g.writeStringField("source", source);
        g.writeStringField("time", r.timestamp().toString());
        g.writeStringField("provider", r.record().providerId().toString());
        g.writeStringField("providerName", r.providerName().orElse(null));
        g.writeStringField("eventName", r.eventName().orElse(null));
        g.writeFieldName("fields");
        value(g, r.fields());
        g.writeArrayFieldStart("problems");
        for (String p : r.problems()) {
            g.writeString(p);
        }
        g.writeEndArray();
        g.writeFieldName("record");
        g.writeStartObject();
        RecordJson.fields(g, c, r.record(), recordHexBytes);
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                g.writeString(Double.toString(d));
            }
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof BigDecimal b) {
            g.writeNumber(b);
        } else if (v instanceof byte[] bytes) {
            g.writeString(HexFormat.of().formatHex(bytes));
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                value(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            g.writeString(v.toString());
        }
    }
}
