package io.etw4j.samples.command;

import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.RecordView;
import io.etw4j.core.session.ProviderNames;
import io.etw4j.decode.EventDecoder;
import io.etw4j.samples.filter.FieldProjection;
import io.etw4j.samples.filter.RecordFilter;
import io.etw4j.samples.filter.TimeBound;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ScmProviders;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The filter options of every reading command ({@code etl-dump}, {@code etl-summary}, {@code scm-monitor},
 * {@code scm-history}, {@code kernel-dump}): {@code --provider}, {@code --event-id}, {@code --pid}, {@code --since},
 * {@code --until} and, for the JSON output, {@code --fields}. {@code --max-records} is {@link MaxRecordsOption}. A
 * picocli mixin; one instance per command line.
 *
 * <p>On records ({@code etl-dump}, {@code etl-summary}, {@code kernel-dump}) the filter applies to each record as read
 * (pid: the logging process). The SCM commands filter the <em>events</em> after the monitor, so that correlation
 * still sees every record (a start request still finds its process): pid is then the client process the event is
 * attributed to, time the event's, provider and event id those of the record the event was decoded from, a WPP
 * record counting as the SCM WPP provider's ({@link ScmProviders#SCM_WPP_CONTROL_GUID}: a WPP record carries its
 * message GUID, and the SCM commands read only the SCM's).
 */
final class FilterOptions {
    /** The provider names known without a manifest: the SCM commands' providers. */
    static final ProviderNames KNOWN = ProviderNames.of(known());

    @Option(names = "--provider", paramLabel = "GUID_OR_NAME",
            description = "Only records of this provider: its GUID, or its name (the names of the SCM providers, of "
                    + "the --manifest files, and, when the command decodes, the names in the trace's own metadata) "
                    + "(repeatable: any of them).")
    List<String> providers = new ArrayList<>();

    @Option(names = "--event-id", paramLabel = "ID", split = ",",
            description = "Only records with this event id (WPP: message number) (repeatable, or comma-separated).")
    List<Integer> eventIds = new ArrayList<>();

    @Option(names = "--pid", paramLabel = "PID", split = ",",
            description = "Only records of this process (SCM commands: the client process of the event) (repeatable, "
                    + "or comma-separated).")
    List<Integer> pids = new ArrayList<>();

    @Option(names = "--since", paramLabel = "TIME",
            description = "Only records at or after TIME: RFC 3339 (2026-12-08T01:30:00Z), +DURATION after the "
                    + "trace's start (+90s, +1h30m), or -DURATION before now (-2h).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only records before TIME (forms as --since).")
    String until;

    @Option(names = "--fields", paramLabel = "NAME", split = ",",
            description = "JSON output: keep only these top-level fields of each line, in the line's order "
                    + "(comma-separated or repeatable), e.g. --fields time,providerId,id.")
    List<String> fields = new ArrayList<>();

    /**
     * {@return the filter the options describe}
     *
     * @param cmd        the command line, for a usage error
     * @param traceStart where {@code +DURATION} counts from
     * @param now        where {@code -DURATION} counts back from
     * @param names      provider names a {@code --provider} name is looked up in ({@link #KNOWN} and the manifests)
     * @throws CommandLine.ParameterException if a time does not parse or since is not before until
     */
    RecordFilter filter(CommandLine cmd, Instant traceStart, Instant now, ProviderNames names) {
        Set<UUID> guids = new HashSet<>();
        Set<String> unresolved = new HashSet<>();
        for (String p : providers) {
            Optional<UUID> g = guid(p);
            if (g.isPresent()) {
                guids.add(g.get());
                continue;
            }
            Optional<UUID> named = names.find(p.trim());
            if (named.isPresent()) {
                guids.add(named.get());
            } else {
                unresolved.add(p.trim());
            }
        }
        Instant from = time(cmd, "--since", since, traceStart, now);
        Instant to = time(cmd, "--until", until, traceStart, now);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new CommandLine.ParameterException(cmd, "--since (" + from + ") must be before --until (" + to + ")");
        }
        return new RecordFilter(guids, unresolved, new HashSet<>(eventIds), new HashSet<>(pids), from, to);
    }

    /** {@code stdout}, or, with {@code --fields}, a writer that keeps only those fields of each line. */
    PrintWriter out(PrintWriter stdout) {
        if (fields.isEmpty()) {
            return stdout;
        }
        return new PrintWriter(new FieldProjection(stdout, fields.stream().map(String::trim).toList()));
    }

    /**
     * {@return a test of records against {@code f}, the pid being the logging process} The provider name of a record
     * is the known one ({@link #knownName}) or, when {@code f} has names no GUID was found for and {@code namer} is
     * not null, the name {@code namer}'s schema gives (TraceLogging metadata, manifests).
     */
    static Predicate<EventRecord> records(RecordFilter f, EventDecoder namer) {
        if (f.isAll()) {
            return r -> true;
        }
        boolean byName = !f.providerNames().isEmpty() && namer != null;
        return r -> {
            Optional<String> name = knownName(r.providerId());
            if (name.isEmpty() && byName) {
                name = namer.decode(r).providerName();
            }
            return f.test(r, name);
        };
    }

    /**
     * {@return the test of {@link #records} on the view of a scan} The same answers, read from the view (a record
     * copy only when a provider name must come from {@code namer}'s schemas).
     */
    static Predicate<RecordView> views(RecordFilter f, EventDecoder namer) {
        if (f.isAll()) {
            return v -> true;
        }
        if (!f.providerNames().isEmpty() && namer != null) {
            Predicate<EventRecord> records = records(f, namer);
            return v -> records.test(v.toRecord());
        }
        return v -> {
            UUID provider = v.providerId();
            return f.test(provider, knownName(provider), v.id(), v.processId(), v.timestamp());
        };
    }

    /** {@return true if an SCM event passes {@code f} (see the class comment: client pid, the source record)} */
    static boolean test(RecordFilter f, ScmEvent e) {
        EventRecord source = e.source();
        UUID provider = source.isTraceMessage() ? ScmProviders.SCM_WPP_CONTROL_GUID : source.providerId();
        return f.test(provider, Optional.ofNullable(KNOWN_NAMES.get(provider)), source.id(), e.client().pid(),
                e.timestamp());
    }

    private static final Map<UUID, String> KNOWN_NAMES = Map.of(
            ScmProviders.SCM_WPP_CONTROL_GUID, ScmProviders.SCM_WPP_NAME,
            ScmProviders.SERVICES_GUID, ScmProviders.SERVICES_NAME,
            ScmProviders.KERNEL_PROCESS_GUID, ScmProviders.KERNEL_PROCESS_NAME);

    /** {@return the name of a provider etw4j knows without a manifest (the SCM commands' providers), or empty} */
    static Optional<String> knownName(UUID provider) {
        return Optional.ofNullable(KNOWN_NAMES.get(provider));
    }

    private static Map<String, UUID> known() {
        Map<String, UUID> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        m.put(ScmProviders.SCM_WPP_NAME, ScmProviders.SCM_WPP_CONTROL_GUID);
        m.put(ScmProviders.SERVICES_NAME, ScmProviders.SERVICES_GUID);
        m.put(ScmProviders.KERNEL_PROCESS_NAME, ScmProviders.KERNEL_PROCESS_GUID);
        return m;
    }

    private static Optional<UUID> guid(String text) {
        String t = text.trim();
        if (t.startsWith("{") && t.endsWith("}")) {
            t = t.substring(1, t.length() - 1);
        }
        if (t.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(t));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Instant time(CommandLine cmd, String option, String text, Instant traceStart, Instant now) {
        if (text == null) {
            return null;
        }
        try {
            return TimeBound.parse(text).resolve(traceStart, now);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, option + ": " + e.getMessage());
        }
    }
}
