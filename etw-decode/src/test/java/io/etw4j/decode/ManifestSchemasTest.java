package io.etw4j.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.core.session.Provider;
import io.etw4j.core.session.ProviderNames;
import io.etw4j.core.session.UnknownProviderException;
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
        ManifestSchemas s = ManifestSchemas.create();
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
        ManifestSchemas s = ManifestSchemas.create().loadResource(getClass().getClassLoader(),
                "io/etw4j/decode/classpath-test.man");
        assertThat(s.providers()).containsEntry(ES, "My-Source");
        assertThatThrownBy(() -> s.loadResource(getClass().getClassLoader(), "no/such.man"))
                .isInstanceOf(ManifestException.class).hasMessageContaining("no such resource");
    }

    @Test
    void lookupsNeverThrow() {
        ManifestSchemas s = ManifestSchemas.create();
        assertThat(s.schemaFor(null)).isEmpty();
        assertThat(s.schema(null)).isEmpty();
        assertThat(s.providerName(null)).isEmpty();
        assertThatThrownBy(() -> s.load(Path.of("/no/such/file.man"))).isInstanceOf(ManifestException.class);
    }

    @Test
    void providerNamesResolveTheLoadedManifestsProvidersWithoutRegardToCase() throws Exception {
        ManifestSchemas clr = ManifestSchemas.create(ManifestBaselineTest.clrManifest());
        ProviderNames names = clr.providerNames();

        UUID runtime = UUID.fromString("e13c0d23-ccbc-4e12-931b-d9cc2eee27e4");
        assertThat(names.find("Microsoft-Windows-DotNETRuntime")).contains(runtime);
        assertThat(names.find("microsoft-windows-dotnetruntime")).contains(runtime);
        assertThat(names.find("Microsoft-Windows-DotNETRuntimeRundown"))
                .contains(UUID.fromString("a669021c-c450-4609-a035-5af59af4df18"));
        assertThat(names.all().keySet()).containsExactly("Microsoft-Windows-DotNETRuntime",
                "Microsoft-Windows-DotNETRuntimePrivate", "Microsoft-Windows-DotNETRuntimeRundown",
                "Microsoft-Windows-DotNETRuntimeStress");
        assertThat(Provider.named("Microsoft-Windows-DotNETRuntime", names)).isEqualTo(Provider.of(runtime));
    }

    @Test
    void anUnknownNameListsTheLoadedProvidersCloseToIt() throws Exception {
        ProviderNames names = ManifestSchemas.create(ManifestBaselineTest.clrManifest()).providerNames();

        assertThatThrownBy(() -> Provider.named("Microsoft-Windows-DotNetRuntime-Rundown", names))
                .isExactlyInstanceOf(UnknownProviderException.class)
                .hasMessageStartingWith("no ETW provider named 'Microsoft-Windows-DotNetRuntime-Rundown' in"
                        + " ManifestSchemas.providerNames() (4 providers from loaded manifests); close matches:"
                        + " Microsoft-Windows-DotNETRuntimeRundown")
                .satisfies(e -> assertThat(((UnknownProviderException) e).closeMatches())
                        .startsWith("Microsoft-Windows-DotNETRuntimeRundown"));
    }

    @Test
    void providerNamesIsAViewOfWhatIsLoadedTheLastLoadedWinning() throws Exception {
        ManifestSchemas s = ManifestSchemas.create();
        ProviderNames names = s.providerNames();
        assertThat(names.find("My-Source")).isEmpty();
        assertThat(names.all()).isEmpty();

        s.load(EventSourceSchemasTest.XML.getBytes(java.nio.charset.StandardCharsets.UTF_8), "first");
        assertThat(names.find("my-source")).contains(ES);

        UUID other = UUID.fromString("11111111-2222-3333-4444-555555555555");
        String renamed = EventSourceSchemasTest.XML.replace(ES.toString(), other.toString())
                .replace("My-Source", "MY-SOURCE");
        assertThat(renamed).contains(other.toString());
        s.load(renamed.getBytes(java.nio.charset.StandardCharsets.UTF_8), "second");
        assertThat(names.find("My-Source")).contains(other);
        assertThat(names.all()).hasSize(1);
    }
}
