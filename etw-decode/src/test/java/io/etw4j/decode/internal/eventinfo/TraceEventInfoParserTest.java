package io.etw4j.decode.internal.eventinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.testing.LeBytes;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventSchema;
import io.etw4j.decode.MappedValue;
import io.etw4j.decode.PropertyCount;
import io.etw4j.decode.PropertySize;
import io.etw4j.decode.SchemaOrigin;
import io.etw4j.decode.ValueMap;
import io.etw4j.decode.internal.PayloadDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * TRACE_EVENT_INFO blobs built byte by byte from tdh.h ({@link TeiBlob}) through {@link TraceEventInfoParser}, then a
 * payload through the schema. In-type codes (tdh.h _TDH_IN_TYPE): 1 UNICODESTRING, 2 ANSISTRING, 4 UINT8, 6 UINT16,
 * 8 UINT32, 14 BINARY, 15 GUID, 21 HEXINT64, 300 COUNTEDSTRING. PROPERTY_FLAGS: 1 Struct, 2 ParamLength, 4 ParamCount,
 * 0x10 ParamFixedLength, 0x20 ParamFixedCount.
 */
class TraceEventInfoParserTest {
    static final Map<String, ValueMap> MAPS = Map.of(
            "KindMap", new ValueMap("KindMap", false, Map.of(1L, "One", 2L, "Two")),
            "BitsMap", new ValueMap("BitsMap", true, Map.of(1L, "Read", 2L, "Write", 4L, "Delete")));

    static ParsedEventInfo parse(byte[] blob) {
        return TraceEventInfoParser.parse(blob, 0, blob.length, SchemaOrigin.EVENT_INFO,
                n -> Optional.ofNullable(MAPS.get(n))).orElseThrow();
    }

    static DecodedEvent decode(EventSchema schema, byte[] payload) {
        EventRecord r = EventRecord.builder().headerKind(HeaderKind.EVENT).providerId(schema.providerId())
                .descriptor(new EventDescriptor(7, 1, 0, 4, 0, 3, 0)).flags(EventRecord.FLAG_64_BIT_HEADER)
                .timestamp(Instant.EPOCH).payload(payload).build();
        return PayloadDecoder.decode(r, schema);
    }

    @Test
    void namesStringsNumbersAndMaps() {
        TeiBlob t = new TeiBlob();
        t.keywords = List.of("Kw1", "Kw2");
        t.prop(0, "Name", 1, 1, null, 1, 0)
                .prop(0, "Ansi", 2, 1, null, 1, 0)
                .prop(0, "Kind", 8, 8, "KindMap", 1, 4)
                .prop(0, "Bits", 8, 8, "BitsMap", 1, 4)
                .prop(0x10, "Fixed3", 1, 1, null, 1, 3)
                .prop(0, "Counted", 300, 1, null, 1, 0)
                .prop(0, "G", 15, 14, null, 1, 16)
                .prop(0, "H", 21, 19, null, 1, 8)
                .prop(0, "Unmapped", 8, 8, "NoSuchMap", 1, 4);
        ParsedEventInfo info = parse(t.bytes());
        EventSchema s = info.schema();
        assertThat(info.id()).isEqualTo(7);
        assertThat(info.version()).isEqualTo(1);
        assertThat(info.decodingSource()).isZero();
        assertThat(s.providerId()).isEqualTo(t.provider);
        assertThat(s.providerName()).contains("Test-Provider");
        assertThat(s.eventName()).contains("TheEvent");
        assertThat(s.taskName()).contains("Task");
        assertThat(s.opcodeName()).contains("Info");
        assertThat(s.levelName()).contains("Information"); // trailing blank stripped
        assertThat(s.keywordNames()).containsExactly("Kw1", "Kw2");
        assertThat(s.origin()).isEqualTo(SchemaOrigin.EVENT_INFO);
        assertThat(s.properties().get(4).size()).isEqualTo(new PropertySize.Fixed(3));
        assertThat(s.properties().get(2).size()).isEqualTo(PropertySize.natural()); // UINT32 keeps its own size

        UUID g = UUID.fromString("01020304-0506-0708-090a-0b0c0d0e0f10");
        byte[] payload = LeBytes.le().utf16("héllo\0").raw("abc\0".getBytes(StandardCharsets.ISO_8859_1))
                .le(2, 4).le(5, 4).utf16("xyz").le(6, 2).utf16("cnt").raw(new byte[] {4, 3, 2, 1, 6, 5, 8, 7, 9,
                    10, 11, 12, 13, 14, 15, 16})
                .le(0xDEADBEEFL, 8).le(9, 4).bytes();
        DecodedEvent d = decode(s, payload);
        assertThat(d.errors()).isEmpty();
        assertThat(d.fields()).containsEntry("Name", "héllo").containsEntry("Ansi", "abc")
                .containsEntry("Fixed3", "xyz").containsEntry("Counted", "cnt").containsEntry("G", g)
                .containsEntry("H", 0xDEADBEEFL).containsEntry("Unmapped", 9L);
        assertThat(d.fields().get("Kind")).isEqualTo(new MappedValue(2, List.of("Two")));
        assertThat(d.fields().get("Bits")).isEqualTo(new MappedValue(5, List.of("Read", "Delete")));
    }

    @Test
    void structArrayCountedByIndexAndBinaryLengthByIndex() {
        TeiBlob t = new TeiBlob();
        t.topLevel = 5;
        t.prop(0, "N", 6, 6, null, 1, 2)                 // 0
                .prop(0x1 | 0x4, "Items", 5, 2, null, 0, 0) // 1: struct of entries 5..6, count = property 0
                .prop(0, "Len", 8, 8, null, 1, 4)          // 2
                .prop(0x2, "Blob", 14, 15, null, 1, 2)     // 3: binary, length = property 2
                .prop(0x20, "Fixed", 6, 6, null, 3, 2)     // 4: fixed array of 3 (ParamFixedCount)
                .prop(0, "A", 4, 4, null, 1, 1)            // 5: member
                .prop(0, "S", 1, 1, null, 1, 0);           // 6: member
        EventSchema s = parse(t.bytes()).schema();
        assertThat(s.properties()).hasSize(5);
        assertThat(s.properties().get(1).count()).isEqualTo(new PropertyCount.FromProperty("N"));
        assertThat(s.properties().get(1).members()).extracting(p -> p.name()).containsExactly("A", "S");
        assertThat(s.properties().get(3).size()).isEqualTo(new PropertySize.FromProperty("Len"));
        assertThat(s.properties().get(4).count()).isEqualTo(new PropertyCount.Fixed(3));

        byte[] payload = LeBytes.le().le(2, 2).le(1, 1).utf16("a\0").le(2, 1).utf16("bb\0").le(3, 4)
                .raw(new byte[] {9, 8, 7}).le(10, 2).le(11, 2).le(12, 2).bytes();
        DecodedEvent d = decode(s, payload);
        assertThat(d.errors()).isEmpty();
        assertThat(d.fields().get("Items")).isEqualTo(List.of(Map.of("A", 1L, "S", "a"), Map.of("A", 2L, "S", "bb")));
        assertThat((byte[]) d.fields().get("Blob")).containsExactly(9, 8, 7);
        assertThat(d.fields().get("Fixed")).isEqualTo(List.of(10L, 11L, 12L));
    }

    @Test
    void classicEventIsIdentifiedByClassGuidOpcodeAndVersion() {
        TeiBlob t = new TeiBlob();
        t.decodingSource = 1; // DecodingSourceWbem
        t.eventGuid = UUID.fromString("3d6fa8d0-fe05-11d0-9dda-00c04fd7ba7c");
        t.opcode = 33;
        t.version = 2;
        t.prop(0, "X", 8, 0, null, 1, 4);
        ParsedEventInfo info = parse(t.bytes());
        assertThat(info.isClassic()).isTrue();
        assertThat(info.schema().providerId()).isEqualTo(t.eventGuid);
        assertThat(EventIdentity.of(info)).isEqualTo(new EventIdentity(t.eventGuid, 33, 2, true));
        t.decodingSource = 3; // TraceLogging: not keyed
        assertThat(EventIdentity.of(parse(t.bytes()))).isNull();
    }

    @Test
    void badDescriptionsBecomeFieldErrorsNotExceptions() {
        TeiBlob t = new TeiBlob();
        t.topLevel = 4;
        t.prop(0, "Ok", 8, 8, null, 1, 4)                 // 0
                .prop(0x4, "BadCount", 8, 8, null, 999, 4) // 1: count index out of range
                .prop(0x1, "Cycle", 2, 1, null, 1, 0)      // 2: struct whose member is itself
                .prop(0, "Unknown", 999, 0, null, 1, 0);   // 3: unknown in-type
        EventSchema s = parse(t.bytes()).schema();
        DecodedEvent d = decode(s, LeBytes.le().le(42, 4).le(1, 4).le(1, 4).bytes());
        assertThat(d.fields()).containsEntry("Ok", 42L);
        assertThat(d.errors()).isNotEmpty();
        assertThat(d.errors().get(0).field()).isEqualTo("BadCount");
    }

    @Test
    void truncatedOrShortBlobsNeverThrow() {
        TeiBlob t = new TeiBlob();
        t.prop(0, "Name", 1, 1, "KindMap", 1, 0).prop(0x1, "S", 0, 1, null, 1, 0);
        byte[] blob = t.bytes();
        for (int n = 0; n <= blob.length; n++) {
            int len = n;
            assertThatCode(() -> TraceEventInfoParser.parse(blob, 0, len, SchemaOrigin.EVENT_INFO,
                    x -> Optional.empty())).doesNotThrowAnyException();
        }
        assertThat(TraceEventInfoParser.parse(blob, 0, 111, SchemaOrigin.EVENT_INFO, x -> Optional.empty())).isEmpty();
        // the property array does not fit: rejected
        assertThat(TraceEventInfoParser.parse(blob, 0, 112 + 24, SchemaOrigin.EVENT_INFO, x -> Optional.empty()))
                .isEmpty();
        assertThat(TraceEventInfoParser.parse(blob, 5, blob.length, SchemaOrigin.EVENT_INFO, x -> Optional.empty()))
                .isEmpty();
    }

    @Test
    void mapInfoKinds() {
        byte[] value = TeiBlob.map("M", 0x1, List.of(0L, 1L), List.of("static ", "dynamic "));
        ValueMap v = EventMapInfoParser.parse(value, 0, value.length).orElseThrow();
        assertThat(v.name()).isEqualTo("M");
        assertThat(v.bitmap()).isFalse();
        assertThat(v.entries()).containsExactly(Map.entry(0L, "static"), Map.entry(1L, "dynamic"));

        byte[] bits = TeiBlob.map("B", 0x2, List.of(1L, 2L), List.of("R", "W"));
        assertThat(EventMapInfoParser.parse(bits, 0, bits.length).orElseThrow().bitmap()).isTrue();
        byte[] wbemFlag = TeiBlob.map("F", 0x8 | 0x20, List.of(1L), List.of("R"));
        assertThat(EventMapInfoParser.parse(wbemFlag, 0, wbemFlag.length).orElseThrow().bitmap()).isTrue();
        byte[] noMap = TeiBlob.map("N", 0x8 | 0x40, List.of(77L, 88L), List.of("Zero", "One"));
        assertThat(EventMapInfoParser.parse(noMap, 0, noMap.length).orElseThrow().entries())
                .containsExactly(Map.entry(0L, "Zero"), Map.entry(1L, "One"));
        byte[] pattern = TeiBlob.map("P", 0x4, List.of(1L), List.of("x"));
        assertThat(EventMapInfoParser.parse(pattern, 0, pattern.length)).isEmpty();
        for (int n = 0; n <= value.length; n++) {
            int len = n;
            assertThatCode(() -> EventMapInfoParser.parse(value, 0, len)).doesNotThrowAnyException();
        }
        // an EntryCount larger than the entries present: only the entries that fit are read
        byte[] lying = value.clone();
        lying[8] = (byte) 0xFF;
        assertThat(EventMapInfoParser.parse(lying, 0, lying.length)).isPresent();
    }
}
