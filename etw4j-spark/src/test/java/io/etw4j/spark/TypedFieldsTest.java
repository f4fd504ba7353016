package io.etw4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.InType;
import io.etw4j.decode.KernelMofSchemas;
import io.etw4j.decode.MappedValue;
import io.etw4j.decode.PropertySchema;
import io.etw4j.decode.TraceLoggingSchemas;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.types.variant.Variant;
import org.apache.spark.unsafe.types.VariantVal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decoded view's {@code typed_fields} (map of field name to variant) against {@link EventDecoder}'s Java values
 * on the shared captures: each value's variant type and value follow the documented mapping (integers as variant
 * integers, unsigned 64-bit bit patterns as decimals, instants as timestamps, bytes as binary, GUIDs as text, structs
 * as objects, arrays as arrays), read whole and split; and a variant field works in Spark SQL.
 */
class TypedFieldsTest {

    /** The expected variant of a Java value, written as type-tagged text ({@link #ofVariant} writes the actual). */
    private static String ofJava(Object v, PropertySchema p) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Long l) {
            boolean unsigned = p != null && (p.inType() == InType.UINT64 || p.inType() == InType.HEXINT64
                    || p.inType() == InType.POINTER || p.inType() == InType.SIZET);
            return l < 0 && unsigned ? "decimal:" + Long.toUnsignedString(l) : "long:" + l;
        }
        if (v instanceof Integer i) {
            return "long:" + i;
        }
        if (v instanceof Double d) {
            return "double:" + d;
        }
        if (v instanceof Float f) {
            return "float:" + f;
        }
        if (v instanceof Boolean b) {
            return "boolean:" + b;
        }
        if (v instanceof String s) {
            return "string:" + s;
        }
        if (v instanceof byte[] b) {
            return "binary:" + HexFormat.of().formatHex(b);
        }
        if (v instanceof Instant t) {
            return "timestamp:" + RecordsViewTest.micros(t);
        }
        if (v instanceof UUID u) {
            return "string:" + u;
        }
        if (v instanceof InetAddress a) {
            return "string:" + a.getHostAddress();
        }
        if (v instanceof MappedValue m) {
            return "{names=" + ofJava(m.names(), null) + ", value=" + ofJava(m.raw(), p) + "}";
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, String> out = new TreeMap<>();
            m.forEach((k, x) -> out.put((String) k, ofJava(x, member(p, (String) k))));
            return out.toString();
        }
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            l.forEach(x -> out.add(ofJava(x, p)));
            return out.toString();
        }
        return "string:" + v;
    }

    private static PropertySchema member(PropertySchema p, String name) {
        return p == null ? null : p.members().stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
    }

    private static String ofVariant(Variant v) {
        switch (v.getType()) {
            case NULL:
                return "null";
            case LONG:
                return "long:" + v.getLong();
            case DECIMAL:
                return "decimal:" + v.getDecimal().toPlainString();
            case DOUBLE:
                return "double:" + v.getDouble();
            case FLOAT:
                return "float:" + v.getFloat();
            case BOOLEAN:
                return "boolean:" + v.getBoolean();
            case STRING:
                return "string:" + v.getString();
            case BINARY:
                return "binary:" + HexFormat.of().formatHex(v.getBinary());
            case TIMESTAMP:
                return "timestamp:" + v.getLong();
            case OBJECT: {
                Map<String, String> out = new TreeMap<>();
                for (int i = 0; i < v.objectSize(); i++) {
                    Variant.ObjectField f = v.getFieldAtIndex(i);
                    out.put(f.key, ofVariant(f.value));
                }
                return out.toString();
            }
            case ARRAY: {
                List<String> out = new ArrayList<>();
                for (int i = 0; i < v.arraySize(); i++) {
                    out.add(ofVariant(v.getElementAtIndex(i)));
                }
                return out.toString();
            }
            default:
                return "unexpected " + v.getType();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"AMSITrace.etl", "ShutdownPerfDiagLogger.etl"})
    void typedFieldsFollowTheDecodersValues(String name) {
        Path file = RecordsViewTest.capture(name);
        EventDecoder decoder = EventDecoder.builder().add(TraceLoggingSchemas.create()).add(KernelMofSchemas.create())
                .build();
        List<String> expected = new ArrayList<>();
        Map<String, Integer> kinds = new TreeMap<>();
        for (EventRecord r : EtlFile.open(file).records().toIterable()) {
            DecodedEvent d = decoder.decode(r);
            if (!d.isDecoded()) {
                expected.add(null);
                continue;
            }
            Map<String, PropertySchema> props = new HashMap<>();
            d.schema().get().properties().forEach(p -> props.putIfAbsent(p.name(), p));
            Map<String, String> fields = new TreeMap<>();
            d.fields().forEach((k, v) -> {
                String s = ofJava(v, props.get(k));
                fields.put(k, s);
                kinds.merge(s.substring(0, Math.max(1, s.indexOf(':') < 0 ? 1 : s.indexOf(':'))), 1, Integer::sum);
            });
            expected.add(fields.toString());
        }

        for (long split : new long[] {Long.MAX_VALUE, 64 * 1024}) {
            List<String> got = new ArrayList<>();
            for (Row r : LocalSpark.session().read().format("etw4j").option("view", "decoded")
                    .option("splitBytes", split).load(file.toString()).select("typed_fields").collectAsList()) {
                if (r.isNullAt(0)) {
                    got.add(null);
                    continue;
                }
                Map<String, String> fields = new TreeMap<>();
                Map<String, VariantVal> m = r.getJavaMap(0);
                m.forEach((k, v) -> fields.put(k, v == null ? "null"
                        : ofVariant(new Variant(v.getValue(), v.getMetadata()))));
                got.add(fields.toString());
            }
            assertThat(got).isEqualTo(expected);
        }
        assertThat(kinds).containsKey("long"); // the captures give at least integers and strings
        assertThat(kinds).containsKey("string");
    }

    @org.junit.jupiter.api.Test
    void aVariantFieldIsTypedInSql() {
        Path file = RecordsViewTest.capture("ShutdownPerfDiagLogger.etl");
        EventDecoder decoder = EventDecoder.builder().add(KernelMofSchemas.create()).build();
        long want = 0;
        String field = null;
        for (EventRecord r : EtlFile.open(file).records().toIterable()) {
            DecodedEvent d = decoder.decode(r);
            for (Map.Entry<String, Object> e : d.fields().entrySet()) {
                if (e.getValue() instanceof Long l && l >= 0) {
                    field = field == null ? e.getKey() : field;
                }
            }
            if (field != null && d.fields().get(field) instanceof Long l && l >= 0) {
                want += l;
            }
        }
        assertThat(field).isNotNull();
        Row sum = LocalSpark.session().read().format("etw4j").option("view", "decoded").load(file.toString())
                .selectExpr("sum(variant_get(typed_fields['" + field + "'], '$', 'bigint')) as s",
                        "count(try_variant_get(typed_fields['" + field + "'], '$', 'bigint')) as n")
                .collectAsList().get(0);
        assertThat(sum.getLong(1)).isPositive();
        assertThat(sum.getLong(0)).isEqualTo(want);
    }
}
