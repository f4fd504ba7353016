package io.etw4j.core.etl;

import io.etw4j.core.RecordStatistics;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one read of an .etl file saw: an immutable snapshot, taken by {@link EtlFile#statistics()}.
 *
 * @param buffersRead       buffers whose records were read (including compressed ones)
 * @param buffersCompressed of those, buffers that were decompressed (ETW_BUFFER_FLAG_COMPRESSED)
 * @param buffersSkipped    buffers (or buffer remainders) left unread because they were malformed
 * @param records           records emitted, the logfile header record included
 * @param recordsSkipped    records of a known but unmapped header type (TIMED, ERROR, WNODE) passed over without
 *                          being emitted; they are not errors
 * @param errors            malformed parts by kind (empty if none)
 * @param bytesRead         bytes of the file in the buffers that were loaded (on-disk, i.e. compressed, sizes); buffer
 *                          headers probed while looking for buffers, and buffers that failed to load, are not counted
 * @param buffersMarkedLost buffers read whose BufferFlag says the logger lost events around them
 *                          (ETW_BUFFER_FLAG_EVENTS_LOST 0x2 or ETW_BUFFER_FLAG_BUFFER_LOST 0x4, ntwmi.h):
 *                          the capture has gaps there, which {@link LogfileHeader#eventsLost()} and
 *                          {@link LogfileHeader#buffersLost()} total for the whole session
 */
public record EtlReaderStatistics(long buffersRead, long buffersCompressed, long buffersSkipped, long records,
        long recordsSkipped, Map<EtlErrorKind, Long> errors, long bytesRead, long buffersMarkedLost, long bytesSkipped,
        List<EtlLostRange> lostRanges, long buffersExpected, long buffersFound, boolean truncated)
        implements RecordStatistics {

    /** Statistics of a read that has not started. */
    public static final EtlReaderStatistics EMPTY =
            new EtlReaderStatistics(0, 0, 0, 0, 0, Map.of(), 0, 0);

    /**
     * The statistics of a read without damage or truncation figures (the constructor of etw4j 0.x, kept for source
     * compatibility): nothing lost, buffers expected unknown.
     *
     * @param buffersRead buffers whose records were read
     * @param buffersCompressed of those, buffers that were decompressed
     * @param buffersSkipped buffers left unread because they were malformed
     * @param records records emitted
     * @param recordsSkipped records of unmapped header types passed over
     * @param errors malformed parts by kind
     * @param bytesRead bytes of the file in the buffers that were loaded
     * @param buffersMarkedLost buffers whose BufferFlag says the logger lost events
     */
    public EtlReaderStatistics(long buffersRead, long buffersCompressed, long buffersSkipped, long records,
            long recordsSkipped, Map<EtlErrorKind, Long> errors, long bytesRead, long buffersMarkedLost) {
        this(buffersRead, buffersCompressed, buffersSkipped, records, recordsSkipped, errors, bytesRead,
                buffersMarkedLost, 0, List.of(), -1, buffersRead + buffersSkipped, false);
    }

    /**
     * Creates the record (the canonical constructor).
     *
     * @param buffersRead buffers whose records were read (including compressed ones)
     * @param buffersCompressed of those, buffers that were decompressed (ETW_BUFFER_FLAG_COMPRESSED)
     * @param buffersSkipped buffers (or buffer remainders) left unread because they were malformed
     * @param records records emitted, the logfile header record included
     * @param recordsSkipped records of a known but unmapped header type (TIMED, ERROR, WNODE) passed over without being
     *        emitted; they are not errors
     * @param errors malformed parts by kind (empty if none)
     * @param bytesRead bytes of the file in the buffers that were loaded (on-disk, i.e. compressed, sizes); buffer
     *        headers probed while looking for buffers are not counted
     * @param buffersMarkedLost buffers read whose BufferFlag says the logger lost events around them
     *        (ETW_BUFFER_FLAG_EVENTS_LOST 0x2 or ETW_BUFFER_FLAG_BUFFER_LOST 0x4, ntwmi.h): the capture has
     *        gaps there, which {@link LogfileHeader#eventsLost()} and {@link LogfileHeader#buffersLost()} total for the
     *        whole session
     * @param bytesSkipped bytes of the file in {@code lostRanges}
     * @param lostRanges ranges of the file no record was read from because a buffer was damaged
     * @param buffersExpected the logfile header's BuffersWritten when it counts the file's buffers, else -1
     * @param buffersFound buffer headers found along the file (read or skipped)
     * @param truncated true if the file was found cut short
     */
    public EtlReaderStatistics {
        lostRanges = List.copyOf(lostRanges);
        EnumMap<EtlErrorKind, Long> copy = new EnumMap<>(EtlErrorKind.class);
        copy.putAll(errors);
        errors = Collections.unmodifiableMap(copy);
    }

    /**
     * {@return buffers the logfile header counts that were not found: {@code buffersExpected - buffersFound}, at
     * least 0; 0 when the count is unknown}
     */
    public long buffersMissing() {
        return buffersExpected < 0 ? 0 : Math.max(0, buffersExpected - buffersFound);
    }

    /**
     * {@return true if anything of the file was not read: lost ranges, skipped buffers or a truncation} Records of
     * unmapped kinds passed over and buffers the logger itself marked lost are not counted here.
     */
    public boolean damaged() {
        return !lostRanges.isEmpty() || buffersSkipped > 0 || truncated;
    }

    /** {@return total number of errors of every kind} */
    public long errorCount() {
        long n = 0;
        for (long v : errors.values()) {
            n += v;
        }
        return n;
    }

    /**
     * {@return number of errors of one kind}
     *
     * @param kind the kind of error to count
     */
    public long errors(EtlErrorKind kind) {
        return errors.getOrDefault(kind, 0L);
    }

    /** {@return {@link #records()}: the records emitted, the logfile header record included} */
    @Override
    public long recordsDelivered() {
        return records;
    }

    /**
     * {@return true if the file is {@link #damaged()}, had malformed parts ({@link #errorCount()}) or holds buffers the
     * logger marked lost ({@link #buffersMarkedLost()})}
     */
    @Override
    public boolean anyLoss() {
        return damaged() || errorCount() > 0 || buffersMarkedLost > 0;
    }
}
