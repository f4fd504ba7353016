package io.etw4j.decode.internal.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.decode.EventSchema;
import io.etw4j.decode.InType;
import io.etw4j.decode.ManifestException;
import io.etw4j.decode.OutType;
import io.etw4j.decode.PropertyCount;
import io.etw4j.decode.PropertySchema;
import io.etw4j.decode.PropertySize;
import io.etw4j.decode.SchemaOrigin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest parser: each element kind, references, maps, structs, names, bad XML and refused entities. */
class ManifestParserTest {
    static final String GUID = "{12345678-9abc-def0-1234-56789abcdef0}";

    static String manifest(String providerBody, String strings) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<instrumentationManifest xmlns=\"http://schemas.microsoft.com/win/2004/08/events\""
                + " xmlns:win=\"http://manifests.microsoft.com/win/2004/08/windows/events\""
                + " xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n<instrumentation><events>\n"
                + "<provider name=\"Test-Provider\" guid=\"" + GUID + "\" symbol=\"TP\">\n" + providerBody
                + "\n</provider>\n</events></instrumentation>\n<localization><resources culture=\"en-US\"><stringTable>"
                + strings + "</stringTable></resources></localization>\n</instrumentationManifest>\n";
    }

    static ManifestContent parse(String xml) throws ManifestException {
        return ManifestParser.parse(xml.getBytes(StandardCharsets.UTF_8), "test.man", SchemaOrigin.MANIFEST);
    }

    static final String FULL = manifest(""
            + "<channels><channel chid=\"c1\" name=\"Test/Operational\" value=\"16\" type=\"Operational\"/>"
            + "<importChannel chid=\"sys\" name=\"System\"/></channels>"
            + "<levels><level name=\"Chatty\" value=\"16\"/></levels>"
            + "<tasks><task name=\"Work\" value=\"7\"><opcodes><opcode name=\"Step\" value=\"11\"/></opcodes></task>"
            + "</tasks>"
            + "<opcodes><opcode name=\"Global\" value=\"12\"/></opcodes>"
            + "<keywords><keyword name=\"KA\" mask=\"0x1\"/><keyword name=\"KB\" mask=\"0x8000000000000000\"/>"
            + "</keywords>"
            + "<maps><valueMap name=\"Colors\"><map value=\"0\" message=\"$(string.red)\"/>"
            + "<map value=\"0x2\" message=\"Blue\"/></valueMap>"
            + "<bitMap name=\"Flags\"><map value=\"0x1\" message=\"$(string.one)\"/><map value=\"0x4\" message=\"Four\"/>"
            + "</bitMap></maps>"
            + "<templates><template tid=\"T1\">"
            + "<data name=\"Size\" inType=\"win:UInt16\"/>"
            + "<data name=\"Blob\" inType=\"win:Binary\" length=\"Size\"/>"
            + "<data name=\"Fixed\" inType=\"win:UnicodeString\" length=\"4\"/>"
            + "<data name=\"N\" inType=\"win:UInt32\"/>"
            + "<data name=\"Ids\" inType=\"win:UInt64\" outType=\"win:HexInt64\" count=\"N\"/>"
            + "<data name=\"Pair\" inType=\"win:UInt8\" count=\"2\"/>"
            + "<data name=\"Color\" inType=\"win:UInt32\" map=\"Colors\"/>"
            + "<data name=\"Bits\" inType=\"win:UInt32\" map=\"Flags\"/>"
            + "<data name=\"Addr\" inType=\"win:UInt32\" outType=\"win:IPv4\"/>"
            + "<data name=\"Err\" inType=\"win:UInt32\" outType=\"win:Win32Error\"/>"
            + "<struct name=\"Items\" count=\"N\"><data name=\"A\" inType=\"win:Pointer\"/>"
            + "<struct name=\"Inner\"><data name=\"B\" inType=\"win:GUID\"/></struct></struct>"
            + "<UserData><T1 xmlns=\"myNs\"><Size>%1</Size></T1></UserData>"
            + "</template></templates>"
            + "<events>"
            + "<event value=\"1\" version=\"2\" symbol=\"Sym1\" task=\"Work\" opcode=\"Step\" level=\"win:Verbose\""
            + " keywords=\"KA KB\" channel=\"c1\" template=\"T1\" message=\"$(string.msg1)\"/>"
            + "<event value=\"2\" task=\"Work\" opcode=\"win:Start\" level=\"Chatty\"/>"
            + "<event value=\"3\" task=\"Work\" opcode=\"win:Info\"/>"
            + "<event value=\"4\" opcode=\"Global\"/>"
            + "</events>",
            "<string id=\"red\" value=\"Red\"/><string id=\"one\" value=\"One\"/><string id=\"msg1\" value=\"Hello %1\"/>");

    @Test
    void everyElementKindIsRead() throws Exception {
        ManifestContent c = parse(FULL);
        assertThat(c.problems()).isEmpty();
        assertThat(c.providers()).hasSize(1);
        ManifestProvider p = c.providers().get(0);
        assertThat(p.name()).isEqualTo("Test-Provider");
        assertThat(p.guid()).isEqualTo(UUID.fromString("12345678-9abc-def0-1234-56789abcdef0"));
        assertThat(p.channels()).containsEntry("c1", 16L).containsEntry("sys", 8L);
        assertThat(p.levels()).containsExactly(Map.entry("Chatty", 16L));
        assertThat(p.tasks().get("Work").value()).isEqualTo(7L);
        assertThat(p.tasks().get("Work").opcodes()).containsExactly(Map.entry("Step", 11L));
        assertThat(p.opcodes()).containsExactly(Map.entry("Global", 12L));
        assertThat(p.keywords()).containsEntry("KA", 1L).containsEntry("KB", 0x8000000000000000L);
        assertThat(p.maps().get("Colors").bitmap()).isFalse();
        assertThat(p.maps().get("Colors").entries()).containsExactly(Map.entry(0L, "Red"), Map.entry(2L, "Blue"));
        assertThat(p.maps().get("Flags").bitmap()).isTrue();
        assertThat(p.maps().get("Flags").names(5)).containsExactly("One", "Four");
        assertThat(p.events()).hasSize(4);
        ManifestEvent e = p.events().get(0);
        assertThat(e.value()).isEqualTo(1);
        assertThat(e.version()).isEqualTo(2);
        assertThat(e.symbol()).contains("Sym1");
        assertThat(e.channel()).contains("c1");
        assertThat(e.message()).contains("Hello %1");
        assertThat(e.template()).contains("T1");
        EventSchema s = e.schema();
        assertThat(s.providerName()).contains("Test-Provider");
        assertThat(s.eventName()).contains("Sym1");
        assertThat(s.taskName()).contains("Work");
        assertThat(s.opcodeName()).contains("Step");
        assertThat(s.levelName()).contains("Verbose");
        assertThat(s.keywordNames()).containsExactly("KA", "KB");
        assertThat(s.origin()).isEqualTo(SchemaOrigin.MANIFEST);
    }

    @Test
    void templatesGiveTypesLengthsCountsMapsAndStructs() throws Exception {
        List<PropertySchema> props = parse(FULL).providers().get(0).events().get(0).schema().properties();
        assertThat(props).extracting(PropertySchema::name).containsExactly("Size", "Blob", "Fixed", "N", "Ids",
                "Pair", "Color", "Bits", "Addr", "Err", "Items");
        assertThat(props.get(0).inType()).isEqualTo(InType.UINT16);
        assertThat(props.get(1).inType()).isEqualTo(InType.BINARY);
        assertThat(props.get(1).size()).isEqualTo(new PropertySize.FromProperty("Size"));
        assertThat(props.get(2).size()).isEqualTo(new PropertySize.Fixed(4));
        assertThat(props.get(4).count()).isEqualTo(new PropertyCount.FromProperty("N"));
        assertThat(props.get(4).outType()).isEqualTo(OutType.HEXINT64);
        assertThat(props.get(5).count()).isEqualTo(new PropertyCount.Fixed(2));
        assertThat(props.get(6).map().get().name()).isEqualTo("Colors");
        assertThat(props.get(7).map().get().bitmap()).isTrue();
        assertThat(props.get(8).outType()).isEqualTo(OutType.IPV4);
        assertThat(props.get(9).outType()).isEqualTo(OutType.WIN32ERROR);
        PropertySchema items = props.get(10);
        assertThat(items.isStruct()).isTrue();
        assertThat(items.count()).isEqualTo(new PropertyCount.FromProperty("N"));
        assertThat(items.members()).extracting(PropertySchema::name).containsExactly("A", "Inner");
        assertThat(items.members().get(0).inType()).isEqualTo(InType.POINTER);
        assertThat(items.members().get(1).members().get(0).inType()).isEqualTo(InType.GUID);
    }

    @Test
    void eventNamesFallBackToTaskAndOpcode() throws Exception {
        List<ManifestEvent> events = parse(FULL).providers().get(0).events();
        assertThat(events.get(1).schema().eventName()).contains("Work/Start");
        assertThat(events.get(1).schema().opcodeName()).contains("Start");
        assertThat(events.get(1).schema().levelName()).contains("Chatty");
        assertThat(events.get(1).version()).isZero();
        assertThat(events.get(2).schema().eventName()).contains("Work");
        assertThat(events.get(3).schema().eventName()).contains("Global");
    }

    @Test
    void everyStandardInTypeAndOutTypeNameIsKnown() throws Exception {
        StringBuilder data = new StringBuilder();
        int i = 0;
        for (String in : WinMeta.IN_TYPES.keySet()) {
            data.append("<data name=\"p").append(i++).append("\" inType=\"").append(in).append("\"/>");
        }
        for (String out : WinMeta.OUT_TYPES.keySet()) {
            data.append("<data name=\"p").append(i++).append("\" inType=\"win:UInt32\" outType=\"").append(out)
                    .append("\"/>");
        }
        ManifestContent c = parse(manifest("<templates><template tid=\"T\">" + data + "</template></templates>"
                + "<events><event value=\"9\" template=\"T\"/></events>", ""));
        assertThat(c.problems()).isEmpty();
        List<PropertySchema> props = c.providers().get(0).events().get(0).schema().properties();
        assertThat(props).hasSize(WinMeta.IN_TYPES.size() + WinMeta.OUT_TYPES.size());
        assertThat(props.get(0).inType()).isEqualTo(WinMeta.IN_TYPES.values().iterator().next());
        assertThat(WinMeta.IN_TYPES).containsEntry("win:UInt32", InType.UINT32)
                .containsEntry("win:HexInt64", InType.HEXINT64).containsEntry("win:Boolean", InType.BOOLEAN)
                .containsEntry("win:CountedUnicodeString", InType.MANIFEST_COUNTEDSTRING);
        assertThat(WinMeta.OUT_TYPES).containsEntry("xs:dateTime", OutType.DATETIME)
                .containsEntry("win:NTSTATUS", OutType.NTSTATUS).containsEntry("win:HResult", OutType.HRESULT);
    }

    @Test
    void problemsCostOnlyWhatDependsOnThem() throws Exception {
        ManifestContent c = parse(manifest(""
                + "<templates>"
                + "<template tid=\"Bad\"><data name=\"X\" inType=\"win:Nope\"/></template>"
                + "<template tid=\"Odd\"><data name=\"Y\" inType=\"win:UInt32\" outType=\"win:Nope\" map=\"Missing\"/>"
                + "</template></templates>"
                + "<events>"
                + "<event value=\"1\" template=\"Bad\"/>"
                + "<event value=\"2\" template=\"Undefined\"/>"
                + "<event value=\"zz\"/>"
                + "<event value=\"70000\"/>"
                + "<event value=\"3\" version=\"300\"/>"
                + "<event value=\"4\" template=\"Odd\"/>"
                + "<event value=\"4\"/>"
                + "<event value=\"5\" opcode=\"NoSuchOpcode\"/>"
                + "</events>", "")
                + "");
        ManifestProvider p = c.providers().get(0);
        assertThat(p.events()).extracting(ManifestEvent::value).containsExactly(4, 5);
        PropertySchema y = p.events().get(0).schema().properties().get(0);
        assertThat(y.outType()).isEqualTo(OutType.NULL);
        assertThat(y.map()).isEmpty();
        assertThat(c.problems()).hasSize(11).allMatch(s -> s.startsWith("test.man:"));
        assertThat(String.join("\n", c.problems())).contains("unknown inType win:Nope", "template Bad is unusable",
                "template Undefined is not defined", "'zz'", "'70000'", "version '300'", "unknown outType win:Nope",
                "unknown map Missing", "defined again", "opcode NoSuchOpcode");
    }

    @Test
    void aProviderWithoutAValidGuidIsSkippedOthersStay() throws Exception {
        String xml = FULL.replace("</events></instrumentation>",
                "<provider name=\"Broken\" guid=\"not-a-guid\"/></events></instrumentation>");
        ManifestContent c = parse(xml);
        assertThat(c.providers()).extracting(ManifestProvider::name).containsExactly("Test-Provider");
        assertThat(c.problems()).singleElement().asString().contains("not-a-guid");
    }

    @Test
    void anImportChannelWithoutANameIsSkipped() throws Exception {
        // Found by ManifestParserFuzzTest (seed regression-importChannel-without-name): a null name reached Map.of.
        ManifestContent c = parse(manifest("<channels><importChannel chid=\"x\"/></channels>", ""));
        assertThat(c.providers().get(0).channels()).isEmpty();
    }

    @Test
    void malformedXmlIsATypedErrorWithTheLine() {
        assertThatThrownBy(() -> parse("<instrumentationManifest>\n<instrumentation>\n<events>\n</instrumentation>"))
                .isInstanceOf(ManifestException.class)
                .satisfies(e -> {
                    ManifestException m = (ManifestException) e;
                    assertThat(m.source()).isEqualTo("test.man");
                    assertThat(m.line()).contains(4);
                });
        assertThatThrownBy(() -> parse("")).isInstanceOf(ManifestException.class);
        assertThatThrownBy(() -> parse("<notAManifest/>")).isInstanceOf(ManifestException.class)
                .hasMessageContaining("not <instrumentationManifest>");
    }

    @Test
    void externalEntitiesAndDtdsAreRefused(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOPSECRET");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE m [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + manifest("<maps><valueMap name=\"M\"><map value=\"1\" message=\"&x;\"/></valueMap></maps>", "")
                        .replaceFirst("<\\?xml[^>]*>\n", "");
        assertThatThrownBy(() -> parse(xxe)).isInstanceOf(ManifestException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("TOPSECRET"));
        String billion = "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;\">]>"
                + "<instrumentationManifest a=\"&b;\"/>";
        assertThatThrownBy(() -> parse(billion)).isInstanceOf(ManifestException.class);
    }

    @Test
    void nestingIsBounded() {
        String deep = "<instrumentationManifest>" + "<x>".repeat(ManifestXml.MAX_DEPTH + 5) + "</x>".repeat(
                ManifestXml.MAX_DEPTH + 5) + "</instrumentationManifest>";
        assertThatThrownBy(() -> parse(deep)).isInstanceOf(ManifestException.class).hasMessageContaining("deeper");
    }

    @Test
    void clrManifestLoadsWithoutProblems() throws Exception {
        Path man = Path.of("").toAbsolutePath().getParent().getParent().resolve("shared/manifests/ClrEtwAll.man");
        ManifestContent c = ManifestParser.parse(Files.readAllBytes(man), man.toString(), SchemaOrigin.MANIFEST);
        assertThat(c.providers()).extracting(ManifestProvider::name).contains("Microsoft-Windows-DotNETRuntime",
                "Microsoft-Windows-DotNETRuntimeRundown", "Microsoft-Windows-DotNETRuntimePrivate");
        ManifestProvider rt = c.providers().get(0);
        ManifestEvent gcStart = rt.events().stream().filter(e -> e.value() == 1 && e.version() == 1).findFirst()
                .orElseThrow();
        assertThat(gcStart.schema().eventName()).contains("GCStart_V1");
        assertThat(gcStart.schema().taskName()).contains("GarbageCollection");
        assertThat(gcStart.schema().opcodeName()).contains("Start");
        assertThat(gcStart.schema().properties()).extracting(PropertySchema::name)
                .containsExactly("Count", "Depth", "Reason", "Type", "ClrInstanceID");
        assertThat(gcStart.schema().properties().get(2).map().get().names(1)).containsExactly("Induced");
        System.out.println("ClrEtwAll.man problems: " + c.problems());
    }
}
