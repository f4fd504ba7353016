package io.etw4j.core.internal.etl;

import io.etw4j.core.etl.EtlFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges the records of per-processor {@link RecordCursor}s by raw timestamp (ties: the lower cursor, then the order
 * the records were read). Each cursor has at most one pending record, its reused {@link DecodedRecord}; the cursor of
 * the record returned last is refilled at the next call only, so that record's view stays valid until then. In strict
 * mode an error met while reading ahead is raised once the records already decoded (and counted) have been returned,
 * then an error met while indexing the buffer headers. Allocates nothing per record. Not thread-safe.
 */
final class TimestampMerge {

    /** The pending record of one cursor (at most one per cursor: reused). */
    private static final class Head {
        final int cursor;
        DecodedRecord record;
        long seq;

        Head(int cursor) {
            this.cursor = cursor;
        }
    }

    private final List<RecordCursor> cursors = new ArrayList<>();
    private final PriorityQueue<Head> queue = new PriorityQueue<>((a, b) -> {
        int c = Long.compare(a.record.raw, b.record.raw);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(a.cursor, b.cursor);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    });
    private long seq;
    /** The head returned last, whose cursor is refilled at the next call (its view is in use till then). */
    private Head refillNext;
    /** Strict: an error met while refilling, raised once the records already decoded have been emitted. */
    private EtlFormatException pendingError;
    /** Strict: an error met while indexing the buffer headers, raised once the found buffers are emitted. */
    private final EtlFormatException scanError;

    /** @param scanError the error met while indexing the buffer headers (strict mode), or null */
    TimestampMerge(EtlFormatException scanError) {
        this.scanError = scanError;
    }

    /** Adds the cursors (in processor order) and reads the first record of each. */
    void start(List<RecordCursor> all) throws IOException {
        cursors.addAll(all);
        for (int c = 0; c < cursors.size() && pendingError == null; c++) {
            refill(new Head(c));
        }
    }

    private void refill(Head h) throws IOException {
        try {
            DecodedRecord r = cursors.get(h.cursor).next();
            if (r != null) {
                h.record = r;
                h.seq = seq++;
                queue.add(h);
            }
        } catch (EtlFormatException e) {
            pendingError = e; // strict: emit what was decoded (and counted) first, then the error
        }
    }

    /** The next record by timestamp, or null at the end; valid until the next call. */
    DecodedRecord next() throws IOException {
        Head last = refillNext;
        refillNext = null;
        if (last != null && pendingError == null) {
            refill(last);
        }
        Head h = queue.poll();
        if (h == null) {
            if (pendingError != null) {
                throw pendingError;
            }
            if (scanError != null) {
                throw scanError;
            }
            return null;
        }
        refillNext = h;
        return h.record;
    }
}
