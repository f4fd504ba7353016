package io.etw4j.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.decode.internal.eventinfo.TeiBlob;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The stateful source over MetaData records built from KernelTraceControl.h and tdh.h layouts. */
class EmbeddedEventInfoSchemasTest {
    static EventRecord metaData(int opcode, byte[] payload) {
        return EventRecord.builder().headerKind(HeaderKind.CLASSIC)
                .providerId(EmbeddedEventInfoSchemas.EVENT_METADATA_GUID)
                .descriptor(new EventDescriptor(0, 0, 0, 0, opcode, 0, 0)).flags(EventRecord.FLAG_CLASSIC_HEADER)
                .timestamp(Instant.EPOCH).payload(payload).build();
    }

    static byte[] mapRecord(UUID provider, byte[] mapInfo) {
        ByteBuffer b = ByteBuffer.allocate(16 + mapInfo.length).order(ByteOrder.LITTLE_ENDIAN);
        long msb = provider.getMostSignificantBits();
        b.putInt((int) (msb >>> 32)).putShort((short) (msb >>> 16)).putShort((short) msb);
        b.order(ByteOrder.BIG_ENDIAN).putLong(provider.getLeastSignificantBits());
        b.put(mapInfo);
        return b.array();
    }

    static EventRecord event(UUID provider, int id, int version, byte[] payload) {
        return EventRecord.builder().headerKind(HeaderKind.EVENT).providerId(provider)
                .descriptor(new EventDescriptor(id, version, 0, 4, 0, 3, 0)).flags(EventRecord.FLAG_64_BIT_HEADER)
                .timestamp(Instant.EPOCH).payload(payload).build();
    }

    @Test
    void learnsEventsAndMapsInStreamOrder() {
        TeiBlob t = new TeiBlob();
        t.prop(0, "Kind", 8, 8, "KindMap", 1, 4);
        EmbeddedEventInfoSchemas src = EmbeddedEventInfoSchemas.create();
        EventDecoder decoder = EventDecoder.builder().add(src).build();
        EventRecord e = event(t.provider, 7, 1, new byte[] {2, 0, 0, 0});

        assertThat(decoder.decode(e).isDecoded()).isFalse(); // nothing learned yet
        decoder.decode(metaData(0x20, t.bytes()));
        DecodedEvent d = decoder.decode(e);
        assertThat(d.isDecoded()).isTrue();
        assertThat(d.schema().orElseThrow().origin()).isEqualTo(SchemaOrigin.EVENT_INFO);
        assertThat(d.fields()).containsEntry("Kind", 2L); // map not seen yet
        assertThat(decoder.decode(event(t.provider, 7, 2, new byte[4])).isDecoded()).isFalse(); // other version

        decoder.decode(metaData(0x21, mapRecord(t.provider, TeiBlob.map("KindMap", 1, List.of(2L), List.of("Two")))));
        assertThat(decoder.decode(e).fields().get("Kind")).isEqualTo(new MappedValue(2, List.of("Two")));
        // a map of the same name for another provider does not apply
        assertThat(src.providerNames()).containsEntry(t.provider, "Test-Provider");
        assertThat(src.describedEvents()).isEqualTo(1);
    }

    @Test
    void classicEventsByClassGuidOpcodeVersion() {
        TeiBlob t = new TeiBlob();
        t.decodingSource = 1;
        t.eventGuid = UUID.fromString("3d6fa8d0-fe05-11d0-9dda-00c04fd7ba7c");
        t.opcode = 33;
        t.version = 2;
        t.prop(0, "X", 8, 0, null, 1, 4);
        EmbeddedEventInfoSchemas src = EmbeddedEventInfoSchemas.create();
        src.observe(metaData(0x20, t.bytes()));
        EventRecord classic = EventRecord.builder().headerKind(HeaderKind.CLASSIC).providerId(t.eventGuid)
                .descriptor(new EventDescriptor(0, 2, 0, 0, 33, 0, 0)).flags(EventRecord.FLAG_CLASSIC_HEADER)
                .timestamp(Instant.EPOCH).payload(new byte[] {5, 0, 0, 0}).build();
        assertThat(src.schemaFor(classic)).isPresent();
        assertThat(src.schemaFor(classic.toBuilder().descriptor(new EventDescriptor(0, 2, 0, 0, 34, 0, 0)).build()))
                .isEmpty();
    }

    @Test
    void badMetaDataIsSkipped() {
        EmbeddedEventInfoSchemas src = EmbeddedEventInfoSchemas.create();
        src.observe(metaData(0x20, new byte[50]));
        src.observe(metaData(0x21, new byte[7]));
        src.observe(metaData(0x21, new byte[20]));
        assertThat(src.describedEvents()).isZero();
    }
}
