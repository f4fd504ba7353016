package io.etw4j.samples.command;

import io.etw4j.core.EtwCallException;
import io.etw4j.core.EventRecord;
import io.etw4j.core.UnsupportedPlatformException;
import io.etw4j.core.session.EtwSession;
import io.etw4j.core.session.ExistingSessionPolicy;
import io.etw4j.core.session.KernelFlag;
import io.etw4j.core.session.KernelGroupsBuilder;
import io.etw4j.core.session.KernelStackEvent;
import io.etw4j.core.session.LogFile;
import io.etw4j.json.JsonLinesWriter;
import io.etw4j.samples.filter.RecordFilter;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.function.Predicate;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * {@code kernel-dump}: the kernel's own events (process start and end, image loads, TCP/UDP traffic, and any other
 * {@link KernelFlag} group) from a live NT Kernel Logger or private system logger session, as JSON lines: the record
 * object plus a {@code "decoded"} object from the kernel MOF classes
 * ({@code KernelMofSchemas}, then TDH on this host). Shows {@link EtwSession#kernelBuilder()},
 * {@link EtwSession#systemLoggerBuilder(String)}, {@link KernelGroupsBuilder#kernelStacks(KernelStackEvent...)} and
 * {@link KernelGroupsBuilder#logFile(LogFile)}.
 *
 * <p>One instance per command line (picocli creates it); not thread-safe.
 */
// Sources of the help text: one NT Kernel Logger per system (learn.microsoft.com "Configuring and Starting the NT
// Kernel Logger Session"); system loggers, Windows 8 and later, up to 8 logger sessions of which 2 slots are reserved (learn.microsoft.com "Configuring and Starting
// a SystemTraceProvider Session"); event types: kernel-mof.tsv of etw-decode and the class pages it cites
// ("Process_TypeGroup1 class": 3 DCStart / 4 DCEnd, the rundown of the processes running when the session starts /
// stops; "Image_Load class"; "TcpIp_TypeGroup1 class"); StackWalk_Event class {def2fe46-...}, type 32
// (learn.microsoft.com "StackWalk_Event class"). "Thousands of events a second" is an order of magnitude, inferred.
@Command(name = "kernel-dump",
        mixinStandardHelpOptions = true,
        versionProvider = CommandHelp.Version.class,
        description = {
            "Prints the kernel's own events (process start/end, image loads, TCP/UDP traffic...) as JSON lines, "
                + "each decoded with the kernel's MOF classes. Live only: Windows, elevated; until Ctrl-C, "
                + "--max-records or --duration.",
            "",
            "The kernel does not log through providers you enable: it logs groups of events (--flags, the "
                + "EnableFlags of the session) to one special session, the NT Kernel Logger, of which only one runs "
                + "on the whole system, under that fixed name. If another tool holds it, the start fails: --replace "
                + "takes it over, --system-logger runs a private system logger beside it (Windows 8 and later).",
            "",
            "Kernel records carry no provider GUID: \"provider\" is the GUID of the record's MOF event class "
                + "(Process 3d6fa8d0-..., Image 2cb15d1d-..., TcpIp 9a280ac0-...) and \"opcode\" its event type "
                + "(Process: 1 start, 2 end, 3 and 4 the processes that already ran when the session started and "
                + "still ran when it stopped; Image: 10 load, 2 unload; TcpIp: 10 send, 11 receive, 12 connect...), "
                + "as in an .etl file, so etl-dump --decode reads a --record file the same way.",
            "Field reference: the 'formats' subcommand."
        },
        footerHeading = "%nDocumentation:%n",
        footer = {CommandHelp.DOCS_LINE_1, CommandHelp.DOCS_LINE_2},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ran to the end, nothing lost",
            "1:ran to the end, but events were lost (warnings on stderr) or records had field errors",
            "2:bad command line",
            "3:could not run (not Windows, not elevated, the NT Kernel Logger already runs, an ETW call failed, "
                + "the --record file exists (without --force) or is a symbolic link)",
            CommandHelp.CRASHED_EXIT_LINE
        })
public final class KernelDumpCommand implements Callable<Integer> {
    /** The command's name, the prefix of its stderr lines. */
    static final String NAME = "kernel-dump";
    /** The logical name of the --system-logger session (etw4j adds its prefix and owner). */
    static final String SYSTEM_LOGGER_NAME = "kernel-dump";

    /**
     * What a live run takes from the host it runs on. The real one checks the OS, runs the session as built and asks
     * TDH last; tests pass one that runs the session over etw-core's fake native layer.
     *
     * @param requireWindows throws {@link UnsupportedPlatformException} off Windows
     * @param environment    applied to the session builder before {@code build()} (identity on a real host)
     * @param tdh            whether TDH on this host decodes what the shipped MOF table does not know
     */
    record Host(Runnable requireWindows, UnaryOperator<KernelGroupsBuilder<?>> environment, boolean tdh) {
        /** The host this JVM runs on. */
        static final Host REAL = new Host(() -> UnsupportedPlatformException.requireWindows(NAME), b -> b, true);

        Host {
            Objects.requireNonNull(requireWindows, "requireWindows");
            Objects.requireNonNull(environment, "environment");
        }
    }

    private final Host host;

    @Spec
    private CommandSpec spec;

    @Option(names = "--flags", paramLabel = "FLAG", split = ",", defaultValue = "PROCESS,IMAGE_LOAD,NETWORK_TCPIP",
            description = "Kernel event groups to collect, comma separated (EnableFlags; each turns on one or more "
                    + "MOF classes): ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}. Some groups (CONTEXT_SWITCH, "
                    + "PROFILE, MEMORY_PAGE_FAULTS, FILE_IO...) can log thousands of events a second.")
    List<KernelFlag> flags;

    @Option(names = "--system-logger",
            description = "Use a private system logger (EVENT_TRACE_SYSTEM_LOGGER_MODE, Windows 8 and later) named "
                    + "etw4j-kernel-dump~PID-START instead of the NT Kernel Logger: the same kernel events, without "
                    + "touching the one NT Kernel Logger another tool may be using; the kernel feeds up to 8 such "
                    + "sessions, two of the slots kept for the NT Kernel Logger and the Circular Kernel Context Logger.")
    boolean systemLogger;

    @Option(names = "--stacks",
            description = "Collect a call stack for each process start and image load: a StackWalk record (class "
                    + "def2fe46-7bd6-4b80-bd94-f57fe20d0ce3, opcode 32) follows each such event on the same thread, "
                    + "its return addresses (kernel and user) in the decoded array \"Stack\".")
    boolean stacks;

    @Option(names = "--replace",
            description = "If an NT Kernel Logger already runs (another tool's, or one left by a crash), stop it and "
                    + "start this one: the other tool's session ends. Without --replace the start fails and says so.")
    boolean replace;

    @Option(names = "--record", paramLabel = "FILE.etl",
            description = "Also record the events to FILE.etl (sequential, no size limit; ETW itself writes it on this "
                    + "host). Read it back on any OS with: etl-dump --decode FILE.etl")
    Path record;

    @Option(names = "--force",
            description = "With --record: let ETW replace an existing FILE.etl (a regular file only; a symbolic link "
                    + "is refused even then). Without it an existing file is refused before the session starts.")
    boolean force;

    @Mixin
    private HexBytesOption hex = new HexBytesOption();

    @Mixin
    private MaxRecordsOption maxRecords = new MaxRecordsOption();

    @Mixin
    private DurationOption duration = new DurationOption();

    @Mixin
    private FilterOptions filters = new FilterOptions();

    /** The command on the host this JVM runs on (picocli's constructor). */
    public KernelDumpCommand() {
        this(Host.REAL);
    }

    /** The command on {@code host} (tests). */
    KernelDumpCommand(Host host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            host.requireWindows().run();
        } catch (UnsupportedPlatformException e) {
            err.println(NAME + ": kernel tracing needs Windows (this JVM runs on '" + e.osName() + "'); "
                    + "on this OS read a recorded kernel trace with etl-dump --decode FILE.etl");
            err.flush();
            return ExitCodes.FAILED;
        }
        if (record != null) {
            // ETW writes the file itself (as the session's owner, elevated): the checks of OutputFile.plan, before
            // the session starts. ETW creates it in place, so the temporary-file step does not apply.
            try {
                OutputFile.plan(record, force);
            } catch (OutputFile.RefusedException e) {
                err.println(NAME + ": cannot record: " + e.getMessage());
                err.flush();
                return ExitCodes.FAILED;
            }
        }
        DecodeReport decoder = new DecodeReport(Decoders.kernel(host.tdh()));
        EtwSession session = host.environment().apply(sessionBuilder()).build();
        return live(session, decoder, err);
    }

    /**
     * {@return the session the options describe, not yet built} The NT Kernel Logger (or, with --system-logger, a
     * system logger named {@value #SYSTEM_LOGGER_NAME}) with the --flags groups, stacks for process start and image
     * load with --stacks, {@link ExistingSessionPolicy#STOP_AND_RESTART} with --replace, and a sequential .etl file
     * beside the real-time delivery with --record.
     */
    KernelGroupsBuilder<?> sessionBuilder() {
        KernelGroupsBuilder<?> b = systemLogger ? EtwSession.systemLoggerBuilder(SYSTEM_LOGGER_NAME)
                : EtwSession.kernelBuilder();
        b.kernelFlags(flags.toArray(KernelFlag[]::new));
        if (stacks) {
            b.kernelStacks(KernelStackEvent.PROCESS_START, KernelStackEvent.IMAGE_LOAD);
        }
        if (replace) {
            b.existingSession(ExistingSessionPolicy.STOP_AND_RESTART);
        }
        if (record != null) {
            b.logFile(LogFile.sequential(record));
        }
        return b;
    }

    private int live(EtwSession session, DecodeReport decoder, PrintWriter err) {
        JsonLinesWriter lines = JsonLinesWriter.nativeLines(filters.out(spec.commandLine().getOut()))
                .payloadHexBytes(hex.hexBytes).flushEachLine(true).build();
        RecordFilter filter = filters.filter(spec.commandLine(), Instant.now(), Instant.now(), FilterOptions.KNOWN);
        Predicate<EventRecord> passes = FilterOptions.records(filter, Decoders.kernel(false));
        boolean[] decodeProblems = {false};
        LossWarnings warnings = new LossWarnings(err, NAME);
        Disposable health = session.health().subscribe(warnings::accept);
        Flux<EventRecord> records = duration.apply(maxRecords.apply(session.records().filter(passes)));
        Flux<EventRecord> writing = records.doOnSubscribe(x -> {
            err.println(NAME + ": starting session " + Failures.safe(session.sessionName()) + " with "
                    + flags.stream().map(Enum::name).collect(Collectors.joining(",")) + "; Ctrl-C stops it");
            if (record != null) {
                err.println(NAME + ": recording to " + Failures.safe(record.toAbsolutePath()) + " too; read it back "
                        + "with: etl-dump --decode " + Failures.safe(record));
            }
            err.flush();
        }).doOnNext(r -> lines.write(r, decoder.decode(r)));
        try {
            // Runs until Ctrl-C (or --max-records / --duration); Ctrl-C still prints the summary.
            new UntilShutdown().run(writing, () -> {
                err.println(NAME + ": " + lines.written() + " records (" + decoder.withoutSchema()
                        + " without a schema); " + Failures.safe(session.statistics()));
                warnings.printSummary();
                decodeProblems[0] = decoder.print(NAME, err);
                err.flush();
            });
        } catch (EtwCallException e) {
            err.println(NAME + ": " + Failures.safe(e.getMessage()) + alreadyRunningHint(e));
            err.flush();
            return ExitCodes.FAILED;
        } catch (UnsupportedPlatformException e) {
            err.println(NAME + ": kernel tracing needs Windows (" + Failures.safe(e.getMessage()) + ")");
            err.flush();
            return ExitCodes.FAILED;
        } finally {
            health.dispose();
        }
        return warnings.anyLoss() || decodeProblems[0] ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }

    /** What this command's options can do about a running NT Kernel Logger, for a failed start. */
    private String alreadyRunningHint(EtwCallException e) {
        if (!"ERROR_ALREADY_EXISTS".equals(e.errorName()) || systemLogger) {
            return "";
        }
        return replace ? "" : " (here: --replace takes it over, --system-logger runs beside it)";
    }
}
