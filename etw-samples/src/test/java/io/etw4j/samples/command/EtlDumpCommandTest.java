package io.etw4j.samples.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.etl.EtlReadOptions;
import io.etw4j.core.etl.EtlReaderStatistics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EtlDumpCommandTest {

    private static final Pattern RECORDS = Pattern.compile("etl-dump: (\\d+) records");

    private static Path capture(String name) {
        Optional<Path> p = SharedEtl.find(name);
        assumeTrue(p.isPresent(), SharedEtl.absent(name));
        return p.get();
    }

    /** What the reader itself reports for the file: its record count, read independently of the command. */
    private static EtlReaderStatistics readerStatistics(Path file) {
        EtlFile etl = EtlFile.open(file, EtlReadOptions.defaults());
        etl.records().blockLast();
        return etl.statistics();
    }

    private static long reportedRecords(String err) {
        Matcher m = RECORDS.matcher(err);
        assertThat(m.find()).as("statistics line on stderr: %s", err).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void lxcoreGivesOneJsonObjectPerRecordHeaderFirst() throws Exception {
        Path file = capture("lxcore_kernel.etl");
        CommandRun run = CommandRun.run("etl-dump", file.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        List<JsonNode> lines = run.jsonLines(); // fails on any line that is not exactly one JSON object
        long reported = readerStatistics(file).records();
        assertThat((long) lines.size()).isEqualTo(reported).isEqualTo(reportedRecords(run.err()));
        JsonNode header = lines.get(0);
        assertThat(header.get("kind").asText()).isEqualTo("LOGFILE_HEADER");
        assertThat(header.get("hook").asText()).isEqualTo("0x0000");
        // The logger name is the file's own (shared/etl/README.md: "a small lxcore session").
        assertThat(header.get("logfile").get("loggerName").asText()).isEqualTo("lxcore_kernel");
        assertThat(header.get("logfile").get("pointerSize").asInt()).isEqualTo(8);
        // shared/etl/README.md: "logfile header and two EVENT_HEADER records".
        List<JsonNode> events = lines.stream().filter(n -> n.get("kind").asText().equals("EVENT")).toList();
        assertThat(events).hasSize(2);
        assertThat(lines.subList(1, lines.size())).allSatisfy(n -> {
            assertThat(n.get("logfile")).isNull();
            assertThat(n.get("payloadHex").asText().length())
                    .isEqualTo(2 * Math.min(32, n.get("payloadSize").asInt()));
        });
        assertThat(run.out()).endsWith("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AMSITrace.etl", "powershell.etl", "ShutdownPerfDiagLogger.etl"})
    void everyCaptureDumpsAsManyLinesAsTheReaderReports(String name) throws Exception {
        Path file = capture(name);
        CommandRun run = CommandRun.run("etl-dump", "--hex-bytes", "0", file.toString());
        EtlReaderStatistics stats = readerStatistics(file);
        List<JsonNode> lines = run.jsonLines();
        assertThat((long) lines.size()).isEqualTo(stats.records()).isEqualTo(reportedRecords(run.err()));
        assertThat(lines.get(0).get("kind").asText()).isEqualTo("LOGFILE_HEADER");
        assertThat(lines).allSatisfy(n -> assertThat(n.get("payloadHex").asText()).isEmpty());
        assertThat(run.exitCode()).isEqualTo(
                stats.errorCount() > 0 || stats.buffersSkipped() > 0 || stats.buffersMarkedLost() > 0
                        ? ExitCodes.PROBLEMS : ExitCodes.OK);
    }

    @Test
    void kernelRecordsCarryTheirHook() throws Exception {
        Path file = capture("ShutdownPerfDiagLogger.etl");
        CommandRun run = CommandRun.run("etl-dump", "--hex-bytes", "0", file.toString());
        List<JsonNode> kernel = run.jsonLines().stream()
                .filter(n -> List.of("SYSTEM", "COMPACT", "PERFINFO").contains(n.get("kind").asText())).toList();
        assertThat(kernel).isNotEmpty();
        assertThat(kernel).allSatisfy(n -> {
            int id = n.get("id").asInt();
            assertThat(n.get("hook").asText()).isEqualTo(String.format("0x%04x", id));
            assertThat(n.get("group").asInt()).isEqualTo(id >> 8);
            assertThat(n.get("opcode").asInt()).isEqualTo(id & 0xFF);
        });
    }

    @Test
    void timeOrderMergesProcessorsIntoTimestampOrder() throws Exception {
        Path file = capture("ShutdownPerfDiagLogger.etl");
        CommandRun run = CommandRun.run("etl-dump", "--time-order", "--hex-bytes", "0", file.toString());
        List<JsonNode> lines = run.jsonLines();
        assertThat((long) lines.size()).isEqualTo(readerStatistics(file).records());
        assertThat(lines.get(0).get("kind").asText()).isEqualTo("LOGFILE_HEADER");
        List<java.time.Instant> times = lines.stream().map(n -> java.time.Instant.parse(n.get("time").asText()))
                .toList();
        assertThat(times).isSorted();
    }

    @Test
    void aMissingFileFailsWithNothingOnStdout(@TempDir Path dir) {
        CommandRun run = CommandRun.run("etl-dump", dir.resolve("absent.etl").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("cannot read").contains("absent.etl");
    }

    @Test
    void aFileWithoutALogfileHeaderFailsWithNothingOnStdout(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.etl");
        byte[] bytes = new byte[8192];
        java.util.Arrays.fill(bytes, (byte) 0x5a);
        Files.write(junk, bytes);
        CommandRun run = CommandRun.run("etl-dump", junk.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("cannot read").contains("junk.etl");
    }

    @Test
    void aTruncatedFileKeepsStdoutCleanAndReportsTheProblem(@TempDir Path dir) throws Exception {
        Path source = capture("lxcore_kernel.etl");
        byte[] all = Files.readAllBytes(source);
        Path cut = dir.resolve("cut.etl");
        // Cut inside the last buffer: the logfile header buffer stays whole, the rest ends early.
        Files.write(cut, java.util.Arrays.copyOf(all, all.length - 100));
        CommandRun run = CommandRun.run("etl-dump", cut.toString());
        List<JsonNode> lines = run.jsonLines();
        assertThat(lines).isNotEmpty();
        assertThat(lines.get(0).get("kind").asText()).isEqualTo("LOGFILE_HEADER");
        assertThat((long) lines.size()).isEqualTo(reportedRecords(run.err()));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(run.err()).contains("TRUNCATED_FILE");

        CommandRun strict = CommandRun.run("etl-dump", "--strict", cut.toString());
        assertThat(strict.exitCode()).isEqualTo(ExitCodes.FAILED);
        strict.jsonLines();
        assertThat(strict.err()).contains("stopped").contains("TRUNCATED_FILE");
    }

    @Test
    void aFileCutAtABufferBoundaryIsReportedTruncated(@TempDir Path dir) throws Exception {
        Path source = capture("powershell.etl");
        Path cut = dir.resolve("cut.etl");
        // 13 of its 26 buffers of 8,192 bytes (its logfile header: BufferSize 8192, BuffersWritten 26)
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(source), 13 * 8192));
        CommandRun run = CommandRun.run("etl-dump", cut.toString());
        assertThat((long) run.jsonLines().size()).isEqualTo(reportedRecords(run.err()));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(run.err()).contains("truncated: 13 of 26 buffers");

        CommandRun strict = CommandRun.run("etl-dump", "--strict", cut.toString());
        assertThat(strict.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(strict.err()).contains("TRUNCATED_FILE").contains("truncated: 13 of 26 buffers");
    }

    @Test
    void damageInTheCompressedCaptureIsSkippedAndEachLostRangeListed(@TempDir Path dir) throws Exception {
        Path source = capture("net.4.5.2.x64.etl");
        byte[] all = Files.readAllBytes(source);
        byte[] noise = new byte[20_000];
        new java.util.Random(12).nextBytes(noise);
        System.arraycopy(noise, 0, all, 1_000_000, noise.length);
        Path damaged = dir.resolve("damaged.etl");
        Files.write(damaged, all);
        CommandRun run = CommandRun.run("etl-dump", damaged.toString());
        long lines = run.jsonLines().size();
        assertThat(lines).isEqualTo(reportedRecords(run.err()));
        // The intact file has 179,474 records; before resynchronisation this damage stopped the read at 60,304.
        assertThat(lines).isGreaterThan(175_000);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.PROBLEMS);
        assertThat(run.err()).containsPattern("lost bytes 0x[0-9a-f]+-0x[0-9a-f]+ \\(\\d+ bytes\\)")
                .doesNotContain("truncated");
    }

    @Test
    void helpDocumentsTheExitCodes() {
        CommandRun run = CommandRun.run("etl-dump", "--help");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Exit codes:").contains("malformed parts were skipped");
    }
}
