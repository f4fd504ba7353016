package io.etw4j.scm;

import io.etw4j.core.EventRecord;
import io.etw4j.scm.internal.correlation.CorrelatorOptions;
import io.etw4j.scm.internal.correlation.CorrelatorStats;
import io.etw4j.scm.internal.correlation.LiveProcessLookup;
import io.etw4j.scm.internal.correlation.RpcCorroboration;
import io.etw4j.scm.internal.correlation.ScmCorrelator;
import io.etw4j.scm.internal.correlation.ServiceImageLookup;
import io.etw4j.scm.internal.wpp.MessageTable;
import io.etw4j.scm.internal.wpp.ScmWppDecoder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The stages after the source: provider switches, the SCM WPP decoder, the attribution stage (correlator), the idle
 * flush, and the statistics of the most recent subscription. Whatever the source ({@link ScmSource}), the same
 * pipeline runs, so that a live session and a replay give the same events.
 *
 * <p>Thread-safe: the per-subscription state lives in a {@link Run}; other threads read only its volatile snapshot.
 */
final class ScmPipeline {
    private final MessageTable table;
    private final Evidence minimumEvidence;
    private final LiveProcessLookup liveLookup;
    private final ServiceImageLookup imageLookup;
    private final CorrelatorOptions options;
    private final boolean scmWpp;
    private final boolean services;
    private final boolean kernelProcess;
    private final Duration idleFlush;
    private final boolean rpcCorroboration;
    /** The most recent subscription's state; null before the first subscription. */
    private volatile Run currentRun;

    ScmPipeline(MessageTable table, Evidence minimumEvidence, LiveProcessLookup liveLookup,
            ServiceImageLookup imageLookup, CorrelatorOptions options, boolean scmWpp, boolean services,
            boolean kernelProcess, Duration idleFlush) {
        this(table, minimumEvidence, liveLookup, imageLookup, options, scmWpp, services, kernelProcess, idleFlush,
                false);
    }

    ScmPipeline(MessageTable table, Evidence minimumEvidence, LiveProcessLookup liveLookup,
            ServiceImageLookup imageLookup, CorrelatorOptions options, boolean scmWpp, boolean services,
            boolean kernelProcess, Duration idleFlush, boolean rpcCorroboration) {
        this.rpcCorroboration = rpcCorroboration;
        this.table = Objects.requireNonNull(table, "table");
        this.minimumEvidence = Objects.requireNonNull(minimumEvidence, "minimumEvidence");
        this.liveLookup = Objects.requireNonNull(liveLookup, "liveLookup");
        this.imageLookup = Objects.requireNonNull(imageLookup, "imageLookup");
        this.options = Objects.requireNonNull(options, "options");
        this.scmWpp = scmWpp;
        this.services = services;
        this.kernelProcess = kernelProcess;
        this.idleFlush = Objects.requireNonNull(idleFlush, "idleFlush");
    }

    /** The typed events of {@code source}; cold, fresh correlation state per subscription (see ScmMonitor#events). */
    Flux<ScmEvent> events(Flux<EventRecord> source) {
        return Flux.defer(() -> {
            ScmWppDecoder decoder = new ScmWppDecoder(table, minimumEvidence);
            ScmCorrelator correlator = new ScmCorrelator(decoder, liveLookup, imageLookup, options);
            Scheduler clock = idleFlush.isZero() ? null : Schedulers.parallel(); // virtual time in tests
            IdleFlushGate gate = clock == null ? null : new IdleFlushGate(clock, idleFlush);
            Run run = new Run(correlator, decoder, gate, rpcCorroboration ? RpcStage.of(options) : null);
            currentRun = run;
            Flux<ScmEvent> events;
            if (gate == null) {
                // No ticks to merge: the records go to the stage as they are, with no wrapper per record.
                events = source.filter(this::enabled).concatMapIterable(r -> run.published(run.onRecord(r)));
            } else {
                Flux<Input> records = source.filter(this::enabled).map(Input::record);
                // The ticks need no demand: a tick that finds no request is dropped (onBackpressureDrop), one that
                // waited is skipped by the gate, so neither a paused subscriber nor a busy stage fails the Flux.
                Flux<Input> ticks = Flux.interval(idleFlush, clock)
                        .onBackpressureDrop()
                        .map(i -> Input.tick(gate.fire()));
                events = Flux.merge(records.concatWith(Mono.just(Input.END)), ticks)
                        .takeWhile(in -> in != Input.END)
                        .concatMapIterable(in -> run.published(in.record != null ? run.onRecord(in.record)
                                : run.onTick(in.tick)));
            }
            return events
                    .concatWith(Flux.defer(() -> Flux.fromIterable(run.published(run.onComplete()))))
                    .onErrorResume(e -> Flux.fromIterable(run.published(run.onComplete()))
                            .concatWith(Flux.error(e)));
        });
    }

    /** {@return the attribution stage's snapshot of the most recent subscription; null before the first one} */
    ScmMonitorStatistics snapshot() {
        Run run = currentRun;
        return run == null ? null : run.statistics();
    }

    Set<UUID> messageGuidsSeen() {
        Run run = currentRun;
        return run == null ? Set.of() : run.decoder.messageGuidsSeen();
    }

    Map<String, UUID> learnedFileGuids() {
        Run run = currentRun;
        return run == null ? Map.of() : run.decoder.learnedFileGuids();
    }

    String messageTableDescription() {
        return table.description();
    }

    Evidence minimumEvidence() {
        return minimumEvidence;
    }

    private boolean enabled(EventRecord r) {
        if (ScmWppDecoder.isWpp(r)) {
            return scmWpp;
        }
        if (ScmProviders.SERVICES_GUID.equals(r.providerId())) {
            return services;
        }
        if (ScmProviders.KERNEL_PROCESS_GUID.equals(r.providerId())) {
            return kernelProcess;
        }
        return true;
    }

    /**
     * One subscription's state. The correlator is only touched by the (serialised) pipeline, which calls
     * {@link #published} right after each correlator call; other threads read only the volatile {@link #snapshot}
     * (and the idle-flush timer its gate's record count).
     */
    private static final class Run {
        private final ScmCorrelator correlator;
        final ScmWppDecoder decoder;
        /** The idle flush's gate; null without idle flush. */
        final IdleFlushGate gate;
        /** The Microsoft-Windows-RPC corroboration; null when it is off. */
        private final RpcCorroboration rpc;
        private long emitted; // pipeline only
        private Optional<RpcCorroborationStatistics> rpcSnapshot; // pipeline only
        private long rpcSnapshotAt;
        /** What the stage had counted after its latest step; null before the first (then the statistics are EMPTY). */
        volatile Counted snapshot;

        Run(ScmCorrelator correlator, ScmWppDecoder decoder, IdleFlushGate gate, RpcCorroboration rpc) {
            this.rpc = rpc;
            this.correlator = correlator;
            this.decoder = decoder;
            this.gate = gate;
        }

        List<ScmEvent> onRecord(EventRecord record) {
            if (gate != null) {
                gate.recordSeen();
            }
            return rpc == null ? correlator.onRecord(record) : RpcStage.onRecord(rpc, correlator, record);
        }

        List<ScmEvent> onComplete() {
            return rpc == null ? correlator.onComplete() : RpcStage.onComplete(rpc, correlator);
        }

        /** An idle-flush tick: closes windows by its time if the gate lets it through. */
        List<ScmEvent> onTick(IdleFlushGate.Tick tick) {
            Optional<Instant> due = gate.due(tick);
            if (due.isEmpty()) {
                return List.of();
            }
            return rpc == null ? correlator.advanceTo(due.get()) : RpcStage.advanceTo(rpc, correlator, due.get());
        }

        /** The RPC stage's counters, rebuilt only when they changed (a snapshot is published per record). */
        private Optional<RpcCorroborationStatistics> rpcStatistics() {
            if (rpc == null) {
                return Optional.empty();
            }
            if (rpcSnapshot == null || rpc.changes() != rpcSnapshotAt) {
                rpcSnapshotAt = rpc.changes();
                rpcSnapshot = Optional.of(RpcStage.statistics(rpc));
            }
            return rpcSnapshot;
        }

        /** The statistics of the latest snapshot, made when asked for (the stage publishes one per record). */
        ScmMonitorStatistics statistics() {
            Counted c = snapshot;
            return c == null ? ScmMonitorStatistics.EMPTY : ScmMonitorStatistics.of(c.stats, c.emitted, c.rpc);
        }

        /** Counts {@code out} as emitted, publishes a fresh snapshot and returns {@code out}. */
        List<ScmEvent> published(List<ScmEvent> out) {
            emitted += out.size();
            snapshot = new Counted(correlator.stats(), emitted, rpcStatistics());
            return out;
        }
    }

    /**
     * One snapshot of the stage's counters: the correlator's, the events emitted and the RPC stage's, taken together
     * on the pipeline's thread after a step; the public statistics are built from it only when read.
     */
    private static final class Counted {
        final CorrelatorStats stats;
        final long emitted;
        final Optional<RpcCorroborationStatistics> rpc;

        Counted(CorrelatorStats stats, long emitted, Optional<RpcCorroborationStatistics> rpc) {
            this.stats = stats;
            this.emitted = emitted;
            this.rpc = rpc;
        }
    }

    /** A record, an idle-flush tick, or the end of the records. */
    private static final class Input {
        static final Input END = new Input(null, null);
        final EventRecord record;
        final IdleFlushGate.Tick tick;

        private Input(EventRecord record, IdleFlushGate.Tick tick) {
            this.record = record;
            this.tick = tick;
        }

        static Input record(EventRecord r) {
            return new Input(r, null);
        }

        static Input tick(IdleFlushGate.Tick t) {
            return new Input(null, t);
        }
    }
}
