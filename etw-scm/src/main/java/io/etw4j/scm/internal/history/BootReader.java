package io.etw4j.scm.internal.history;

import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.etl.EtlReadOptions;
import io.etw4j.core.etl.LogfileHeader;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.FieldError;
import io.etw4j.decode.TraceLoggingSchemas;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ScmMonitor;
import io.etw4j.scm.ScmMonitorBuilder;
import io.etw4j.scm.ScmProviders;
import io.etw4j.scm.history.BootCoverage;
import io.etw4j.scm.history.BootSummary;
import io.etw4j.scm.history.HistoryEvent;
import io.etw4j.scm.history.HistoryOtherRecord;
import io.etw4j.scm.history.HistoryScmEvent;
import io.etw4j.scm.history.KnownProcess;
import io.etw4j.scm.history.ScmBoot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads one boot's {@code SCM.EVM*} file: every record in file order (so that a wrap can be seen), then sorted by
 * timestamp (stable) and handed to a monitor of its own, so that the correlation state (RPC threads, learned file
 * GUIDs) never crosses boots. A timestamp-order read ({@code EtlReadOptions.withTimestampOrder(true)}) would give the
 * same order (up to ties across processors), oldest surviving buffer first, but could never show
 * {@link BootCoverage#timestampsGoBack()}; as the records are held anyway, sorting them costs less than reading the
 * file twice. The whole file is held in memory while it is read (MaximumFileSize: 5 MB by default). Not thread-safe;
 * one instance per read.
 */
public final class BootReader {
    /** EVENT_TRACE_FILE_MODE_CIRCULAR (evntrace.h). */
    static final int FILE_MODE_CIRCULAR = 0x2;

    private final Supplier<ScmMonitorBuilder> monitors;
    /** The processes the caller added for this boot; null: clients stay PID only. */
    private final ProcessIndex processes;
    private final EventDecoder decoder = EventDecoder.builder().add(TraceLoggingSchemas.create()).build();

    /** What one boot gave: its events in time order and its summary. */
    public record Result(List<HistoryEvent> events, BootSummary summary) {
    }

    /** @param monitors a fresh monitor builder per boot, with the caller's options and no live lookup */
    public BootReader(Supplier<ScmMonitorBuilder> monitors) {
        this(monitors, Optional.empty());
    }

    /**
     * @param monitors  a fresh monitor builder per boot, with the caller's options and no live lookup
     * @param processes the processes of this boot (of this boot only) that name the events' client PIDs
     */
    public BootReader(Supplier<ScmMonitorBuilder> monitors, Optional<List<KnownProcess>> processes) {
        this.monitors = monitors;
        this.processes = processes.map(ProcessIndex::new).orElse(null);
    }

    /**
     * {@return {@code boot}'s events and summary, read from {@code etl} (opened in file order) when subscribed to}
     * Never blocks: the file is read on the subscriber's thread, synchronously, as {@link EtlFile#records()} reads.
     */
    public Mono<Result> read(ScmBoot boot, EtlFile etl) {
        if (etl.options().timestampOrder()) {
            throw new IllegalArgumentException("the file must be read in file order");
        }
        return etl.records().filter(r -> r.headerKind() != HeaderKind.LOGFILE_HEADER).collectList()
                .flatMap(all -> decode(boot, etl, all));
    }

    private Mono<Result> decode(ScmBoot boot, EtlFile etl, List<EventRecord> all) {
        List<EventRecord> scm = new ArrayList<>();
        List<EventRecord> other = new ArrayList<>();
        Map<Integer, Long> lastByProcessor = new HashMap<>();
        boolean goesBack = false;
        Instant first = null;
        Instant last = null;
        for (EventRecord r : all) {
            Long before = lastByProcessor.put(r.processorNumber(), r.rawTimestamp());
            goesBack |= before != null && r.rawTimestamp() < before;
            first = first == null || r.timestamp().isBefore(first) ? r.timestamp() : first;
            last = last == null || r.timestamp().isAfter(last) ? r.timestamp() : last;
            (usedByMonitor(r) ? scm : other).add(r);
        }
        scm.sort(Comparator.comparingLong(EventRecord::rawTimestamp)); // stable: file order within one timestamp
        ScmMonitor monitor = monitors.get().noLiveLookup().from(Flux.fromIterable(scm));
        LogfileHeader h = boot.header();
        long capacity = h.maximumFileSize() > 0 && h.bufferSize() > 0
                ? (h.maximumFileSize() * 1024L * 1024L) / h.bufferSize() : -1;
        long written = Integer.toUnsignedLong(h.buffersWritten());
        BootCoverage coverage = new BootCoverage(h.startTime(), Optional.ofNullable(first), Optional.ofNullable(last),
                (h.logFileMode() & FILE_MODE_CIRCULAR) != 0, written, capacity, capacity >= 0 && written > capacity,
                goesBack);
        return monitor.events().collectList().map(acts -> {
            List<HistoryEvent> events = new ArrayList<>(acts.size() + other.size());
            Map<String, Long> byType = new TreeMap<>();
            TreeSet<Integer> pids = new TreeSet<>();
            for (ScmEvent a : acts) {
                ScmEvent e = processes == null ? a : ClientRewrite.withClient(a, processes.name(a.client(),
                        a.timestamp()));
                events.add(new HistoryScmEvent(boot, e));
                byType.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                if (e.client().pid() > 0) {
                    pids.add(e.client().pid());
                }
            }
            for (EventRecord r : other) {
                events.add(otherRecord(boot, r));
            }
            events.sort(Comparator.comparing(HistoryEvent::timestamp)); // stable: acts before others at one instant
            BootSummary summary = new BootSummary(boot, coverage, byType, pids, other.size(), etl.statistics(),
                    monitor.statistics());
            return new Result(List.copyOf(events), summary);
        });
    }

    /** WPP records (the SCM WPP provider logs under its source files' message GUIDs), Services, Kernel-Process. */
    static boolean usedByMonitor(EventRecord r) {
        return r.isTraceMessage() || ScmProviders.SERVICES_GUID.equals(r.providerId())
                || ScmProviders.KERNEL_PROCESS_GUID.equals(r.providerId());
    }

    private HistoryOtherRecord otherRecord(ScmBoot boot, EventRecord r) {
        DecodedEvent d = decoder.decode(r);
        List<String> problems = new ArrayList<>();
        if (!d.isDecoded()) {
            problems.add("no TraceLogging metadata (EVENT_SCHEMA_TL) or other schema for this record");
        }
        for (FieldError e : d.errors()) {
            problems.add(e.toString());
        }
        return new HistoryOtherRecord(boot, d.providerName(), d.eventName(), d.fields(), problems, r);
    }
}
