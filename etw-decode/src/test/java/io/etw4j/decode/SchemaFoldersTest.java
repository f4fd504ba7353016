package io.etw4j.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.session.Provider;
import io.etw4j.decode.testing.TraceEventBaseline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema folders of several builds: lazy loading by provider, the build chosen, provider names, bad files. */
class SchemaFoldersTest {
    static final UUID KERNEL_FILE = UUID.fromString("edd08927-9cc4-4e65-b970-c2560fb5c289");
    static List<EventRecord> records;

    @BeforeAll
    static void capture() throws Exception {
        Assumptions.assumeTrue(Files.exists(TraceEventBaseline.etlDir().resolve("net.4.5.2.x64.etl")),
                "../shared/etl/net.4.5.2.x64.etl not present");
        records = TraceEventBaseline.records();
    }

    /** Two builds: the capture's own (6.2.9200) with every provider, a newer one with Kernel-File only. */
    static Path twoBuilds(Path root) throws Exception {
        TdhStandIn own = TdhStandIn.of(records);
        SchemaExport.over(own).exportTo(root);
        TdhStandIn newer = TdhStandIn.of(records);
        newer.build = "10.0.22631.4460";
        SchemaExport.over(newer).providers(List.of("Microsoft-Windows-Kernel-File")).exportTo(root);
        return root;
    }

    @Test
    void theTracesBuildIsPreferredElseTheNewestAndProvidersLoadOnFirstUse(@TempDir Path root) throws Exception {
        twoBuilds(root);
        SchemaFolders any = SchemaFolders.open(root);
        assertThat(any.folders()).containsExactly(root.resolve("10.0.22631.4460"), root.resolve("6.2.9200.16384"));
        assertThat(any.describe()).contains("10.0.22631.4460").contains("the newest build");
        assertThat(any.folderOf(KERNEL_FILE)).contains(root.resolve("10.0.22631.4460"));

        SchemaFolders forTrace = any.preferring(EtlFile.open(TraceEventBaseline.etlDir().resolve("net.4.5.2.x64.etl"))
                .header());
        assertThat(forTrace.folders().get(0)).isEqualTo(root.resolve("6.2.9200.16384"));
        assertThat(forTrace.describe()).contains("matches the trace's 6.2.9200");
        assertThat(forTrace.folderOf(KERNEL_FILE)).contains(root.resolve("6.2.9200.16384"));
        assertThat(any.preferring("6.3.9600").describe()).contains("none matches the trace's 6.3.9600");

        assertThat(forTrace.loadedProviders()).as("nothing parsed before a record asks").isZero();
        EventDecoder decoder = EventDecoder.builder().add(forTrace).build();
        EventRecord kernelFile = records.stream().filter(r -> r.providerId().equals(KERNEL_FILE)).findFirst()
                .orElseThrow();
        DecodedEvent d = decoder.decode(kernelFile);
        assertThat(d.isDecoded()).isTrue();
        assertThat(d.providerName()).contains("Microsoft-Windows-Kernel-File");
        assertThat(forTrace.loadedProviders()).isEqualTo(1);
        int decoded = 0;
        for (EventRecord r : records) {
            if (r.headerKind() == HeaderKind.EVENT && decoder.decode(r).isDecoded()) {
                decoded++;
            }
        }
        assertThat(decoded).isGreaterThan(60_000);
        assertThat(forTrace.loadedProviders()).isEqualTo(7);
        assertThat(forTrace.problems()).isEmpty();
    }

    @Test
    void theIndexesNameTheProvidersForProviderNamed(@TempDir Path root) throws Exception {
        SchemaFolders folders = SchemaFolders.open(twoBuilds(root));
        assertThat(Provider.named("microsoft-windows-kernel-file", folders.providerNames()).id())
                .isEqualTo(KERNEL_FILE);
        assertThat(folders.providerName(KERNEL_FILE)).contains("Microsoft-Windows-Kernel-File");
        assertThat(folders.providerNames().all()).containsKey("Microsoft-Windows-DNS-Client");
        assertThat(folders.loadedProviders()).as("names come from the indexes alone").isZero();
    }

    @Test
    void aBadManifestIsAProblemAndABadFolderAnError(@TempDir Path root) throws Exception {
        twoBuilds(root);
        Files.writeString(root.resolve("10.0.22631.4460").resolve(KERNEL_FILE + ".man"), "<broken");
        SchemaFolders folders = SchemaFolders.open(root);
        EventRecord kernelFile = records.stream().filter(r -> r.providerId().equals(KERNEL_FILE)).findFirst()
                .orElseThrow();
        assertThat(folders.schemaFor(kernelFile)).isEmpty();
        assertThat(folders.problems()).singleElement().asString().contains(KERNEL_FILE + ".man");
        assertThatThrownBy(() -> SchemaFolders.open(Files.createDirectory(root.resolve("empty"))))
                .isInstanceOf(ManifestException.class).hasMessageContaining("index.txt");
        assertThatThrownBy(() -> SchemaFolders.open(root.resolve("absent"))).isInstanceOf(ManifestException.class);
    }
}
