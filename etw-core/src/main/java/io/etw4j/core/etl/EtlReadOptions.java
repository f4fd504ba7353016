package io.etw4j.core.etl;

import java.time.Instant;

/**
 * How {@link EtlFile} reads a file. Immutable; start from {@link #defaults()} and derive with the {@code with}
 * methods.
 *
 * <pre>{@code
 * EtlFile.open(path, EtlReadOptions.defaults().withTimestampOrder(true).withStrict(true));
 * }</pre>
 *
 * @param strict         if true, the first malformed buffer or record ends {@link EtlFile#records()} with an
 *                       {@link EtlFormatException}; if false (the default) it is skipped, counted in
 *                       {@link EtlFile#statistics()} and reading goes on at the next buffer
 * @param timestampOrder if true, records are merged across the per-processor buffer streams into timestamp order
 *                       (a k-way merge holding one decoded buffer per processor); if false (the default) they come in
 *                       file order, buffer by buffer
 * @param maxBufferSize  the largest BufferSize accepted, in bytes (default 64 MiB; ETW's own limit is 16 MiB per
 *                       EVENT_TRACE_PROPERTIES.BufferSize, evntrace.h docs); a larger value is treated as a lie
 * @param skipBuffersBefore a hint, or null (the default): buffers that cannot hold a record at or after this instant
 *                       are not loaded (see {@link #withSkipBuffersBefore(Instant)})
 * @param decompressAhead if true (the default), a file-order read decompresses the next compressed buffers on a
 *                       second thread while it decodes the current one (see {@link #withDecompressAhead(boolean)})
 */
public record EtlReadOptions(boolean strict, boolean timestampOrder, int maxBufferSize, Instant skipBuffersBefore,
        boolean decompressAhead) {

    private static final EtlReadOptions DEFAULTS = new EtlReadOptions(false, false, 64 << 20, null, true);

    /**
     * Creates the record (the canonical constructor).
     *
     * @param strict if true, the first malformed buffer or record ends {@link EtlFile#records()} with an {@link
     *        EtlFormatException}; if false (the default) it is skipped, counted in {@link EtlFile#statistics()} and
     *        reading goes on at the next buffer
     * @param timestampOrder if true, records are merged across the per-processor buffer streams into timestamp order (a
     *        k-way merge holding one decoded buffer per processor); if false (the default) they come in file order,
     *        buffer by buffer
     * @param maxBufferSize the largest BufferSize accepted, in bytes (default 64 MiB; ETW's own limit is 16 MiB per
     *        EVENT_TRACE_PROPERTIES.BufferSize, evntrace.h docs); a larger value is treated as a lie
     * @param skipBuffersBefore buffers that cannot hold a record at or after this instant are not loaded, or null to
     *        load every buffer ({@link #withSkipBuffersBefore(Instant)})
     * @param decompressAhead if true, a file-order read decompresses compressed buffers ahead on a second thread
     *        ({@link #withDecompressAhead(boolean)})
     */
    public EtlReadOptions {
        if (maxBufferSize < 0x48 + 8) {
            throw new IllegalArgumentException("maxBufferSize too small: " + maxBufferSize);
        }
    }

    /**
     * Creates options that decompress ahead ({@code decompressAhead} true, the default).
     *
     * @param strict            as in the canonical constructor
     * @param timestampOrder    as in the canonical constructor
     * @param maxBufferSize     as in the canonical constructor
     * @param skipBuffersBefore as in the canonical constructor
     */
    public EtlReadOptions(boolean strict, boolean timestampOrder, int maxBufferSize, Instant skipBuffersBefore) {
        this(strict, timestampOrder, maxBufferSize, skipBuffersBefore, true);
    }

    /**
     * Creates options that load every buffer ({@code skipBuffersBefore} null) and decompress ahead.
     *
     * @param strict         as in the canonical constructor
     * @param timestampOrder as in the canonical constructor
     * @param maxBufferSize  as in the canonical constructor
     */
    public EtlReadOptions(boolean strict, boolean timestampOrder, int maxBufferSize) {
        this(strict, timestampOrder, maxBufferSize, null, true);
    }

    /** {@return the default options: lenient, file order, 64 MiB buffer limit, every buffer, decompress ahead} */
    public static EtlReadOptions defaults() {
        return DEFAULTS;
    }

    /**
     * {@return a copy with {@code strict} set}
     *
     * @param v true to end the read at the first malformed part
     */
    public EtlReadOptions withStrict(boolean v) {
        return new EtlReadOptions(v, timestampOrder, maxBufferSize, skipBuffersBefore, decompressAhead);
    }

    /**
     * {@return a copy with {@code timestampOrder} set}
     *
     * <p>In timestamp order every record comes in nondecreasing raw timestamp order as long as each processor's own
     * records do (the logfile header record first; ties: lower processor index, then file order). For a circular file
     * (LogFileMode has EVENT_TRACE_FILE_MODE_CIRCULAR, evntrace.h) each processor's buffers are taken in the order
     * of their buffer header's TimeStamp rather than in file order, because such a file overwrites its oldest buffers
     * once full ("Logging Mode Constants", Microsoft Learn) and a wrapped file holds its newest buffers before its
     * oldest: the read starts at the oldest surviving buffer. Buffers with equal TimeStamps keep file order. The
     * memory bound is the same (one decoded buffer per processor) and so are the statistics; a file-order read is not
     * affected.
     *
     * @param v true to merge the per-processor buffers by timestamp
     */
    public EtlReadOptions withTimestampOrder(boolean v) {
        return new EtlReadOptions(strict, v, maxBufferSize, skipBuffersBefore, decompressAhead);
    }

    /**
     * {@return a copy with {@code maxBufferSize} set}
     *
     * @param v the largest buffer size, in bytes, accepted from the file
     */
    public EtlReadOptions withMaxBufferSize(int v) {
        return new EtlReadOptions(strict, timestampOrder, v, skipBuffersBefore, decompressAhead);
    }

    /**
     * {@return a copy that skips the buffers that cannot hold a record at or after {@code t}}
     *
     * <p>A buffer header's TimeStamp is "the time when the buffer was flushed", in the session's raw clock
     * (ETW_BUFFER_HEADER, evntrace.h docs; "Flush time stamp" in ntwmi.h WMI_BUFFER_HEADER), so every record in a
     * buffer was stamped at or before it: a buffer whose TimeStamp, converted like the records' timestamps, is before
     * {@code t} holds only records before {@code t}, and is not loaded, decompressed or decoded. It is counted by
     * {@link EtlReaderStatistics#buffersFilteredOut()}, not as damage (not in {@link EtlReaderStatistics#buffersRead()},
     * {@link EtlReaderStatistics#bytesRead()} or {@link EtlReaderStatistics#buffersMarkedLost()}). This is a hint
     * for readers that filter by time themselves: records before {@code t} in the buffers that are loaded are still
     * returned, and no buffer is skipped when the bound is not safe:
     * <ul>
     * <li>only files whose clock is QPC (ReservedFlags 1, the default) are filtered: QPC does not go back and is
     * consistent across processors ("Acquiring high-resolution time stamps", Microsoft Learn), while system time can
     * be set back between a record and its buffer's flush, and the CPU cycle counter "is unreliable" (pla ClockType,
     * Microsoft Learn);
     * <li>nor are relogged files (LogFileMode has EVENT_TRACE_RELOG_MODE, evntrace.h): the relogged shared capture
     * net.4.5.2.x64.etl has FILETIME buffer TimeStamps over QPC records, so there the TimeStamp is another clock;
     * <li>the buffer at offset 0 (the logfile header's), buffers with a TimeStamp of 0 and buffers stamped before the
     * logfile header record (not the records' clock either) are always loaded;
     * <li>a buffer header gives no lower bound on its records' times (a buffer's first record may be far older than
     * the previous buffer's flush), so an upper end of a time range cannot skip buffers, and neither can a provider:
     * a buffer header names no provider.
     * </ul>
     * Inferred, not checked on Windows: that the logger stamps a buffer only once no writer is still filling it
     * (ReferenceCount 0, ntwmi.h); the shared captures hold no record stamped after its buffer's TimeStamp.
     *
     * @param t the earliest instant the caller wants, or null to load every buffer (the default)
     */
    public EtlReadOptions withSkipBuffersBefore(Instant t) {
        return new EtlReadOptions(strict, timestampOrder, maxBufferSize, t, decompressAhead);
    }

    /**
     * {@return a copy with {@code decompressAhead} set}
     *
     * <p>Decompressing an MS-XCA LZ77 buffer costs more than decoding its records, so by default a file-order read of a
     * compressed file (LogFileMode has EVENT_TRACE_COMPRESSED_MODE, evntrace.h) loads and decompresses the next
     * buffers on a second thread while the reading thread decodes the current one: at most 3 buffers ahead, each
     * at most the logfile header's BufferSize decompressed, in reused arrays. Nothing else changes: the same
     * records in the same order, the same statistics, the same errors at the same buffers (the reading thread still
     * finds, checks and counts every buffer, and takes each loaded buffer, or the error its load met, in file order;
     * a buffer the second thread did not load, after damage, is loaded on the reading thread). The thread
     * ({@code etw4j-etl-decompress}, a daemon) is started at the first compressed buffer, so a file without any never
     * starts one, and it ends when the read ends, fails or is cancelled. It is not used in timestamp order, nor on a
     * JVM with one processor ({@link Runtime#availableProcessors()}), where it could only add work.
     *
     * @param v false to decompress every buffer on the reading thread
     */
    public EtlReadOptions withDecompressAhead(boolean v) {
        return new EtlReadOptions(strict, timestampOrder, maxBufferSize, skipBuffersBefore, v);
    }
}
