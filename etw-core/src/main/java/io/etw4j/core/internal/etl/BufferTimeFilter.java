package io.etw4j.core.internal.etl;

import io.etw4j.core.etl.LogfileHeader;
import io.etw4j.core.internal.TimestampConverter;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Decides from a buffer header alone that a buffer holds no record at or after an instant (option {@link
 * io.etw4j.core.etl.EtlReadOptions#withSkipBuffersBefore}): the header's TimeStamp is the buffer's flush time
 * (ETW_BUFFER_HEADER, evntrace.h docs; ntwmi.h WMI_BUFFER_HEADER "Flush time stamp"), so its records were stamped at
 * or before it. Only a QPC clock is trusted (system time may be set back; pla ClockType calls the CPU cycle counter
 * unreliable), and not in a relogged file (EVENT_TRACE_RELOG_MODE, evntrace.h): the buffer TimeStamps of the shared
 * relogged capture net.4.5.2.x64.etl are FILETIMEs while its records carry QPC values, so there the TimeStamp is not
 * in the records' clock. The logfile header's buffer (offset 0), a TimeStamp of 0 and a TimeStamp below the logfile
 * header record's (a flush before the session started: not the records' clock either) never exclude. Immutable.
 */
final class BufferTimeFilter {

    /** Excludes nothing. */
    static final BufferTimeFilter NONE = new BufferTimeFilter(null, null, 0);

    private final TimestampConverter converter;
    private final Instant notBefore;
    private final long origin;

    private BufferTimeFilter(TimestampConverter converter, Instant notBefore, long origin) {
        this.converter = converter;
        this.notBefore = notBefore;
        this.origin = origin;
    }

    /**
     * {@return the filter of a file with header {@code h} whose records convert with {@code converter}}
     *
     * @param notBefore the earliest instant wanted, or null for none
     */
    static BufferTimeFilter of(LogfileHeader h, TimestampConverter converter, Instant notBefore) {
        if (notBefore == null || h.clockType() != LogfileHeader.ClockType.QPC || h.perfFreq() <= 0
                || (h.logFileMode() & LogfileHeader.EVENT_TRACE_RELOG_MODE) != 0) {
            return NONE;
        }
        return new BufferTimeFilter(converter, notBefore, h.headerTimestamp());
    }

    /** {@return true if buffer {@code p} (status OK) cannot hold a record at or after the instant} */
    boolean excludes(BufferReader.Probe p) {
        if (notBefore == null || p.offset() == 0 || p.timestamp() == 0 || p.timestamp() < origin) {
            return false;
        }
        try {
            // The conversion is nondecreasing, so a record stamped at or before the buffer converts at or before it.
            return converter.toInstant(p.timestamp()).isBefore(notBefore);
        } catch (ArithmeticException | DateTimeException e) {
            return false; // a TimeStamp that does not convert proves nothing
        }
    }
}
