package io.etw4j.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.testing.LeBytes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An event of a later version than every schema at hand: decoded with the newest earlier version's fields where the
 * source's convention adds fields only at the end, marked, and refused when the caller turns guessing off.
 */
class LaterVersionsTest {
    static final UUID P = UUID.fromString("11111111-2222-3333-4444-555555555555");
    static final String XML = """
            <instrumentationManifest xmlns="http://schemas.microsoft.com/win/2004/08/events">
             <instrumentation><events>
              <provider name="Test-Versions" guid="{11111111-2222-3333-4444-555555555555}" symbol="T">
               <events>
                <event value="7" version="0" symbol="E0" template="T0"/>
                <event value="7" version="2" symbol="E2" template="T2"/>
               </events>
               <templates>
                <template tid="T0"><data name="A" inType="win:UInt32"/></template>
                <template tid="T2"><data name="A" inType="win:UInt32"/><data name="B" inType="win:UInt16"/></template>
               </templates>
              </provider>
             </events></instrumentation>
            </instrumentationManifest>
            """;

    static EventRecord record(int id, int version, byte[] payload) {
        return EventRecord.builder().headerKind(HeaderKind.EVENT).providerId(P)
                .descriptor(new EventDescriptor(id, version, 0, 4, 0, 0, 0)).flags(EventRecord.FLAG_64_BIT_HEADER)
                .timestamp(Instant.EPOCH).payload(payload).build();
    }

    static ManifestSchemas manifests() {
        return ManifestSchemas.create().load(XML.getBytes(StandardCharsets.UTF_8), "versions.man");
    }

    @Test
    void aLaterVersionDecodesWithTheNewestEarlierOneAndSaysSo() {
        EventDecoder decoder = EventDecoder.builder().add(manifests()).build();
        byte[] v5 = new LeBytes().u32(9).u16(3).u32(0xAABBCCDDL).bytes();

        DecodedEvent d = decoder.decode(record(7, 5, v5));

        assertThat(d.isDecoded()).isTrue();
        assertThat(d.fields()).containsExactly(Map.entry("A", 9L), Map.entry("B", 3L));
        assertThat(d.schemaVersion()).isEqualTo(2);
        assertThat(d.isEarlierVersionSchema()).isTrue();
        assertThat(d.errors()).isEmpty();
        assertThat(d.trailingBytes()).isEqualTo(4);
        assertThat(d.trailing()).containsExactly(0xDD, 0xCC, 0xBB, 0xAA);
        assertThat(d.eventName()).contains("E2");

        DecodedEvent v1 = decoder.decode(record(7, 1, new LeBytes().u32(1).u16(2).bytes()));
        assertThat(v1.schemaVersion()).as("between 0 and 2: the newest below 1 is 0").isZero();
        assertThat(v1.fields()).containsExactly(Map.entry("A", 1L));
        assertThat(v1.trailingBytes()).isEqualTo(2);

        DecodedEvent exact = decoder.decode(record(7, 2, new LeBytes().u32(1).u16(2).bytes()));
        assertThat(exact.schemaVersion()).isEqualTo(2);
        assertThat(exact.isEarlierVersionSchema()).isFalse();
        assertThat(exact.trailingBytes()).isZero();
    }

    @Test
    void callersThatMustNotGuessTurnItOff() {
        EventDecoder exact = EventDecoder.builder().add(manifests()).laterVersions(false).build();
        assertThat(exact.decodesLaterVersions()).isFalse();
        assertThat(exact.decode(record(7, 5, new byte[10])).isDecoded()).isFalse();
        assertThat(exact.decode(record(7, 2, new byte[6])).schemaVersion()).isEqualTo(2);
    }

    @Test
    void noEarlierVersionAndOtherEventsStayUndecoded() {
        EventDecoder decoder = EventDecoder.builder().add(manifests()).build();
        assertThat(decoder.decode(record(8, 3, new byte[4])).isDecoded()).isFalse();
        assertThat(decoder.decode(record(7, 0, new byte[4])).schemaVersion()).isZero();
        assertThat(manifests().schema(new SchemaKey(P, 7, 5))).as("the exact lookup never guesses").isEmpty();
    }

    @Test
    void anExactSchemaOfALaterSourceWinsOverAnEarlierVersionOfAnEarlierSource() {
        EventSchema v5 = EventSchema.of(P, "Other", "Exact5", List.of(PropertySchema.of("X", InType.UINT64)),
                SchemaOrigin.TDH);
        SchemaSource exactly = new SchemaSource() {
            @Override
            public SchemaOrigin origin() {
                return SchemaOrigin.TDH;
            }

            @Override
            public java.util.Optional<EventSchema> schemaFor(EventRecord r) {
                return r.descriptor().version() == 5 ? java.util.Optional.of(v5) : java.util.Optional.empty();
            }
        };
        EventDecoder decoder = EventDecoder.builder().add(manifests()).add(exactly).build();
        DecodedEvent d = decoder.decode(record(7, 5, new byte[8]));
        assertThat(d.eventName()).contains("Exact5");
        assertThat(d.schemaVersion()).isEqualTo(5);
    }

    /**
     * The convention the fallback relies on, checked where it can be: in the .NET runtime's manifest, an event
     * declared in several versions has each earlier version's fields as the start of the next version's (same names
     * and in-types, in order), with the 8 exceptions named below. Printed: the pairs checked and those that break it.
     */
    @Test
    void clrManifestVersionsAddFieldsOnlyAtTheEnd() throws Exception {
        ManifestSchemas clr = ManifestSchemas.create(ManifestBaselineTest.clrManifest().getParent()
                .resolve("ClrEtwAll-dotnet-runtime.man"));
        Map<String, TreeMap<Integer, EventSchema>> byEvent = new TreeMap<>();
        for (UUID provider : clr.providers().keySet()) {
            for (int id = 0; id < 1024; id++) {
                for (int v = 0; v < 16; v++) {
                    int version = v;
                    clr.schema(new SchemaKey(provider, id, v)).ifPresent(s -> byEvent.computeIfAbsent(
                            s.providerId() + "/" + s.eventName().orElse("?").replaceAll("_V\\d+$", ""),
                            k -> new TreeMap<>()).put(version, s));
                }
            }
        }
        int checked = 0;
        List<String> broken = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Integer, EventSchema>> e : byEvent.entrySet()) {
            Map.Entry<Integer, EventSchema> previous = null;
            for (Map.Entry<Integer, EventSchema> s : e.getValue().entrySet()) {
                if (previous != null) {
                    checked++;
                    if (!isPrefix(previous.getValue().properties(), s.getValue().properties())) {
                        broken.add(e.getKey() + " v" + previous.getKey() + "->v" + s.getKey());
                    }
                }
                previous = s;
            }
        }
        System.out.println("ClrEtwAll-dotnet-runtime.man: " + checked + " later versions checked, not appending: "
                + broken);
        assertThat(checked).isGreaterThan(50);
        // What the check found: the breaks are 7 events from their version 0 (the runtime's first, MOF-era layouts)
        // and GCPerHeapHistory v1->v2 (private provider: a different layout); every other later version only adds
        // fields at the end. So the fallback is a guess that can be wrong: marked, and off on request.
        String runtime = "e13c0d23-ccbc-4e12-931b-d9cc2eee27e4/";
        String rundown = "a669021c-c450-4609-a035-5af59af4df18/";
        assertThat(broken).as("later versions that do not only add fields at the end").containsExactlyInAnyOrder(
                "763fd754-7086-4dfe-95eb-c01a46faf4ca/GCPerHeapHistory v1->v2",
                rundown + "AssemblyDCEnd v0->v1", rundown + "AssemblyDCStart v0->v1",
                runtime + "AssemblyLoad v0->v1", runtime + "AssemblyUnload v0->v1", runtime + "GCEnd v0->v1",
                runtime + "GCStart v0->v1", runtime + "GCSuspendEEBegin v0->v1");
    }

    static boolean isPrefix(List<PropertySchema> a, List<PropertySchema> b) {
        if (a.size() > b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).name().equals(b.get(i).name()) || a.get(i).inType() != b.get(i).inType()) {
                return false;
            }
        }
        return true;
    }
}
