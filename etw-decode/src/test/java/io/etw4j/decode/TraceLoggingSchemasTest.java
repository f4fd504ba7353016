package io.etw4j.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.EventRecordBuilder;
import io.etw4j.core.ExtendedDataItem;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.testing.LeBytes;
import io.etw4j.decode.internal.tracelogging.TlMeta;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The TraceLogging schema source end to end: metadata and payload built byte by byte from the format, decoded through
 * {@link EventDecoder}; the cache keyed by metadata bytes.
 */
class TraceLoggingSchemasTest {
    static final UUID PROVIDER = UUID.fromString("8e805eb3-6a8f-4a1e-90fa-a831d94e54a1");
    /** PROV_TRAITS of AMSITrace.etl: size 12, "AmsiTrace\0" (copied from the file). */
    static final byte[] AMSI_TRAITS = HexFormat.of().parseHex("0c00416d7369547261636500");

    static EventRecord record(byte[] meta, byte[] traits, byte[] payload) {
        EventRecordBuilder b = EventRecord.builder().headerKind(HeaderKind.EVENT).providerId(PROVIDER)
                .descriptor(EventDescriptor.ofId(0)).flags(EventRecord.FLAG_64_BIT_HEADER | EventRecord.FLAG_EXTENDED_INFO)
                .timestamp(Instant.EPOCH).payload(payload);
        if (traits != null) {
            b.addExtendedData(new ExtendedDataItem(ExtendedDataItem.PROV_TRAITS, traits));
        }
        if (meta != null) {
            b.addExtendedData(new ExtendedDataItem(ExtendedDataItem.EVENT_SCHEMA_TL, meta));
        }
        return b.build();
    }

    static LeBytes b() {
        return PayloadDecoderTest.b();
    }

    @Test
    void everyInTypeDecodesFromItsTraceLoggingLayout() {
        byte[] meta = TlMeta.event("AllTypes")
                .field("s", 1).field("a", 2).field("i8", 3).field("u8", 4).field("i16", 5).field("u16", 6)
                .field("i32", 7).field("u32", 8).field("i64", 9).field("u64", 10).field("f", 11).field("d", 12)
                .field("b", 13).field("bin", 14).field("g", 15).field("ft", 17).field("st", 18).field("sid", 19)
                .field("h32", 20).field("h64", 21).field("cs", 22).field("ca", 23).field("cb", 25)
                .field("ip", 8, 8).field("port", 6, 7).field("flag", 4, 3).field("utf8", 23, 35).bytes();
        byte[] payload = b().utf16z("x").ansiz("y").le(-1, 1).le(200, 1).le(-2, 2).le(60000, 2).le(-3, 4)
                .le(4_000_000_000L, 4).le(-4, 8).le(5, 8).le(Float.floatToIntBits(0.5f), 4)
                .le(Double.doubleToLongBits(-1.25), 8).le(1, 4)
                .le(2, 2).raw(0xAB, 0xCD)                                          // TlgInBINARY: UINT16 count
                .raw(HexFormat.of().parseHex("33221100554477668899aabbccddeeff"))  // GUID, Windows byte order
                .le(116_444_736_000_000_000L, 8)                                   // FILETIME of 1970-01-01
                .le(2024, 2).le(5, 2).le(3, 2).le(1, 2).le(10, 2).le(0, 2).le(0, 2).le(0, 2) // SYSTEMTIME
                .raw(1, 1, 0, 0, 0, 0, 0, 5).le(18, 4)                             // SID S-1-5-18
                .le(0xDEAD, 4).le(0xBEEFL, 8)
                .le(4, 2).raw("hi".getBytes(StandardCharsets.UTF_16LE))            // counted: UINT16 byte count
                .le(2, 2).raw('o', 'k')
                .le(1, 2).raw(0x7F)
                .raw(10, 0, 0, 1)                                                  // IPv4 in network order
                .raw(0x1F, 0x90)                                                   // port 8080, big-endian
                .le(1, 1)
                .le(2, 2).raw(0xC3, 0xA9).bytes();                                 // "é" in UTF-8
        DecodedEvent e = EventDecoder.builder().add(TraceLoggingSchemas.create()).build()
                .decode(record(meta, AMSI_TRAITS, payload));

        assertThat(e.errors()).isEmpty();
        assertThat(e.schema().orElseThrow().origin()).isEqualTo(SchemaOrigin.TRACELOGGING);
        assertThat(e.providerName()).contains("AmsiTrace");
        assertThat(e.eventName()).contains("AllTypes");
        Map<String, Object> f = e.fields();
        assertThat(f).containsEntry("s", "x").containsEntry("a", "y").containsEntry("i8", -1L)
                .containsEntry("u8", 200L).containsEntry("i16", -2L).containsEntry("u16", 60000L)
                .containsEntry("i32", -3L).containsEntry("u32", 4_000_000_000L).containsEntry("i64", -4L)
                .containsEntry("u64", 5L).containsEntry("f", 0.5f).containsEntry("d", -1.25)
                .containsEntry("b", true)
                .containsEntry("g", UUID.fromString("00112233-4455-6677-8899-aabbccddeeff"))
                .containsEntry("ft", Instant.EPOCH).containsEntry("st", Instant.parse("2024-05-01T10:00:00Z"))
                .containsEntry("h32", 0xDEADL).containsEntry("h64", 0xBEEFL).containsEntry("cs", "hi")
                .containsEntry("ca", "ok").containsEntry("port", 8080L).containsEntry("flag", 1L) // UINT8 + BOOLEAN: the integer, with the hint
                .containsEntry("utf8", "é");
        assertThat((byte[]) f.get("bin")).containsExactly(0xAB, 0xCD);
        assertThat((byte[]) f.get("cb")).containsExactly(0x7F);
        assertThat(f.get("sid").toString()).isEqualTo("S-1-5-18");
        assertThat(f.get("ip")).isInstanceOf(InetAddress.class);
        assertThat(((InetAddress) f.get("ip")).getHostAddress()).isEqualTo("10.0.0.1");
        assertThat(f).hasSize(27);
        assertThat(e.schema().orElseThrow().properties()).filteredOn(p -> p.name().equals("flag"))
                .singleElement().satisfies(p -> assertThat(p.outType()).isEqualTo(OutType.BOOLEAN));
    }

    @Test
    void arraysAndNestedStructsDecode() {
        byte[] meta = TlMeta.event("Arrays")
                .field("fixed", 8 | 0x20).u16(2)
                .field("var", 6 | 0x40)
                .field("chars", 6 | 0x40, 2)                      // TraceLoggingWCharArray
                .field("pt", 24, 2).field("x", 7).field("y", 7)  // struct {x, y}
                .field("pts", 24 | 0x40, 1).field("n", 4)        // variable-count array of struct {n}
                .field("strs", 1 | 0x20).u16(2)                   // constant-count array of strings
                .bytes();
        byte[] payload = b().le(1, 4).le(2, 4)
                .le(3, 2).le(7, 2).le(8, 2).le(9, 2)
                .le(5, 2).raw("hello".getBytes(StandardCharsets.UTF_16LE))
                .le(-1, 4).le(1, 4)
                .le(2, 2).le(10, 1).le(11, 1)
                .utf16z("p").utf16z("q").bytes();
        DecodedEvent e = EventDecoder.builder().add(TraceLoggingSchemas.create()).build()
                .decode(record(meta, null, payload));

        assertThat(e.errors()).isEmpty();
        assertThat(e.providerName()).as("no PROV_TRAITS, no name").isEmpty();
        assertThat(e.fields()).containsExactly(Map.entry("fixed", List.of(1L, 2L)),
                Map.entry("var", List.of(7L, 8L, 9L)), Map.entry("chars", "hello"),
                Map.entry("pt", Map.of("x", -1L, "y", 1L)),
                Map.entry("pts", List.of(Map.of("n", 10L), Map.of("n", 11L))),
                Map.entry("strs", List.of("p", "q")));
    }

    @Test
    void aRecordWithoutTraceLoggingMetadataOrWithMalformedMetadataHasNoSchema() {
        TraceLoggingSchemas s = TraceLoggingSchemas.create();
        assertThat(s.schemaFor(record(null, AMSI_TRAITS, new byte[0]))).isEmpty();
        assertThat(s.schemaFor(record(new byte[] {9, 0, 0}, AMSI_TRAITS, new byte[0]))).isEmpty();
        assertThat(s.origin()).isEqualTo(SchemaOrigin.TRACELOGGING);
        DecodedEvent undecoded = EventDecoder.builder().add(s).build()
                .decode(record(TlMeta.event("E").field("s", 24, 0).bytes(), null, new byte[4]));
        assertThat(undecoded.isDecoded()).isFalse();
    }

    @Test
    void schemasAreCachedByMetadataBytesNotByEventId() {
        TraceLoggingSchemas s = TraceLoggingSchemas.create();
        byte[] m1 = TlMeta.event("One").field("a", 8).bytes();
        byte[] m2 = TlMeta.event("Two").field("a", 4).bytes();

        Optional<EventSchema> first = s.schemaFor(record(m1, AMSI_TRAITS, new byte[4]));
        Optional<EventSchema> second = s.schemaFor(record(m2, AMSI_TRAITS, new byte[1]));
        Optional<EventSchema> again = s.schemaFor(record(m1.clone(), AMSI_TRAITS.clone(), new byte[4]));

        // both records have event id 0: an id-keyed cache would give "One" for both
        assertThat(first.orElseThrow().eventName()).contains("One");
        assertThat(second.orElseThrow().eventName()).contains("Two");
        assertThat(again.orElseThrow()).isSameAs(first.orElseThrow());
        assertThat(s.cachedCount()).isEqualTo(2);
    }

    @Test
    void theCacheIsBoundedAndDropsTheLeastRecentlyUsed() {
        TraceLoggingSchemas s = TraceLoggingSchemas.create(2);
        EventRecord a = record(TlMeta.event("A").bytes(), null, new byte[0]);
        EventRecord b = record(TlMeta.event("B").bytes(), null, new byte[0]);
        EventRecord c = record(TlMeta.event("C").bytes(), null, new byte[0]);

        EventSchema sa = s.schemaFor(a).orElseThrow();
        EventSchema sb = s.schemaFor(b).orElseThrow();
        assertThat(s.schemaFor(a).orElseThrow()).isSameAs(sa); // A is now the most recently used
        s.schemaFor(c);                                          // evicts B

        assertThat(s.cachedCount()).isEqualTo(2);
        assertThat(s.schemaFor(a).orElseThrow()).isSameAs(sa);
        assertThat(s.schemaFor(b).orElseThrow()).isNotSameAs(sb).isEqualTo(sb);
        assertThat(s.capacity()).isEqualTo(2);
        assertThat(TraceLoggingSchemas.create().capacity()).isEqualTo(TraceLoggingSchemas.DEFAULT_CAPACITY);
    }
}
