package io.etw4j.scm.history;

import io.etw4j.core.etl.EtlReaderStatistics;
import io.etw4j.scm.ScmMonitorStatistics;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one boot's file held: acts by type, distinct client PIDs, the time range it covers. Made when the boot has
 * been read ({@link ScmHistory#summaries()}). Immutable and thread-safe.
 *
 * @param boot          the boot and its file
 * @param coverage      how much of the boot the file still covers, and whether it wrapped
 * @param eventsByType  typed SCM events by simple type name ({@code ServiceCreated}, ..., {@code UnknownScmMessage})
 * @param clientPids    the distinct non-zero client PIDs of the typed events (PIDs of this boot only)
 * @param otherRecords  records shown as {@link HistoryOtherRecord}
 * @param reader        the .etl reader's statistics of the file (damage, skipped ranges)
 * @param attribution   the SCM pipeline's statistics of the boot (records in, events out, undecodable records)
 */
public record BootSummary(ScmBoot boot, BootCoverage coverage, Map<String, Long> eventsByType,
        SortedSet<Integer> clientPids, long otherRecords, EtlReaderStatistics reader,
        ScmMonitorStatistics attribution) {

    /**
     * Creates the record (the canonical constructor); copies the map and set.
     *
     * @param boot the boot and its file
     * @param coverage how much of the boot the file covers
     * @param eventsByType typed SCM events by simple type name
     * @param clientPids the distinct non-zero client PIDs
     * @param otherRecords records shown as HistoryOtherRecord
     * @param reader the .etl reader's statistics
     * @param attribution the SCM pipeline's statistics
     */
    public BootSummary {
        Objects.requireNonNull(boot, "boot");
        Objects.requireNonNull(coverage, "coverage");
        eventsByType = Collections.unmodifiableMap(new TreeMap<>(eventsByType));
        clientPids = Collections.unmodifiableSortedSet(new TreeSet<>(clientPids));
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(attribution, "attribution");
    }

    /** {@return one line for a log or stderr, e.g. {@code SCM.EVM.1: boot 2024-05-01T08:00:00Z, ...}} */
    public String describe() {
        StringBuilder b = new StringBuilder(boot.fileName()).append(": boot ").append(boot.bootTime())
                .append(", started ").append(boot.startTime()).append(", events ").append(eventsByType)
                .append(", ").append(clientPids.size()).append(" distinct client PIDs ").append(clientPids)
                .append(", ").append(otherRecords).append(" other records, covers ")
                .append(coverage.firstEvent().map(Object::toString).orElse("-")).append(" .. ")
                .append(coverage.lastEvent().map(Object::toString).orElse("-"));
        if (coverage.wrapped()) {
            b.append(", wrapped: the first ").append(coverage.notCovered()).append(" after the start are overwritten");
        } else {
            b.append(", not wrapped");
        }
        if (reader.damaged()) {
            b.append(", file damaged (").append(reader.errorCount()).append(" errors, ").append(reader.bytesSkipped())
                    .append(" bytes skipped)");
        }
        return b.toString();
    }
}
