package io.etw4j.scm;

/**
 * What the attribution stage of {@link ScmMonitor#events()} has seen and done: how many records came in, how many
 * events went out, and, above all, what it could not use (records of a handled id whose payload could not be decoded
 * are counted here; a Microsoft-Windows-Services one is also emitted as an {@link UnknownScmMessage}, a Kernel-Process
 * one is not). Read it with {@link ScmMonitor#statistics()}, for example in a summary at the end of a run or
 * periodically for a health report.
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
 */
public record ScmMonitorStatistics(long records, long eventsEmitted, long undecodableServices,
        long undecodableKernelProcess, long wppDecoderFailures, long duplicatesMerged, long releasedEarly,
        long evictedExited, long evictedRunning, long driverLoads, long liveLookups, int processesInTable,
        int pending) {

    /** All zero: the statistics of a monitor whose {@link ScmMonitor#events()} has not been subscribed to. */
    public static final ScmMonitorStatistics EMPTY = new ScmMonitorStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The number of records the stage could not use: undecodable Services and Kernel-Process records, WPP failures. */
    public long undecodable() {
        return undecodableServices + undecodableKernelProcess + wppDecoderFailures;
    }
}
