package io.etw4j.scm.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How much of its boot an {@code SCM.EVM*} file still covers. The session writes the file circularly
 * (EVENT_TRACE_FILE_MODE_CIRCULAR), so once it has written more buffers than the file holds, its oldest records are
 * overwritten: the file then covers only the end of the boot, from {@link #firstEvent()}. Immutable and thread-safe.
 *
 * <p>A file is taken to have wrapped when its LogFileMode is circular and either its header says it wrote more buffers
 * than the file has room for (BuffersWritten above MaximumFileSize / BufferSize), or its records' timestamps go back
 * in file order on one processor's buffers (a newer buffer written over an older slot). Both tests are inferred from
 * the mode's documentation, not from a wrapped file seen on a host: a file copied while its session was writing may
 * have a header that lags its buffers, which is why the second test exists.
 *
 * @param startTime            TRACE_LOGFILE_HEADER.StartTime: when the session began the boot's file
 * @param firstEvent           the oldest record that survives (empty for a file without records)
 * @param lastEvent            the newest record
 * @param circular             LogFileMode has EVENT_TRACE_FILE_MODE_CIRCULAR (0x2)
 * @param buffersWritten       TRACE_LOGFILE_HEADER.BuffersWritten
 * @param capacityBuffers      how many buffers the file holds (MaximumFileSize MB / BufferSize), -1 if the header
 *                             gives no maximum size
 * @param buffersAboveCapacity BuffersWritten is above {@code capacityBuffers}
 * @param timestampsGoBack     a record's timestamp is older than the one before it on the same processor, in file
 *                             order
 */
public record BootCoverage(Instant startTime, Optional<Instant> firstEvent, Optional<Instant> lastEvent,
        boolean circular, long buffersWritten, long capacityBuffers, boolean buffersAboveCapacity,
        boolean timestampsGoBack) {

    /**
     * Creates the record (the canonical constructor).
     *
     * @param startTime when the session began the boot's file
     * @param firstEvent the oldest surviving record's time
     * @param lastEvent the newest record's time
     * @param circular LogFileMode has EVENT_TRACE_FILE_MODE_CIRCULAR
     * @param buffersWritten TRACE_LOGFILE_HEADER.BuffersWritten
     * @param capacityBuffers how many buffers the file holds, -1 if unknown
     * @param buffersAboveCapacity BuffersWritten is above capacityBuffers
     * @param timestampsGoBack timestamps go back in file order on one processor
     */
    public BootCoverage {
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(firstEvent, "firstEvent");
        Objects.requireNonNull(lastEvent, "lastEvent");
    }

    /** {@return true if the circular file has wrapped: the boot's oldest records are overwritten} */
    public boolean wrapped() {
        return circular && (buffersAboveCapacity || timestampsGoBack);
    }

    /**
     * {@return the part of the boot before the oldest surviving record, from the header's StartTime (zero for a file
     * without records, or whose first record is not after StartTime)} For a file that has not {@link #wrapped()} it is
     * merely a quiet start; for one that has, the records of that span are lost.
     */
    public Duration notCovered() {
        return firstEvent.map(f -> f.isAfter(startTime) ? Duration.between(startTime, f) : Duration.ZERO)
                .orElse(Duration.ZERO);
    }
}
