package io.etw4j.scm.internal.correlation;

import io.etw4j.scm.ScmMonitorStatistics;
import io.etw4j.scm.ScmProviders;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;

/**
 * Counts the records a decoder could not read, in total and per (provider, event id, version), and logs each triple
 * once (the {@code UnknownScmMessage} of a record that is reported rather than only counted comes from
 * {@link PublicEvents#unknown}). Bounded: at most {@link #MAX_EVENT_VERSIONS} triples are counted apart (handled ids
 * only, a version is one byte, and records choosing many versions could otherwise make every record's statistics
 * copy grow); later triples are counted together under {@link #OTHER_VERSIONS} (id and version -1) of their provider.
 * Single-threaded.
 */
final class UndecodableRecords {
    /** The most (provider, id, version) triples counted apart. */
    static final int MAX_EVENT_VERSIONS = 64;
    /** The id and version of the bucket that counts the triples beyond {@link #MAX_EVENT_VERSIONS}. */
    static final int OTHER_VERSIONS = -1;

    private final Logger log;
    private final Map<ScmMonitorStatistics.EventVersion, Long> counts = new TreeMap<>();
    /** An unmodifiable copy of {@link #counts}, renewed when it changes (stats() runs per record). */
    private Map<ScmMonitorStatistics.EventVersion, Long> snapshot = Map.of();
    private long kernel;
    private long services;
    private long wppFailures;

    UndecodableRecords(Logger log) {
        this.log = log;
    }

    void kernelProcess(int id, int version, String reason) {
        kernel++;
        count(ScmProviders.KERNEL_PROCESS_NAME, id, version, reason);
    }

    void services(int id, int version, String reason) {
        services++;
        count(ScmProviders.SERVICES_NAME, id, version, reason);
    }

    void wppFailure() {
        wppFailures++;
    }

    long kernelProcess() {
        return kernel;
    }

    long services() {
        return services;
    }

    long wppFailures() {
        return wppFailures;
    }

    Map<ScmMonitorStatistics.EventVersion, Long> byEventVersion() {
        return snapshot;
    }

    /**
     * Counts an undecodable record under its (provider, id, version) and, the first time that triple is seen, logs
     * one warning naming it, so that the shipped manifest can be extended from a provider dump of the new build.
     */
    private void count(String provider, int id, int version, String reason) {
        ScmMonitorStatistics.EventVersion key = new ScmMonitorStatistics.EventVersion(provider, id, version);
        if (!counts.containsKey(key) && counts.size() >= MAX_EVENT_VERSIONS) {
            key = new ScmMonitorStatistics.EventVersion(provider, OTHER_VERSIONS, OTHER_VERSIONS);
        }
        long count = counts.merge(key, 1L, Long::sum);
        snapshot = Collections.unmodifiableMap(new TreeMap<>(counts));
        if (count == 1) {
            log.warn("{} event {} version {} could not be decoded ({}); further ones are only counted (see "
                    + "ScmMonitorStatistics.undecodableByEventVersion)", provider, id, version, reason);
        }
    }
}
