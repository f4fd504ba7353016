package io.etw4j.samples.command;

import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.etl.EtlFormatException;
import io.etw4j.core.etl.EtlIoException;
import io.etw4j.core.etl.EtlReadOptions;
import io.etw4j.core.etl.EtlReaderStatistics;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.SchemaFolders;
import io.etw4j.decode.SchemaSource;
import io.etw4j.samples.filter.RecordFilter;
import io.etw4j.samples.summary.ScmActs;
import io.etw4j.samples.summary.SummaryPage;
import io.etw4j.samples.summary.SummaryTable;
import io.etw4j.samples.summary.TraceSummary;
import io.etw4j.scm.ScmMonitor;
import io.etw4j.scm.ScmProviders;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code etl-summary FILE...}: per provider and event, the count, the time range and the processes of one or more .etl
 * files, as an aligned table (default) or CSV on stdout, and with {@code --html OUT} one self-contained HTML page with
 * a timeline (io.etw4j.samples.summary). Names come from the records' schemas (TraceLogging metadata, the event
 * information in the file, {@code --manifest} files, in-trace EventSource manifests, kernel MOF classes) and from the
 * SCM providers' names. When a file holds records of the SCM providers, the {@link ScmMonitor} runs over it too and
 * the page gets one lane per client process.
 */
@Command(name = "etl-summary",
        mixinStandardHelpOptions = true,
        versionProvider = CommandHelp.Version.class,
        description = {
            "Summarises .etl files: per provider and event the count, first and last time and the processes "
                + "(any OS).",
            "",
            "An aligned table on stdout (or --csv); --html OUT also writes one self-contained HTML page: events over "
                + "time per provider and, when the files hold SCM records, the SCM acts per client process. The "
                + "reader's damage report and the SCM monitor's counters go to stderr."
        },
        footerHeading = "%nDocumentation:%n",
        footer = {CommandHelp.DOCS_LINE_1, CommandHelp.DOCS_LINE_2},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every file read without damage",
            "1:read to the end, but a file had malformed parts or was truncated (listed on stderr)",
            "2:bad command line",
            "3:a file or a --manifest could not be read, or --html OUT cannot be written",
            CommandHelp.CRASHED_EXIT_LINE
        })
public final class EtlSummaryCommand implements Callable<Integer> {
    static final String NAME = "etl-summary";

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The .etl files.")
    private List<Path> files;

    @Option(names = "--csv", description = "CSV (RFC 4180) instead of the aligned table.")
    private boolean csv;

    @Option(names = "--top", paramLabel = "N", defaultValue = "3",
            description = "PIDs shown per row, those with the most records. Default: ${DEFAULT-VALUE}.")
    private int top;

    @Option(names = "--no-scm", description = "Do not run the SCM monitor over files with SCM records.")
    private boolean noScm;

    @Option(names = "--manifest", paramLabel = "FILE_OR_DIR",
            description = "An instrumentation manifest (or a folder of them) for names (repeatable).")
    private List<Path> manifests = new ArrayList<>();

    @Option(names = "--schemas", paramLabel = "DIR",
            description = "A folder written by schema-export, for names (repeatable; the newest build is asked "
                    + "first, as the files may come from several builds; a provider's manifest is read on its "
                    + "first record).")
    private List<Path> schemas = new ArrayList<>();

    @Mixin
    private HtmlOption html = new HtmlOption();

    @Mixin
    private FilterOptions filters = new FilterOptions();

    @Mixin
    private MaxRecordsOption maxRecords = new MaxRecordsOption();

    @Mixin
    private ProgressOption progress = new ProgressOption();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        for (Path m : manifests) {
            if (!InputFile.readable(NAME, "the manifest ", m, true, err)) {
                return ExitCodes.FAILED;
            }
        }
        for (Path s : schemas) {
            if (!InputFile.readable(NAME, "the schema folder ", s, true, err)) {
                return ExitCodes.FAILED;
            }
        }
        for (Path f : files) {
            if (!InputFile.readable(NAME, "", f, false, err)) {
                return ExitCodes.FAILED;
            }
        }
        if (!html.plan(NAME, err)) {
            return ExitCodes.FAILED;
        }
        EventDecoder decoder;
        try {
            decoder = Decoders.forSummary(manifests, schemas);
        } catch (RuntimeException e) {
            err.println(NAME + ": cannot load the manifests: " + CommandHelp.describe(e));
            err.flush();
            return ExitCodes.FAILED;
        }
        TraceSummary summary = new TraceSummary();
        ScmActs acts = new ScmActs();
        boolean problems = false;
        Instant now = Instant.now();
        for (Path file : files) {
            EtlFile etl = EtlInput.open(NAME, file, EtlReadOptions.defaults(), err);
            if (etl == null) {
                return ExitCodes.FAILED;
            }
            RecordFilter filter = filters.filter(spec.commandLine(), etl.header().startTime(), now,
                    FilterOptions.KNOWN.orElse(Decoders.names(Decoders.manifests(manifests), schemas)));
            boolean[] scm = {false};
            try (ProgressOption.Running shown = progress.start(NAME, List.of(file), etl::statistics, err)) {
                maxRecords.apply(etl.records().filter(r -> {
                    scm[0] |= r.isTraceMessage() || ScmProviders.SERVICES_GUID.equals(r.providerId())
                            || ScmProviders.KERNEL_PROCESS_GUID.equals(r.providerId());
                    return true;
                }).map(r -> new Named(r, decoder.decode(r))).filter(n -> n.passes(filter)))
                        .doOnNext(n -> summary.add(n.record.providerId(), n.record.id(), n.record.processId(),
                                n.record.timestamp(), n.providerName(), n.decoded.eventName()))
                        .blockLast();
            } catch (EtlIoException e) {
                err.println(NAME + ": " + CommandHelp.describe(e));
                err.flush();
                return ExitCodes.FAILED;
            }
            problems |= report(file, etl.statistics(), err);
            if (scm[0] && !noScm) {
                try {
                    scmActs(file, filter, acts, err);
                } catch (EtlIoException | EtlFormatException e) {
                    err.println(NAME + ": " + Failures.safe(file.getFileName()) + ": SCM monitor stopped: "
                            + CommandHelp.describe(e));
                    problems = true;
                }
            }
        }
        for (SchemaSource s : decoder.sources()) {
            if (s instanceof SchemaFolders sf) {
                err.println(NAME + ": schemas: " + Failures.safe(sf.describe()) + "; " + sf.loadedProviders()
                        + " providers' manifests read");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(csv ? SummaryTable.csv(summary, top) : SummaryTable.text(summary, top));
        out.flush();
        String title = files.stream().map(f -> String.valueOf(f.getFileName())).collect(Collectors.joining(", "));
        if (!html.write(NAME, SummaryPage.render(title, summary, acts, top), err)) {
            err.flush();
            return ExitCodes.FAILED;
        }
        err.flush();
        return problems ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }

    /** A record with its decoding, for its names. */
    private record Named(EventRecord record, DecodedEvent decoded) {
        Optional<String> providerName() {
            Optional<String> n = decoded.providerName();
            return n.isPresent() ? n : FilterOptions.knownName(record.providerId());
        }

        boolean passes(RecordFilter f) {
            return f.test(record, providerName());
        }
    }

    /** The SCM acts of {@code file}: the monitor over all its records (time order), the filter after it. */
    private static void scmActs(Path file, RecordFilter filter, ScmActs acts, PrintWriter err) {
        EtlFile etl = EtlFile.open(file, EtlReadOptions.defaults().withTimestampOrder(true));
        ScmMonitor monitor = ScmMonitor.builder().from(etl.records());
        monitor.events().filter(e -> FilterOptions.test(filter, e)).doOnNext(acts::add).blockLast();
        err.println(NAME + ": " + Failures.safe(file.getFileName()) + ": SCM "
                + Failures.safe(ScmMonitorCommand.describe(monitor.statistics())));
    }

    /** Prints the reader's damage for {@code file}; {@return true if there was any} */
    private static boolean report(Path file, EtlReaderStatistics stats, PrintWriter err) {
        for (String line : ReaderReport.damage(stats)) {
            err.println(NAME + ": " + Failures.safe(file.getFileName()) + ": " + line);
        }
        return ReaderReport.problems(stats);
    }
}
