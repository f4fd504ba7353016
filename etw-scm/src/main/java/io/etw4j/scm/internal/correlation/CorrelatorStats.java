package io.etw4j.scm.internal.correlation;

import io.etw4j.scm.ScmMonitorStatistics;
import java.util.Map;
import java.util.Objects;

/**
 * Counters of a {@link ScmCorrelator}, as a snapshot. Immutable.
 *
 * @param records                  records passed to {@code onRecord}
 * @param processes                processes currently in the process table
 * @param evictedExited            exited processes evicted from the table (retention or cap)
 * @param evictedRunning           running processes evicted because the table was full
 * @param pending                  events, driver loads and ambiguous SCM WPP records currently held
 * @param undecodableKernelProcess Kernel-Process records of a handled id that could not be decoded
 * @param undecodableServices      Microsoft-Windows-Services records of a handled id that could not be decoded
 * @param wppDecoderFailures       records on which the SCM WPP decoder threw (each reported as an unknown message)
 * @param duplicatesMerged         SCM WPP reports merged into the Microsoft-Windows-Services report of the same act
 * @param releasedEarly            held items released before their window closed because too many were held
 * @param liveLookups              calls made to the live process lookup
 * @param driverLoads              kernel image loads seen (each gives one {@code DriverLoaded})
 * @param undecodableByEventVersion the undecodable Kernel-Process and Services records per provider, event id and
 *                                 version (unmodifiable; see {@link ScmMonitorStatistics#undecodableByEventVersion()})
 * @param ambiguousHeld            SCM WPP records held because their layout was ambiguous until a later record
 *                                 identified their source file ({@link AmbiguousWppHold})
 * @param ambiguousDecidedLater    of those, the ones a later record decided (decoded then)
 * @param ambiguousReleased        of those, the ones released as unknown (no identifying record came in time)
 */
public record CorrelatorStats(long records, int processes, long evictedExited, long evictedRunning, int pending,
        long undecodableKernelProcess, long undecodableServices, long wppDecoderFailures, long duplicatesMerged,
        long releasedEarly, long liveLookups, long driverLoads,
        Map<ScmMonitorStatistics.EventVersion, Long> undecodableByEventVersion, long ambiguousHeld,
        long ambiguousDecidedLater, long ambiguousReleased) {
    public CorrelatorStats {
        Objects.requireNonNull(undecodableByEventVersion, "undecodableByEventVersion");
    }
}
