package io.etw4j.samples;

import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.etl.EtlLostRange;
import io.etw4j.core.etl.EtlReadOptions;
import io.etw4j.decode.EventDecoder;
import io.etw4j.core.etl.EtlReaderStatistics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code etl-dump FILE}: prints every record of an .etl file as one JSON object per line, the logfile header record
 * first, and nothing else on stdout; problems and the reader's statistics go to stderr. Uses
 * {@link EtlFile#open(Path, EtlReadOptions)} and {@link EtlFile#records()}, so it works on any OS.
 */
@Command(name = "etl-dump",
        mixinStandardHelpOptions = true,
        versionProvider = Etw4jSamples.Version.class,
        description = {
            "Prints every record of an .etl file as JSON lines (any OS).",
            "",
            "One JSON object per record, the logfile header record first (with the decoded TRACE_LOGFILE_HEADER "
                + "in its \"logfile\" field), nothing else on stdout. Problems and the reader's statistics go to "
                + "stderr."
        },
        footerHeading = "%nDocumentation:%n",
        footer = {Etw4jSamples.DOCS_LINE_1, Etw4jSamples.DOCS_LINE_2},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every record read, no malformed part found",
            "1:read to the end, but malformed parts were skipped (each lost range of the file is listed on "
                + "stderr), the file is truncated (\"truncated: N of M buffers\" on stderr) or the logger marked "
                + "buffers as having lost events (counted on stderr)",
            "2:bad command line",
            "3:the file could not be read, or --strict stopped at a malformed part"
        })
public final class EtlDumpCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The .etl file.")
    private Path file;

    @Option(names = "--hex-bytes", paramLabel = "N", defaultValue = "32",
            description = "Payload bytes shown in payloadHex (-1: all). Default: ${DEFAULT-VALUE}.")
    private int hexBytes;

    @Option(names = "--time-order",
            description = "Merge the per-processor buffers into timestamp order (default: file order).")
    private boolean timeOrder;

    @Option(names = "--decode", description = "Add a \"decoded\" object to each line: named, typed fields from the "
            + "event's TraceLogging metadata, the event information embedded in the file, the --manifest files, "
            + "EventSource manifests in the trace and the kernel MOF classes (null when no schema is known).")
    boolean decode;

    @Option(names = "--manifest", paramLabel = "FILE_OR_DIR",
            description = "With --decode: an instrumentation manifest (.man / .manifest.xml) or a folder of them "
                    + "(repeatable).")
    List<Path> manifests = new ArrayList<>();

    @Option(names = "--strict", description = "Stop at the first malformed part instead of skipping it.")
    private boolean strict;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        EtlReadOptions options = EtlReadOptions.defaults().withStrict(strict).withTimestampOrder(timeOrder);
        EtlFile etl = EtlInput.open("etl-dump", file, options, err);
        if (etl == null) {
            return ExitCodes.FAILED;
        }
        EventDecoder decoder = null;
        if (decode) {
            try {
                decoder = Decoders.forFiles(manifests);
            } catch (RuntimeException e) {
                err.println("etl-dump: cannot load the manifests: " + Etw4jSamples.describe(e));
                err.flush();
                return ExitCodes.FAILED;
            }
        } else if (!manifests.isEmpty()) {
            err.println("etl-dump: --manifest needs --decode");
            err.flush();
            return ExitCodes.USAGE;
        }
        RecordJsonLines lines = new RecordJsonLines(spec.commandLine().getOut(), hexBytes, etl.header(), decoder);
        RuntimeException failure = null;
        try {
            etl.records().doOnNext(lines::write).blockLast();
            lines.flush();
        } catch (JsonLines.OutputClosedException e) {
            // The reader of stdout is gone (etl-dump FILE | head): it has what it wanted; stop quietly.
            return ExitCodes.OK;
        } catch (RuntimeException e) {
            // EtlFormatException in --strict mode or on an I/O error: keep the whole lines written before it.
            failure = e;
            try {
                lines.flush();
            } catch (JsonLines.OutputClosedException closed) {
                return ExitCodes.OK;
            }
        }
        EtlReaderStatistics stats = etl.statistics();
        err.println("etl-dump: " + describe(stats));
        for (String line : damage(stats)) {
            err.println("etl-dump: " + line);
        }
        if (failure != null) {
            err.println("etl-dump: stopped after " + lines.written() + " lines: " + Etw4jSamples.describe(failure));
            err.flush();
            return ExitCodes.FAILED;
        }
        err.flush();
        return problems(stats) ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }

    /**
     * True if the read found something a reader of the output must know: malformed parts (errors, skipped buffers)
     * or buffers the logger marked as having lost events (the capture has gaps).
     */
    static boolean problems(EtlReaderStatistics s) {
        return s.errorCount() > 0 || s.damaged() || s.buffersMarkedLost() > 0;
    }

    /**
     * One line per part of the file that was not read ({@code lost bytes 0x..-0x.. (N bytes)}), then
     * {@code truncated: N of M buffers} if the file was cut short; empty for an undamaged file.
     */
    static List<String> damage(EtlReaderStatistics s) {
        List<String> out = new ArrayList<>();
        for (EtlLostRange r : s.lostRanges()) {
            out.add("lost bytes 0x" + Long.toHexString(r.start()) + "-0x" + Long.toHexString(r.end()) + " ("
                    + r.length() + " bytes) of a damaged buffer and what followed it up to the next buffer found");
        }
        if (s.truncated()) {
            out.add(s.buffersExpected() >= 0
                    ? "truncated: " + s.buffersFound() + " of " + s.buffersExpected() + " buffers"
                    : "truncated: the file ends inside a buffer");
        }
        return out;
    }

    /** The statistics as one line for stderr. */
    static String describe(EtlReaderStatistics s) {
        StringBuilder b = new StringBuilder();
        b.append(s.records()).append(" records, ")
                .append(s.buffersRead()).append(" buffers (").append(s.buffersCompressed()).append(" compressed), ")
                .append(s.bytesRead()).append(" bytes read, ")
                .append(s.recordsSkipped()).append(" records of unmapped kinds passed over, ")
                .append(s.buffersSkipped()).append(" buffers skipped, ")
                .append(s.buffersMarkedLost()).append(" buffers marked lost by the logger, ")
                .append(s.bytesSkipped()).append(" bytes in ").append(s.lostRanges().size()).append(" lost ranges, ")
                .append(s.errorCount()).append(" errors");
        if (!s.errors().isEmpty()) {
            b.append(' ').append(s.errors());
        }
        return b.toString();
    }
}
