package io.etw4j.scm;

import io.etw4j.core.etl.EtlReaderStatistics;
import io.etw4j.core.session.ProviderContention;
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
 * <p><b>Thread-safety.</b> Immutable: safe to read from any thread. {@link ScmMonitor#statistics()} may be called from
 * any thread at any time; it never blocks the stream.
 *
 * @param records                  records that reached the attribution stage (after switched-off providers are
 *                                 dropped): SCM WPP, Microsoft-Windows-Services, Kernel-Process and any other
 * @param eventsEmitted            events the stage released downstream (held events count when released; if
 *                                 downstream cancels part-way, events of the last batch may not have been delivered)
 * @param undecodableServices      Microsoft-Windows-Services records of a handled event id whose payload could not be
 *                                 decoded (each emitted as an {@link UnknownScmMessage}, never as a wrong typed event)
 * @param undecodableKernelProcess Microsoft-Windows-Kernel-Process records of a handled event id whose payload could
 *                                 not be decoded (counted, not emitted, except a possible driver load)
 * @param wppDecoderFailures       SCM WPP records on which the decoder failed (each emitted as an
 *                                 {@link UnknownScmMessage})
 * @param duplicatesMerged         SCM WPP reports merged into the Microsoft-Windows-Services report of the same act
 * @param releasedEarly            held events released before their join window closed because too many were held
 *                                 ({@link ScmMonitor.Builder#maxPending(int)})
 * @param evictedExited            exited processes evicted from the process table (retention or size cap)
 * @param evictedRunning           running processes evicted because the process table was full
 *                                 ({@link ScmMonitor.Builder#maxProcesses(int)}): a sign of lost attribution
 * @param driverLoads              kernel image loads seen (each gives one {@link DriverLoaded})
 * @param liveLookups              calls made to the live process lookup
 * @param processesInTable         processes in the process table at the time of the snapshot
 * @param pending                  events and driver loads held, waiting for their windows, at the time of the
 *                                 snapshot (zero once the Flux has completed or failed)
 * @param undecodableByEventVersion the undecodable Microsoft-Windows-Services and Kernel-Process records of
 *                                 {@code undecodableServices} and {@code undecodableKernelProcess}, counted per
 *                                 provider, event id and event version (only triples seen, each count at least 1;
 *                                 ordered by provider, id, version; unmodifiable). A version etw4j does not know
 *                                 (for example the ProcessStart of a newer Windows build) shows up here under its
 *                                 number, and is logged once per provider, id and version (an SLF4J warning of
 *                                 logger {@code io.etw4j.scm.internal.correlation.ScmCorrelator}); a record of a
 *                                 known version whose payload did not have the published shape is counted under
 *                                 that version too (the warning's reason tells which). SCM WPP failures are not
 *                                 versioned and are not in this map. Bounded: only handled event ids are counted,
 *                                 and an event version is one byte (UCHAR Version of EVENT_DESCRIPTOR, evntprov.h).
 * @param scmWppContention         for a live monitor, who holds the SCM WPP provider as of the session's last check (at
 *                                 start and at each health poll; see {@link ScmMonitor#providerContention()}): a
 *                                 state other than EXCLUSIVE means another session has it or took it, so service
 *                                 creations may go unseen; empty for other sources and before the first check
 * @param etlReader                for a replay ({@link ScmMonitor#replay}), the .etl reader's statistics of the same
 *                                 subscription: buffers skipped, lost ranges, truncation and errors by kind (a
 *                                 damaged file gives fewer events; this says so); empty for other sources and before
 *                                 the first subscription
 */
public record ScmMonitorStatistics(long records, long eventsEmitted, long undecodableServices,
        long undecodableKernelProcess, long wppDecoderFailures, long duplicatesMerged, long releasedEarly,
        long evictedExited, long evictedRunning, long driverLoads, long liveLookups, int processesInTable,
        int pending, Map<EventVersion, Long> undecodableByEventVersion,
        Optional<ProviderContention> scmWppContention, Optional<EtlReaderStatistics> etlReader) {

    /** All zero: the statistics of a monitor whose {@link ScmMonitor#events()} has not been subscribed to. */
    public static final ScmMonitorStatistics EMPTY = new ScmMonitorStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            Map.of(), Optional.empty(), Optional.empty());

    /** Provider name used in {@link EventVersion#provider()} for Microsoft-Windows-Services records. */
    public static final String SERVICES_PROVIDER = "Microsoft-Windows-Services";
    /** Provider name used in {@link EventVersion#provider()} for Microsoft-Windows-Kernel-Process records. */
    public static final String KERNEL_PROCESS_PROVIDER = "Microsoft-Windows-Kernel-Process";

    /**
     * Copies {@code undecodableByEventVersion} into an unmodifiable map ordered by {@link EventVersion}.
     *
     * @param records records that reached the attribution stage (after switched-off providers are dropped): SCM WPP,
     *        Microsoft-Windows-Services, Kernel-Process and any other
     * @param eventsEmitted events the stage released downstream (held events count when released; if downstream cancels
     *        part-way, events of the last batch may not have been delivered)
     * @param undecodableServices Microsoft-Windows-Services records of a handled event id whose payload could not be
     *        decoded (each emitted as an {@link UnknownScmMessage}, never as a wrong typed event)
     * @param undecodableKernelProcess Microsoft-Windows-Kernel-Process records of a handled event id whose payload
     *        could not be decoded (counted, not emitted, except a possible driver load)
     * @param wppDecoderFailures SCM WPP records on which the decoder failed (each emitted as an {@link
     *        UnknownScmMessage})
     * @param duplicatesMerged SCM WPP reports merged into the Microsoft-Windows-Services report of the same act
     * @param releasedEarly held events released before their join window closed because too many were held ({@link
     *        ScmMonitor.Builder#maxPending(int)})
     * @param evictedExited exited processes evicted from the process table (retention or size cap)
     * @param evictedRunning running processes evicted because the process table was full ({@link
     *        ScmMonitor.Builder#maxProcesses(int)}): a sign of lost attribution
     * @param driverLoads kernel image loads seen (each gives one {@link DriverLoaded})
     * @param liveLookups calls made to the live process lookup
     * @param processesInTable processes in the process table at the time of the snapshot
     * @param pending events and driver loads held, waiting for their windows, at the time of the snapshot (zero once
     *        the Flux has completed or failed)
     * @param undecodableByEventVersion the undecodable Microsoft-Windows-Services and Kernel-Process records of {@code
     *        undecodableServices} and {@code undecodableKernelProcess}, counted per provider, event id and event
     *        version (only triples seen, each count at least 1; ordered by provider, id, version; unmodifiable). A
     *        version etw4j does not know (for example the ProcessStart of a newer Windows build) shows up here under
     *        its number, and is logged once per provider, id and version (an SLF4J warning of logger {@code
     *        io.etw4j.scm.internal.correlation.ScmCorrelator}); a record of a known version whose payload did not have
     *        the published shape is counted under that version too (the warning's reason tells which). SCM WPP failures
     *        are not versioned and are not in this map. Bounded: only handled event ids are counted, and an event
     *        version is one byte (UCHAR Version of EVENT_DESCRIPTOR, evntprov.h).
     * @param scmWppContention for a live monitor, who holds the SCM WPP provider as of the session's last check (at
     *        start and at each health poll; see {@link ScmMonitor#providerContention()}): a state other than EXCLUSIVE
     *        means another session has it or took it, so service creations may go unseen; empty for other sources and
     *        before the first check
     * @param etlReader for a replay, the .etl reader's statistics of the same subscription; empty otherwise
     */
    public ScmMonitorStatistics {
        Objects.requireNonNull(scmWppContention, "scmWppContention");
        Objects.requireNonNull(etlReader, "etlReader");
        Objects.requireNonNull(undecodableByEventVersion, "undecodableByEventVersion");
        undecodableByEventVersion = undecodableByEventVersion.isEmpty() ? Map.of()
                : Collections.unmodifiableSortedMap(new TreeMap<>(undecodableByEventVersion));
    }

    /**
     * Statistics without a contention report (replays, {@link ScmMonitor#from}).
     *
     * @param records records that reached the attribution stage (after switched-off providers are dropped): SCM WPP,
     *        Microsoft-Windows-Services, Kernel-Process and any other
     * @param eventsEmitted events the stage released downstream (held events count when released; if downstream cancels
     *        part-way, events of the last batch may not have been delivered)
     * @param undecodableServices Microsoft-Windows-Services records of a handled event id whose payload could not be
     *        decoded (each emitted as an {@link UnknownScmMessage}, never as a wrong typed event)
     * @param undecodableKernelProcess Microsoft-Windows-Kernel-Process records of a handled event id whose payload
     *        could not be decoded (counted, not emitted, except a possible driver load)
     * @param wppDecoderFailures SCM WPP records on which the decoder failed (each emitted as an {@link
     *        UnknownScmMessage})
     * @param duplicatesMerged SCM WPP reports merged into the Microsoft-Windows-Services report of the same act
     * @param releasedEarly held events released before their join window closed because too many were held ({@link
     *        ScmMonitor.Builder#maxPending(int)})
     * @param evictedExited exited processes evicted from the process table (retention or size cap)
     * @param evictedRunning running processes evicted because the process table was full ({@link
     *        ScmMonitor.Builder#maxProcesses(int)}): a sign of lost attribution
     * @param driverLoads kernel image loads seen (each gives one {@link DriverLoaded})
     * @param liveLookups calls made to the live process lookup
     * @param processesInTable processes in the process table at the time of the snapshot
     * @param pending events and driver loads held, waiting for their windows, at the time of the snapshot (zero once
     *        the Flux has completed or failed)
     * @param undecodableByEventVersion the undecodable Microsoft-Windows-Services and Kernel-Process records of {@code
     *        undecodableServices} and {@code undecodableKernelProcess}, counted per provider, event id and event
     *        version (only triples seen, each count at least 1; ordered by provider, id, version; unmodifiable). A
     *        version etw4j does not know (for example the ProcessStart of a newer Windows build) shows up here under
     *        its number, and is logged once per provider, id and version (an SLF4J warning of logger {@code
     *        io.etw4j.scm.internal.correlation.ScmCorrelator}); a record of a known version whose payload did not have
     *        the published shape is counted under that version too (the warning's reason tells which). SCM WPP failures
     *        are not versioned and are not in this map. Bounded: only handled event ids are counted, and an event
     *        version is one byte (UCHAR Version of EVENT_DESCRIPTOR, evntprov.h).
     */
    public ScmMonitorStatistics(long records, long eventsEmitted, long undecodableServices,
            long undecodableKernelProcess, long wppDecoderFailures, long duplicatesMerged, long releasedEarly,
            long evictedExited, long evictedRunning, long driverLoads, long liveLookups, int processesInTable,
            int pending, Map<EventVersion, Long> undecodableByEventVersion) {
        this(records, eventsEmitted, undecodableServices, undecodableKernelProcess, wppDecoderFailures,
                duplicatesMerged, releasedEarly, evictedExited, evictedRunning, driverLoads, liveLookups,
                processesInTable, pending, undecodableByEventVersion, Optional.empty(), Optional.empty());
    }

    /**
     * Statistics without reader statistics (live monitors, {@link ScmMonitor#from}); the constructor of the releases
     * before {@link #etlReader()}, kept for source compatibility.
     *
     * @param records records that reached the attribution stage
     * @param eventsEmitted events the stage released downstream
     * @param undecodableServices undecodable Microsoft-Windows-Services records of a handled id
     * @param undecodableKernelProcess undecodable Microsoft-Windows-Kernel-Process records of a handled id
     * @param wppDecoderFailures SCM WPP records on which the decoder failed
     * @param duplicatesMerged SCM WPP reports merged into the Microsoft-Windows-Services report of the same act
     * @param releasedEarly held events released before their join window closed
     * @param evictedExited exited processes evicted from the process table
     * @param evictedRunning running processes evicted because the process table was full
     * @param driverLoads kernel image loads seen
     * @param liveLookups calls made to the live process lookup
     * @param processesInTable processes in the process table at the time of the snapshot
     * @param pending events and driver loads held at the time of the snapshot
     * @param undecodableByEventVersion the undecodable records per provider, event id and version
     * @param scmWppContention who holds the SCM WPP provider, for a live monitor
     */
    public ScmMonitorStatistics(long records, long eventsEmitted, long undecodableServices,
            long undecodableKernelProcess, long wppDecoderFailures, long duplicatesMerged, long releasedEarly,
            long evictedExited, long evictedRunning, long driverLoads, long liveLookups, int processesInTable,
            int pending, Map<EventVersion, Long> undecodableByEventVersion,
            Optional<ProviderContention> scmWppContention) {
        this(records, eventsEmitted, undecodableServices, undecodableKernelProcess, wppDecoderFailures,
                duplicatesMerged, releasedEarly, evictedExited, evictedRunning, driverLoads, liveLookups,
                processesInTable, pending, undecodableByEventVersion, scmWppContention, Optional.empty());
    }

    /**
     * {@return a copy carrying {@code contention} as the SCM WPP provider's contention report}
     *
     * @param contention who holds the SCM WPP provider, empty if not known
     */
    public ScmMonitorStatistics withScmWppContention(Optional<ProviderContention> contention) {
        return new ScmMonitorStatistics(records, eventsEmitted, undecodableServices, undecodableKernelProcess,
                wppDecoderFailures, duplicatesMerged, releasedEarly, evictedExited, evictedRunning, driverLoads,
                liveLookups, processesInTable, pending, undecodableByEventVersion, contention, etlReader);
    }

    /**
     * {@return a copy carrying {@code reader} as the .etl reader's statistics}
     *
     * @param reader the reader's statistics of a replay, empty for other sources
     */
    public ScmMonitorStatistics withEtlReader(Optional<EtlReaderStatistics> reader) {
        return new ScmMonitorStatistics(records, eventsEmitted, undecodableServices, undecodableKernelProcess,
                wppDecoderFailures, duplicatesMerged, releasedEarly, evictedExited, evictedRunning, driverLoads,
                liveLookups, processesInTable, pending, undecodableByEventVersion, scmWppContention, reader);
    }

    /**
     * A manifest event version of one provider: the key of {@link #undecodableByEventVersion()}. Immutable; ordered
     * by provider, event id, version.
     *
     * @param provider {@link #KERNEL_PROCESS_PROVIDER} or {@link #SERVICES_PROVIDER}
     * @param eventId  the event id (EVENT_DESCRIPTOR.Id)
     * @param version  the event version (EVENT_DESCRIPTOR.Version)
     */
    public record EventVersion(String provider, int eventId, int version) implements Comparable<EventVersion> {
        private static final Comparator<EventVersion> ORDER = Comparator.comparing(EventVersion::provider)
                .thenComparingInt(EventVersion::eventId).thenComparingInt(EventVersion::version);

        /**
         * Creates the record (the canonical constructor).
         *
         * @param provider {@link #KERNEL_PROCESS_PROVIDER} or {@link #SERVICES_PROVIDER}
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

    /**
     * {@return the number of records the stage could not use: undecodable Services and Kernel-Process records, WPP
     * failures}
     */
    public long undecodable() {
        return undecodableServices + undecodableKernelProcess + wppDecoderFailures;
    }
}
