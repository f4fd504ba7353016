package io.etw4j.core.etl;

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
 */
public record EtlReadOptions(boolean strict, boolean timestampOrder, int maxBufferSize) {

    private static final EtlReadOptions DEFAULTS = new EtlReadOptions(false, false, 64 << 20);

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
     */
    public EtlReadOptions {
        if (maxBufferSize < 0x48 + 8) {
            throw new IllegalArgumentException("maxBufferSize too small: " + maxBufferSize);
        }
    }

    /** {@return the default options: lenient, file order, 64 MiB buffer limit} */
    public static EtlReadOptions defaults() {
        return DEFAULTS;
    }

    /**
     * {@return a copy with {@code strict} set}
     *
     * @param v true to end the read at the first malformed part
     */
    public EtlReadOptions withStrict(boolean v) {
        return new EtlReadOptions(v, timestampOrder, maxBufferSize);
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
        return new EtlReadOptions(strict, v, maxBufferSize);
    }

    /**
     * {@return a copy with {@code maxBufferSize} set}
     *
     * @param v the largest buffer size, in bytes, accepted from the file
     */
    public EtlReadOptions withMaxBufferSize(int v) {
        return new EtlReadOptions(strict, timestampOrder, v);
    }
}
