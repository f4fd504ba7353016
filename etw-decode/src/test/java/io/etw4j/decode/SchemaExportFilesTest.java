package io.etw4j.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.decode.internal.eventinfo.TeiBlob;
import io.etw4j.decode.internal.export.TdhBuffers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of a schema export: idempotent reruns, safe writes, the provider filter, hostile names, the index. */
class SchemaExportFilesTest {
    static final UUID MOF = UUID.fromString("9e814aad-3204-11d2-9a82-006008a86939");

    static TdhStandIn standIn(TeiBlob... blobs) {
        TdhStandIn t = new TdhStandIn();
        for (TeiBlob b : blobs) {
            t.addEventInfo(b.bytes());
        }
        return t;
    }

    static TeiBlob blob(String provider, UUID guid, int id) {
        TeiBlob t = new TeiBlob();
        t.provider = guid;
        t.providerName = provider;
        t.id = id;
        t.prop(0, "Count", 8, 0, null, 1, 4);
        return t;
    }

    @Test
    void aRerunWithTheSameSchemasTouchesNothingAndAChangedOneIsReplaced(@TempDir Path root) throws Exception {
        TdhStandIn tdh = standIn(blob("A-Provider", UUID.randomUUID(), 1), blob("B-Provider", UUID.randomUUID(), 2));
        SchemaExport.Report first = SchemaExport.over(tdh).exportTo(root);
        assertThat(first.filesWritten()).isEqualTo(3);
        Path index = first.folder().resolve("index.txt");
        Path someManifest = first.folder().resolve(tdh.names.keySet().iterator().next() + ".man");
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(index, old);
        Files.setLastModifiedTime(someManifest, old);

        SchemaExport.Report second = SchemaExport.over(tdh).exportTo(root);
        assertThat(second.filesWritten()).isZero();
        assertThat(second.filesUnchanged()).isEqualTo(3);
        assertThat(Files.getLastModifiedTime(index)).isEqualTo(old);
        assertThat(Files.getLastModifiedTime(someManifest)).isEqualTo(old);

        Files.writeString(someManifest, "edited");
        SchemaExport.Report third = SchemaExport.over(tdh).exportTo(root);
        assertThat(third.filesWritten()).isEqualTo(1);
        assertThat(Files.readString(someManifest)).startsWith("<?xml");
        try (var files = Files.list(first.folder())) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .allMatch(n -> n.endsWith(".man") || n.equals("index.txt"));
        }
    }

    @Test
    void symbolicLinksAreRefused(@TempDir Path root) throws Exception {
        TdhStandIn tdh = standIn(blob("A-Provider", UUID.randomUUID(), 1));
        Path elsewhere = Files.createDirectory(root.resolve("elsewhere"));
        Path target = Files.writeString(elsewhere.resolve("victim.txt"), "keep");
        Path folder = Files.createDirectories(root.resolve("out").resolve("6.2.9200.16384"));
        UUID guid = tdh.names.keySet().iterator().next();
        Files.createSymbolicLink(folder.resolve(guid + ".man"), target);
        assertThatThrownBy(() -> SchemaExport.over(tdh).exportTo(root.resolve("out"))).isInstanceOf(IOException.class)
                .hasMessageContaining("symbolic link");
        assertThat(Files.readString(target)).isEqualTo("keep");

        Files.createSymbolicLink(root.resolve("linked"), elsewhere);
        assertThatThrownBy(() -> SchemaExport.over(tdh).exportTo(root.resolve("linked")))
                .isInstanceOf(IOException.class).hasMessageContaining("symbolic link");
    }

    @Test
    void aFilteredRunKeepsTheOtherProvidersInTheIndexAndMofProvidersAreListed(@TempDir Path root) throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        TdhStandIn tdh = standIn(blob("A-Provider", a, 1), blob("B-Provider", b, 2));
        tdh.names.put(MOF, "MSNT_SystemTrace");
        tdh.schemaSources.put(MOF, 1);
        SchemaExport.over(tdh).exportTo(root);
        tdh.build = "6.2.9200.16384";
        SchemaExport.Report only = SchemaExport.over(tdh).providers(List.of("a-provider", "{" + MOF + "}"))
                .exportTo(root);
        assertThat(only.providers()).isEqualTo(2);
        assertThat(only.manifests()).isEqualTo(1);
        List<String> lines = Files.readAllLines(only.folder().resolve("index.txt"));
        assertThat(lines.get(0)).isEqualTo("# etw4j schema index 1");
        assertThat(lines.get(1)).isEqualTo("# windows 6.2.9200.16384");
        assertThat(lines.subList(2, lines.size())).containsExactly(
                a + "\tmanifest\t1\t" + a + ".man\tA-Provider",
                b + "\tmanifest\t1\t" + b + ".man\tB-Provider",
                MOF + "\tmof\t0\t-\tMSNT_SystemTrace");
    }

    @Test
    void anUnknownOrOddBuildGoesToTheUnknownFolder(@TempDir Path root) throws Exception {
        TdhStandIn tdh = standIn(blob("A-Provider", UUID.randomUUID(), 1));
        tdh.build = "../../etc";
        assertThat(SchemaExport.over(tdh).exportTo(root).folder()).isEqualTo(root.resolve("unknown"));
    }

    /** Names are the provider's to choose: markup, quotes, "--", "]]>" and control characters. */
    @Test
    void hostileNamesAreEscapedAndReadBackTheSame(@TempDir Path root) throws Exception {
        TeiBlob t = new TeiBlob();
        t.providerName = "Evil<&\"'>]]>--Provider";
        t.eventName = "E<v>&nt \"1\" -->";
        t.taskName = "T&sk";
        t.prop(0, "a\"b<c>&d\te", 8, 0, "M&<", 1, 4);
        t.prop(0, "bell\u0007", 8, 0, null, 1, 4);
        TdhStandIn tdh = standIn(t);
        tdh.maps.put(t.provider + "/M&<", TeiBlob.map("M&<", 1, List.of(1L, 2L), List.of("x<y>&", "line\nfeed")));
        SchemaExport.Report r = SchemaExport.over(tdh).exportTo(root);
        Path file = r.folder().resolve(t.provider + ".man");
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()); // well-formed for anyone
        assertThat(r.problems()).singleElement().asString().contains("U+FFFD");

        ManifestSchemas m = ManifestSchemas.create(file);
        assertThat(m.problems()).isEmpty();
        assertThat(m.providers()).containsEntry(t.provider, "Evil<&\"'>]]>--Provider");
        EventRecord rec = EventRecord.builder().headerKind(HeaderKind.EVENT).providerId(t.provider)
                .descriptor(new EventDescriptor(t.id, t.version, 0, 4, 0, 0, 0))
                .flags(EventRecord.FLAG_64_BIT_HEADER).timestamp(Instant.EPOCH)
                .payload(new byte[] {2, 0, 0, 0, 5, 0, 0, 0}).build();
        DecodedEvent d = EventDecoder.builder().add(m).build().decode(rec);
        assertThat(d.eventName()).contains("E<v>&nt \"1\" -->");
        assertThat(d.schema().orElseThrow().taskName()).contains("T&sk");
        assertThat(d.fields()).containsEntry("a\"b<c>&d\te", new MappedValue(2, List.of("line\nfeed")))
                .containsEntry("bell\uFFFD", 5L);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).doesNotContain("\u0007");
        assertThat(TdhBuffers.providers(tdh.providers())).extracting(TdhBuffers.Provider::name)
                .containsExactly("Evil<&\"'>]]>--Provider");
    }
}
