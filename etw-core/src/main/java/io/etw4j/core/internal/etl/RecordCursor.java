package io.etw4j.core.internal.etl;

import io.etw4j.core.etl.EtlFormatException;
import java.io.IOException;

/**
 * Walks the records of a sequence of buffers (all buffers in file order, or one processor's buffers), decoding one
 * buffer at a time into its own reused {@link EtlBuffer}. Malformed buffers and records go to the
 * {@link ErrorPolicy}, which counts them (and, in strict mode, throws); the cursor then goes on at the next buffer.
 * Not thread-safe.
 */
final class RecordCursor {

    /** Supplies the buffers to walk; null when there are none left. Reports its own errors. */
    interface ProbeSupplier {
        BufferReader.Probe next() throws IOException;

        /**
         * Buffer {@code p}, which {@link #next()} returned, did not load (its sizes lie, it does not decompress or it
         * is over budget), for the reason {@code e}.
         */
        void failed(BufferReader.Probe p, EtlFormatException e) throws IOException;
    }

    /** Counts a problem and throws it in strict mode. */
    interface ErrorPolicy {
        void report(EtlFormatException e);
    }

    private final BufferLoader reader;
    private final RecordDecoder decoder;
    private final ProbeSupplier probes;
    private final ErrorPolicy errors;
    private final ReadCounters counters;
    private final long skipUntilBufferOffset;
    private final int skipUntilPos;
    private final EtlBuffer buf = new EtlBuffer();
    private final DecodedRecord view;
    private int pos = -1;

    /**
     * @param skipBufferOffset the buffer whose first records were already consumed (the logfile header's), or -1
     * @param skipPos          where in that buffer to start
     */
    RecordCursor(BufferLoader reader, RecordDecoder decoder, ProbeSupplier probes, ErrorPolicy errors,
            ReadCounters counters, long skipBufferOffset, int skipPos, DecodedRecord view) {
        this.view = view;
        this.reader = reader;
        this.decoder = decoder;
        this.probes = probes;
        this.errors = errors;
        this.counters = counters;
        this.skipUntilBufferOffset = skipBufferOffset;
        this.skipUntilPos = skipPos;
    }

    /**
     * The next record, or null when the buffers are exhausted: this cursor's one {@link DecodedRecord}, valid until
     * the next call.
     */
    DecodedRecord next() throws IOException {
        while (true) {
            if (pos >= 0) {
                boolean record;
                try {
                    record = decoder.decode(buf, pos, view);
                } catch (EtlFormatException e) {
                    pos = -1;
                    counters.bufferSkipped(); // the rest of this buffer
                    errors.report(e);
                    continue;
                }
                int next = decoder.next();
                if (next < 0) {
                    pos = -1;
                    continue;
                }
                pos = next;
                if (!record) {
                    counters.recordSkipped();
                    continue;
                }
                counters.record();
                return view;
            }
            BufferReader.Probe p = probes.next();
            if (p == null) {
                return null;
            }
            try {
                reader.load(p, buf);
            } catch (EtlFormatException e) {
                counters.bufferSkipped();
                probes.failed(p, e);
                errors.report(e);
                continue;
            }
            counters.bufferRead(buf.compressed);
            if ((buf.flags & (EtlLayout.BUFFER_FLAG_EVENTS_LOST | EtlLayout.BUFFER_FLAG_BUFFER_LOST)) != 0) {
                counters.bufferMarkedLost();
            }
            pos = buf.fileOffset == skipUntilBufferOffset ? skipUntilPos : EtlLayout.BUFFER_HEADER_SIZE;
        }
    }
}
