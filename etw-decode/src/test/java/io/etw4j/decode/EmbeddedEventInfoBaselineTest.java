package io.etw4j.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.decode.testing.TraceEventBaseline;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * net.4.5.2.x64.etl carries KernelTraceControl MetaData records (61 EventInfo, 24 EventMapInfo, all in the file:
 * counted here and by TraceEvent's own COUNT lines): TRACE_EVENT_INFO for Microsoft-Windows-DotNETRuntime,
 * -DotNETRuntimeRundown, -Kernel-File, -Kernel-Process, -Kernel-EventTracing, -DNS-Client and -Immersive-Shell.
 * Decoded with those schemas alone, the baseline events they describe are compared with TraceEvent's values.
 *
 * <p>Two figures are printed: over every baseline value of those events, and over the values whose field the embedded
 * schema names (TraceEvent also prints fields that are not in the payload: names it gives Kernel-File's fields
 * (IrpPtr for Irp, CreateDisposition and FileAttributes derived from CreateOptions/CreateAttributes), values it
 * computes (a type or file name looked up elsewhere, GC heap totals) and fields of later event versions with
 * defaults). The assertion is on the second; the mismatches are printed.
 */
class EmbeddedEventInfoBaselineTest {

    @Test
    void embeddedSchemasAgreeWithTraceEvent() throws Exception {
        Assumptions.assumeTrue(Files.exists(TraceEventBaseline.etlDir().resolve("net.4.5.2.x64.etl")),
                "../shared/etl/net.4.5.2.x64.etl not present");
        List<EventRecord> records = TraceEventBaseline.records();
        EmbeddedEventInfoSchemas src = EmbeddedEventInfoSchemas.create();
        EventDecoder decoder = EventDecoder.builder().add(src).build();
        Map<EventRecord, DecodedEvent> decoded = new IdentityHashMap<>();
        int metaInfo = 0;
        int metaMap = 0;
        for (EventRecord r : records) {
            if (EmbeddedEventInfoSchemas.isMetaData(r)) {
                if (r.descriptor().opcode() == EmbeddedEventInfoSchemas.OPCODE_EVENT_INFO) {
                    metaInfo++;
                } else {
                    metaMap++;
                }
            }
            DecodedEvent d = decoder.decode(r);
            if (d.isDecoded()) {
                decoded.put(r, d);
            }
        }
        System.out.println("MetaData records: " + metaInfo + " EventInfo, " + metaMap + " EventMapInfo; described "
                + src.describedEvents() + " events of " + new TreeMap<>(src.providerNames()));
        assertThat(metaInfo).isEqualTo(61); // TraceEvent: COUNT KernelTraceControl/MetaData/EventInfo:61
        assertThat(metaMap).isEqualTo(24); // COUNT KernelTraceControl/MetaData/EventMapInfo:24
        assertThat(src.providerNames().values()).contains("Microsoft-Windows-Kernel-File",
                "Microsoft-Windows-Kernel-Process", "Microsoft-Windows-DNS-Client");

        Map<String, List<EventRecord>> byKey = TraceEventBaseline.recordsByKey(records);
        int all = 0;
        int allEqual = 0;
        int named = 0;
        int namedEqual = 0;
        int events = 0;
        List<String> mismatches = new ArrayList<>();
        for (TraceEventBaseline.Event e : TraceEventBaseline.events()) {
            DecodedEvent d = null;
            for (EventRecord r : byKey.getOrDefault(TraceEventBaseline.key(e), List.of())) {
                DecodedEvent c = decoded.get(r);
                if (c != null && !EmbeddedEventInfoSchemas.isMetaData(r)) {
                    d = c;
                }
            }
            if (d == null) {
                continue;
            }
            events++;
            for (Map.Entry<String, String> f : e.fields().entrySet()) {
                boolean ours = d.fields().containsKey(f.getKey());
                boolean eq = TraceEventBaseline.matches(d.fields().get(f.getKey()), f.getValue());
                all++;
                allEqual += eq ? 1 : 0;
                if (ours) {
                    named++;
                    namedEqual += eq ? 1 : 0;
                }
                if (!eq) {
                    mismatches.add(e.name() + " " + f.getKey() + ": TraceEvent " + f.getValue() + ", ours "
                            + (ours ? d.fields().get(f.getKey()) : "(no such field in the embedded schema)"));
                }
            }
        }
        System.out.printf("embedded EventInfo vs TraceEvent: %d baseline events; all values %d/%d equal (%.1f%%); "
                + "values of fields the schema names %d/%d equal (%.1f%%)%n", events, allEqual, all,
                100.0 * allEqual / all, namedEqual, named, 100.0 * namedEqual / named);
        mismatches.stream().sorted().distinct().forEach(m -> System.out.println("  mismatch: " + m));
        assertThat(events).isGreaterThan(100);
        assertThat(100.0 * namedEqual / named).isGreaterThanOrEqualTo(95.0);
    }
}
