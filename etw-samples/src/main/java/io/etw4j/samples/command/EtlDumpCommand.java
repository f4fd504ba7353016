package io.etw4j.samples.command;

import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.etl.EtlReadOptions;
import io.etw4j.core.etl.EtlReaderStatistics;
import io.etw4j.core.etl.RecordView;
import io.etw4j.decode.EventDecoder;
import io.etw4j.json.OutputClosedException;
import io.etw4j.json.JsonLinesWriter;
import io.etw4j.samples.filter.RecordFilter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code etl-dump FILE}: prints every record of an .etl file as one JSON object per line, the logfile header record
 * first, and nothing else on stdout; problems and the reader's statistics go to stderr. Uses
 * {@link EtlFile#open(Path, EtlReadOptions)} and {@link EtlFile#scan} (its reused view; {@link EtlFile#records()} with
 * {@code --max-records}), so it works on any OS. On the samples' stdout ({@link ByteStdout}) the
 * lines are written as UTF-8 bytes directly, byte for byte what the character path writes.
 */
@Command(name = "etl-dump",
        mixinStandardHelpOptions = true,
        versionProvider = CommandHelp.Version.class,
        description = {
            "Prints every record of an .etl file as JSON lines (any OS).",
            "",
            "One JSON object per record, the logfile header record first (with the decoded TRACE_LOGFILE_HEADER "
                + "in its \"logfile\" field), nothing else on stdout. Problems and the reader's statistics go to "
                + "stderr."
        },
        footerHeading = "%nDocumentation:%n",
        footer = {CommandHelp.DOCS_LINE_1, CommandHelp.DOCS_LINE_2},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every record read, no malformed part found",
            "1:read to the end, but malformed parts were skipped (each lost range of the file is listed on "
                + "stderr), the file is truncated (\"truncated: N of M buffers\" on stderr), the logger marked "
                + "buffers as having lost events (counted on stderr), or with --decode: a record had field errors or "
                + "a manifest was refused or had problems (\"schema problem:\" lines on stderr)",
            "2:bad command line",
            "3:the file or a --manifest could not be read (not found, not a regular file, unreadable, not an .etl "
                + "file), or --strict stopped at a malformed part",
            CommandHelp.CRASHED_EXIT_LINE
        })
public final class EtlDumpCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The .etl file.")
    private Path file;

    @Mixin
    private HexBytesOption hex = new HexBytesOption();

    @Mixin
    private FormatOption format = new FormatOption();

    @Option(names = "--time-order",
            description = "Merge the per-processor buffers into timestamp order (default: file order).")
    private boolean timeOrder;

    @Mixin
    DecodeOptions decoding = new DecodeOptions();

    @Mixin
    FilterOptions filters = new FilterOptions();

    @Mixin
    MaxRecordsOption maxRecords = new MaxRecordsOption();

    @Mixin
    ProgressOption progress = new ProgressOption();

    @Option(names = "--strict", description = "Stop at the first malformed part instead of skipping it.")
    private boolean strict;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!decoding.decode && decoding.anySchemas()) {
            err.println("etl-dump: " + decoding.givenSchemaOption() + " needs --decode");
            err.flush();
            return ExitCodes.USAGE;
        }
        if (!decoding.manifestsReadable("etl-dump", err) || !InputFile.readable("etl-dump", "", file, false, err)) {
            return ExitCodes.FAILED;
        }
        EtlReadOptions options = EtlReadOptions.defaults().withStrict(strict).withTimestampOrder(timeOrder);
        EtlFile etl = EtlInput.open("etl-dump", file, options, err);
        if (etl == null) {
            return ExitCodes.FAILED;
        }
        DecodeReport decoder;
        try {
            decoder = decoding.decode ? new DecodeReport(Decoders.forFiles(decoding.manifests, decoding.schemas,
                    etl.header())) : null;
        } catch (RuntimeException e) {
            err.println("etl-dump: cannot load the manifests: " + CommandHelp.describe(e));
            err.flush();
            return ExitCodes.FAILED;
        }
        RecordFilter filter = filters.filter(spec.commandLine(), etl.header().startTime(), Instant.now(),
                FilterOptions.KNOWN.orElse(Decoders.manifests(decoding.manifests).providerNames()));
        EventDecoder namer = filter.providerNames().isEmpty() ? null : Decoders.forFiles(decoding.manifests);
        PrintWriter stdout = spec.commandLine().getOut();
        JsonLinesWriter.Builder builder = stdout instanceof ByteStdout bytes && filters.fields.isEmpty()
                ? format.builder(bytes.bytes(), etl) : format.builder(filters.out(stdout), etl);
        // With --decode the writer decodes each record as it writes it (a flat payload from its bytes) and counts.
        JsonLinesWriter lines = builder.payloadHexBytes(hex.hexBytes).logfileHeader(etl.header())
                .decoder(decoder == null ? null : decoder.decoder()).build();
        RuntimeException failure = null;
        try (ProgressOption.Running shown = progress.start("etl-dump", List.of(file), etl::statistics, err)) {
            if (maxRecords.maxRecords < 0) {
                // Every record: the scan's reused view, written without a copy of the record unless decoded.
                Predicate<RecordView> passes = FilterOptions.views(filter, namer);
                etl.scan(v -> {
                    if (passes.test(v)) {
                        lines.write(v);
                    }
                });
            } else {
                Predicate<EventRecord> passes = FilterOptions.records(filter, namer);
                maxRecords.apply(etl.records().filter(passes))
                        .doOnNext(lines::write).blockLast();
            }
            lines.flush();
        } catch (OutputClosedException e) {
            // The reader of stdout is gone (etl-dump FILE | head): it has what it wanted; stop quietly.
            return ExitCodes.OK;
        } catch (RuntimeException e) {
            // EtlFormatException in --strict mode or on an I/O error: keep the whole lines written before it.
            failure = e;
            try {
                lines.flush();
            } catch (OutputClosedException closed) {
                return ExitCodes.OK;
            }
        }
        if (decoder != null) {
            decoder.add(lines.decodeCounts());
        }
        EtlReaderStatistics stats = etl.statistics();
        err.println("etl-dump: " + Failures.safe(ReaderReport.describe(stats)));
        for (String line : ReaderReport.damage(stats)) {
            err.println("etl-dump: " + line);
        }
        boolean decodeProblems = decoder != null && decoder.print("etl-dump", err);
        if (failure != null) {
            if (Failures.isCrash(failure)) {
                throw failure; // a defect, not a malformed file: exit code CRASHED, after the statistics
            }
            err.println("etl-dump: stopped after " + lines.written() + " lines: " + CommandHelp.describe(failure));
            err.flush();
            return ExitCodes.FAILED;
        }
        err.flush();
        return ReaderReport.problems(stats) || decodeProblems ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }
}
