package io.etw4j.decode.internal.tracelogging;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.decode.InType;
import io.etw4j.decode.OutType;
import io.etw4j.decode.PropertyCount;
import io.etw4j.decode.PropertySchema;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The TraceLogging metadata parser on metadata built byte by byte ({@link TlMeta}) from the format: TlgIn numbers
 * and flags of TraceLoggingProvider.h, TlgOut numbers of TraceLoggingProvider.h / the tracelogging crate.
 */
class TlMetadataParserTest {

    static TlEventMetadata parse(byte[] meta) {
        Optional<TlEventMetadata> m = TlMetadataParser.parse(meta);
        assertThat(m).as("metadata %s", HexFormat.of().formatHex(meta)).isPresent();
        return m.get();
    }

    static PropertySchema only(byte[] meta) {
        List<PropertySchema> p = parse(meta).properties();
        assertThat(p).hasSize(1);
        return p.get(0);
    }

    @Test
    void everyTlInTypeMapsToTheTdhTypeThatReadsItsBytes() {
        // TlgIn_t (TraceLoggingProvider.h) -> the schema model's TDH in-type
        Map<Integer, InType> expected = Map.ofEntries(Map.entry(1, InType.UNICODESTRING),
                Map.entry(2, InType.ANSISTRING), Map.entry(3, InType.INT8), Map.entry(4, InType.UINT8),
                Map.entry(5, InType.INT16), Map.entry(6, InType.UINT16), Map.entry(7, InType.INT32),
                Map.entry(8, InType.UINT32), Map.entry(9, InType.INT64), Map.entry(10, InType.UINT64),
                Map.entry(11, InType.FLOAT), Map.entry(12, InType.DOUBLE), Map.entry(13, InType.BOOLEAN),
                Map.entry(14, InType.MANIFEST_COUNTEDBINARY), Map.entry(15, InType.GUID),
                Map.entry(16, InType.POINTER), Map.entry(17, InType.FILETIME), Map.entry(18, InType.SYSTEMTIME),
                Map.entry(19, InType.SID), Map.entry(20, InType.HEXINT32), Map.entry(21, InType.HEXINT64),
                Map.entry(22, InType.MANIFEST_COUNTEDSTRING), Map.entry(23, InType.MANIFEST_COUNTEDANSISTRING),
                Map.entry(25, InType.MANIFEST_COUNTEDBINARY));
        for (Map.Entry<Integer, InType> e : expected.entrySet()) {
            PropertySchema p = only(TlMeta.event("E").field("f", e.getKey()).bytes());
            assertThat(p.inType()).as("TlgIn %d", e.getKey()).isEqualTo(e.getValue());
            assertThat(p.outType()).isEqualTo(OutType.NULL);
            assertThat(p.count()).isEqualTo(PropertyCount.single());
            assertThat(p.name()).isEqualTo("f");
        }
    }

    @Test
    void everyTlOutTypeMapsExplicitlyByItsInType() {
        // {TlgIn, TlgOut, expected in-type, expected out-type}
        Object[][] cases = {
            {4, 0, InType.UINT8, OutType.NULL},
            {4, 1, InType.UINT8, OutType.NOPRINT},
            {4, 2, InType.ANSICHAR, OutType.NULL},            // TraceLoggingChar: UINT8 + TlgOutSTRING
            {3, 2, InType.ANSICHAR, OutType.NULL},
            {6, 2, InType.UNICODECHAR, OutType.NULL},         // TraceLoggingWChar: UINT16 + TlgOutSTRING
            {1, 2, InType.UNICODESTRING, OutType.STRING},
            {4, 3, InType.UINT8, OutType.BOOLEAN},            // TraceLoggingBoolean: UINT8 + TlgOutBOOLEAN
            {4, 4, InType.UINT8, OutType.HEXINT8},
            {6, 4, InType.UINT16, OutType.HEXINT16},
            {8, 4, InType.UINT32, OutType.HEXINT32},
            {10, 4, InType.UINT64, OutType.HEXINT64},
            {14, 4, InType.MANIFEST_COUNTEDBINARY, OutType.HEXBINARY},
            {8, 5, InType.UINT32, OutType.PID},
            {8, 6, InType.UINT32, OutType.TID},
            {6, 7, InType.UINT16, OutType.PORT},
            {8, 8, InType.UINT32, OutType.IPV4},
            {14, 9, InType.MANIFEST_COUNTEDBINARY, OutType.IPV6},
            {25, 10, InType.MANIFEST_COUNTEDBINARY, OutType.SOCKETADDRESS},
            {1, 11, InType.UNICODESTRING, OutType.XML},
            {22, 12, InType.MANIFEST_COUNTEDSTRING, OutType.JSON},
            {2, 11, InType.ANSISTRING, OutType.UTF8},         // XML/JSON on 8-bit strings imply UTF-8
            {23, 12, InType.MANIFEST_COUNTEDANSISTRING, OutType.UTF8},
            {8, 13, InType.UINT32, OutType.WIN32ERROR},
            {8, 14, InType.UINT32, OutType.NTSTATUS},
            {7, 15, InType.INT32, OutType.HRESULT},
            {10, 16, InType.FILETIME, OutType.NULL},          // UINT64 + TlgOutFILETIME reads as a FILETIME
            {7, 17, InType.INT32, OutType.NULL},
            {8, 18, InType.UINT32, OutType.NULL},
            {17, 33, InType.FILETIME, OutType.CULTURE_INSENSITIVE_DATETIME},
            {2, 35, InType.ANSISTRING, OutType.UTF8},
            {14, 36, InType.MANIFEST_COUNTEDBINARY, OutType.PKCS7_WITH_TYPE_INFO},
            {21, 37, InType.HEXINT64, OutType.CODE_POINTER},
            {18, 38, InType.SYSTEMTIME, OutType.DATETIME_UTC},
            {8, 9, InType.UINT32, OutType.NULL},              // IPv6 on a UINT32 does not fit: dropped
            {8, 99, InType.UINT32, OutType.NULL},             // unknown out-type: dropped
        };
        for (Object[] c : cases) {
            PropertySchema p = only(TlMeta.event("E").field("f", (int) c[0], (int) c[1]).bytes());
            assertThat(p.inType()).as("TlgIn %s TlgOut %s", c[0], c[1]).isEqualTo(c[2]);
            assertThat(p.outType()).as("TlgIn %s TlgOut %s", c[0], c[1]).isEqualTo(c[3]);
        }
    }

    @Test
    void eventNameAndChainedEventTag() {
        // tag bytes 0x81 0x02: bits 27-21 = 1, bits 20-14 = 2 (tracelogging crate EventBuilder::reset, 2-byte form)
        TlEventMetadata m = parse(TlMeta.event("Héllo", 0x81, 0x02).field("x", 8).bytes());
        assertThat(m.eventName()).isEqualTo("Héllo");
        assertThat(m.eventTag()).isEqualTo(1 << 21 | 2 << 14);
        assertThat(m.properties()).containsExactly(PropertySchema.of("x", InType.UINT32));

        TlEventMetadata noFields = parse(TlMeta.event("Empty").bytes());
        assertThat(noFields.eventName()).isEqualTo("Empty");
        assertThat(noFields.properties()).isEmpty();
    }

    @Test
    void constantAndVariableCountArrays() {
        byte[] meta = TlMeta.event("E")
                .field("fixed", 8 | 0x20).u16(3)         // _TlgInCcount: the count follows in the metadata
                .field("var", 6 | 0x40)                  // TlgInVcount: the count precedes the data in the payload
                .field("chars", 6 | 0x40, 2)             // TraceLoggingWCharArray: vcount UINT16 + TlgOutSTRING
                .field("tail", 4).bytes();
        List<PropertySchema> p = parse(meta).properties();

        assertThat(p).extracting(PropertySchema::name).containsExactly("fixed", "var", "chars", "tail");
        assertThat(p.get(0).count()).isEqualTo(new PropertyCount.Fixed(3));
        assertThat(p.get(0).inType()).isEqualTo(InType.UINT32);
        assertThat(p.get(1).count()).isEqualTo(new PropertyCount.PrefixedU16());
        assertThat(p.get(2).count()).isEqualTo(new PropertyCount.PrefixedU16());
        assertThat(p.get(2).inType()).isEqualTo(InType.UNICODECHAR);
        assertThat(p.get(3).count()).isEqualTo(PropertyCount.single());
    }

    @Test
    void chainedOutTypeTagBytesComeBeforeTheConstantCount() {
        // in-type UINT32|Ccount|Chain, out-type HEX|Chain, 4 field-tag bytes (3 chained), then the UINT16 count
        byte[] meta = TlMeta.event("E").str("a").raw(8 | 0x20 | 0x80, 4 | 0x80, 0x81, 0x82, 0x83, 0x04).u16(2)
                .field("b", 4).bytes();
        List<PropertySchema> p = parse(meta).properties();

        assertThat(p).hasSize(2);
        assertThat(p.get(0).outType()).isEqualTo(OutType.HEXINT32);
        assertThat(p.get(0).count()).isEqualTo(new PropertyCount.Fixed(2));
        assertThat(p.get(1)).isEqualTo(PropertySchema.of("b", InType.UINT8));
    }

    @Test
    void aCustomFieldSkipsItsSchemaAndReadsAsCountedBytes() {
        // _TlgInCustom (0x60) with protocol 5 in the low bits; UINT16 schema size 3, then the schema
        byte[] meta = TlMeta.event("E").field("c", 5 | 0x60).u16(3).raw(0xAA, 0xBB, 0xCC).field("after", 8).bytes();
        List<PropertySchema> p = parse(meta).properties();

        assertThat(p).containsExactly(PropertySchema.of("c", InType.MANIFEST_COUNTEDBINARY),
                PropertySchema.of("after", InType.UINT32));
    }

    @Test
    void nestedStructsTakeTheNextNFieldsAsMembers() {
        byte[] meta = TlMeta.event("E")
                .field("outer", 24, 2)                   // struct of 2 members
                .field("a", 7)
                .field("inner", 24, 1)                   // member 2: struct of 1 member
                .field("b", 1)
                .field("arr", 24 | 0x40, 1)              // variable-count array of a struct of 1 member
                .field("c", 6)
                .field("top", 4).bytes();
        List<PropertySchema> p = parse(meta).properties();

        assertThat(p).extracting(PropertySchema::name).containsExactly("outer", "arr", "top");
        PropertySchema outer = p.get(0);
        assertThat(outer.members()).extracting(PropertySchema::name).containsExactly("a", "inner");
        assertThat(outer.members().get(1).members()).containsExactly(PropertySchema.of("b", InType.UNICODESTRING));
        assertThat(p.get(1).count()).isEqualTo(new PropertyCount.PrefixedU16());
        assertThat(p.get(1).members()).containsExactly(PropertySchema.of("c", InType.UINT16));
    }

    @Test
    void malformedMetadataGivesEmpty() {
        byte[] good = TlMeta.event("E").field("a", 8).bytes();
        byte[] sizeTooBig = good.clone();
        sizeTooBig[0] = (byte) (good.length + 1);
        byte[] sizeTooSmall = good.clone();
        sizeTooSmall[0] = 3;
        byte[] nameCut = TlMeta.event("E").raw('a', 'b').bytes();           // field name without NUL
        List<byte[]> bad = List.of(
                new byte[0], new byte[] {4}, new byte[] {4, 0, 0},
                sizeTooBig, sizeTooSmall, nameCut,
                TlMeta.event("E").str("a").bytes(),                          // no in-type byte
                TlMeta.event("E").str("a").raw(0x88).bytes(),                // chain bit but no out-type byte
                TlMeta.event("E").str("a").raw(0x88, 0x84, 0x81).bytes(),    // tag chain runs past the end
                TlMeta.event("E").field("a", 8 | 0x20).raw(1).bytes(),       // constant count cut
                TlMeta.event("E").field("c", 0x60).u16(5).raw(1, 2).bytes(), // custom schema cut
                TlMeta.event("E").field("a", 0).bytes(),                     // TlgInNULL
                TlMeta.event("E").field("a", 26).bytes(),                    // beyond TlgInCOUNTEDBINARY
                TlMeta.event("E").field("a", 31).bytes(),
                TlMeta.event("E").field("s", 24).bytes(),                    // struct without a member count
                TlMeta.event("E").field("s", 24, 0).bytes(),                 // struct of 0 members
                TlMeta.event("E").field("s", 24, 2).field("a", 8).bytes(),   // struct of 2 with 1 field left
                TlMeta.event("", 0x80, 0x80).bytes());                       // tag chain eats the name's NUL
        for (byte[] b : bad) {
            assertThat(TlMetadataParser.parse(b)).as(HexFormat.of().formatHex(b)).isEmpty();
        }
        assertThat(TlMetadataParser.parse(null)).isEmpty();
    }

    @Test
    void structNestingIsBoundedAtMaxStructDepth() {
        TlMeta ok = TlMeta.event("E");
        TlMeta tooDeep = TlMeta.event("E");
        for (int i = 0; i < TlMetadataParser.MAX_STRUCT_DEPTH; i++) {
            ok.field("s" + i, 24, 1);
            tooDeep.field("s" + i, 24, 1);
        }
        ok.field("leaf", 8);
        tooDeep.field("one-more", 24, 1).field("leaf", 8);

        PropertySchema p = only(ok.bytes());
        for (int i = 0; i < TlMetadataParser.MAX_STRUCT_DEPTH; i++) {
            p = p.members().get(0);
        }
        assertThat(p).isEqualTo(PropertySchema.of("leaf", InType.UINT32));
        assertThat(TlMetadataParser.parse(tooDeep.bytes())).isEmpty();
    }

    @Test
    void extraBytesAfterTheDeclaredSizeAreIgnored() {
        byte[] good = TlMeta.event("E").field("a", 8).bytes();
        byte[] padded = java.util.Arrays.copyOf(good, good.length + 3);
        assertThat(TlMetadataParser.parse(padded)).isEqualTo(TlMetadataParser.parse(good));
    }

    @Test
    void providerTraitsGiveTheNameAndTheGroup() {
        HexFormat hex = HexFormat.of();
        // The PROV_TRAITS items of AMSITrace.etl and lxcore_kernel.etl (../shared/etl), copied from the files
        TlProviderTraits amsi = TlProviderTraits.parse(hex.parseHex("0c00416d7369547261636500")).orElseThrow();
        assertThat(amsi.providerName()).isEqualTo("AmsiTrace");
        assertThat(amsi.group()).isEmpty();
        TlProviderTraits lx = TlProviderTraits.parse(hex.parseHex("38004d6963726f736f66742e57696e646f77732e5375627379"
                + "7374656d2e4c78436f7265001300011a73504fcf898247b3e0dce8c90476ba")).orElseThrow();
        assertThat(lx.providerName()).isEqualTo("Microsoft.Windows.Subsystem.LxCore");
        // trait: size 0x13, type 1 (EtwProviderTraitTypeGroup), the GUID in Windows byte order
        assertThat(lx.group()).contains(UUID.fromString("4f50731a-89cf-4782-b3e0-dce8c90476ba"));

        assertThat(TlProviderTraits.parse(hex.parseHex("0c00416d736954726163652e"))).as("no NUL").isEmpty();
        assertThat(TlProviderTraits.parse(hex.parseHex("0d00416d7369547261636500"))).as("size > data").isEmpty();
        assertThat(TlProviderTraits.parse(hex.parseHex("07004100ff0001"))).as("trait overruns").isEmpty();
        assertThat(TlProviderTraits.parse(hex.parseHex("0500410002"))).as("trait header cut").isEmpty();
        assertThat(TlProviderTraits.parse(new byte[0])).isEmpty();
        assertThat(TlProviderTraits.parse(null)).isEmpty();
    }
}
