package io.etw4j.samples.command;

import io.etw4j.core.EventRecord;
import io.etw4j.core.UnsupportedPlatformException;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.etl.EtlReadOptions;
import io.etw4j.core.etl.EtlReaderStatistics;
import io.etw4j.samples.demo.DemoCapture;
import io.etw4j.json.DevicePaths;
import io.etw4j.json.JsonFormat;
import io.etw4j.json.JsonLinesWriter;
import io.etw4j.scm.RpcCorroborationStatistics;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ScmMonitor;
import io.etw4j.scm.ScmMonitorBuilder;
import io.etw4j.scm.ScmMonitorStatistics;
import io.etw4j.scm.ScmProviders;
import io.etw4j.samples.filter.RecordFilter;
import io.etw4j.samples.summary.ScmActs;
import io.etw4j.samples.summary.SummaryPage;
import io.etw4j.samples.summary.TraceSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * {@code scm-monitor}: the typed SCM events ({@link ScmEvent}: which process created, started, controlled or
 * reconfigured a service, which caused a driver to load) as JSON lines, one event per line, in the format of
 * "JSON output of the etw4j samples" (JSON-FORMAT.md). A summary goes to stderr at the end.
 */
@Command(name = "scm-monitor",
        mixinStandardHelpOptions = true,
        versionProvider = CommandHelp.Version.class,
        description = {
            "Prints SCM events (service created/started/controlled/changed, driver loaded) as JSON lines.",
            "",
            "Sources: live on this host (default; Windows, elevated: a real-time session with "
                + "Microsoft-Windows-Services and Microsoft-Windows-Kernel-Process, and the SCM WPP provider's records "
                + "from services.exe's own 'SCM' session, shared (or, without one or with --private-scm-session, "
                + "enabled in the monitor's session and given back at the end), until Ctrl-C, --max-events or "
                + "--duration); --replay FILE, an .etl file recorded with those providers (any OS); "
                + "--replay-demo, the demo capture shipped in this jar (any OS).",
            "One JSON object per event on stdout (field reference: the 'formats' subcommand). On stderr: a "
                + "warning line whenever the live session reports lost events, and a summary at the end (events "
                + "by type, message table, WPP message GUIDs seen, the attribution stage's counters such as "
                + "undecodable records, with --rpc-corroboration its counters, and live, how the SCM session was used "
                + "and whether it kept recording)."
        },
        footerHeading = "%nDocumentation:%n",
        footer = {CommandHelp.DOCS_LINE_1, CommandHelp.DOCS_LINE_2},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ran to the end, nothing lost or skipped",
            "1:ran to the end, but events were lost (live), the file had malformed parts (each lost range listed "
                + "on stderr), was truncated (\"truncated: N of M buffers\") or had buffers marked lost, "
                + "or it holds none of the three providers",
            "2:bad command line",
            "3:could not run (not Windows for live, the file or --message-table not found, unreadable or not a "
                + "regular file, bad message table, an ETW call failed)",
            CommandHelp.CRASHED_EXIT_LINE
        })
public final class ScmMonitorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ReplayOption replayOption = new ReplayOption();

    @Option(names = "--replay-demo", description = "Replay the demo capture shipped in this jar.")
    private boolean replayDemo;

    @Mixin
    private DurationOption duration = new DurationOption();

    /** --session-name: by default the subcommand's name, which is {@link ScmMonitor#DEFAULT_SESSION_NAME}. */
    @Mixin
    private SessionNameOption sessionName = new SessionNameOption();

    @Option(names = "--no-wpp", description = "Do not use the SCM WPP provider (Service Control Manager Trace).")
    private boolean noWpp;

    @Option(names = "--no-services", description = "Do not use Microsoft-Windows-Services.")
    private boolean noServices;

    @Option(names = "--no-kernel", description = "Do not use Microsoft-Windows-Kernel-Process (no process table, "
            + "no driver loads).")
    private boolean noKernel;

    @Option(names = "--private-scm-session", description = "Live: enable the SCM WPP provider in the monitor's own "
            + "session (taking it from services.exe's 'SCM' session, given back at the end) instead of sharing the "
            + "'SCM' session.")
    private boolean privateScmSession;

    @Option(names = "--message-table", paramLabel = "FILE",
            description = "SCM WPP message table override for your Windows build (see etw-scm).")
    private Path messageTable;

    @Option(names = "--rpc-corroboration", description = "Also read Microsoft-Windows-RPC client calls (event 5) "
            + "to svcctl: an act whose client made the matching call is marked corroborated, a call without an act "
            + "is printed as ServiceCallObserved. Costs: live, the session receives every RPC call on the host (the "
            + "provider has no keywords to narrow it), and every event is delivered later, by up to 13 s of trace "
            + "time with the defaults. Off by default; live and with --replay (the file must hold the RPC records).")
    private boolean rpcCorroboration;

    @Option(names = "--join-window", paramLabel = "SECONDS",
            description = "How far apart (trace time) a driver load and the service start that explains it may be, "
                    + "and how long an event waits for the records that explain it. Default: ScmMonitor's (5 s).")
    private Double joinWindowSeconds;

    @Mixin
    private HexBytesOption hex = new HexBytesOption();

    @Mixin
    private FormatOption format = new FormatOption();

    @Option(names = "--max-events", paramLabel = "N", description = "Stop after N events.")
    private long maxEvents = -1;

    /** Filters on the events, after the monitor (correlation sees every record); see {@link FilterOptions}. */
    @Mixin
    private FilterOptions filters = new FilterOptions();

    /** --max-records: records read from --replay, before the monitor. */
    @Mixin
    private MaxRecordsOption maxRecords = new MaxRecordsOption();

    @Mixin
    private ProgressOption progress = new ProgressOption();

    /** --html OUT: the events as a page (one lane per client process); with --replay or --replay-demo. */
    @Mixin
    private HtmlOption html = new HtmlOption();

    private final Flux<EventRecord> fixedRecords;

    /** The command, reading the source its options name. */
    public ScmMonitorCommand() {
        this(null);
    }

    /** The command over a fixed source of records (tests). */
    ScmMonitorCommand(Flux<EventRecord> fixedRecords) {
        this.fixedRecords = fixedRecords;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Path replay = replayOption.replay;
        if (replay != null && replayDemo) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--replay and --replay-demo are mutually exclusive");
        }
        if ((messageTable != null && !InputFile.readable("scm-monitor", "the message table ", messageTable, false, err))
                || (replay != null && !InputFile.readable("scm-monitor", "", replay, false, err))) {
            return ExitCodes.FAILED;
        }
        ScmMonitorBuilder builder = ScmMonitor.builder()
                .scmWpp(!noWpp).servicesProvider(!noServices).kernelProcess(!noKernel)
                .privateScmSession(privateScmSession).rpcCorroboration(rpcCorroboration);
        if (messageTable != null) {
            builder.messageTable(messageTable);
        }
        if (joinWindowSeconds != null) {
            if (!(joinWindowSeconds >= 0) || joinWindowSeconds > 86_400) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--join-window must be between 0 and 86400 seconds: " + joinWindowSeconds);
            }
            builder.joinWindow(Duration.ofNanos(Math.round(joinWindowSeconds * 1e9)));
        }
        if (!html.plan("scm-monitor", err)) {
            return ExitCodes.FAILED;
        }
        if (fixedRecords != null) {
            return print(builder.from(fixedRecords), err, null, null, null);
        }
        if (replayDemo) {
            return print(DemoCapture.replay(builder), err, null, null, null);
        }
        if (replay != null) {
            return replay(builder, replay, err);
        }
        return live(builder, err);
    }

    /**
     * Replays {@code replay}. Built as {@code from(EtlFile.open(file, timestamp order).records())}, which is what
     * {@code ScmMonitorBuilder.replay} documents it does, so that the reader's statistics can be reported.
     */
    private int replay(ScmMonitorBuilder builder, Path replay, PrintWriter err) {
        EtlFile etl = EtlInput.open("scm-monitor", replay, EtlReadOptions.defaults().withTimestampOrder(true), err);
        if (etl == null) {
            return ExitCodes.FAILED;
        }
        ProvidersSeen seen = new ProvidersSeen();
        return print(builder.from(maxRecords.apply(etl.records()).doOnNext(seen)), err, etl, null, seen);
    }

    private int live(ScmMonitorBuilder builder, PrintWriter err) {
        try {
            UnsupportedPlatformException.requireWindows("scm-monitor");
        } catch (UnsupportedPlatformException e) {
            err.println("scm-monitor: live monitoring needs Windows (this JVM runs on '" + e.osName() + "'); "
                    + "use --replay FILE or --replay-demo on this OS");
            err.flush();
            return ExitCodes.FAILED;
        }
        ScmMonitor monitor = builder.sessionName(sessionName.name()).create();
        LossWarnings warnings = new LossWarnings(err, "scm-monitor", Set.of(ScmProviders.SCM_SESSION_NAME));
        Disposable health = monitor.health().subscribe(warnings::accept);
        try {
            return print(monitor, err, null, warnings, null);
        } catch (UnsupportedPlatformException e) {
            err.println("scm-monitor: live monitoring needs Windows (" + Failures.safe(e.getMessage()) + "); "
                    + "use --replay FILE or --replay-demo on this OS");
            return ExitCodes.FAILED;
        } finally {
            health.dispose();
        }
    }

    private int print(ScmMonitor monitor, PrintWriter err, EtlFile etl, LossWarnings warnings, ProvidersSeen seen) {
        // device paths: a replayed file's own volume records; live (warnings given), the host's; else none
        DevicePaths paths = format.format == JsonFormat.NATIVE ? DevicePaths.none()
                : etl != null ? DevicePaths.fromTrace(etl) : warnings != null ? DevicePaths.host() : DevicePaths.none();
        JsonLinesWriter lines = format.builder(filters.out(spec.commandLine().getOut()), paths).payloadHexBytes(hex.hexBytes)
                .flushEachLine(true).build();
        Map<String, Long> byType = new TreeMap<>();
        RecordFilter filter = filters.filter(spec.commandLine(), etl != null ? etl.header().startTime()
                : Instant.now(), Instant.now(), FilterOptions.KNOWN);
        Flux<ScmEvent> events = monitor.events().filter(e -> FilterOptions.test(filter, e));
        if (maxEvents >= 0) {
            events = events.take(maxEvents);
        }
        events = duration.apply(events);
        ScmActs acts = new ScmActs();
        Flux<ScmEvent> writing = events.doOnNext(e -> {
            lines.write(e);
            acts.add(e);
            byType.merge(e.getClass().getSimpleName(), 1L, Long::sum);
        });
        boolean[] problems = {false};
        Runnable summary = () -> {
            lines.flush();
            err.println("scm-monitor: " + lines.written() + " events " + byType + "; message table: "
                    + Failures.safe(monitor.messageTableDescription()) + "; WPP message GUIDs seen: "
                    + monitor.messageGuidsSeen() + "; " + Failures.safe(describe(monitor.statistics())));
            monitor.statistics().scmSession().ifPresent(use -> err.println("scm-monitor: "
                    + Failures.safe(use.describe())));
            monitor.statistics().rpcCorroboration().ifPresent(rpc -> err.println("scm-monitor: " + describe(rpc)));
            if (etl != null) {
                EtlReaderStatistics stats = etl.statistics();
                err.println("scm-monitor: reader: " + Failures.safe(ReaderReport.describe(stats)));
                for (String line : ReaderReport.damage(stats)) {
                    err.println("scm-monitor: reader: " + line);
                }
                problems[0] |= ReaderReport.problems(stats);
            }
            if (seen != null && seen.none()) {
                err.println("scm-monitor: " + Failures.safe(replayOption.replay) + " holds none of the three SCM providers: no WPP "
                        + "(TraceMessage) record for the SCM WPP provider " + ScmProviders.SCM_WPP_CONTROL_GUID_TEXT
                        + ", no Microsoft-Windows-Services and no Microsoft-Windows-Kernel-Process record among its "
                        + seen.records + " records; record them as the README shows (logman ... -p "
                        + ScmProviders.SCM_WPP_CONTROL_GUID_TEXT + " ...)");
                problems[0] = true;
            }
            if (warnings != null && warnings.printSummary()) {
                problems[0] = true;
            }
            err.flush();
        };
        if (monitor.session().isPresent()) {
            // Live: runs until Ctrl-C (or --max-events / --duration); Ctrl-C still prints the summary.
            new UntilShutdown().run(writing, summary);
        } else {
            try (ProgressOption.Running shown = etl == null ? () -> { }
                    : progress.start("scm-monitor", List.of(replayOption.replay), etl::statistics, err)) {
                writing.blockLast();
            }
            summary.run();
        }
        String title = replayOption.replay != null ? String.valueOf(replayOption.replay.getFileName())
                : replayDemo ? "scm-monitor demo capture" : "scm-monitor";
        if (!html.write("scm-monitor", SummaryPage.render(title, new TraceSummary(), acts, 3), err)) {
            err.flush();
            return ExitCodes.FAILED;
        }
        err.flush();
        return problems[0] ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }

    /**
     * Counts the records of a replayed file that come from the three providers scm-monitor decodes: WPP records
     * (every one is a candidate SCM WPP record: a WPP record carries its source file's message GUID, not the control
     * GUID), Microsoft-Windows-Services and Microsoft-Windows-Kernel-Process (by provider GUID).
     */
    static final class ProvidersSeen implements java.util.function.Consumer<EventRecord> {
        long records;
        long wpp;
        long services;
        long kernelProcess;

        @Override
        public void accept(EventRecord r) {
            records++;
            if (r.isTraceMessage()) {
                wpp++;
            } else if (ScmProviders.SERVICES_GUID.equals(r.providerId())) {
                services++;
            } else if (ScmProviders.KERNEL_PROCESS_GUID.equals(r.providerId())) {
                kernelProcess++;
            }
        }

        boolean none() {
            return wpp == 0 && services == 0 && kernelProcess == 0;
        }
    }

    /**
     * The attribution stage's counters for the summary, e.g. {@code attribution: 3 records, 2 events emitted, 1
     * undecodable Services, 0 undecodable Kernel-Process, 0 WPP decoder failures, ...}. Informational: undecodable
     * records do not change the exit code (they are emitted as UnknownScmMessage lines or, for Kernel-Process, only
     * counted). When some were undecodable, the line ends with their counts per event version, e.g. {@code ;
     * undecodable per event version: Microsoft-Windows-Kernel-Process event 1 v6 = 2}: the versions to add from a
     * provider dump of the new Windows build.
     */
    static String describe(RpcCorroborationStatistics s) {
        return "rpc corroboration: " + s.clientCalls() + " client calls, " + s.svcctlCalls() + " svcctl act calls, "
                + s.otherCalls() + " other calls, " + s.undecodable() + " undecodable, " + s.corroborated()
                + " acts corroborated, " + s.callsWithoutAct() + " calls without act, " + s.ambiguous()
                + " ambiguous, " + s.disagreements() + " disagreements, " + s.releasedEarly() + " released early";
    }

    static String describe(ScmMonitorStatistics s) {
        StringBuilder b = new StringBuilder("attribution: ").append(s.records()).append(" records, ")
                .append(s.eventsEmitted()).append(" events emitted, ")
                .append(s.undecodableServices()).append(" undecodable Services, ")
                .append(s.undecodableKernelProcess()).append(" undecodable Kernel-Process, ")
                .append(s.wppDecoderFailures()).append(" WPP decoder failures, ")
                .append(s.duplicatesMerged()).append(" duplicates merged, ").append(s.releasedEarly())
                .append(" released early, ").append(s.evictedExited()).append(" exited and ")
                .append(s.evictedRunning()).append(" running processes evicted, ").append(s.driverLoads())
                .append(" driver loads, ").append(s.liveLookups()).append(" live lookups, ")
                .append(s.processesInTable()).append(" processes in table, ").append(s.pending()).append(" pending");
        String sep = "; undecodable per event version: ";
        for (Map.Entry<ScmMonitorStatistics.EventVersion, Long> e : s.undecodableByEventVersion().entrySet()) {
            b.append(sep).append(e.getKey()).append(" = ").append(e.getValue());
            sep = ", ";
        }
        return b.toString();
    }
}
