package io.etw4j.samples.command;

import io.etw4j.core.EtwCallException;
import io.etw4j.core.EventRecord;
import io.etw4j.core.UnsupportedPlatformException;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.etl.EtlReadOptions;
import io.etw4j.core.etl.EtlReaderStatistics;
import io.etw4j.core.session.EtwSession;
import io.etw4j.core.session.HandOffBuilder;
import io.etw4j.core.session.Provider;
import io.etw4j.core.session.ProviderNames;
import io.etw4j.core.session.SessionBuilder;
import io.etw4j.core.session.TraceLevel;
import io.etw4j.core.session.UnknownProviderException;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.ManifestSchemas;
import io.etw4j.json.JsonLinesWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * {@code provider-dump}: the raw records of any provider, live or from an .etl file, as JSON lines with the payload in
 * hex and the strings and plausible PIDs found in it: the tool for discovering the layout of undocumented messages
 * (such as the SCM WPP message ids other than 0x28).
 */
@Command(name = "provider-dump",
        mixinStandardHelpOptions = true,
        versionProvider = CommandHelp.Version.class,
        description = {
            "Prints the raw records of any provider as JSON lines, with payload hex and the strings found in it.",
            "",
            "Live (Windows, elevated): starts a real-time session enabling --guid (or --provider, by name) at --level "
                + "and --keywords, until Ctrl-C, --max-records or --duration; ETW itself can filter by process "
                + "(--pid, --exe) before events reach the session. --attach SESSION reads a session another tool "
                + "runs instead, without touching it. With --replay FILE (any OS): the records of FILE whose "
                + "provider is one of the --guid values (every record without --guid), filtered by --level and "
                + "--keywords the way ETW filters (inferred: level 0 and keyword 0 always pass). A WPP provider's records carry the message GUID "
                + "of its source file, not the control GUID: add --wpp to keep every WPP record of the file.",
            "Field reference: the 'formats' subcommand."
        },
        footerHeading = "%nDocumentation:%n",
        footer = {CommandHelp.DOCS_LINE_1, CommandHelp.DOCS_LINE_2},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ran to the end, nothing lost or skipped",
            "1:ran to the end, but events were lost (live), the file had malformed parts or buffers marked lost, "
                + "or with --decode: a record had field errors or a manifest was refused or had problems",
            "2:bad command line",
            "3:could not run (not Windows for live, a file or --manifest not found, unreadable or not a regular "
                + "file, an ETW call failed)",
            CommandHelp.CRASHED_EXIT_LINE
        })
public final class ProviderDumpCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--guid", paramLabel = "GUID", split = ",",
            description = "Provider (control) GUID, with or without braces; repeatable. Required live.")
    private List<String> guids = List.of();

    @Option(names = "--provider", paramLabel = "NAME", split = ",",
            description = "Provider name instead of a GUID, e.g. Microsoft-Windows-Kernel-Process, any case; "
                    + "repeatable. Live: looked up among the providers registered on this host (TdhEnumerateProviders),"
                    + " then in the --manifest files; with --replay: in the --manifest files. An unknown name fails and "
                    + "lists the closest known names.")
    List<String> providerNames = List.of();

    @Option(names = "--pid", paramLabel = "PID", split = ",",
            description = "Live: only events logged by these processes (ETW's PID filter: at most 8; Windows 8.1 and "
                    + "later; not for kernel groups).")
    List<Integer> pids = List.of();

    @Option(names = "--exe", paramLabel = "FILE", split = ",",
            description = "Live: only events logged by processes whose executable has one of these file names, e.g. "
                    + "services.exe (ETW's executable-name filter; Windows 8.1 and later).")
    List<String> executables = List.of();

    @Option(names = "--capture-state",
            description = "Live: right after enabling each provider, ask it to log its current state (a rundown: "
                    + "EVENT_CONTROL_CODE_CAPTURE_STATE); what it logs is up to the provider.")
    boolean captureState;

    @Option(names = "--attach", paramLabel = "SESSION",
            description = "Live: read the running session SESSION (its ETW name, as 'logman query -ets' lists it) "
                    + "instead of starting one; it is never configured or stopped. Not with --guid, --provider, --pid, "
                    + "--exe or --capture-state: the session's providers are its owner's.")
    String attach;

    @Option(names = "--level", paramLabel = "N", defaultValue = "ALL",
            description = "Trace level: a number (0-5, 255) or a name (CRITICAL, ERROR, WARNING, INFORMATION, "
                    + "VERBOSE, ALL). Default: ${DEFAULT-VALUE} (255).")
    private String level;

    @Option(names = "--keywords", paramLabel = "HEX", defaultValue = "0xffffffffffffffff",
            description = "MatchAnyKeyword mask in hex. Default: ${DEFAULT-VALUE}.")
    private String keywords;

    @Mixin
    private ReplayOption replayOption = new ReplayOption();

    @Option(names = "--wpp", description = "With --replay: also keep every WPP (TraceMessage) record.")
    private boolean wpp;

    @Mixin
    private HexBytesOption hex = new HexBytesOption();

    @Mixin
    DecodeOptions decoding = new DecodeOptions();

    @Mixin
    private MaxRecordsOption maxRecords = new MaxRecordsOption();

    @Mixin
    private DurationOption duration = new DurationOption();

    @Mixin
    private SessionNameOption sessionName = new SessionNameOption();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Set<UUID> ids = new LinkedHashSet<>(parseGuids());
        TraceLevel traceLevel = parseLevel(level);
        long mask = parseKeywords(keywords);
        Path replay = replayOption.replay;
        JsonLinesWriter lines = JsonLinesWriter.nativeLines(spec.commandLine().getOut()).payloadHexBytes(hex.hexBytes)
                .payloadText(true).flushEachLine(replay == null).build();
        if (!decoding.decode && decoding.anySchemas() && providerNames.isEmpty()) {
            err.println("provider-dump: " + decoding.givenSchemaOption() + " needs --decode or --provider");
            err.flush();
            return ExitCodes.USAGE;
        }
        if (!decoding.manifestsReadable("provider-dump", err)
                || (replay != null && !InputFile.readable("provider-dump", "", replay, false, err))) {
            return ExitCodes.FAILED;
        }
        if (attach != null && (replay != null || !ids.isEmpty() || !providerNames.isEmpty() || !pids.isEmpty()
                || !executables.isEmpty() || captureState)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--attach reads a session as its owner "
                    + "configured it: not with --replay, --guid, --provider, --pid, --exe or --capture-state");
        }
        if (!providerNames.isEmpty()) {
            if (replay == null && !windows(err)) {
                return ExitCodes.FAILED; // names are looked up on the host: live needs Windows anyway
            }
            Set<UUID> named = resolveNames(replay == null, err);
            if (named == null) {
                return ExitCodes.USAGE;
            }
            ids.addAll(named);
        }
        if (decoding.decode && replay != null && !buildDecoder(false, err)) {
            return ExitCodes.FAILED;
        }
        if (replay != null) {
            return replay(replay, ids, traceLevel, mask, lines, err);
        }
        if (ids.isEmpty() && attach == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--guid, --provider or --attach is required "
                    + "for a live session");
        }
        return live(ids, traceLevel, mask, lines, err);
    }

    private int replay(Path replay, Set<UUID> ids, TraceLevel traceLevel, long mask, JsonLinesWriter lines,
            PrintWriter err) {
        EtlFile etl = EtlInput.open("provider-dump", replay, EtlReadOptions.defaults(), err);
        if (etl == null) {
            return ExitCodes.FAILED;
        }
        Flux<EventRecord> records = etl.records()
                .doOnNext(r -> {
                    if (decoder != null) {
                        decoder.observe(r); // the stateful sources learn from every record, kept or not
                    }
                })
                .filter(r -> (ids.isEmpty() || ids.contains(r.providerId()) || (wpp && r.isTraceMessage()))
                        && passes(r, traceLevel, mask));
        maxRecords.apply(records).doOnNext(r -> lines.write(r, report == null ? null : report.decodeObserved(r)))
                .blockLast();
        lines.flush();
        EtlReaderStatistics stats = etl.statistics();
        err.println("provider-dump: " + lines.written() + " records matched; reader: "
                + Failures.safe(ReaderReport.describe(stats)));
        boolean decodeProblems = report != null && report.print("provider-dump", err);
        err.flush();
        return ReaderReport.problems(stats) || decodeProblems ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }

    /** True on Windows; else prints the one line of a live command off Windows and returns false. */
    private boolean windows(PrintWriter err) {
        try {
            requireWindows();
            return true;
        } catch (UnsupportedPlatformException e) {
            err.println("provider-dump: a live session needs Windows (this JVM runs on '" + e.osName() + "'); "
                    + "use --replay FILE on this OS");
            err.flush();
            return false;
        }
    }

    /** Throws {@link UnsupportedPlatformException} off Windows (a hook for tests). */
    void requireWindows() {
        UnsupportedPlatformException.requireWindows("provider-dump");
    }

    private int live(Set<UUID> ids, TraceLevel traceLevel, long mask, JsonLinesWriter lines, PrintWriter err) {
        if (!windows(err)) {
            return ExitCodes.FAILED;
        }
        if (decoding.decode && !buildDecoder(true, err)) {
            return ExitCodes.FAILED;
        }
        EtwSession session;
        try {
            session = sessionBuilder(ids, traceLevel, mask).build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        LossWarnings warnings = new LossWarnings(err, "provider-dump");
        boolean[] decodeProblems = {false};
        Disposable health = session.health().subscribe(warnings::accept);
        Flux<EventRecord> records = duration.apply(maxRecords.apply(session.records()));
        Flux<EventRecord> writing = records.doOnSubscribe(x -> {
            err.println("provider-dump: starting session " + Failures.safe(session.sessionName())
                    + "; Ctrl-C stops it");
            err.flush();
        }).doOnNext(r -> lines.write(r, report == null ? null : report.decode(r)));
        try {
            // Runs until Ctrl-C (or --max-records / --duration); Ctrl-C still prints the summary.
            new UntilShutdown().run(writing, () -> {
                err.println("provider-dump: " + lines.written() + " records; "
                        + Failures.safe(session.statistics()));
                warnings.printSummary();
                if (report != null) {
                    decodeProblems[0] = report.print("provider-dump", err);
                }
                err.flush();
            });
        } catch (UnsupportedPlatformException e) {
            err.println("provider-dump: a live session needs Windows (" + Failures.safe(e.getMessage()) + "); "
                    + "use --replay FILE on this OS");
            return ExitCodes.FAILED;
        } finally {
            health.dispose();
        }
        return warnings.anyLoss() || decodeProblems[0] ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }

    private EventDecoder decoder;
    /** Counts what {@link #decoder} decodes; null without --decode. */
    private DecodeReport report;

    /**
     * {@return the live session the options describe, not yet built}: {@link EtwSession#attach(String)} with --attach,
     * else a session enabling each provider at the level and keywords, with the --pid and --exe filters and
     * --capture-state.
     *
     * @throws IllegalArgumentException if a filter breaks ETW's limits (more than 8 PIDs, names too long)
     */
    HandOffBuilder<?> sessionBuilder(Set<UUID> ids, TraceLevel traceLevel, long mask) {
        if (attach != null) {
            return EtwSession.attach(attach);
        }
        SessionBuilder b = EtwSession.builder(sessionName.name());
        int[] processIds = pids.stream().mapToInt(Integer::intValue).toArray();
        for (UUID id : ids) {
            Provider p = Provider.of(id).level(traceLevel).matchAnyKeyword(mask).processIds(processIds)
                    .executableNames(executables.toArray(String[]::new));
            b.enable(captureState ? p.captureStateOnStart() : p);
        }
        return b;
    }

    /**
     * The GUIDs of the --provider names: live, the providers registered on this host, then the --manifest files; on
     * a replay, the --manifest files only. Null after printing why (an unknown name with the closest known ones, or a
     * manifest that does not load).
     */
    private Set<UUID> resolveNames(boolean live, PrintWriter err) {
        ManifestSchemas loaded;
        try {
            loaded = Decoders.manifests(decoding.manifests);
        } catch (IllegalArgumentException e) {
            err.println("provider-dump: cannot load the manifests: " + CommandHelp.describe(e));
            err.flush();
            return null;
        }
        ProviderNames files;
        try {
            files = Decoders.names(loaded, decoding.schemas);
        } catch (IllegalArgumentException e) {
            err.println("provider-dump: cannot load the schema folders: " + CommandHelp.describe(e));
            err.flush();
            return null;
        }
        ProviderNames names = live ? liveNames().orElse(files) : files;
        try {
            return resolve(providerNames, names);
        } catch (UnknownProviderException e) {
            err.println("provider-dump: " + Failures.safe(e.getMessage()));
            err.flush();
            return null;
        } catch (EtwCallException e) {
            err.println("provider-dump: cannot list the providers of this host: " + Failures.safe(e.getMessage()));
            err.flush();
            return null;
        }
    }

    /** The host's registered providers (a hook for tests). */
    ProviderNames liveNames() {
        return ProviderNames.live();
    }

    /** {@code names} resolved in {@code source}, in order; throws {@link UnknownProviderException} for the first miss. */
    static Set<UUID> resolve(List<String> names, ProviderNames source) {
        Set<UUID> out = new LinkedHashSet<>();
        for (String n : names) {
            out.add(Provider.named(n, source).id());
        }
        return out;
    }

    /** Builds the --decode decoder (live: with TDH last); false after printing why it cannot be built. */
    private boolean buildDecoder(boolean live, PrintWriter err) {
        try {
            decoder = live ? Decoders.live(decoding.manifests, decoding.schemas)
                    : Decoders.forFiles(decoding.manifests, decoding.schemas, null);
            report = new DecodeReport(decoder);
            return true;
        } catch (RuntimeException e) {
            err.println("provider-dump: cannot load the manifests: " + CommandHelp.describe(e));
            err.flush();
            return false;
        }
    }

    /**
     * Whether ETW would deliver {@code r} to a session that enabled its provider at {@code level} with MatchAnyKeyword
     * {@code mask}: level 0 or at most {@code level}, and keyword 0 or sharing a bit with {@code mask} (inferred from
     * the EnableTraceEx2 documentation's Level and MatchAnyKeyword remarks; MatchAllKeyword is not applied).
     */
    static boolean passes(EventRecord r, TraceLevel level, long mask) {
        int l = r.descriptor().level();
        long k = r.descriptor().keyword();
        return (l == 0 || l <= level.value()) && (k == 0 || (k & mask) != 0);
    }

    private Set<UUID> parseGuids() {
        try {
            return guids.stream().map(ProviderDumpCommand::parseGuid).collect(Collectors.toUnmodifiableSet());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "bad --guid: " + e.getMessage());
        }
    }

    /** A GUID with or without braces, any case. */
    static UUID parseGuid(String s) {
        String t = s.trim();
        if (t.startsWith("{") && t.endsWith("}")) {
            t = t.substring(1, t.length() - 1);
        }
        if (!t.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            throw new IllegalArgumentException("not a GUID: " + s);
        }
        return UUID.fromString(t);
    }

    private TraceLevel parseLevel(String s) {
        for (TraceLevel l : TraceLevel.values()) {
            if (l.name().equalsIgnoreCase(s.trim()) || String.valueOf(l.value()).equals(s.trim())) {
                return l;
            }
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "bad --level '" + s + "': use 0-5, 255 or "
                + "one of CRITICAL, ERROR, WARNING, INFORMATION, VERBOSE, ALL");
    }

    private long parseKeywords(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("0x")) {
            t = t.substring(2);
        }
        try {
            return Long.parseUnsignedLong(t, 16);
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "bad --keywords '" + s + "': hex expected");
        }
    }
}
