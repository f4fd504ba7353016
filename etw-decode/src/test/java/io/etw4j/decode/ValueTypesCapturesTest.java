package io.etw4j.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.decode.testing.TraceEventBaseline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Java type of a decoded value is fixed by the in-type, never by the out-type: over every shipped capture
 * ({@code ../shared/etl/*.etl}), decoded with every source that applies off Windows, each (provider, event id,
 * version, field name) has one Java type (a list's elements and a struct's members included, by path).
 */
class ValueTypesCapturesTest {

    @Test
    void eachFieldOfEachEventVersionHasOneJavaTypeInEveryShippedCapture() throws Exception {
        Path dir = TraceEventBaseline.etlDir();
        Assumptions.assumeTrue(Files.isDirectory(dir), "../shared/etl is not beside the checkout");
        List<Path> captures;
        try (Stream<Path> s = Files.list(dir)) {
            captures = s.filter(p -> p.getFileName().toString().endsWith(".etl")).sorted().toList();
        }
        assertThat(captures).hasSizeGreaterThanOrEqualTo(5);
        ManifestSchemas clr = ManifestSchemas.create(ManifestBaselineTest.clrManifest());
        Map<String, Set<String>> types = new TreeMap<>();
        long values = 0;
        for (Path etl : captures) {
            EventDecoder decoder = EventDecoder.builder().add(TraceLoggingSchemas.create())
                    .add(EmbeddedEventInfoSchemas.create()).add(clr).add(EventSourceSchemas.create())
                    .add(KernelMofSchemas.create()).build();
            for (EventRecord r : EtlFile.open(etl).records().toIterable()) {
                DecodedEvent d = decoder.decode(r);
                if (!d.isDecoded()) {
                    continue;
                }
                String event = r.providerId() + " id " + (r.headerKind() == io.etw4j.core.HeaderKind.EVENT ? r.id() : r.descriptor().opcode()) + " v"
                        + r.descriptor().version() + " ";
                for (Map.Entry<String, Object> f : d.fields().entrySet()) {
                    values += collect(types, event + f.getKey(), f.getValue());
                }
            }
        }
        Map<String, Set<String>> mixed = new TreeMap<>();
        types.forEach((k, v) -> {
            if (v.size() > 1) {
                mixed.put(k, v);
            }
        });
        System.out.println(values + " values of " + types.size() + " (provider, event, version, field) keys in "
                + captures.size() + " captures; keys with more than one Java type: " + mixed);
        assertThat(types).hasSizeGreaterThan(900);
        assertThat(mixed).as("(provider, event, version, field) with more than one Java type").isEmpty();
    }

    /** The same UINT32 under every integer out-type: a Long each time, the out-type kept as the hint. */
    @Test
    void anIntegerStaysALongWhateverItsOutTypeSays() {
        for (OutType o : OutType.values()) {
            if (o == OutType.IPV4) {
                continue; // an address, not a number: the one out-type that changes what 4 integer bytes are
            }
            PropertySchema p = PropertySchema.of("Pid", InType.UINT32).withOutType(o);
            EventSchema schema = EventSchema.of(LaterVersionsTest.P, "P", "E", List.of(p), SchemaOrigin.MANIFEST);
            DecodedEvent d = io.etw4j.decode.internal.PayloadDecoder.decode(
                    LaterVersionsTest.record(1, 0, new byte[] {1, 0, 0, 0}), schema);
            assertThat(d.fields().get("Pid")).as(o.toString()).isEqualTo(1L); // PORT swaps only a 2-byte value
            assertThat(d.schema().orElseThrow().properties().get(0).outType()).isEqualTo(o);
        }
    }

    /** Records the type of {@code v} (and of its elements or members) under {@code key}; returns the values seen. */
    static long collect(Map<String, Set<String>> types, String key, Object v) {
        if (v == null) {
            return 0; // a value that could not be decoded: its error says so, it has no type
        }
        long n = 1;
        if (v instanceof List<?> list) {
            types.computeIfAbsent(key, k -> new TreeSet<>()).add("List");
            for (Object e : list) {
                n += collect(types, key + "[]", e);
            }
        } else if (v instanceof Map<?, ?> map) {
            types.computeIfAbsent(key, k -> new TreeSet<>()).add("Map");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                n += collect(types, key + "." + e.getKey(), e.getValue());
            }
        } else {
            String type = v instanceof java.net.InetAddress ? "InetAddress" : v.getClass().getSimpleName();
            types.computeIfAbsent(key, k -> new TreeSet<>()).add(type);
        }
        return n;
    }
}
