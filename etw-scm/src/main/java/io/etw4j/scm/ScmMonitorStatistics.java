package io.etw4j.scm;

import io.etw4j.core.etl.EtlReaderStatistics;
import io.etw4j.core.session.ProviderContention;
import io.etw4j.scm.internal.correlation.CorrelatorStats;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the attribution stage of {@link ScmMonitor#events()} has seen and done: how many records came in, how many
 * events went out, and, above all, what it could not use (records of a handled id whose payload could not be decoded
 * are counted here; a Microsoft-Windows-Services one is also emitted as an {@link UnknownScmMessage}, a Kernel-Process
 * one is not), in total and per provider, event id and version ({@link #undecodableByEventVersion()}: the event
 * versions of a newer Windows build that etw4j does not decode yet). Read it with {@link ScmMonitor#statistics()},
 * for example in a summary at the end of a run or periodically for a health report.
 *
 * <p><b>Snapshot semantics.</b> An instance is an immutable snapshot of the most recent subscription to
 * {@link ScmMonitor#events()}. The monitor publishes a fresh snapshot after the stage has processed each record (and
 * each idle-flush tick, and the end of the source), so while the Flux runs a snapshot may lag the stream by at most
 * one record. Once the Flux terminates (completes, fails, or is cancelled) the snapshot no longer changes. Before any
 * subscription it is {@link #EMPTY}.
 *
 * <p><b>Thread-safety and compatibility.</b> Immutable: safe to read from any thread. {@link ScmMonitor#statistics()}
 * may be called from any thread at any time; it never blocks the stream. Only the monitor makes instances (there is no
 * public constructor), so a later release can add counters without breaking callers. Two snapshots are equal when
 * every value is.
 */
public final class ScmMonitorStatistics {

    /** All zero: the statistics of a monitor whose {@link ScmMonitor#events()} has not been subscribed to. */
    public static final ScmMonitorStatistics EMPTY = new ScmMonitorStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            Map.of(), Optional.empty(), Optional.empty(), 0, 0, 0);

    private final long records;
    private final long eventsEmitted;
    private final long undecodableServices;
    private final long undecodableKernelProcess;
    private final long wppDecoderFailures;
    private final long duplicatesMerged;
    private final long releasedEarly;
    private final long evictedExited;
    private final long evictedRunning;
    private final long driverLoads;
    private final long liveLookups;
    private final int processesInTable;
    private final int pending;
    private final Map<EventVersion, Long> undecodableByEventVersion;
    private final Optional<ProviderContention> scmWppContention;
    private final Optional<EtlReaderStatistics> etlReader;
    private final long ambiguousHeld;
    private final long ambiguousDecidedLater;
    private final long ambiguousReleased;
    private final Optional<ScmSessionUse> scmSession;
    private final Optional<RpcCorroborationStatistics> rpcCorroboration;

    ScmMonitorStatistics(long records, long eventsEmitted, long undecodableServices, long undecodableKernelProcess,
            long wppDecoderFailures, long duplicatesMerged, long releasedEarly, long evictedExited, long evictedRunning,
            long driverLoads, long liveLookups, int processesInTable, int pending,
            Map<EventVersion, Long> undecodableByEventVersion, Optional<ProviderContention> scmWppContention,
            Optional<EtlReaderStatistics> etlReader) {
        this(records, eventsEmitted, undecodableServices, undecodableKernelProcess, wppDecoderFailures,
                duplicatesMerged, releasedEarly, evictedExited, evictedRunning, driverLoads, liveLookups,
                processesInTable, pending, undecodableByEventVersion, scmWppContention, etlReader, 0, 0, 0);
    }

    ScmMonitorStatistics(long records, long eventsEmitted, long undecodableServices, long undecodableKernelProcess,
            long wppDecoderFailures, long duplicatesMerged, long releasedEarly, long evictedExited, long evictedRunning,
            long driverLoads, long liveLookups, int processesInTable, int pending,
            Map<EventVersion, Long> undecodableByEventVersion, Optional<ProviderContention> scmWppContention,
            Optional<EtlReaderStatistics> etlReader, long ambiguousHeld, long ambiguousDecidedLater,
            long ambiguousReleased) {
        this(records, eventsEmitted, undecodableServices, undecodableKernelProcess, wppDecoderFailures,
                duplicatesMerged, releasedEarly, evictedExited, evictedRunning, driverLoads, liveLookups,
                processesInTable, pending, undecodableByEventVersion, scmWppContention, etlReader, ambiguousHeld,
                ambiguousDecidedLater, ambiguousReleased, Optional.empty(), Optional.empty());
    }

    private ScmMonitorStatistics(long records, long eventsEmitted, long undecodableServices,
            long undecodableKernelProcess, long wppDecoderFailures, long duplicatesMerged, long releasedEarly,
            long evictedExited, long evictedRunning, long driverLoads, long liveLookups, int processesInTable,
            int pending, Map<EventVersion, Long> undecodableByEventVersion,
            Optional<ProviderContention> scmWppContention, Optional<EtlReaderStatistics> etlReader,
            long ambiguousHeld, long ambiguousDecidedLater, long ambiguousReleased,
            Optional<ScmSessionUse> scmSession, Optional<RpcCorroborationStatistics> rpcCorroboration) {
        this.scmSession = Objects.requireNonNull(scmSession, "scmSession");
        this.rpcCorroboration = Objects.requireNonNull(rpcCorroboration, "rpcCorroboration");
        this.ambiguousHeld = ambiguousHeld;
        this.ambiguousDecidedLater = ambiguousDecidedLater;
        this.ambiguousReleased = ambiguousReleased;
        this.records = records;
        this.eventsEmitted = eventsEmitted;
        this.undecodableServices = undecodableServices;
        this.undecodableKernelProcess = undecodableKernelProcess;
        this.wppDecoderFailures = wppDecoderFailures;
        this.duplicatesMerged = duplicatesMerged;
        this.releasedEarly = releasedEarly;
        this.evictedExited = evictedExited;
        this.evictedRunning = evictedRunning;
        this.driverLoads = driverLoads;
        this.liveLookups = liveLookups;
        this.processesInTable = processesInTable;
        this.pending = pending;
        Objects.requireNonNull(undecodableByEventVersion, "undecodableByEventVersion");
        this.undecodableByEventVersion = undecodableByEventVersion.isEmpty() ? Map.of()
                : Collections.unmodifiableSortedMap(new TreeMap<>(undecodableByEventVersion));
        this.scmWppContention = Objects.requireNonNull(scmWppContention, "scmWppContention");
        this.etlReader = Objects.requireNonNull(etlReader, "etlReader");
    }

    /** The snapshot of a correlator's counters after {@code eventsEmitted} events were released. */
    static ScmMonitorStatistics of(CorrelatorStats s, long eventsEmitted) {
        return of(s, eventsEmitted, Optional.empty());
    }

    /** As {@link #of(CorrelatorStats, long)}, with the RPC corroboration's counters. */
    static ScmMonitorStatistics of(CorrelatorStats s, long eventsEmitted, Optional<RpcCorroborationStatistics> rpc) {
        return new ScmMonitorStatistics(s.records(), eventsEmitted, s.undecodableServices(),
                s.undecodableKernelProcess(), s.wppDecoderFailures(), s.duplicatesMerged(), s.releasedEarly(),
                s.evictedExited(), s.evictedRunning(), s.driverLoads(), s.liveLookups(), s.processes(), s.pending(),
                s.undecodableByEventVersion(), Optional.empty(), Optional.empty(), s.ambiguousHeld(),
                s.ambiguousDecidedLater(), s.ambiguousReleased(), Optional.empty(), rpc);
    }

    /** A copy carrying {@code contention} as the SCM WPP provider's contention report. */
    ScmMonitorStatistics withScmWppContention(Optional<ProviderContention> contention) {
        return new ScmMonitorStatistics(records, eventsEmitted, undecodableServices, undecodableKernelProcess,
                wppDecoderFailures, duplicatesMerged, releasedEarly, evictedExited, evictedRunning, driverLoads,
                liveLookups, processesInTable, pending, undecodableByEventVersion, contention, etlReader,
                ambiguousHeld, ambiguousDecidedLater, ambiguousReleased, scmSession,
                rpcCorroboration);
    }

    /** A copy carrying {@code use} as the live run's use of the SCM session. */
    ScmMonitorStatistics withScmSession(Optional<ScmSessionUse> use) {
        return new ScmMonitorStatistics(records, eventsEmitted, undecodableServices,
                undecodableKernelProcess, wppDecoderFailures, duplicatesMerged, releasedEarly, evictedExited,
                evictedRunning, driverLoads, liveLookups, processesInTable, pending, undecodableByEventVersion,
                scmWppContention, etlReader, ambiguousHeld, ambiguousDecidedLater, ambiguousReleased, use,
                rpcCorroboration);
    }

    /** A copy carrying {@code reader} as the .etl reader's statistics. */
    ScmMonitorStatistics withEtlReader(Optional<EtlReaderStatistics> reader) {
        return new ScmMonitorStatistics(records, eventsEmitted, undecodableServices, undecodableKernelProcess,
                wppDecoderFailures, duplicatesMerged, releasedEarly, evictedExited, evictedRunning, driverLoads,
                liveLookups, processesInTable, pending, undecodableByEventVersion, scmWppContention, reader,
                ambiguousHeld, ambiguousDecidedLater, ambiguousReleased, scmSession,
                rpcCorroboration);
    }

    /**
     * {@return the counters of the Microsoft-Windows-RPC corroboration, present when
     * {@link ScmMonitorBuilder#rpcCorroboration(boolean)} is on}
     */
    public Optional<RpcCorroborationStatistics> rpcCorroboration() {
        return rpcCorroboration;
    }

    /**
     * {@return records that reached the attribution stage (after switched-off providers are dropped): SCM WPP,
     * Microsoft-Windows-Services, Kernel-Process and any other}
     */
    public long records() {
        return records;
    }

    /**
     * {@return events the stage released downstream (held events count when released; if downstream cancels part-way,
     * events of the last batch may not have been delivered)}
     */
    public long eventsEmitted() {
        return eventsEmitted;
    }

    /**
     * {@return Microsoft-Windows-Services records of a handled event id whose payload could not be decoded (each
     * emitted as an {@link UnknownScmMessage}, never as a wrong typed event)}
     */
    public long undecodableServices() {
        return undecodableServices;
    }

    /**
     * {@return Microsoft-Windows-Kernel-Process records of a handled event id whose payload could not be decoded
     * (counted, not emitted, except a possible driver load)}
     */
    public long undecodableKernelProcess() {
        return undecodableKernelProcess;
    }

    /**
     * {@return SCM WPP records on which the decoder failed (each emitted as an {@link UnknownScmMessage})}
     */
    public long wppDecoderFailures() {
        return wppDecoderFailures;
    }

    /**
     * {@return SCM WPP reports merged into the Microsoft-Windows-Services report of the same act}
     */
    public long duplicatesMerged() {
        return duplicatesMerged;
    }

    /**
     * {@return held events released before their join window closed because too many were held ({@link
     * ScmMonitorBuilder#maxPending(int)})}
     */
    public long releasedEarly() {
        return releasedEarly;
    }

    /**
     * {@return exited processes evicted from the process table (retention or size cap)}
     */
    public long evictedExited() {
        return evictedExited;
    }

    /**
     * {@return running processes evicted because the process table was full ({@link
     * ScmMonitorBuilder#maxProcesses(int)}): a sign of lost attribution}
     */
    public long evictedRunning() {
        return evictedRunning;
    }

    /**
     * {@return kernel image loads seen (each gives one {@link DriverLoaded})}
     */
    public long driverLoads() {
        return driverLoads;
    }

    /**
     * {@return calls made to the live process lookup}
     */
    public long liveLookups() {
        return liveLookups;
    }

    /**
     * {@return processes in the process table at the time of the snapshot}
     */
    public int processesInTable() {
        return processesInTable;
    }

    /**
     * {@return events, driver loads and ambiguous SCM WPP records held, waiting for their windows, at the time of the
     * snapshot (zero once the Flux has completed or failed)}
     */
    public int pending() {
        return pending;
    }

    /**
     * {@return the undecodable Microsoft-Windows-Services and Kernel-Process records of {@link
     * #undecodableServices()} and {@link #undecodableKernelProcess()}, counted per provider, event id and event
     * version (only triples seen, each count at least 1; ordered by provider, id, version; unmodifiable). A version
     * etw4j does not know (for example the ProcessStart of a newer Windows build) shows up here under its number, and
     * is logged once per provider, id and version (an SLF4J warning of a logger under {@code
     * io.etw4j.scm}); a record of a known version whose payload did not have the
     * published shape is counted under that version too (the warning's reason tells which). SCM WPP failures are not
     * versioned and are not in this map. Bounded: the first 64 (provider, id, version) triples are counted apart and
     * every later one under its provider with event id and version -1, so records that choose many versions cannot
     * make this map (copied into every snapshot) grow}
     */
    public Map<EventVersion, Long> undecodableByEventVersion() {
        return undecodableByEventVersion;
    }

    /**
     * {@return for a live monitor, who holds the SCM WPP provider as of the session's last check (at start and at
     * each health poll; see {@link ScmMonitor#providerContention()}): a state other than EXCLUSIVE means another
     * session has it or took it, so service creations may go unseen; empty for other sources and before the first
     * check}
     */
    public Optional<ProviderContention> scmWppContention() {
        return scmWppContention;
    }

    /**
     * {@return for a live monitor with the SCM WPP provider on, how its most recent run uses services.exe's "SCM"
     * session: the {@link ScmSessionMode}, why, the flags, whether real-time delivery was added or the provider given
     * back, and whether the SCM session kept recording ({@link ScmSessionUse#scmSessionKeptRecording()}); empty for
     * other sources and before the first subscription}
     */
    public Optional<ScmSessionUse> scmSession() {
        return scmSession;
    }

    /**
     * {@return for a replay ({@link ScmMonitor#replay}), the .etl reader's statistics of the same subscription:
     * buffers skipped, lost ranges, truncation and errors by kind (a damaged file gives fewer events; this says so);
     * empty for other sources and before the first subscription}
     */
    public Optional<EtlReaderStatistics> etlReader() {
        return etlReader;
    }

    /**
     * {@return the number of records the stage could not use: undecodable Services and Kernel-Process records, WPP
     * failures}
     */
    public long undecodable() {
        return undecodableServices + undecodableKernelProcess + wppDecoderFailures;
    }

    /**
     * {@return SCM WPP records held because several source files' layouts fitted them and their message GUID was not
     * yet bound to a file (the first start request, 0x0c, before RStartServiceW's GUID is learned); each is later
     * counted in {@link #ambiguousDecidedLater()} or {@link #ambiguousReleased()}, or is still in {@link #pending()}}
     */
    public long ambiguousHeld() {
        return ambiguousHeld;
    }

    /** {@return held ambiguous SCM WPP records that a later record of the same call decided (then decoded)} */
    public long ambiguousDecidedLater() {
        return ambiguousDecidedLater;
    }

    /**
     * {@return held ambiguous SCM WPP records released as an {@link UnknownScmMessage} (no record identifying their
     * file came within the hold window, before a new request on their thread, or before the end)}
     */
    public long ambiguousReleased() {
        return ambiguousReleased;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ScmMonitorStatistics)) {
            return false;
        }
        ScmMonitorStatistics s = (ScmMonitorStatistics) o;
        return records == s.records && eventsEmitted == s.eventsEmitted && undecodableServices == s.undecodableServices
                && undecodableKernelProcess == s.undecodableKernelProcess && wppDecoderFailures == s.wppDecoderFailures
                && duplicatesMerged == s.duplicatesMerged && releasedEarly == s.releasedEarly
                && evictedExited == s.evictedExited && evictedRunning == s.evictedRunning
                && driverLoads == s.driverLoads && liveLookups == s.liveLookups
                && processesInTable == s.processesInTable && pending == s.pending
                && undecodableByEventVersion.equals(s.undecodableByEventVersion)
                && scmWppContention.equals(s.scmWppContention) && etlReader.equals(s.etlReader)
                && ambiguousHeld == s.ambiguousHeld && ambiguousDecidedLater == s.ambiguousDecidedLater
                && ambiguousReleased == s.ambiguousReleased && scmSession.equals(s.scmSession)
                && rpcCorroboration.equals(s.rpcCorroboration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(records, eventsEmitted, undecodableServices, undecodableKernelProcess, wppDecoderFailures,
                duplicatesMerged, releasedEarly, evictedExited, evictedRunning, driverLoads, liveLookups,
                processesInTable, pending, undecodableByEventVersion, scmWppContention, etlReader, ambiguousHeld,
                ambiguousDecidedLater, ambiguousReleased, scmSession, rpcCorroboration);
    }

    /** For logs: every counter by name. */
    @Override
    public String toString() {
        return "ScmMonitorStatistics[records=" + records + ", eventsEmitted=" + eventsEmitted
                + ", undecodableServices=" + undecodableServices + ", undecodableKernelProcess="
                + undecodableKernelProcess + ", wppDecoderFailures=" + wppDecoderFailures + ", duplicatesMerged="
                + duplicatesMerged + ", releasedEarly=" + releasedEarly + ", evictedExited=" + evictedExited
                + ", evictedRunning=" + evictedRunning + ", driverLoads=" + driverLoads + ", liveLookups="
                + liveLookups + ", processesInTable=" + processesInTable + ", pending=" + pending
                + ", undecodableByEventVersion=" + undecodableByEventVersion + ", scmWppContention="
                + scmWppContention + ", etlReader=" + etlReader + ", ambiguousHeld=" + ambiguousHeld
                + ", ambiguousDecidedLater=" + ambiguousDecidedLater + ", ambiguousReleased=" + ambiguousReleased
                + ", scmSession=" + scmSession + ", rpcCorroboration=" + rpcCorroboration + "]";
    }

    /**
     * A manifest event version of one provider: the key of {@link #undecodableByEventVersion()}. Immutable; ordered
     * by provider, event id, version.
     *
     * @param provider {@link ScmProviders#KERNEL_PROCESS_NAME} or {@link ScmProviders#SERVICES_NAME}
     * @param eventId  the event id (EVENT_DESCRIPTOR.Id)
     * @param version  the event version (EVENT_DESCRIPTOR.Version)
     */
    public record EventVersion(String provider, int eventId, int version) implements Comparable<EventVersion> {
        private static final Comparator<EventVersion> ORDER = Comparator.comparing(EventVersion::provider)
                .thenComparingInt(EventVersion::eventId).thenComparingInt(EventVersion::version);

        /**
         * Creates the key (the canonical constructor).
         *
         * @param provider {@link ScmProviders#KERNEL_PROCESS_NAME} or {@link ScmProviders#SERVICES_NAME}
         * @param eventId the event id (EVENT_DESCRIPTOR.Id)
         * @param version the event version (EVENT_DESCRIPTOR.Version)
         */
        public EventVersion {
            Objects.requireNonNull(provider, "provider");
        }

        @Override
        public int compareTo(EventVersion other) {
            return ORDER.compare(this, other);
        }

        /** For logs and summaries, e.g. {@code Microsoft-Windows-Kernel-Process event 1 v6}. */
        @Override
        public String toString() {
            return provider + " event " + eventId + " v" + version;
        }
    }
}
