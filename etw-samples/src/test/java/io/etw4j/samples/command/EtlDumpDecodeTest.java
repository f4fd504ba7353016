package io.etw4j.samples.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code etl-dump --decode}: the decoded object of each line, on the shared captures. */
class EtlDumpDecodeTest {
    @TempDir
    Path dir;

    private static Path capture(String name) {
        Optional<Path> p = SharedEtl.find(name);
        assumeTrue(p.isPresent(), SharedEtl.absent(name));
        return p.get();
    }

    @Test
    void traceLoggingEventsDecodeWithNamedFieldsAndNoErrors() {
        CommandRun run = CommandRun.run("etl-dump", "--decode", capture("AMSITrace.etl").toString());

        assertThat(run.exitCode()).isZero();
        List<JsonNode> lines = run.jsonLines();
        List<JsonNode> tl = lines.stream().filter(n -> n.get("decoded").isObject()
                && n.get("decoded").get("source").asText().equals("TRACELOGGING")).toList();
        assertThat(tl).hasSize(19).allSatisfy(n -> {
            JsonNode d = n.get("decoded");
            assertThat(d.get("provider").asText()).isEqualTo("AmsiTrace");
            assertThat(d.get("errors")).isEmpty();
            assertThat(d.get("fields").has("Engine")).isTrue();
        });
        assertThat(tl).anySatisfy(n -> assertThat(n.get("decoded").get("fields").get("Script").asText())
                .isEqualTo("$global:?"));
        assertThat(lines).allSatisfy(n -> assertThat(n.has("decoded")).isTrue());
    }

    @Test
    void clrEventsDecodeWithTheManifestGiven() throws IOException {
        Path etl = capture("net.4.5.2.x64.etl");
        Path man = etl.getParent().getParent().resolve("manifests").resolve("ClrEtwAll.man");
        assumeTrue(Files.isRegularFile(man), "no " + man);

        CommandRun run = CommandRun.run("etl-dump", "--decode", "--manifest", man.toString(), "--hex-bytes", "0",
                etl.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        long manifest = run.outLines().stream().filter(l -> l.contains("\"source\":\"MANIFEST\"")).count();
        long mof = run.outLines().stream().filter(l -> l.contains("\"source\":\"MOF\"")).count();
        assertThat(manifest).isPositive();
        assertThat(mof).isPositive();
        // The file's embedded event information describes most CLR events and is asked first; the manifest serves
        // the others (the CLR providers' events the embedded information does not describe).
        List<JsonNode> clr = run.jsonLines().stream().filter(n -> n.get("decoded").isObject()
                && "Microsoft-Windows-DotNETRuntime".equals(n.get("decoded").get("provider").asText(null))).toList();
        assertThat(clr).anySatisfy(n -> assertThat(n.get("decoded").get("source").asText()).isEqualTo("MANIFEST"));
        assertThat(clr).anySatisfy(n -> assertThat(n.get("decoded").get("source").asText()).isEqualTo("EVENT_INFO"));
        assertThat(clr).allSatisfy(n -> assertThat(n.get("decoded").get("fields").size()).isPositive());
    }

    @Test
    void aManifestWithoutDecodeIsAUsageError() {
        CommandRun run = CommandRun.run("etl-dump", "--manifest", "x.man", capture("lxcore_kernel.etl").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--manifest needs --decode");
    }

    @Test
    void aBadManifestStopsBeforeAnyLine() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.man"), "<instrumentationManifest><oops", StandardCharsets.UTF_8);

        CommandRun run = CommandRun.run("etl-dump", "--decode", "--manifest", bad.toString(),
                capture("lxcore_kernel.etl").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("etl-dump: cannot load the manifests");
    }

    @Test
    void withoutDecodeThereIsNoDecodedMember() {
        CommandRun run = CommandRun.run("etl-dump", capture("lxcore_kernel.etl").toString());

        assertThat(run.jsonLines()).allSatisfy(n -> assertThat(n.has("decoded")).isFalse());
    }

    @Test
    void providerDumpDecodesTheRecordsItKeepsWithWhatTheOthersTaught() {
        Path etl = capture("net.4.5.2.x64.etl");
        // Microsoft-Windows-Kernel-Process is described by the file's embedded event information (MetaData records
        // that provider-dump does not print: the decoder still sees them).
        CommandRun run = CommandRun.run("provider-dump", "--replay", etl.toString(), "--decode", "--guid",
                "22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716", "--max-records", "20");

        assertThat(run.exitCode()).isZero();
        List<JsonNode> lines = run.jsonLines();
        assertThat(lines).isNotEmpty().allSatisfy(n -> {
            assertThat(n.get("decoded").get("source").asText()).isEqualTo("EVENT_INFO");
            assertThat(n.get("decoded").get("provider").asText()).isEqualTo("Microsoft-Windows-Kernel-Process");
            assertThat(n.get("strings").isArray()).isTrue();
        });
    }
}
