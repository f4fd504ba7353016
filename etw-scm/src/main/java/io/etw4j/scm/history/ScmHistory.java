package io.etw4j.scm.history;

import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.etl.EtlReadOptions;
import io.etw4j.scm.Evidence;
import io.etw4j.scm.ScmMonitor;
import io.etw4j.scm.ScmMonitorBuilder;
import io.etw4j.scm.internal.history.BootReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import reactor.core.publisher.Flux;

/**
 * Windows' own record of service activity, read back: the {@code SCM.EVM*} files of services.exe's always-on trace
 * session {@code SCM} ({@code %windir%\System32\LogFiles\Scm}: {@code SCM.EVM} for the current boot,
 * {@code SCM.EVM.1} .. {@code SCM.EVM.5} for up to five earlier ones), on any operating system, as typed
 * {@link io.etw4j.scm.ScmEvent}s with their client PIDs.
 *
 * <pre>{@code
 * ScmHistory history = ScmHistory.open(List.of(Path.of("copied/LogFiles/Scm")));
 * history.events().subscribe(e -> {
 *     if (e instanceof HistoryScmEvent s && s.event() instanceof ServiceCreated c) {
 *         System.out.println(s.boot().fileName() + ": " + c.serviceName() + " created by PID " + c.client().pid());
 *     }
 * });
 * history.summaries().forEach(s -> System.out.println(s.describe()));
 * }</pre>
 *
 * <h2>What it reads, and how</h2>
 * <ul>
 *   <li><b>Inputs.</b> Files are read as given, whatever their name; a folder contributes the files in it named
 *       {@code SCM.EVM} or {@code SCM.EVM.<n>} (case-insensitive; the names services.exe uses, see the package
 *       documentation for the sources). A file given twice is read once.</li>
 *   <li><b>One boot per file.</b> Each file is one {@link ScmBoot}, with its logfile header's BootTime and StartTime.
 *       Boots are numbered and read oldest first by StartTime (the numbered suffix does not follow age once the
 *       rotation reuses a slot).</li>
 *   <li><b>The same decoding as live, one monitor per boot.</b> Each boot's records go through an {@link ScmMonitor}
 *       of their own ({@code ScmMonitor.builder()} with this history's options, {@code noLiveLookup()}, then
 *       {@code from(records)}): the same SCM WPP decoder and message table as a live monitor. So a PID is never
 *       looked up on the live system, and nothing learned in one boot (RPC threads, message GUIDs of services.exe's
 *       source files, processes) is used in another: the same PID in two boots names two unrelated processes. The SCM
 *       session records no process information, so clients are named by PID only, unless the caller adds process
 *       information for a boot ({@link Builder#processes(BootProcesses)}: another .etl of the same boot with
 *       Kernel-Process records, or a process list), which names the clients of that boot only.</li>
 *   <li><b>Time order, wrapped files included.</b> Each file is read in file order, then its records are ordered by
 *       timestamp before decoding, and the boot's events are emitted in timestamp order. A circular file that has
 *       wrapped holds its newest buffers in the slots before its oldest ones; ordering by timestamp reads it oldest
 *       surviving record first. (A read with {@code EtlReadOptions.withTimestampOrder(true)} would too, but only file
 *       order shows the timestamps going back that {@link BootCoverage#timestampsGoBack()} reports.)
 *       {@link BootCoverage} says whether the file wrapped and how much of the boot it still covers.</li>
 *   <li><b>Nothing dropped.</b> Records the SCM decoders do not use (above all the SCM session's TraceLogging
 *       provider {@value #SCM_TRACELOGGING_GUID_TEXT}) become {@link HistoryOtherRecord}s, decoded with their own
 *       TraceLogging metadata. Malformed parts of a file are skipped and counted in
 *       {@link BootSummary#reader()}, never failing the read.</li>
 * </ul>
 *
 * <p><b>Memory.</b> A boot's file is held in memory while it is read (its records, then its events); the session's
 * files are at most MaximumFileSize (5 MB by default, the {@code SCMLogSize} environment variable of services.exe
 * aside).
 *
 * <p><b>Thread-safety and lifetime.</b> Immutable apart from {@link #summaries()}, and safe to share; it holds no open
 * file: {@link #events()} opens each file in turn when it reaches it.
 */
public final class ScmHistory {
    /** The text form of {@link #SCM_TRACELOGGING_GUID}. */
    public static final String SCM_TRACELOGGING_GUID_TEXT = "{b8ddcea7-b520-4909-bceb-e0170c9f0e99}";
    /**
     * ScmTraceLoggingGuid: the TraceLogging provider services.exe enables in its {@code SCM} session at level 5,
     * keywords 0 (public decompilation of services.exe, ScStartTracingSession).
     */
    public static final UUID SCM_TRACELOGGING_GUID = UUID.fromString("b8ddcea7-b520-4909-bceb-e0170c9f0e99");

    private static final Pattern SCM_FILE = Pattern.compile("scm\\.evm(\\.\\d+)?");

    private final List<ScmBoot> boots;
    private final Builder options;
    /** The caller's process information, by boot index. */
    private final Map<Integer, BootProcesses> processes;
    private final AtomicReference<List<BootSummary>> summaries = new AtomicReference<>(List.of());

    private ScmHistory(List<ScmBoot> boots, Builder options, Map<Integer, BootProcesses> processes) {
        this.boots = List.copyOf(boots);
        this.options = options;
        this.processes = Map.copyOf(processes);
    }

    /**
     * {@return the history of the files and folders given, with the shipped message table} As
     * {@code builder().open(filesOrFolders)}.
     *
     * @param filesOrFolders {@code SCM.EVM*} files, or folders holding them (a copied {@code LogFiles\Scm})
     * @throws IllegalArgumentException if nothing is given, or a folder holds no {@code SCM.EVM*} file
     * @throws UncheckedIOException if a folder cannot be listed
     * @throws io.etw4j.core.etl.EtlIoException if a file cannot be opened
     * @throws io.etw4j.core.etl.EtlFormatException if a file has no readable logfile header
     */
    public static ScmHistory open(Collection<Path> filesOrFolders) {
        return builder().open(filesOrFolders);
    }

    /** {@return a builder with the defaults: the shipped message table, {@link ScmMonitorBuilder}'s evidence} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the boots found, oldest first (index 0)} */
    public List<ScmBoot> boots() {
        return boots;
    }

    /**
     * {@return every boot's events, boot after boot (oldest first), each boot's in timestamp order}
     *
     * <p>Cold: each subscription reads the files again, with fresh state per boot. Each boot is read whole, without
     * blocking, on the thread that first requests its events, then emitted with backpressure. Completes after the
     * last boot; errors with {@link io.etw4j.core.etl.EtlIoException} if a file cannot be read any more. Cancelling
     * stops before the next boot.
     */
    public Flux<HistoryEvent> events() {
        return Flux.defer(() -> {
            List<BootSummary> done = new ArrayList<>();
            summaries.set(List.of());
            return Flux.fromIterable(boots).concatMap(boot -> Flux.defer(() -> new BootReader(options::monitorBuilder,
                    Optional.ofNullable(processes.get(boot.index())).map(BootProcesses::processes))
                    .read(boot, EtlFile.open(boot.file(), EtlReadOptions.defaults()))
                    .flatMapMany(r -> {
                        done.add(r.summary());
                        summaries.set(List.copyOf(done));
                        return Flux.fromIterable(r.events());
                    })), 0);
        });
    }

    /**
     * {@return the process information added for {@code boot} ({@link Builder#processes(BootProcesses)}), if any}
     *
     * @param boot a boot of this history
     */
    public Optional<BootProcesses> processes(ScmBoot boot) {
        return Optional.ofNullable(processes.get(boot.index())).filter(p -> boots.contains(boot));
    }

    /**
     * {@return the summaries of the boots the most recent subscription to {@link #events()} has read so far, oldest
     * first (a boot's summary is added when the boot has been read, before its events are emitted); empty before
     * any subscription} Thread-safe.
     */
    public List<BootSummary> summaries() {
        return summaries.get();
    }

    /**
     * Options of an {@link ScmHistory}: the message table and the evidence typed events need, as for
     * {@link ScmMonitorBuilder}. Not thread-safe; build on one thread.
     */
    public static final class Builder {
        private Path messageTable;
        private Evidence minimumEvidence;
        private final List<BootProcesses> processes = new ArrayList<>();

        private Builder() {
        }

        /**
         * A message table override for the Windows build that wrote the files; as
         * {@link ScmMonitorBuilder#messageTable(Path)}. Default: the shipped table (or the system property
         * {@code etw4j.scm.messageTable}).
         *
         * @param file the message table file
         * @return this builder
         */
        public Builder messageTable(Path file) {
            this.messageTable = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * The least evidence a typed event needs; as {@link ScmMonitorBuilder#minimumEvidence(Evidence)}.
         *
         * @param minimum the least evidence
         * @return this builder
         */
        public Builder minimumEvidence(Evidence minimum) {
            ScmMonitor.builder().minimumEvidence(minimum); // validates
            this.minimumEvidence = minimum;
            return this;
        }

        /**
         * Adds process information for one boot: the clients of that boot's events are named by it (see
         * {@link BootProcesses}, which says what counts as the same boot and how PID reuse is handled). Which boot
         * is decided by {@link #open(Collection)}, which refuses information that fits no boot, or several.
         *
         * @param bootProcesses the processes of one boot
         * @return this builder
         */
        public Builder processes(BootProcesses bootProcesses) {
            processes.add(Objects.requireNonNull(bootProcesses, "bootProcesses"));
            return this;
        }

        /**
         * {@return the history of {@code filesOrFolders}: the files' headers are read now, their records on
         * {@link ScmHistory#events()}}
         *
         * @param filesOrFolders {@code SCM.EVM*} files, or folders holding them
         * @throws IllegalArgumentException if nothing is given, a folder holds no {@code SCM.EVM*} file, or added
         *         process information is of no boot read, of several, or of a boot that already has some (the
         *         message says why)
         * @throws UncheckedIOException if a folder cannot be listed
         * @throws io.etw4j.core.etl.EtlIoException if a file cannot be opened
         * @throws io.etw4j.core.etl.EtlFormatException if a file has no readable logfile header
         * @throws io.etw4j.scm.MessageTableException if the message table override cannot be read or has a bad line
         */
        public ScmHistory open(Collection<Path> filesOrFolders) {
            if (filesOrFolders.isEmpty()) {
                throw new IllegalArgumentException("no SCM.EVM file or folder given");
            }
            Builder frozen = new Builder();
            frozen.messageTable = messageTable;
            frozen.minimumEvidence = minimumEvidence;
            frozen.processes.addAll(processes);
            frozen.monitorBuilder().from(Flux.empty()); // reads the message table now: a bad one fails here
            Map<Path, Path> files = new LinkedHashMap<>();
            for (Path p : filesOrFolders) {
                for (Path f : expand(p)) {
                    files.putIfAbsent(f.toAbsolutePath().normalize(), f);
                }
            }
            List<ScmBoot> unordered = new ArrayList<>();
            for (Path f : files.values()) {
                unordered.add(new ScmBoot(f, 0, EtlFile.open(f).header()));
            }
            unordered.sort(Comparator.comparing((ScmBoot b) -> b.startTime()).thenComparing(ScmBoot::fileName));
            List<ScmBoot> boots = new ArrayList<>();
            for (ScmBoot b : unordered) {
                boots.add(new ScmBoot(b.file(), boots.size(), b.header()));
            }
            return new ScmHistory(boots, frozen, assign(boots, processes));
        }

        /** Gives each process information to the one boot it is of, or refuses it with the reason. */
        private static Map<Integer, BootProcesses> assign(List<ScmBoot> boots, List<BootProcesses> all) {
            Map<Integer, BootProcesses> out = new LinkedHashMap<>();
            List<ScmBoot> byBootTime = new ArrayList<>(boots);
            byBootTime.sort(Comparator.comparing(ScmBoot::bootTime));
            for (BootProcesses p : all) {
                List<ScmBoot> fit = new ArrayList<>();
                List<String> reasons = new ArrayList<>();
                for (int i = 0; i < byBootTime.size(); i++) {
                    ScmBoot b = byBootTime.get(i);
                    Optional<ScmBoot> next = i + 1 < byBootTime.size() ? Optional.of(byBootTime.get(i + 1))
                            : Optional.empty();
                    Optional<String> why = p.mismatch(b, next);
                    if (why.isEmpty()) {
                        fit.add(b);
                    } else {
                        reasons.add(why.get());
                    }
                }
                if (fit.isEmpty()) {
                    throw new IllegalArgumentException("the processes of " + p.origin() + " are of no boot read: "
                            + String.join("; ", reasons));
                }
                if (fit.size() > 1) {
                    throw new IllegalArgumentException("the processes of " + p.origin() + " fit " + fit.size()
                            + " boots (BootTime " + p.bootTime() + "): refused rather than guessed");
                }
                BootProcesses before = out.putIfAbsent(fit.get(0).index(), p);
                if (before != null) {
                    throw new IllegalArgumentException("the processes of " + p.origin() + " and of "
                            + before.origin() + " are both of " + fit.get(0).fileName() + ": give one");
                }
            }
            return out;
        }

        private static List<Path> expand(Path p) {
            if (!Files.isDirectory(p)) {
                return List.of(p);
            }
            List<Path> found = new ArrayList<>();
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(p)) {
                for (Path f : dir) {
                    if (SCM_FILE.matcher(f.getFileName().toString().toLowerCase(Locale.ROOT)).matches()
                            && Files.isRegularFile(f)) {
                        found.add(f);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + p, e);
            }
            if (found.isEmpty()) {
                throw new IllegalArgumentException("no SCM.EVM or SCM.EVM.<n> file in " + p);
            }
            found.sort(null);
            return found;
        }

        ScmMonitorBuilder monitorBuilder() {
            ScmMonitorBuilder b = ScmMonitor.builder().noLiveLookup();
            if (messageTable != null) {
                b.messageTable(messageTable);
            }
            if (minimumEvidence != null) {
                b.minimumEvidence(minimumEvidence);
            }
            return b;
        }
    }
}
