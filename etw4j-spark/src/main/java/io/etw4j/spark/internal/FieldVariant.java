package io.etw4j.spark.internal;

import io.etw4j.decode.InType;
import io.etw4j.decode.MappedValue;
import io.etw4j.decode.PropertySchema;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.spark.types.variant.Variant;
import org.apache.spark.types.variant.VariantBuilder;
import org.apache.spark.types.variant.VariantSizeLimitException;
import org.apache.spark.unsafe.types.VariantVal;

/**
 * A decoded field value as a Spark variant (the {@code typed_fields} column of the decoded view), by its Java type
 * (etw-decode {@code DecodedEvent}): Long and Integer as a variant integer (an unsigned 64-bit in-type, UINT64,
 * HEXINT64, POINTER or SIZET, whose bit pattern is negative as a decimal(20,0) of its unsigned value), Float and
 * Double as float and double, Boolean as boolean, String as string, byte[] as binary, Instant as a timestamp (UTC
 * microseconds, rounded down), UUID, SID and IP addresses as their usual text, a socket address as an object
 * {@code {address, port}}, a mapped value as an object {@code {value, names}}, a struct as an object in member
 * order and an array as an array. A value over the variant size limit (16 MiB) becomes null. Stateless.
 */
final class FieldVariant {

    private FieldVariant() {
    }

    /**
     * {@return {@code value} as a variant, or null for a null value}
     *
     * @param schema the property that decoded it, or null when unknown (integers are then taken as signed)
     */
    static VariantVal of(Object value, PropertySchema schema) {
        if (value == null) {
            return null;
        }
        try {
            VariantBuilder b = new VariantBuilder(false);
            append(b, value, schema);
            Variant v = b.result();
            return new VariantVal(v.getValue(), v.getMetadata());
        } catch (VariantSizeLimitException e) {
            return null;
        }
    }

    private static void append(VariantBuilder b, Object v, PropertySchema p) {
        if (v == null) {
            b.appendNull();
        } else if (v instanceof Long l) {
            if (l < 0 && unsigned(p)) {
                b.appendDecimal(new BigDecimal(Long.toUnsignedString(l)));
            } else {
                b.appendLong(l);
            }
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            b.appendLong(((Number) v).longValue());
        } else if (v instanceof Double d) {
            b.appendDouble(d);
        } else if (v instanceof Float f) {
            b.appendFloat(f);
        } else if (v instanceof Boolean x) {
            b.appendBoolean(x);
        } else if (v instanceof String s) {
            b.appendString(s);
        } else if (v instanceof byte[] bytes) {
            b.appendBinary(bytes);
        } else if (v instanceof Instant t) {
            b.appendTimestamp(Rows.micros(t));
        } else if (v instanceof UUID u) {
            b.appendString(u.toString());
        } else if (v instanceof InetAddress a) {
            b.appendString(a.getHostAddress());
        } else if (v instanceof InetSocketAddress a) {
            int start = b.getWritePos();
            ArrayList<VariantBuilder.FieldEntry> fields = new ArrayList<>();
            field(b, start, fields, "address", a.getAddress() == null ? a.getHostString()
                    : a.getAddress().getHostAddress(), null);
            field(b, start, fields, "port", (long) a.getPort(), null);
            b.finishWritingObject(start, fields);
        } else if (v instanceof MappedValue m) {
            int start = b.getWritePos();
            ArrayList<VariantBuilder.FieldEntry> fields = new ArrayList<>();
            field(b, start, fields, "value", m.raw(), p);
            field(b, start, fields, "names", m.names(), null);
            b.finishWritingObject(start, fields);
        } else if (v instanceof Map<?, ?> map) {
            int start = b.getWritePos();
            ArrayList<VariantBuilder.FieldEntry> fields = new ArrayList<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                field(b, start, fields, key, e.getValue(), member(p, key));
            }
            b.finishWritingObject(start, fields);
        } else if (v instanceof List<?> list) {
            int start = b.getWritePos();
            ArrayList<Integer> offsets = new ArrayList<>(list.size());
            for (Object e : list) {
                offsets.add(b.getWritePos() - start);
                append(b, e, p); // an array's elements share its property's in-type
            }
            b.finishWritingArray(start, offsets);
        } else if (v instanceof Optional<?> o) {
            append(b, o.orElse(null), p);
        } else if (v instanceof OptionalInt o) {
            append(b, o.isPresent() ? (Object) (long) o.getAsInt() : null, p);
        } else if (v instanceof OptionalLong o) {
            append(b, o.isPresent() ? (Object) o.getAsLong() : null, p);
        } else {
            b.appendString(String.valueOf(v)); // SecurityIdentifier (S-1-...) and anything else: its text
        }
    }

    private static void field(VariantBuilder b, int start, List<VariantBuilder.FieldEntry> fields, String key,
            Object value, PropertySchema p) {
        int id = b.addKey(key); // keys are unique: a map's keys, or the fixed names of an address or mapped value
        fields.add(new VariantBuilder.FieldEntry(key, id, b.getWritePos() - start));
        append(b, value, p);
    }

    private static PropertySchema member(PropertySchema p, String name) {
        if (p == null) {
            return null;
        }
        for (PropertySchema m : p.members()) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        return null;
    }

    private static boolean unsigned(PropertySchema p) {
        if (p == null) {
            return false;
        }
        InType t = p.inType();
        return t == InType.UINT64 || t == InType.HEXINT64 || t == InType.POINTER || t == InType.SIZET;
    }
}
