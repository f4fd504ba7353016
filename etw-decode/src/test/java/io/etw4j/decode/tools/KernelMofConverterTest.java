package io.etw4j.decode.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.decode.InType;
import io.etw4j.decode.KernelMofSchemas;
import io.etw4j.decode.OutType;
import io.etw4j.decode.internal.KernelMofTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The kernel MOF table cannot drift from its sources: regenerated in memory from {@code ../shared/manifests/
 * kernel-trace.mof} and {@code src/test/resources/io/etw4j/decode/tools/kernel-trace-win8.mof}, it must equal the committed resource byte for byte (run with {@code -Dkernelmof.write=true} to
 * rewrite the resource after changing the converter). Plus the converter's type rules on small MOF texts of this
 * test's own.
 */
class KernelMofConverterTest {
    static final Path MOF = Path.of("").toAbsolutePath().getParent().getParent().resolve("shared")
            .resolve("manifests").resolve("kernel-trace.mof");
    static final Path RESOURCE = Path.of("src/main/resources/io/etw4j/decode/kernel-mof.tsv");
    /** etw4j's own MOF of later class versions and KernelTraceControl's records (each class cites its source). */
    static final Path WIN8_MOF = Path.of("src/test/resources/io/etw4j/decode/tools/kernel-trace-win8.mof");

    @Test
    void committedTableEqualsTheTableRegeneratedFromTheMof() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(MOF), "../shared/manifests/kernel-trace.mof is not beside the checkout");
        String generated = KernelMofConverter.convert(List.of(Files.readString(MOF, StandardCharsets.UTF_8),
                Files.readString(WIN8_MOF, StandardCharsets.UTF_8)));
        if (Boolean.getBoolean("kernelmof.write")) {
            Files.writeString(RESOURCE, generated, StandardCharsets.UTF_8);
        }
        String committed;
        try (InputStream in = KernelMofSchemas.class.getResourceAsStream(KernelMofSchemas.RESOURCE)) {
            assertThat(in).as("resource on the class path").isNotNull();
            committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(RESOURCE, StandardCharsets.UTF_8)).isEqualTo(generated);
        assertThat(committed).isEqualTo(generated);
    }

    @Test
    void tableCoversTheKernelClassesTheIssueNames() throws IOException {
        String table;
        try (InputStream in = KernelMofSchemas.class.getResourceAsStream(KernelMofSchemas.RESOURCE)) {
            table = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> tasks = KernelMofTable.parse(table).stream().map(KernelMofTable.Entry::task)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(tasks).contains("Process", "Thread", "Image", "FileIo", "DiskIo", "TcpIp", "UdpIp", "Registry",
                "PerfInfo", "PageFault", "SystemConfig", "StackWalk", "EventTrace", "SysConfig");
        System.out.println("kernel MOF table: " + KernelMofTable.parse(table).size() + " event-type classes, "
                + KernelMofSchemas.create().size() + " (GUID, version, type) schemas; tasks " + tasks);
    }

    static final String BASE = """
            [Guid("{3d6fa8d0-fe05-11d0-9dda-00c04fd7ba7c}"), EventVersion(2), DisplayName("Process") : amended]
            class Process_V2 : MSNT_SystemTrace { };
            """;

    static KernelMofTable.Entry only(String props) {
        String mof = BASE + "[EventType{1, 2}, EventTypeName{\"Start\", \"End\"} : amended]\n"
                + "class Process_V2_TypeGroup1 : Process_V2 {\n" + props + "\n};\n";
        List<KernelMofTable.Entry> e = KernelMofTable.parse(KernelMofConverter.convert(mof));
        assertThat(e).hasSize(1);
        return e.get(0);
    }

    static void assertColumn(String mofProperty, InType in, OutType out) {
        var p = only("[WmiDataId(1), read] uint32 First;\n" + mofProperty).properties().get(1);
        assertThat(p.inType()).as(mofProperty).isEqualTo(in);
        assertThat(p.outType()).as(mofProperty).isEqualTo(out);
    }

    @Test
    void typesMapToTdhInTypesAndOutTypes() {
        assertColumn("[WmiDataId(2), extension(\"Sid\"), read] object UserSID;", InType.WBEMSID, OutType.NULL);
        assertColumn("[WmiDataId(2), pointer, read] uint32 Key;", InType.POINTER, OutType.NULL);
        assertColumn("[WmiDataId(2), PointerType, read] uint32 connid;", InType.POINTER, OutType.NULL);
        assertColumn("[WmiDataId(2), extension(\"SizeT\"), read] object Size;", InType.SIZET, OutType.NULL);
        assertColumn("[WmiDataId(2), StringTermination(\"NullTerminated\"), format(\"w\"), read] string S;",
                InType.UNICODESTRING, OutType.NULL);
        assertColumn("[WmiDataId(2), StringTermination(\"NullTerminated\"), read] string S;", InType.ANSISTRING,
                OutType.NULL);
        assertColumn("[WmiDataId(2), format(\"x\"), read] uint32 Pid;", InType.UINT32, OutType.HEXINT32);
        assertColumn("[WmiDataId(2), format(\"x\"), read] uint64 Mask;", InType.UINT64, OutType.HEXINT64);
        assertColumn("[WmiDataId(2), extension(\"Port\"), read] uint16 dport;", InType.UINT16, OutType.PORT);
        assertColumn("[WmiDataId(2), extension(\"IPAddr\"), read] uint32 daddr;", InType.UINT32, OutType.IPV4);
        assertColumn("[WmiDataId(2), extension(\"IPAddrV4\"), read] object daddr;", InType.UINT32, OutType.IPV4);
        assertColumn("[WmiDataId(2), extension(\"IPAddrV6\"), read] object daddr;", InType.BINARY, OutType.IPV6);
        assertColumn("[WmiDataId(2), extension(\"WmiTime\"), read] uint64 InitialTime;", InType.UINT64,
                OutType.NULL);
        assertColumn("[WmiDataId(2), extension(\"Guid\"), read] object Id;", InType.GUID, OutType.NULL);
        assertColumn("[WmiDataId(2), read] sint32 ExitStatus;", InType.INT32, OutType.NULL);
        assertColumn("[WmiDataId(2), read] boolean Flag;", InType.BOOLEAN, OutType.NULL);
        var name = only("[WmiDataId(1), format(\"s\"), read] char16 ComputerName[256];").properties().get(0);
        assertThat(name.inType()).isEqualTo(InType.UNICODESTRING);
        assertThat(name.size()).isEqualTo(new io.etw4j.decode.PropertySize.Fixed(256));
        var tz = only("[WmiDataId(1), extension(\"NoPrint\"), read] uint8 Tz[176];").properties().get(0);
        assertThat(tz.inType()).isEqualTo(InType.BINARY);
        assertThat(tz.size()).isEqualTo(new io.etw4j.decode.PropertySize.Fixed(176));
        var v6 = only("[WmiDataId(1), extension(\"IPAddrV6\"), read] object a;").properties().get(0);
        assertThat(v6.size()).isEqualTo(new io.etw4j.decode.PropertySize.Fixed(16));
    }

    @Test
    void propertiesFollowWmiDataIdAcrossInheritanceAndNamesComeFromEventTypeName() {
        String mof = BASE + """
                [EventType(1), EventTypeName("Start")]
                class Mid : Process_V2 { [WmiDataId(2), read] uint32 Second; };
                [EventType{10, 11}, EventTypeName{"Load", "Unload"}]
                class Leaf : Mid { [WmiDataId(3), read] uint32 Third; [WmiDataId(1), read] uint32 First; };
                """;
        List<KernelMofTable.Entry> e = KernelMofTable.parse(KernelMofConverter.convert(mof));
        assertThat(e).hasSize(2);
        assertThat(e.get(1).types()).containsExactly(java.util.Map.entry(10, "Load"), java.util.Map.entry(11,
                "Unload"));
        assertThat(e.get(1).properties()).extracting(p -> p.name()).containsExactly("First", "Second", "Third");
        assertThat(e.get(1).version()).contains(2);
        assertThat(e.get(1).task()).isEqualTo("Process");
    }

    @Test
    void unversionedClassIsAnyVersionAloneAndTheLatestBesideVersionedOnes() {
        String alone = "[Guid(\"{3d6fa8d4-fe05-11d0-9dda-00c04fd7ba7c}\"), DisplayName(\"DiskIo\")] class DiskIo { };\n"
                + "[EventType(12), EventTypeName(\"ReadInit\")] class G : DiskIo { [WmiDataId(1), pointer] uint32 Irp; };";
        assertThat(KernelMofTable.parse(KernelMofConverter.convert(alone)).get(0).version()).isEmpty();
        String beside = BASE + "[Guid(\"{3d6fa8d0-fe05-11d0-9dda-00c04fd7ba7c}\")] class Process_New { };\n"
                + "[EventType(1), EventTypeName(\"Start\")] class G : Process_New { [WmiDataId(1)] uint32 A; };";
        assertThat(KernelMofTable.parse(KernelMofConverter.convert(beside)).get(0).version()).isEqualTo(Optional.of(3));
    }

    @Test
    void aLaterTextAddsVersionsWithoutRenumberingTheUnversionedClassOfAnEarlierText() {
        String first = BASE + "[Guid(\"{3d6fa8d0-fe05-11d0-9dda-00c04fd7ba7c}\")] class Process_New { };\n"
                + "[EventType(1), EventTypeName(\"Start\")] class G : Process_New { [WmiDataId(1)] uint32 A; };";
        String second = "[Guid(\"{3d6fa8d0-fe05-11d0-9dda-00c04fd7ba7c}\"), EventVersion(7)] class Process_V7 { };\n"
                + "[EventType(1), EventTypeName(\"Start\")] class H : Process_V7 { [WmiDataId(1)] uint32 B; };";
        List<KernelMofTable.Entry> e = KernelMofTable.parse(KernelMofConverter.convert(List.of(first, second)));
        assertThat(e).extracting(KernelMofTable.Entry::className).containsExactly("G", "H");
        assertThat(e.get(0).version()).contains(3); // highest stated in its own text (2) + 1, not 7 + 1
        assertThat(e.get(1).version()).contains(7);
        assertThatThrownBy(() -> KernelMofConverter.convert(List.of(first, first)))
                .isInstanceOf(MofSyntaxException.class).hasMessageContaining("defined twice");
    }

    @Test
    void numberedPointersEndingAClassBecomeOneArrayToTheEndOfThePayload() {
        var frames = only("[WmiDataId(1), read] uint64 EventTimeStamp;\n[WmiDataId(2), pointer] uint32 Stack1;\n"
                + "[WmiDataId(3), pointer] uint32 Stack2;\n[WmiDataId(4), pointer] uint32 Stack3;").properties();
        assertThat(frames).extracting(p -> p.name()).containsExactly("EventTimeStamp", "Stack");
        assertThat(frames.get(1).inType()).isEqualTo(InType.POINTER);
        assertThat(frames.get(1).count()).isEqualTo(new io.etw4j.decode.PropertyCount.Remaining());
        // not a run from 1, not pointers, not at the end, or a single one: left as they are
        assertThat(only("[WmiDataId(1), pointer] uint32 Stack2;\n[WmiDataId(2), pointer] uint32 Stack3;")
                .properties()).extracting(p -> p.name()).containsExactly("Stack2", "Stack3");
        assertThat(only("[WmiDataId(1)] uint32 GroupMask1;\n[WmiDataId(2)] uint32 GroupMask2;").properties())
                .extracting(p -> p.name()).containsExactly("GroupMask1", "GroupMask2");
        assertThat(only("[WmiDataId(1), pointer] uint32 S1;\n[WmiDataId(2), pointer] uint32 S2;\n"
                + "[WmiDataId(3)] uint32 After;").properties()).extracting(p -> p.name())
                .containsExactly("S1", "S2", "After");
        assertThat(only("[WmiDataId(1), pointer] uint32 Key1;").properties()).extracting(p -> p.name())
                .containsExactly("Key1");
    }

    @Test
    void whatCannotBeMappedIsAnErrorNotAGuess() {
        assertThatThrownBy(() -> only("[WmiDataId(1), read] object Blob;")).isInstanceOf(MofSyntaxException.class)
                .hasMessageContaining("object");
        assertThatThrownBy(() -> only("[WmiDataId(1), extension(\"Variant\"), read] object V;"))
                .isInstanceOf(MofSyntaxException.class).hasMessageContaining("Variant");
        assertThatThrownBy(() -> KernelMofConverter.convert(BASE + "[EventType{1, 2}, EventTypeName{\"A\"}] "
                + "class X : Process_V2 { };")).isInstanceOf(MofSyntaxException.class);
        assertThatThrownBy(() -> KernelMofConverter.convert("class A { uint32 x }")).isInstanceOf(
                MofSyntaxException.class);
    }
}
