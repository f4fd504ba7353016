package io.etw4j.samples.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --schemas DIR} on the decoding commands, and {@code schema-export} off Windows. The schema folder is laid
 * out as schema-export writes one (index.txt, {@code <guid>.man} per build folder), here with the .NET runtime's
 * manifest for the capture's own build (6.2.9200) and an empty newer build.
 */
class SchemaFoldersOptionTest {
    static final String RUNTIME = "e13c0d23-ccbc-4e12-931b-d9cc2eee27e4";

    @TempDir
    Path dir;

    private static Path capture(String name) {
        Optional<Path> p = SharedEtl.find(name);
        assumeTrue(p.isPresent(), SharedEtl.absent(name));
        return p.get();
    }

    Path schemas(Path man) throws Exception {
        Path own = Files.createDirectories(dir.resolve("schemas").resolve("6.2.9200.16384"));
        Files.copy(man, own.resolve(RUNTIME + ".man"));
        Files.writeString(own.resolve("index.txt"), "# etw4j schema index 1\n# windows 6.2.9200.16384\n"
                + RUNTIME + "\tmanifest\t1\t" + RUNTIME + ".man\tMicrosoft-Windows-DotNETRuntime\n");
        Path newer = Files.createDirectories(dir.resolve("schemas").resolve("10.0.22631.4460"));
        Files.writeString(newer.resolve("index.txt"), "# etw4j schema index 1\n# windows 10.0.22631.4460\n");
        return dir.resolve("schemas");
    }

    @Test
    void etlDumpDecodesWithTheTracesBuildAndSaysWhichFolderWasUsed() throws Exception {
        Path etl = capture("net.4.5.2.x64.etl");
        Path man = etl.getParent().getParent().resolve("manifests").resolve("ClrEtwAll.man");
        assumeTrue(Files.isRegularFile(man), "no " + man);

        CommandRun run = CommandRun.run("etl-dump", "--decode", "--schemas", schemas(man).toString(), "--hex-bytes",
                "0", etl.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("etl-dump: schemas: 2 schema folder(s)")
                .contains("6.2.9200.16384 (build 6.2.9200.16384) first: its build matches the trace's 6.2.9200")
                .contains("1 providers' manifests read");
        assertThat(run.outLines().stream().filter(l -> l.contains("\"source\":\"MANIFEST\""))).isNotEmpty();
    }

    @Test
    void etlSummaryNamesEventsThroughTheSchemaFoldersAndSaysSo() throws Exception {
        Path etl = capture("net.4.5.2.x64.etl");
        Path man = etl.getParent().getParent().resolve("manifests").resolve("ClrEtwAll.man");
        assumeTrue(Files.isRegularFile(man), "no " + man);

        CommandRun without = CommandRun.run("etl-summary", "--no-scm", etl.toString());
        CommandRun with = CommandRun.run("etl-summary", "--no-scm", "--schemas", schemas(man).toString(),
                etl.toString());

        assertThat(with.exitCode()).as(with.err()).isIn(ExitCodes.OK, ExitCodes.PROBLEMS);
        assertThat(with.err()).contains("etl-summary: schemas: 2 schema folder(s)")
                .contains("1 providers' manifests read");
        assertThat(without.err()).doesNotContain("schemas:");
        assertThat(with.out()).as("names the runtime's events the trace itself does not describe")
                .isNotEqualTo(without.out());
    }

    @Test
    void providerNamesResolveThroughTheSchemaFolders() throws Exception {
        Path etl = capture("net.4.5.2.x64.etl");
        Path man = etl.getParent().getParent().resolve("manifests").resolve("ClrEtwAll.man");
        assumeTrue(Files.isRegularFile(man), "no " + man);

        CommandRun run = CommandRun.run("provider-dump", "--replay", etl.toString(), "--provider",
                "microsoft-windows-dotnetruntime", "--schemas", schemas(man).toString(), "--hex-bytes", "0");

        assertThat(run.exitCode()).as(run.err()).isIn(ExitCodes.OK, ExitCodes.PROBLEMS);
        assertThat(run.outLines()).isNotEmpty().allMatch(l -> l.contains(RUNTIME));
    }

    @Test
    void schemasWithoutDecodeIsAUsageErrorAndAMissingFolderFails() throws Exception {
        CommandRun run = CommandRun.run("etl-dump", "--schemas", dir.toString(), capture("lxcore_kernel.etl")
                .toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--schemas needs --decode");

        CommandRun none = CommandRun.run("etl-dump", "--decode", "--schemas", dir.toString(),
                capture("lxcore_kernel.etl").toString());
        assertThat(none.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(none.err()).contains("index.txt");
    }

    @Test
    void schemaExportNeedsWindows() {
        assumeTrue(!System.getProperty("os.name", "").startsWith("Windows"), "on Windows it would export");
        CommandRun run = CommandRun.run("schema-export", "--out", dir.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("schema-export: the schemas of a host come from its TDH, so this needs Windows");
        assertThat(Files.exists(dir.resolve("out"))).isFalse();
    }
}
