package io.etw4j.samples.command;

import io.etw4j.core.etl.EtlFormatException;
import io.etw4j.core.etl.EtlIoException;
import io.etw4j.json.DevicePaths;
import io.etw4j.json.JsonLinesWriter;
import io.etw4j.samples.filter.RecordFilter;
import io.etw4j.samples.progress.ProgressDisplay;
import io.etw4j.samples.summary.ScmActs;
import io.etw4j.samples.summary.SummaryPage;
import io.etw4j.samples.summary.TraceSummary;
import io.etw4j.samples.terminal.TerminalSafe;
import io.etw4j.scm.MessageTableException;
import io.etw4j.scm.history.BootProcesses;
import io.etw4j.scm.history.BootSummary;
import io.etw4j.scm.history.HistoryEvent;
import io.etw4j.scm.history.HistoryOtherRecord;
import io.etw4j.scm.history.HistoryScmEvent;
import io.etw4j.scm.history.ScmBoot;
import io.etw4j.scm.history.ScmHistory;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import reactor.core.publisher.Flux;

/**
 * {@code scm-history}: Windows' own SCM trace history (the {@code SCM.EVM*} files of services.exe's {@code SCM}
 * session, {@code %windir%\System32\LogFiles\Scm}) read through {@link ScmHistory}, on any OS: one JSON line per
 * event, as {@code scm-monitor} prints it plus {@code "source"} (the file), boot after boot (oldest first), each boot
 * in time order; records that are not SCM events (the session's TraceLogging records) as {@code OtherRecord} lines. A
 * summary per boot goes to stderr at the end.
 */
@Command(name = "scm-history",
        mixinStandardHelpOptions = true,
        versionProvider = CommandHelp.Version.class,
        description = {
            "Prints the SCM events of Windows' own SCM trace files (SCM.EVM, SCM.EVM.1 .. SCM.EVM.5 in "
                + "%windir%\\System32\\LogFiles\\Scm) as JSON lines, on any OS.",
            "",
            "Each file is one boot: its events come with their client PIDs, in time order (a wrapped circular file "
                + "oldest surviving record first), each line naming its file in \"source\". A folder contributes "
                + "its SCM.EVM* files. A PID names a process of that boot only; no process is looked up.",
            "With --processes, another .etl of one of the boots (Kernel-Process records) names that boot's clients "
                + "(image, start time, parent); it is refused unless its BootTime is that boot's.",
            "On stderr at the end: one summary line per boot (events by type, distinct client PIDs, the time range "
                + "the file still covers, whether it wrapped) and the reader's damage report, if any."
        },
        footerHeading = "%nDocumentation:%n",
        footer = {CommandHelp.DOCS_LINE_1, CommandHelp.DOCS_LINE_2},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ran to the end, every file read without damage",
            "1:ran to the end, but a file had malformed parts (listed on stderr)",
            "2:bad command line",
            "3:could not run (a file or folder unreadable or not an .etl file, no SCM.EVM* file in a folder, bad "
                + "message table)"
        })
public final class ScmHistoryCommand implements Callable<Integer> {
    static final String NAME = "scm-history";

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE_OR_FOLDER",
            description = "SCM.EVM* files, or folders holding them (a copied LogFiles\\Scm folder).")
    private List<Path> inputs;

    @Option(names = "--message-table", paramLabel = "FILE",
            description = "SCM WPP message table override for the Windows build that wrote the files (see etw-scm).")
    private Path messageTable;

    @Option(names = "--processes", paramLabel = "BOOT_ETL",
            description = "An .etl of one of the boots with Microsoft-Windows-Kernel-Process process records: names "
                    + "the clients of that boot only (same boot: BootTime within 5 s, its trace started in that "
                    + "boot). Repeatable, one file per boot.")
    private List<Path> processes = List.of();

    @Option(names = "--acts-only", description = "Print only SCM events, not the OtherRecord lines (they are still "
            + "counted in the summary).")
    private boolean actsOnly;

    @Mixin
    private HexBytesOption hex = new HexBytesOption();

    @Mixin
    private FormatOption format = new FormatOption();

    /** Filters on the lines, after the monitor of each boot (correlation sees every record); see FilterOptions. */
    @Mixin
    private FilterOptions filters = new FilterOptions();

    /** --max-records: here, stop after N lines. */
    @Mixin
    private MaxRecordsOption maxRecords = new MaxRecordsOption();

    @Mixin
    private ProgressOption progress = new ProgressOption();

    /** --html OUT: the SCM events as a page, one lane per client process (PIDs of different boots share a lane). */
    @Mixin
    private HtmlOption html = new HtmlOption();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ScmHistory history = html.plan(NAME, err) ? open(err) : null;
        if (history == null) {
            err.flush();
            return ExitCodes.FAILED;
        }
        // SCM.EVM files carry no volume records and may come from another machine: device paths stay as logged
        JsonLinesWriter lines = format.builder(filters.out(spec.commandLine().getOut()), DevicePaths.none())
                .payloadHexBytes(hex.hexBytes).flushEachLine(true).build();
        Instant start = history.boots().stream().map(b -> b.header().startTime()).min(Instant::compareTo)
                .orElse(Instant.now());
        RecordFilter filter = filters.filter(spec.commandLine(), start, Instant.now(), FilterOptions.KNOWN);
        Flux<HistoryEvent> passed = history.events().filter(e -> e instanceof HistoryScmEvent s
                ? FilterOptions.test(filter, s.event())
                : !actsOnly && filter.test(((HistoryOtherRecord) e).record(), ((HistoryOtherRecord) e).providerName()));
        ScmActs acts = new ScmActs();
        try (ProgressOption.Running shown = progress.start(NAME, ProgressOption.totalSize(
                history.boots().stream().map(ScmBoot::file).toList()), () -> read(history), err)) {
            for (HistoryEvent e : maxRecords.apply(passed).toIterable()) {
                if (e instanceof HistoryScmEvent s) {
                    lines.write(s.event(), s.boot().fileName());
                    acts.add(s.event());
                } else if (!actsOnly) {
                    lines.write((HistoryOtherRecord) e, e.boot().fileName());
                }
            }
        } catch (EtlIoException x) {
            lines.flush();
            err.println(NAME + ": " + TerminalSafe.escape(x.getMessage()));
            err.flush();
            return ExitCodes.FAILED;
        }
        lines.flush();
        boolean problems = false;
        for (BootSummary s : history.summaries()) {
            err.println(NAME + ": " + TerminalSafe.escape(s.describe()));
            history.processes(s.boot()).ifPresent(p -> err.println(NAME + ": " + TerminalSafe.escape(
                    s.boot().fileName()) + ": clients named by the " + p.processes().size() + " processes of "
                    + TerminalSafe.escape(p.origin())));
            for (String line : ReaderReport.damage(s.reader())) {
                err.println(NAME + ": " + TerminalSafe.escape(s.boot().fileName()) + ": reader: " + line);
            }
            problems |= ReaderReport.problems(s.reader());
        }
        err.println(NAME + ": " + lines.written() + " lines from " + history.boots().size() + " boots");
        String title = history.boots().stream().map(ScmBoot::fileName).collect(Collectors.joining(", "));
        if (!html.write(NAME, SummaryPage.render(title, new TraceSummary(), acts, 3), err)) {
            err.flush();
            return ExitCodes.FAILED;
        }
        err.flush();
        return problems ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }

    /** What the boots read so far hold: their files' bytes and their records (a boot counts once it is read). */
    private static ProgressDisplay.Reading read(ScmHistory history) {
        long bytes = 0;
        long records = 0;
        for (BootSummary s : history.summaries()) {
            bytes += ProgressOption.totalSize(List.of(s.boot().file()));
            records += s.reader().records();
        }
        return new ProgressDisplay.Reading(bytes, records);
    }

    /** The history of the inputs, or null after one line on stderr saying which input cannot be read and why. */
    private ScmHistory open(PrintWriter err) {
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                continue;
            }
            Optional<String> unreadable = EtlInput.unreadable(p);
            if (unreadable.isPresent()) {
                err.println(NAME + ": cannot read " + TerminalSafe.escape(p) + ": " + unreadable.get());
                return null;
            }
        }
        if (messageTable != null) {
            Optional<String> refused = InputFile.refusal(messageTable, false);
            if (refused.isPresent()) {
                err.println(NAME + ": cannot read the message table " + TerminalSafe.escape(messageTable) + ": "
                        + refused.get());
                return null;
            }
        }
        for (Path p : processes) {
            Optional<String> unreadable = EtlInput.unreadable(p);
            if (unreadable.isPresent()) {
                err.println(NAME + ": cannot read " + TerminalSafe.escape(p) + ": " + unreadable.get());
                return null;
            }
        }
        ScmHistory.Builder builder = ScmHistory.builder();
        if (messageTable != null) {
            builder.messageTable(messageTable);
        }
        try {
            for (Path p : processes) {
                builder.processes(BootProcesses.fromEtl(p));
            }
            return builder.open(inputs);
        } catch (EtlIoException e) {
            err.println(NAME + ": cannot read " + TerminalSafe.escape(e.file().orElse("?")) + ": "
                    + EtlInput.reason(e.ioCause()));
        } catch (EtlFormatException e) {
            String file = e.file().orElse("?");
            err.println(NAME + ": cannot read " + TerminalSafe.escape(file) + ": " + EtlInput.reason(e, size(file)));
        } catch (MessageTableException | IllegalArgumentException | UncheckedIOException e) {
            err.println(NAME + ": " + TerminalSafe.escape(e.getMessage()));
        }
        return null;
    }

    private static long size(String file) {
        try {
            return Files.size(Path.of(file));
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }
}
