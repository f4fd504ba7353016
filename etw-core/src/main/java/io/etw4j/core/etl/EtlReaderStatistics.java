package io.etw4j.core.etl;

import io.etw4j.core.RecordStatistics;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one read of an .etl file saw: an immutable snapshot, taken by {@link EtlFile#statistics()}.
 *
 */
public final class EtlReaderStatistics implements RecordStatistics {
    private final long buffersRead;
    private final long buffersCompressed;
    private final long buffersSkipped;
    private final long records;
    private final long recordsSkipped;
    private final Map<EtlErrorKind, Long> errors;
    private final long bytesRead;
    private final long buffersMarkedLost;
    private final long bytesSkipped;
    private final List<EtlLostRange> lostRanges;
    private final long lostRangesNotListed;
    private final long buffersExpected;
    private final long buffersFound;
    private final boolean truncated;
    private final long buffersFilteredOut;

    /** Statistics of a read that has not started. */
    public static final EtlReaderStatistics EMPTY =
            new EtlReaderStatistics(0, 0, 0, 0, 0, Map.of(), 0, 0, 0, List.of(), 0, -1, 0, false, 0);

    static {
        io.etw4j.core.internal.Statistics.install(EtlReaderStatistics::new);
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

    EtlReaderStatistics(long buffersRead, long buffersCompressed, long buffersSkipped, long records,
            long recordsSkipped, Map<EtlErrorKind, Long> errors, long bytesRead, long buffersMarkedLost,
            long bytesSkipped, List<EtlLostRange> lostRanges, long lostRangesNotListed, long buffersExpected,
            long buffersFound, boolean truncated, long buffersFilteredOut) {
        lostRanges = List.copyOf(lostRanges);
        EnumMap<EtlErrorKind, Long> copy = new EnumMap<>(EtlErrorKind.class);
        copy.putAll(errors);
        errors = Collections.unmodifiableMap(copy);
        this.buffersRead = buffersRead;
        this.buffersCompressed = buffersCompressed;
        this.buffersSkipped = buffersSkipped;
        this.records = records;
        this.recordsSkipped = recordsSkipped;
        this.errors = errors;
        this.bytesRead = bytesRead;
        this.buffersMarkedLost = buffersMarkedLost;
        this.bytesSkipped = bytesSkipped;
        this.lostRanges = lostRanges;
        this.lostRangesNotListed = lostRangesNotListed;
        this.buffersExpected = buffersExpected;
        this.buffersFound = buffersFound;
        this.truncated = truncated;
        this.buffersFilteredOut = buffersFilteredOut;
    }

    /**
     * {@return buffers found but not loaded because their header shows they cannot hold a record the read asked for
     * ({@link EtlReadOptions#withSkipBuffersBefore}); they are not damage: not in {@link #buffersSkipped()}, {@link
     * #buffersRead()}, {@link #bytesRead()} or {@link #lostRanges()}, and counted in {@link #buffersFound()}}
     */
    public long buffersFilteredOut() {
        return buffersFilteredOut;
    }

    /** {@return buffers whose records were read (including compressed ones)} */
    public long buffersRead() {
        return buffersRead;
    }

    /** {@return of those, buffers that were decompressed (ETW_BUFFER_FLAG_COMPRESSED)} */
    public long buffersCompressed() {
        return buffersCompressed;
    }

    /** {@return buffers (or buffer remainders) left unread because they were malformed} */
    public long buffersSkipped() {
        return buffersSkipped;
    }

    /** {@return records emitted, the logfile header record included} */
    public long records() {
        return records;
    }

    /** {@return records of a known but unmapped header type (TIMED, ERROR,
            WNODE) passed over without being emitted; they are not errors} */
    public long recordsSkipped() {
        return recordsSkipped;
    }

    /** {@return malformed parts by kind (empty if none)} */
    public Map<EtlErrorKind, Long> errors() {
        return errors;
    }

    /** {@return bytes of the file in the buffers that were loaded (on-disk, i.e. compressed,
            sizes); buffer headers probed while looking for buffers, and buffers that failed to load,
            are not counted} */
    public long bytesRead() {
        return bytesRead;
    }

    /**
     * {@return buffers read whose BufferFlag says the logger lost events around them (ETW_BUFFER_FLAG_EVENTS_LOST 0x2
     * or ETW_BUFFER_FLAG_BUFFER_LOST 0x4, ntwmi.h): the capture has gaps there, which {@link
     * LogfileHeader#eventsLost()}
     * and {@link LogfileHeader#buffersLost()} total for the whole session}
     */
    public long buffersMarkedLost() {
        return buffersMarkedLost;
    }

    /** {@return bytesSkipped} */
    public long bytesSkipped() {
        return bytesSkipped;
    }

    /**
     * {@return the ranges of the file no record was read from, in file order} Ranges that touch or overlap are one
     * range (forty adjacent refused buffers are one range of their forty lengths), so the list holds one range per
     * distinct gap; at most the first 1,000 distinct ranges are listed, the others are counted by
     * {@link #lostRangesNotListed()}. {@link #bytesSkipped()} counts the bytes of all of them.
     */
    public List<EtlLostRange> lostRanges() {
        return lostRanges;
    }

    /** {@return the distinct lost ranges not listed in {@link #lostRanges()} because 1,000 were} */
    public long lostRangesNotListed() {
        return lostRangesNotListed;
    }

    /** {@return buffersExpected} */
    public long buffersExpected() {
        return buffersExpected;
    }

    /** {@return buffersFound} */
    public long buffersFound() {
        return buffersFound;
    }

    /** {@return truncated} */
    public boolean truncated() {
        return truncated;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof EtlReaderStatistics o)) {
            return false;
        }
        return buffersRead == o.buffersRead
                && buffersCompressed == o.buffersCompressed
                && buffersSkipped == o.buffersSkipped
                && records == o.records
                && recordsSkipped == o.recordsSkipped
                && errors.equals(o.errors)
                && bytesRead == o.bytesRead
                && buffersMarkedLost == o.buffersMarkedLost
                && bytesSkipped == o.bytesSkipped
                && lostRanges.equals(o.lostRanges)
                && lostRangesNotListed == o.lostRangesNotListed
                && buffersExpected == o.buffersExpected
                && buffersFound == o.buffersFound
                && truncated == o.truncated
                && buffersFilteredOut == o.buffersFilteredOut;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(buffersRead, buffersCompressed, buffersSkipped, records, recordsSkipped,
                errors, bytesRead, buffersMarkedLost, bytesSkipped, lostRanges, lostRangesNotListed, buffersExpected,
                buffersFound, truncated, buffersFilteredOut);
    }

    @Override
    public String toString() {
        return "EtlReaderStatistics[" + "buffersRead=" + buffersRead + ", "
                + "buffersCompressed=" + buffersCompressed + ", " + "buffersSkipped=" + buffersSkipped + ", "
                + "records=" + records + ", " + "recordsSkipped=" + recordsSkipped + ", " + "errors=" + errors + ", "
                + "bytesRead=" + bytesRead + ", " + "buffersMarkedLost=" + buffersMarkedLost + ", "
                + "bytesSkipped=" + bytesSkipped + ", " + "lostRanges=" + lostRanges + ", "
                + "lostRangesNotListed=" + lostRangesNotListed + ", "
                + "buffersExpected=" + buffersExpected + ", " + "buffersFound=" + buffersFound + ", "
                + "truncated=" + truncated + ", " + "buffersFilteredOut=" + buffersFilteredOut + "]";
    }
}
