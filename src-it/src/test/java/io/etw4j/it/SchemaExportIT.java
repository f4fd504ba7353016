package io.etw4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.session.EtwSession;
import io.etw4j.core.session.LogFile;
import io.etw4j.core.session.Provider;
import io.etw4j.core.session.TraceLevel;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.SchemaExport;
import io.etw4j.decode.SchemaFolders;
import io.etw4j.decode.SchemaOrigin;
import io.etw4j.decode.TdhSchemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;

/**
 * On a real, elevated Windows host: {@link SchemaExport} exports Microsoft-Windows-Kernel-Process from the host's TDH
 * (TdhEnumerateManifestProviderEvents, TdhGetManifestEventInformation, TdhGetEventMapInformation), a file-mode
 * session records a ProcessStart of a child this test starts, and the .etl decodes with the exported folder alone
 * ({@link SchemaFolders}, the decoding any OS does) to the same fields TDH gives for the same record
 * ({@link TdhSchemas}). A rerun of the export writes nothing. The exported folder and what each path decoded are left
 * in {@code target/schema-export-it/} so that a Windows user can send them back. Same skip rules as
 * {@link ScmMonitorIT}.
 */
@EnabledOnOs(value = OS.WINDOWS, disabledReason = "needs a real Windows host: TDH exists only there")
@EnabledIfSystemProperty(named = "etw4j.it", matches = "true",
        disabledReason = "starts a live session: run with -Pwindows-it (sets etw4j.it=true)")
class SchemaExportIT {
    @TempDir
    Path dir;

    @BeforeAll
    static void requireElevation() {
        Elevation.assume();
    }

    @Test
    void theHostsExportDecodesATraceRecordedThereAsTdhDoes() throws Exception {
        Path out = Path.of("target", "schema-export-it");
        SchemaExport export = SchemaExport.onThisHost().providers(List.of("Microsoft-Windows-Kernel-Process"));
        SchemaExport.Report first = export.exportTo(out);
        assertThat(first.manifests()).as(first.toString()).isEqualTo(1);
        assertThat(first.events()).isGreaterThan(10);
        SchemaExport.Report again = export.exportTo(out);
        assertThat(again.filesWritten()).as("a rerun writes nothing").isZero();

        Path etl = dir.resolve("process.etl");
        EtwSession session = EtwSession.builder("etw4j-it-schema-export").enable(Provider.of(LiveTracing.KERNEL_PROCESS)
                .level(TraceLevel.INFORMATION).matchAnyKeyword(LiveTracing.KEYWORD_PROCESS))
                .logFile(LogFile.sequential(etl)).realTime(false).build();
        Disposable d = session.records().subscribe();
        long child;
        try {
            Thread.sleep(LiveTracing.SETTLE.toMillis());
            child = LiveTracing.runChild();
            Thread.sleep(LiveTracing.SETTLE.toMillis());
        } finally {
            d.dispose();
        }
        EtlFile file = EtlFile.open(etl);
        long pid = child;
        EventRecord start = file.records().filter(r -> LiveTracing.isKernelProcessStartOf(r, pid)).blockFirst();
        assertThat(start).as("the ProcessStart of pid %d in %s", child, etl).isNotNull();

        SchemaFolders folders = SchemaFolders.open(out).preferring(file.header());
        DecodedEvent exported = EventDecoder.builder().add(folders).laterVersions(false).build().decode(start);
        DecodedEvent tdh = EventDecoder.builder().add(TdhSchemas.create()).build().decode(start);
        Files.writeString(out.resolve("decoded.txt"), folders.describe() + "\n" + exported + "\n" + tdh + "\n",
                StandardCharsets.UTF_8);

        assertThat(folders.folders().get(0)).isEqualTo(first.folder());
        assertThat(exported.schema().orElseThrow().origin()).isEqualTo(SchemaOrigin.MANIFEST);
        assertThat(exported.errors()).isEmpty();
        assertThat(exported.field("ProcessID")).contains(child);
        assertThat(exported.eventName()).isEqualTo(tdh.eventName());
        assertThat(exported.fields()).isEqualTo(tdh.fields());
    }
}
