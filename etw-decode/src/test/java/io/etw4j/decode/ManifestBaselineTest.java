package io.etw4j.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.decode.testing.TraceEventBaseline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Proof for sources 2 and 3 (issue 10): net.4.5.2.x64.etl decoded with ClrEtwAll.man ({@link ManifestSchemas}) and the
 * EventSource manifests found in the trace ({@link EventSourceSchemas}), compared field by field with what Microsoft's
 * TraceEvent printed for the same events (the baseline). The schemas come from the manifests only; the baseline text is
 * only the reference.
 *
 * <p>What is compared: every baseline field that is a property of the schema the manifest gives for the record's
 * (provider, id, version). TraceEvent also prints values the payload does not hold, which no manifest-driven decoder
 * can produce; these are counted and listed as "not in the record's schema", and reported in a second figure over all
 * baseline fields: defaults of properties of later event versions (ReJITID, OptimizationTier, ClientSequenceNumber,
 * ObjectSize, and the empty ones), values TraceEvent derives (ModuleILFileName from ModuleILPath, HeapStats totals,
 * FinalizeObject's TypeName from earlier BulkType events, ManifestData's PayloadLength), array elements it flattens
 * (BulkType's TypeID_0), and the fields of events whose manifest template is empty (GCPerHeapHistory). A baseline
 * event with no decoded record of ours counts all its fields as compared and unequal.
 */
class ManifestBaselineTest {

    static Path clrManifest() {
        return TraceEventBaseline.etlDir().getParent().resolve("manifests").resolve("ClrEtwAll.man");
    }

    /** The .NET runtime's own, newer manifest (dotnet/runtime), beside ClrEtwAll.man. */
    static Path dotnetRuntimeManifest() {
        return clrManifest().resolveSibling("ClrEtwAll-dotnet-runtime.man");
    }

    @Test
    void clrAndEventSourceFieldsAgreeWithTraceEventsBaseline() throws Exception {
        figures(clrManifest());
    }

    /**
     * The same comparison with the newer manifest: it declares later versions of some events (and fields the older
     * one lacks), so fewer baseline values are absent for want of a declaring schema.
     */
    @Test
    void theNewerDotnetRuntimeManifestAgreesToo() throws Exception {
        figures(dotnetRuntimeManifest());
    }

    /**
     * Decodes the capture with {@code manifest} and the in-trace EventSource manifests, prints the figures and the
     * mismatches, asserts 95% agreement per kind over the fields the schemas declare, and returns the values absent
     * because no schema declares them.
     */
    static int figures(Path manifest) throws Exception {
        System.out.println("== " + manifest.getFileName());
        ManifestSchemas manifests = ManifestSchemas.create(manifest);
        EventSourceSchemas eventSources = EventSourceSchemas.create();
        EventDecoder decoder = EventDecoder.builder().add(manifests).add(eventSources).build();
        List<EventRecord> records = TraceEventBaseline.records();
        Map<EventRecord, DecodedEvent> decoded = new IdentityHashMap<>();
        Set<String> manifestDataProviders = new TreeSet<>();
        for (EventRecord r : records) {
            decoded.put(r, decoder.decode(r));
            if (r.id() == 0xFFFE) {
                manifestDataProviders.add(r.providerId() + " opcode " + r.descriptor().opcode());
            }
        }
        System.out.println("records with event id 0xFFFE, by provider: " + manifestDataProviders);
        System.out.println("EventSource manifests learned: " + eventSources.providers());
        System.out.println("EventSource problems: " + eventSources.problems());
        assertThat(eventSources.providers()).as("the EventSource manifests in the trace").isNotEmpty();

        Map<String, List<EventRecord>> byKey = TraceEventBaseline.recordsByKey(records);
        Set<String> clrProviders = Set.copyOf(manifests.providers().values());
        Set<String> esProviders = Set.copyOf(eventSources.providers().values());
        Map<String, int[]> perKind = new TreeMap<>();
        Map<String, int[]> perEvent = new TreeMap<>();
        List<String> mismatches = new ArrayList<>();
        Map<String, Integer> notInSchema = new TreeMap<>();
        int[] all = new int[2];
        int absent = 0; // baseline values of fields no schema declares for the record (or no schema at all)
        int earlier = 0; // baseline events decoded with an earlier version's schema
        for (TraceEventBaseline.Event b : TraceEventBaseline.events()) {
            String provider = b.name().substring(0, b.name().indexOf('/') < 0 ? b.name().length()
                    : b.name().indexOf('/'));
            String kind = clrProviders.contains(provider) ? "CLR" : esProviders.contains(provider) ? "EventSource"
                    : null;
            if (kind == null) {
                continue;
            }
            DecodedEvent ours = null;
            for (EventRecord r : byKey.getOrDefault(TraceEventBaseline.key(b), List.of())) {
                DecodedEvent d = decoded.get(r);
                if (d.providerName().filter(provider::equals).isPresent()) {
                    ours = d;
                    break;
                }
            }
            int[] k = perKind.computeIfAbsent(kind, x -> new int[2]);
            int[] e = perEvent.computeIfAbsent(b.name(), x -> new int[2]);
            Set<String> schemaNames = new TreeSet<>();
            if (ours != null) {
                ours.schema().get().properties().forEach(p -> schemaNames.add(p.name()));
                earlier += ours.isEarlierVersionSchema() ? 1 : 0;
            } else {
                absent += b.fields().size();
            }
            for (Map.Entry<String, String> f : b.fields().entrySet()) {
                all[0]++;
                if (ours != null && !schemaNames.contains(f.getKey())) {
                    absent++;
                    notInSchema.merge(b.name() + "." + f.getKey(), 1, Integer::sum);
                    if (TraceEventBaseline.matches(null, f.getValue())) {
                        all[1]++;
                    }
                    continue;
                }
                Object value = ours == null ? null : ours.fields().get(f.getKey());
                boolean equal = ours != null && TraceEventBaseline.matches(value, f.getValue());
                k[0]++;
                e[0]++;
                if (equal) {
                    all[1]++;
                    k[1]++;
                    e[1]++;
                } else {
                    mismatches.add(b.name() + " @" + b.relativeMs() + " " + f.getKey() + ": baseline '"
                            + f.getValue() + "', ours " + (ours == null ? "<no decoded record>"
                            : ours.fields().containsKey(f.getKey()) ? "'" + render(value) + "'" : "<no such field>"));
                }
            }
        }
        System.out.println("events and fields compared (equal/compared):");
        perEvent.forEach((n, c) -> System.out.println("  " + n + ": " + c[1] + "/" + c[0]));
        System.out.println("baseline fields not in the record's schema (not compared), with occurrences: "
                + notInSchema);
        System.out.println("mismatches (" + mismatches.size() + "):");
        mismatches.forEach(m -> System.out.println("  " + m));
        int compared = 0;
        int equal = 0;
        for (Map.Entry<String, int[]> k : perKind.entrySet()) {
            System.out.printf("%s: %d of %d baseline field values equal (%.2f%%)%n", k.getKey(), k.getValue()[1],
                    k.getValue()[0], 100.0 * k.getValue()[1] / k.getValue()[0]);
            compared += k.getValue()[0];
            equal += k.getValue()[1];
        }
        System.out.printf("CLR + EventSource: %d of %d equal (%.2f%%)%n", equal, compared, 100.0 * equal / compared);
        System.out.printf("over all baseline fields (a field not in the schema equal only if TraceEvent printed it empty):"
                + " %d of %d (%.2f%%)%n", all[1], all[0], 100.0 * all[1] / all[0]);
        System.out.printf("values absent because no schema declares them (a field the record's schema lacks, or no "
                + "schema for the record): %d of %d; baseline events decoded with an earlier version's schema: %d%n",
                absent, all[0], earlier);
        assertThat(perKind).containsKeys("CLR", "EventSource");
        for (Map.Entry<String, int[]> k : perKind.entrySet()) {
            assertThat(k.getValue()[1] * 100L).as(k.getKey() + " agreement").isGreaterThanOrEqualTo(95L
                    * k.getValue()[0]);
        }
        return absent;
    }

    static String render(Object v) {
        if (v instanceof byte[] b) {
            return b.length + " bytes";
        }
        String s = String.valueOf(v);
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
