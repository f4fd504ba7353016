package io.etw4j.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.decode.testing.TraceEventBaseline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * schema-export over a TDH stand-in fed with the real TRACE_EVENT_INFO and EVENT_MAP_INFO blobs net.4.5.2.x64.etl
 * embeds ({@link TdhStandIn}): the manifests it writes, loaded by {@link ManifestSchemas}, decode that capture's
 * events exactly as {@link EmbeddedEventInfoSchemas} decodes them from the same blobs (two independent paths: the
 * blob parsed directly, and the blob written as XML by ManifestWriter and parsed back by the manifest parser).
 */
class SchemaExportTest {
    static List<EventRecord> records;

    @BeforeAll
    static void capture() throws Exception {
        Assumptions.assumeTrue(Files.exists(TraceEventBaseline.etlDir().resolve("net.4.5.2.x64.etl")),
                "../shared/etl/net.4.5.2.x64.etl not present");
        records = TraceEventBaseline.records();
    }

    @Test
    void exportedManifestsDecodeTheCaptureExactlyAsItsEmbeddedEventInformation(@TempDir Path root) throws Exception {
        TdhStandIn tdh = TdhStandIn.of(records);
        SchemaExport.Report report = SchemaExport.over(tdh).exportTo(root);
        System.out.println("export: " + report);
        assertThat(report.folder()).isEqualTo(root.resolve("6.2.9200.16384"));
        assertThat(report.manifests()).isEqualTo(tdh.names.size()).isGreaterThanOrEqualTo(5);
        assertThat(report.problems()).isEmpty();
        try (Stream<Path> files = Files.list(report.folder())) {
            for (Path f : files.filter(f -> f.toString().endsWith(".man")).toList()) {
                // well-formed XML for any parser, not only ours
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile());
            }
        }
        ManifestSchemas exported = ManifestSchemas.create(report.folder());
        assertThat(exported.problems()).isEmpty();
        assertThat(exported.providers()).isEqualTo(tdh.names);

        EmbeddedEventInfoSchemas embedded = EmbeddedEventInfoSchemas.create();
        records.forEach(embedded::observe); // the MetaData records lie at the end of the merged file
        EventDecoder a = EventDecoder.builder().add(embedded).laterVersions(false).build();
        EventDecoder b = EventDecoder.builder().add(exported).laterVersions(false).build();
        int compared = 0;
        int values = 0;
        Map<String, Integer> perEvent = new TreeMap<>();
        for (EventRecord r : records) {
            if (r.headerKind() != HeaderKind.EVENT || EmbeddedEventInfoSchemas.isMetaData(r)) {
                continue; // classic events are described by class GUID: not a manifest export's business
            }
            DecodedEvent x = a.decodeObserved(r);
            DecodedEvent y = b.decodeObserved(r);
            assertThat(y.isDecoded()).as("decoded by one path only: " + r).isEqualTo(x.isDecoded());
            if (!x.isDecoded()) {
                continue;
            }
            EventSchema sx = x.schema().orElseThrow();
            EventSchema sy = y.schema().orElseThrow();
            String what = sx.providerName().orElse("?") + "/" + sx.eventName().orElse("?") + " v"
                    + r.descriptor().version();
            assertThat(sy.providerName()).as(what).isEqualTo(sx.providerName());
            assertThat(sy.eventName()).as(what).isEqualTo(sx.eventName());
            assertThat(sy.taskName()).as(what).isEqualTo(sx.taskName());
            // win: names read back without the prefix (the manifest parser's documented rule)
            assertThat(sy.opcodeName()).as(what).isEqualTo(sx.opcodeName().map(SchemaExportTest::shortName));
            assertThat(sy.levelName()).as(what).isEqualTo(sx.levelName().map(SchemaExportTest::shortName));
            assertThat(sy.keywordNames()).as(what).isEqualTo(sx.keywordNames().stream()
                    .map(SchemaExportTest::shortName).toList());
            assertThat(deepEquals(x.fields(), y.fields())).as(what + ": " + x.fields() + " vs " + y.fields()).isTrue();
            assertThat(y.errors()).as(what).isEqualTo(x.errors());
            assertThat(y.trailingBytes()).as(what).isEqualTo(x.trailingBytes());
            compared++;
            values += x.fields().size();
            perEvent.merge(what, 1, Integer::sum);
        }
        System.out.println("two paths, one answer: " + compared + " records, " + values + " top-level values, "
                + perEvent.size() + " event kinds: " + perEvent);
        assertThat(compared).isGreaterThan(1000);
        assertThat(perEvent.keySet()).anyMatch(k -> k.startsWith("Microsoft-Windows-Kernel-File/"))
                .anyMatch(k -> k.startsWith("Microsoft-Windows-DNS-Client/"));
    }

    static String shortName(String n) {
        return n.startsWith("win:") ? n.substring(4) : n;
    }

    static boolean deepEquals(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!List.copyOf(x.keySet()).equals(List.copyOf(y.keySet()))) {
                return false;
            }
            return x.keySet().stream().allMatch(k -> deepEquals(x.get(k), y.get(k)));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!deepEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }
}
