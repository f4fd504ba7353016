package io.etw4j.decode.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.core.EventRecord;
import io.etw4j.core.testing.LeBytes;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.EventSchema;
import io.etw4j.decode.InType;
import io.etw4j.decode.OutType;
import io.etw4j.decode.PropertyCount;
import io.etw4j.decode.PropertySchema;
import io.etw4j.decode.PropertySize;
import io.etw4j.decode.SchemaOrigin;
import io.etw4j.decode.SchemaSource;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The schema-driven record builder, proven by decoding what it builds with etw-decode's decoder. */
class RecordBuilderTest {
    static final UUID PROVIDER = UUID.fromString("0063715b-eeda-4007-9429-ad526f62696e");

    static EventSchema schema(PropertySchema... props) {
        return EventSchema.of(PROVIDER, "P", "E", List.of(props), SchemaOrigin.MANIFEST);
    }

    static DecodedEvent decode(EventSchema schema, EventRecord r) {
        return EventDecoder.builder().add(new SchemaSource() {
            @Override
            public SchemaOrigin origin() {
                return SchemaOrigin.MANIFEST;
            }

            @Override
            public Optional<EventSchema> schemaFor(EventRecord record) {
                return Optional.of(schema);
            }
        }).build().decode(r);
    }

    static final EventSchema SERVICE = schema(PropertySchema.of("ServiceName", InType.UNICODESTRING),
            PropertySchema.of("ClientPid", InType.UINT32), PropertySchema.of("ImagePath", InType.UNICODESTRING));

    @Test
    void laysThePayloadOutAsTheSchemaSays() {
        EventRecord r = RecordBuilder.of(SERVICE, 0x28, 1).add("ImagePath", "C:\\evil.sys").add("ServiceName", "evil")
                .add("ClientPid", 3556).build();

        assertThat(r.payload()).isEqualTo(LeBytes.le().utf16z("evil").u32(3556).utf16z("C:\\evil.sys").bytes());
        assertThat(r.providerId()).isEqualTo(PROVIDER);
        assertThat(r.descriptor().id()).isEqualTo(0x28);
        assertThat(r.descriptor().version()).isEqualTo(1);
        assertThat(decode(SERVICE, r).fields()).containsExactly(Map.entry("ServiceName", "evil"),
                Map.entry("ClientPid", 3556L), Map.entry("ImagePath", "C:\\evil.sys"));
    }

    @Test
    void buildRefusesAMissingPropertyAndNamesEveryOne() {
        RecordBuilder b = RecordBuilder.of(SERVICE, 0x28, 1).add("ClientPid", 1);

        assertThat(b.missing()).containsExactly("ServiceName", "ImagePath");
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[ServiceName, ImagePath]");
    }

    @Test
    void buildIncompleteFillsTheMissingOnesWithZeros() {
        EventRecord r = RecordBuilder.of(SERVICE, 0x28, 1).add("ClientPid", 7).buildIncomplete();

        assertThat(r.payload()).isEqualTo(LeBytes.le().u16(0).u32(7).u16(0).bytes());
        assertThat(decode(SERVICE, r).fields()).containsExactly(Map.entry("ServiceName", ""),
                Map.entry("ClientPid", 7L), Map.entry("ImagePath", ""));
    }

    @Test
    void refusesAnUnknownPropertyAndAValueOfTheWrongType() {
        assertThatThrownBy(() -> RecordBuilder.of(SERVICE).add("Pid", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no property Pid")
                .hasMessageContaining("ClientPid");
        assertThatThrownBy(() -> RecordBuilder.of(SERVICE).add("ServiceName", "s").add("ImagePath", "i")
                .add("ClientPid", "3556").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ClientPid").hasMessageContaining("expected Number, received String");
    }

    @Test
    void everySimpleInTypeRoundTrips() throws Exception {
        Instant ft = Instant.parse("2024-05-01T10:00:00.1234567Z");
        Instant st = Instant.parse("2024-05-01T10:00:00.250Z");
        UUID g = UUID.randomUUID();
        EventSchema s = schema(PropertySchema.of("i8", InType.INT8), PropertySchema.of("u8", InType.UINT8),
                PropertySchema.of("i16", InType.INT16), PropertySchema.of("u16", InType.UINT16),
                PropertySchema.of("i32", InType.INT32), PropertySchema.of("u64", InType.UINT64),
                PropertySchema.of("h32", InType.HEXINT32), PropertySchema.of("f", InType.FLOAT),
                PropertySchema.of("d", InType.DOUBLE), PropertySchema.of("b", InType.BOOLEAN),
                PropertySchema.of("a", InType.ANSISTRING), PropertySchema.of("g", InType.GUID),
                PropertySchema.of("ft", InType.FILETIME), PropertySchema.of("st", InType.SYSTEMTIME),
                PropertySchema.of("sid", InType.SID), PropertySchema.of("p", InType.POINTER),
                PropertySchema.of("ip", InType.UINT32).withOutType(OutType.IPV4),
                PropertySchema.of("port", InType.UINT16).withOutType(OutType.PORT),
                PropertySchema.of("cs", InType.MANIFEST_COUNTEDSTRING),
                PropertySchema.of("bin", InType.BINARY).withSize(new PropertySize.Fixed(3)),
                PropertySchema.of("fixed", InType.UNICODESTRING).withSize(new PropertySize.Fixed(4)),
                PropertySchema.of("ch", InType.UNICODECHAR));
        EventRecord r = RecordBuilder.of(s).add("i8", -2).add("u8", 250).add("i16", -3).add("u16", 65000)
                .add("i32", -4).add("u64", -1L).add("h32", 0xDEAD).add("f", 1.5f).add("d", 2.25).add("b", true)
                .add("a", "abc").add("g", g).add("ft", ft).add("st", st).add("sid", "S-1-5-18")
                .add("p", 0x1122334455667788L).add("ip", InetAddress.getByName("10.0.0.1")).add("port", 8080)
                .add("cs", "hi").add("bin", new byte[] {1, 2, 3}).add("fixed", "ab").add("ch", 'x').build();

        DecodedEvent e = decode(s, r);

        assertThat(e.errors()).isEmpty();
        assertThat(e.fields()).containsEntry("i8", -2L).containsEntry("u8", 250L).containsEntry("i16", -3L)
                .containsEntry("u16", 65000L).containsEntry("i32", -4L).containsEntry("u64", -1L)
                .containsEntry("h32", 0xDEADL).containsEntry("f", 1.5f).containsEntry("d", 2.25)
                .containsEntry("b", true).containsEntry("a", "abc").containsEntry("g", g).containsEntry("ft", ft)
                .containsEntry("st", st).containsEntry("p", 0x1122334455667788L).containsEntry("port", 8080L)
                .containsEntry("cs", "hi").containsEntry("fixed", "ab").containsEntry("ch", "x");
        assertThat(e.fields().get("sid").toString()).isEqualTo("S-1-5-18");
        assertThat(((InetAddress) e.fields().get("ip")).getHostAddress()).isEqualTo("10.0.0.1");
        assertThat((byte[]) e.fields().get("bin")).containsExactly(1, 2, 3);
    }

    @Test
    void arraysStructsAndDerivedCountsRoundTrip() {
        PropertySchema point = PropertySchema.struct("pt", List.of(PropertySchema.of("x", InType.INT32),
                PropertySchema.of("y", InType.INT32)));
        EventSchema s = schema(PropertySchema.of("n", InType.UINT16),
                PropertySchema.of("vals", InType.UINT32).withCount(new PropertyCount.FromProperty("n")),
                PropertySchema.of("two", InType.UINT8).withCount(new PropertyCount.Fixed(2)),
                point, PropertySchema.of("len", InType.UINT32),
                PropertySchema.of("raw", InType.BINARY).withSize(new PropertySize.FromProperty("len")));
        EventRecord r = RecordBuilder.of(s).add("vals", List.of(7, 8, 9)).add("two", List.of(1, 2))
                .add("pt", Map.of("x", -1, "y", 1)).add("raw", new byte[] {5, 6}).build();

        assertThat(r.payload()).isEqualTo(LeBytes.le().u16(3).u32(7).u32(8).u32(9).u8(1).u8(2).u32(-1).u32(1)
                .u32(2).raw(5, 6).bytes());
        DecodedEvent e = decode(s, r);
        assertThat(e.errors()).isEmpty();
        assertThat(e.fields()).containsEntry("n", 3L).containsEntry("vals", List.of(7L, 8L, 9L))
                .containsEntry("two", List.of(1L, 2L)).containsEntry("pt", Map.of("x", -1L, "y", 1L))
                .containsEntry("len", 2L);
        assertThat(RecordBuilder.of(s).add("vals", List.of()).add("two", List.of(1, 2)).add("pt", Map.of("x", 1))
                .add("raw", new byte[0]).missing()).containsExactly("pt.y");
        assertThatThrownBy(() -> RecordBuilder.of(s).add("two", List.of(1)).buildIncomplete())
                .hasMessageContaining("two: 1 elements, the schema says 2");
    }

    @Test
    void thirtyTwoBitPointersAndATrimmedLastTerminator() {
        EventSchema s = schema(PropertySchema.of("p", InType.POINTER), PropertySchema.of("s", InType.UNICODESTRING));
        EventRecord r = RecordBuilder.of(s).pointerSize32().trimLastStringTerminator().add("p", 0x11223344L)
                .add("s", "ab").build();

        assertThat(r.payload()).isEqualTo(LeBytes.le().u32(0x11223344L).utf16("ab").bytes());
        assertThat(r.flags() & EventRecord.FLAG_32_BIT_HEADER).isNotZero();
        assertThat(decode(s, r).fields()).containsExactly(Map.entry("p", 0x11223344L), Map.entry("s", "ab"));
    }
}
