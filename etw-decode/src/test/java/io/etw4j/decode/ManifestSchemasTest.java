package io.etw4j.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading manifests from files, folders and the class path; bad files; lookups by key. */
class ManifestSchemasTest {
    static final UUID ES = EventSourceSchemasTest.ES;

    @Test
    void aFolderLoadsItsGoodFilesAndReportsTheBadOnes(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/good.manifest.xml"), EventSourceSchemasTest.XML);
        Files.writeString(dir.resolve("bad.man"), "<instrumentationManifest>\n<oops>");
        Files.writeString(dir.resolve("ignored.txt"), "not a manifest");
        ManifestSchemas s = new ManifestSchemas();
        assertThatThrownBy(() -> s.load(dir)).isInstanceOf(ManifestException.class)
                .satisfies(e -> assertThat(((ManifestException) e).source()).endsWith("bad.man"));
        assertThat(s.providers()).containsEntry(ES, "My-Source");
        assertThat(s.schema(new SchemaKey(ES, 1, 0))).get().extracting(EventSchema::eventName).asString()
                .contains("Job/Start");
        assertThat(s.schema(new SchemaKey(ES, 1, 1))).isEmpty();
        assertThat(s.size()).isEqualTo(1);
    }

    @Test
    void classPathResourcesLoad() throws Exception {
        ManifestSchemas s = new ManifestSchemas().loadResource(getClass().getClassLoader(),
                "io/etw4j/decode/classpath-test.man");
        assertThat(s.providers()).containsEntry(ES, "My-Source");
        assertThatThrownBy(() -> s.loadResource(getClass().getClassLoader(), "no/such.man"))
                .isInstanceOf(ManifestException.class).hasMessageContaining("no such resource");
    }

    @Test
    void lookupsNeverThrow() {
        ManifestSchemas s = new ManifestSchemas();
        assertThat(s.schemaFor(null)).isEmpty();
        assertThat(s.schema(null)).isEmpty();
        assertThat(s.providerName(null)).isEmpty();
        assertThatThrownBy(() -> s.load(Path.of("/no/such/file.man"))).isInstanceOf(ManifestException.class);
    }
}
