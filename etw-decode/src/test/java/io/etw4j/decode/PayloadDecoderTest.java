package io.etw4j.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.SecurityIdentifier;
import io.etw4j.core.testing.LeBytes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The schema-driven payload walk: every in-type, lengths and counts by reference, structs, maps, errors. */
class PayloadDecoderTest {
    static final UUID PROVIDER = UUID.fromString("11111111-2222-3333-4444-555555555555");

    static EventRecord record(byte[] payload, boolean is64) {
        return EventRecord.builder().headerKind(HeaderKind.EVENT).providerId(PROVIDER)
                .descriptor(new EventDescriptor(7, 0, 0, 4, 0, 0, 0))
                .flags(is64 ? EventRecord.FLAG_64_BIT_HEADER : EventRecord.FLAG_32_BIT_HEADER)
                .timestamp(Instant.EPOCH).payload(payload).build();
    }

    static DecodedEvent decode(byte[] payload, boolean is64, PropertySchema... props) {
        EventDecoder d = EventDecoder.builder().add(new SchemaSource() {
            @Override
            public SchemaOrigin origin() {
                return SchemaOrigin.MANIFEST;
            }

            @Override
            public Optional<EventSchema> schemaFor(EventRecord r) {
                return Optional.of(EventSchema.of(PROVIDER, "P", "E", List.of(props), SchemaOrigin.MANIFEST));
            }
        }).build();
        return d.decode(record(payload, is64));
    }

    static LeBytes b() {
        return LeBytes.le();
    }

    @Test
    void integersFloatsBooleansAndStrings() {
        byte[] p = b().le(-2, 1).le(250, 1).le(-3, 2).le(65000, 2).le(-4, 4).le(0xFFFF_FFFEL, 4).le(-5, 8).le(-1, 8)
                .le(Float.floatToIntBits(1.5f), 4).le(Double.doubleToLongBits(2.25), 8).le(1, 4).utf16z("héllo")
                .ansiz("abc").bytes();

        DecodedEvent e = decode(p, true, PropertySchema.of("i8", InType.INT8), PropertySchema.of("u8", InType.UINT8),
                PropertySchema.of("i16", InType.INT16), PropertySchema.of("u16", InType.UINT16),
                PropertySchema.of("i32", InType.INT32), PropertySchema.of("u32", InType.UINT32),
                PropertySchema.of("i64", InType.INT64), PropertySchema.of("u64", InType.UINT64),
                PropertySchema.of("f", InType.FLOAT), PropertySchema.of("d", InType.DOUBLE),
                PropertySchema.of("b", InType.BOOLEAN), PropertySchema.of("s", InType.UNICODESTRING),
                PropertySchema.of("a", InType.ANSISTRING));

        assertThat(e.errors()).isEmpty();
        assertThat(e.fields()).containsExactly(Map.entry("i8", -2L), Map.entry("u8", 250L), Map.entry("i16", -3L),
                Map.entry("u16", 65000L), Map.entry("i32", -4L), Map.entry("u32", 0xFFFF_FFFEL), Map.entry("i64", -5L),
                Map.entry("u64", -1L), Map.entry("f", 1.5f), Map.entry("d", 2.25), Map.entry("b", true),
                Map.entry("s", "héllo"), Map.entry("a", "abc"));
        assertThat(e.eventName()).contains("E");
        assertThat(e.providerName()).contains("P");
    }

    @Test
    void pointersFollowTheRecordsSize() {
        byte[] p64 = b().le(0x1122334455667788L, 8).le(9, 4).bytes();
        byte[] p32 = b().le(0x11223344L, 4).le(9, 4).bytes();
        PropertySchema ptr = PropertySchema.of("p", InType.POINTER);
        PropertySchema size = PropertySchema.of("n", InType.UINT32);

        assertThat(decode(p64, true, ptr, size).fields()).containsExactly(Map.entry("p", 0x1122334455667788L),
                Map.entry("n", 9L));
        assertThat(decode(p32, false, ptr, size).fields()).containsExactly(Map.entry("p", 0x11223344L),
                Map.entry("n", 9L));
    }

    @Test
    void guidTimesSidAndAddresses() {
        UUID g = UUID.fromString("0063715b-eeda-4007-9429-ad526f62696e");
        ByteBuffer gb = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        gb.putInt((int) (g.getMostSignificantBits() >>> 32)).putShort((short) (g.getMostSignificantBits() >>> 16))
                .putShort((short) g.getMostSignificantBits()).order(ByteOrder.BIG_ENDIAN)
                .putLong(g.getLeastSignificantBits());
        Instant t = Instant.parse("2024-05-01T10:00:00.1234567Z");
        long ft = t.getEpochSecond() * 10_000_000L + t.getNano() / 100 + 116_444_736_000_000_000L;
        byte[] sid = {1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0};
        byte[] p = b().raw(gb.array()).le(ft, 8).le(2024, 2).le(5, 2).le(3, 2).le(1, 2).le(10, 2).le(0, 2).le(1, 2)
                .le(250, 2).raw(sid).raw(10, 0, 0, 1).le(0x5000, 2)
                .raw(2, 0, 0x1F, 0x90, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0).bytes();

        DecodedEvent e = decode(p, true, PropertySchema.of("g", InType.GUID), PropertySchema.of("ft", InType.FILETIME),
                PropertySchema.of("st", InType.SYSTEMTIME), PropertySchema.of("sid", InType.SID),
                PropertySchema.of("ip", InType.UINT32).withOutType(OutType.IPV4),
                PropertySchema.of("port", InType.UINT16).withOutType(OutType.PORT),
                PropertySchema.of("sa", InType.BINARY).withOutType(OutType.SOCKETADDRESS)
                        .withSize(new PropertySize.Fixed(16)));

        assertThat(e.errors()).isEmpty();
        assertThat(e.fields().get("g")).isEqualTo(g);
        assertThat(e.fields().get("ft")).isEqualTo(t);
        assertThat(e.fields().get("st")).isEqualTo(Instant.parse("2024-05-01T10:00:01.250Z"));
        assertThat(e.fields().get("sid")).isEqualTo(SecurityIdentifier.of(sid));
        assertThat(e.fields().get("ip")).isInstanceOf(InetAddress.class).hasToString("/10.0.0.1");
        assertThat(e.fields().get("port")).isEqualTo(80L);
        assertThat(e.fields().get("sa")).isInstanceOfSatisfying(InetSocketAddress.class, a -> {
            assertThat(a.getPort()).isEqualTo(8080);
            assertThat(a.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        });
    }

    @Test
    void fileTimesAtTheEpochAndTheTopOfTheRangeAndANegativeOne() {
        byte[] p = b().le(0, 8).le(1, 8).le(Long.MAX_VALUE, 8).bytes();
        DecodedEvent e = decode(p, true, PropertySchema.of("zero", InType.FILETIME),
                PropertySchema.of("tick", InType.FILETIME), PropertySchema.of("max", InType.FILETIME));

        assertThat(e.errors()).isEmpty();
        assertThat(e.fields().get("zero")).isEqualTo(Instant.parse("1601-01-01T00:00:00Z"));
        assertThat(e.fields().get("tick")).isEqualTo(Instant.parse("1601-01-01T00:00:00.0000001Z"));
        assertThat(e.fields().get("max")).isEqualTo(Instant.parse("+30828-09-14T02:48:05.4775807Z"));

        DecodedEvent negative = decode(b().le(-1L, 8).bytes(), true, PropertySchema.of("neg", InType.FILETIME));
        assertThat(negative.errors()).isNotEmpty();
        assertThat(negative.fields()).doesNotContainKey("neg");
    }

    @Test
    void lengthsAndCountsByReferenceArraysStructsAndMaps() {
        ValueMap states = new ValueMap("States", false, Map.of(1L, "Running", 2L, "Stopped"));
        ValueMap flags = new ValueMap("Flags", true, Map.of(1L, "Read", 2L, "Write", 4L, "Exec"));
        byte[] p = b().le(3, 2).raw('a', 0, 'b', 0, 'c', 0).le(2, 4)
                .le(10, 4).utf16z("x").le(20, 4).utf16z("yy").le(2, 4).le(5, 4).le(4, 1).raw(new byte[] {9, 8, 7, 6})
                .bytes();

        DecodedEvent e = decode(p, true,
                PropertySchema.of("len", InType.UINT16),
                PropertySchema.of("name", InType.UNICODESTRING).withSize(new PropertySize.FromProperty("len")),
                PropertySchema.of("n", InType.UINT32),
                PropertySchema.struct("items", List.of(PropertySchema.of("id", InType.UINT32),
                        PropertySchema.of("label", InType.UNICODESTRING)))
                        .withCount(new PropertyCount.FromProperty("n")),
                PropertySchema.of("state", InType.UINT32).withMap(states),
                PropertySchema.of("access", InType.UINT32).withMap(flags),
                PropertySchema.of("blobLen", InType.UINT8),
                PropertySchema.of("blob", InType.BINARY).withSize(new PropertySize.FromProperty("blobLen")));

        assertThat(e.errors()).isEmpty();
        assertThat(e.fields().get("name")).isEqualTo("abc");
        assertThat(e.fields().get("items")).isEqualTo(List.of(Map.of("id", 10L, "label", "x"),
                Map.of("id", 20L, "label", "yy")));
        assertThat(e.fields().get("state")).isEqualTo(new MappedValue(2, List.of("Stopped")));
        assertThat(e.fields().get("access")).isEqualTo(new MappedValue(5, List.of("Read", "Exec")));
        assertThat(e.fields().get("access")).hasToString("Read, Exec");
        assertThat((byte[]) e.fields().get("blob")).containsExactly(9, 8, 7, 6);
    }

    @Test
    void aBadPropertyOfKnownSizeIsAnErrorAndDecodingGoesOn() {
        byte[] p = b().le(2024, 2).le(13, 2).le(0, 2).le(40, 2).le(0, 2).le(0, 2).le(0, 2).le(0, 2).le(77, 4)
                .bytes();

        DecodedEvent e = decode(p, true, PropertySchema.of("st", InType.SYSTEMTIME),
                PropertySchema.of("after", InType.UINT32));

        assertThat(e.errors()).singleElement().satisfies(x -> {
            assertThat(x.field()).isEqualTo("st");
            assertThat(x.offset()).isZero();
            assertThat(x.reason()).contains("is not a date");
        });
        assertThat(e.fields()).containsExactly(Map.entry("after", 77L));
    }

    @Test
    void aTruncatedPayloadKeepsWhatFitsAndNamesWhatIsLost() {
        byte[] p = b().le(5, 4).le(6, 2).bytes();

        DecodedEvent e = decode(p, true, PropertySchema.of("a", InType.UINT32), PropertySchema.of("b", InType.UINT32),
                PropertySchema.of("c", InType.UINT32));

        assertThat(e.fields()).containsExactly(Map.entry("a", 5L));
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("b", "c");
        assertThat(e.errors().get(0).reason()).isEqualTo("needs 4 byte(s) but 2 remain");
        assertThat(e.errors().get(1).reason()).isEqualTo("not decoded: the layout is lost after b");
    }

    @Test
    void trailingBytesAreReported() {
        DecodedEvent e = decode(b().le(5, 4).le(1, 2).bytes(), true, PropertySchema.of("a", InType.UINT32));

        assertThat(e.fields()).containsExactly(Map.entry("a", 5L));
        assertThat(e.errors()).as("trailing bytes are not a field error").isEmpty();
        assertThat(e.trailingBytes()).isEqualTo(2);
        assertThat(e.trailing()).containsExactly(1, 0);
        assertThat(e.schemaVersion()).isEqualTo(e.record().descriptor().version());
        assertThat(e.isEarlierVersionSchema()).isFalse();
    }

    @Test
    void aHugeCountFromBadDataIsRefusedNotAllocated() {
        DecodedEvent e = decode(b().le(0x7FFF_FFFF, 4).bytes(), true, PropertySchema.of("n", InType.UINT32),
                PropertySchema.of("xs", InType.UINT32).withCount(new PropertyCount.FromProperty("n")));

        assertThat(e.errors()).singleElement().satisfies(x -> assertThat(x.reason())
                .isEqualTo("its count property n is 2147483647"));
    }

    @Test
    void anUnknownRecordIsUndecoded() {
        DecodedEvent e = EventDecoder.builder().build().decode(record(new byte[] {1}, true));

        assertThat(e.isDecoded()).isFalse();
        assertThat(e.fields()).isEmpty();
        assertThat(e.errors()).isEmpty();
    }

    @Test
    void aPrefixedU16CountIsReadFromThePayloadBeforeTheElements() {
        // count 3 (UINT16), then three UINT32; then a UINT8 after the array
        byte[] p = b().le(3, 2).le(10, 4).le(20, 4).le(30, 4).le(7, 1).bytes();
        PropertySchema arr = PropertySchema.of("a", InType.UINT32).withCount(new PropertyCount.PrefixedU16());

        DecodedEvent e = decode(p, true, arr, PropertySchema.of("after", InType.UINT8));

        assertThat(e.errors()).isEmpty();
        assertThat(e.fields()).containsExactly(Map.entry("a", List.of(10L, 20L, 30L)), Map.entry("after", 7L));
    }

    @Test
    void aPrefixedU16CountOfZeroAndAMissingCount() {
        PropertySchema arr = PropertySchema.of("a", InType.UINT32).withCount(new PropertyCount.PrefixedU16());

        assertThat(decode(b().le(0, 2).bytes(), true, arr).fields()).containsExactly(Map.entry("a", List.of()));
        DecodedEvent missing = decode(b().le(1, 1).bytes(), true, arr, PropertySchema.of("x", InType.UINT8));
        assertThat(missing.fields()).isEmpty();
        assertThat(missing.errors()).extracting(FieldError::field).containsExactly("a", "x");
        assertThat(missing.errors().get(0).reason()).contains("UINT16 element count");
    }

    @Test
    void anArrayOfCharactersIsOneString() {
        byte[] p = b().le(3, 2).raw("aéz".getBytes(StandardCharsets.UTF_16LE)).raw('h', 'i').bytes();
        PropertySchema wide = PropertySchema.of("w", InType.UNICODECHAR).withCount(new PropertyCount.PrefixedU16());
        PropertySchema narrow = PropertySchema.of("n", InType.ANSICHAR).withCount(new PropertyCount.Fixed(2));

        DecodedEvent e = decode(p, true, wide, narrow);

        assertThat(e.errors()).isEmpty();
        assertThat(e.fields()).containsExactly(Map.entry("w", "aéz"), Map.entry("n", "hi"));
    }

    @Test
    void nestedFixedCountsFromBadMetadataAreBoundedPerPayload() {
        // 65535 structs of 65535 NUL-terminated strings at the end of an empty payload: every string is read as ""
        // without consuming a byte. Before issue 19 only the element budget stopped the walk (after 2^20 elements);
        // now an array whose element takes 0 bytes keeps its first element and is refused.
        PropertySchema inner = PropertySchema.of("s", InType.UNICODESTRING).withCount(new PropertyCount.Fixed(65535));
        PropertySchema outer = PropertySchema.struct("o", List.of(inner)).withCount(new PropertyCount.Fixed(65535));

        DecodedEvent e = decode(new byte[0], true, outer);

        assertThat(e.errors()).anySatisfy(err -> assertThat(err.reason()).contains("elements of 0 bytes is refused"));
        assertThat((List<?>) e.fields().get("o")).hasSize(1);
    }

    @Test
    void nestedFixedCountsOfRealElementsAreBoundedByTheElementBudget() {
        // 2048 structs of 1024 UINT8 each, over a payload of 2 MiB + 2 KiB: every element takes a byte, so only the
        // element budget (2^20 per payload) stops the walk.
        PropertySchema inner = PropertySchema.of("b", InType.UINT8).withCount(new PropertyCount.Fixed(1024));
        PropertySchema outer = PropertySchema.struct("o", List.of(inner)).withCount(new PropertyCount.Fixed(2048));

        DecodedEvent e = decode(new byte[(2 << 20) + 2048], true, outer);

        assertThat(e.errors()).anySatisfy(err -> assertThat(err.reason()).contains("more than 1048576 array elements"));
    }

    /** A stack walk's shape: an 8-byte time stamp, two 4-byte ids, then pointers to the end of the payload. */
    static PropertySchema[] stack() {
        return new PropertySchema[] {PropertySchema.of("EventTimeStamp", InType.UINT64),
                PropertySchema.of("StackProcess", InType.UINT32), PropertySchema.of("StackThread", InType.UINT32),
                PropertySchema.of("Stack", InType.POINTER).withCount(new PropertyCount.Remaining())};
    }

    @Test
    void aRemainingArrayTakesEveryWholeElementToTheEndOfThePayload() {
        byte[] p = b().le(99, 8).le(4, 4).le(8, 4).le(0xfffff80001234567L, 8).le(0x7ff700001000L, 8)
                .le(0x10L, 8).bytes();

        DecodedEvent e = decode(p, true, stack());

        assertThat(e.errors()).isEmpty();
        assertThat(e.fields()).containsExactly(Map.entry("EventTimeStamp", 99L), Map.entry("StackProcess", 4L),
                Map.entry("StackThread", 8L), Map.entry("Stack", List.of(0xfffff80001234567L, 0x7ff700001000L,
                        0x10L)));
    }

    @Test
    void aRemainingArrayIsEmptyWhenThePayloadEndsBeforeIt() {
        DecodedEvent e = decode(b().le(99, 8).le(4, 4).le(8, 4).bytes(), true, stack());

        assertThat(e.errors()).isEmpty();
        assertThat(e.fields()).containsEntry("Stack", List.of());
    }

    @Test
    void aPartialElementAtTheEndIsAnErrorOnTheArrayAndTheWholeOnesStay() {
        byte[] p = b().le(99, 8).le(4, 4).le(8, 4).le(0x1122334455667788L, 8).le(0xAABBCC, 3).bytes();

        DecodedEvent e = decode(p, true, stack());

        assertThat(e.fields()).containsEntry("Stack", List.of(0x1122334455667788L));
        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.field()).isEqualTo("Stack");
            assertThat(err.offset()).isEqualTo(24);
            assertThat(err.reason()).isEqualTo("3 byte(s) left: not a whole element of 8 bytes");
        });
    }

    @Test
    void aRemainingArrayOfPointersFollowsTheRecordsPointerSize() {
        // the same 16 bytes after the header: four 4-byte frames from a 32-bit record, two 8-byte ones from a 64-bit
        byte[] p = b().le(99, 8).le(4, 4).le(8, 4).le(0x11111111L, 4).le(0x22222222L, 4).le(0x33333333L, 4)
                .le(0x44444444L, 4).bytes();

        assertThat(decode(p, false, stack()).fields()).containsEntry("Stack", List.of(0x11111111L, 0x22222222L,
                0x33333333L, 0x44444444L));
        assertThat(decode(p, true, stack()).fields()).containsEntry("Stack", List.of(0x2222222211111111L,
                0x4444444433333333L));
        DecodedEvent odd = decode(b().le(99, 8).le(4, 4).le(8, 4).le(0x11111111L, 4).le(0x22, 2).bytes(), false,
                stack());
        assertThat(odd.fields()).containsEntry("Stack", List.of(0x11111111L));
        assertThat(odd.errors()).extracting(FieldError::reason)
                .containsExactly("2 byte(s) left: not a whole element of 4 bytes");
    }

    @Test
    void aRemainingArrayOfStringsReadsUntilNoByteIsLeft() {
        PropertySchema names = PropertySchema.of("names", InType.UNICODESTRING)
                .withCount(new PropertyCount.Remaining());

        assertThat(decode(b().utf16z("a").utf16z("bc").bytes(), true, names).fields())
                .containsExactly(Map.entry("names", List.of("a", "bc")));
        DecodedEvent after = decode(b().le(7, 4).bytes(), true, PropertySchema.of("n", InType.UINT32)
                .withCount(new PropertyCount.Remaining()), PropertySchema.of("x", InType.UINT8));
        assertThat(after.fields()).containsEntry("n", List.of(7L));
        assertThat(after.errors()).extracting(FieldError::field).containsExactly("x"); // nothing is left for it
    }
}
