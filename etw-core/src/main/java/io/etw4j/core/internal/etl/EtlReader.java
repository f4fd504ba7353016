package io.etw4j.core.internal.etl;

import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlErrorKind;
import io.etw4j.core.etl.EtlFormatException;
import io.etw4j.core.etl.EtlLostRange;
import io.etw4j.core.etl.EtlReadOptions;
import io.etw4j.core.etl.EtlReaderStatistics;
import io.etw4j.core.etl.LogfileHeader;
import io.etw4j.core.etl.RecordView;
import io.etw4j.core.internal.TimestampConverter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pull reader behind {@link io.etw4j.core.etl.EtlFile}: {@link #open} reads the logfile header, then each
 * {@link #next()} returns one record (the logfile header record first) until it returns null; {@link #nextView()}
 * returns the same records as one reused view per cursor, which {@link #next()} copies.
 *
 * <p>This is also the entry point for fuzzing: {@code EtlReader.open(EtlSource.of(ByteBuffer.wrap(bytes)),
 * options)} followed by {@code next()} until null must only ever throw {@link EtlFormatException} and must end.
 *
 * <p>File order: buffers are read in file order, each once. Timestamp order: the buffer headers are scanned first
 * (0x48 bytes each; the index costs a few dozen bytes per buffer), then one cursor per processor walks that
 * processor's buffers and a priority queue merges the cursors by raw timestamp (ties: lower processor index, then
 * file order). A circular file (LogFileMode has EVENT_TRACE_FILE_MODE_CIRCULAR) overwrites its oldest buffers, so once
 * it has wrapped its newest buffers lie before its oldest: there each processor's buffers are walked in the order of
 * their buffer header's TimeStamp (WMI_BUFFER_HEADER, ntwmi.h; equal stamps in file order) rather than in file order.
 * Either way at most one decoded buffer per cursor is held (a file-order read of a compressed file may load a few more
 * ahead on a second thread: {@link DecompressAhead}). In strict timestamp order, an error met
 * while reading ahead is raised after the records already decoded (and counted) have been returned, so the
 * statistics always count exactly the records returned. Not thread-safe.
 */
public final class EtlReader implements AutoCloseable {

    private final EtlSource source;
    private final EtlReadOptions options;
    private final ReadCounters counters;
    private final LogfileHeader header;
    private final EventRecord headerRecord;
    private final BufferReader reader;
    private final RecordDecoder decoder;
    private final TimestampConverter time;
    /** The views of this read (the header record's, one per cursor): ended together by {@link #endViews()}. */
    private final List<DecodedRecord> views = new ArrayList<>();
    private final DecodedRecord headerView;
    private final RecordCursor.ErrorPolicy errorPolicy;
    private final BufferTimeFilter timeFilter;
    private final int headerRecordEnd;
    private boolean headerEmitted;
    private RecordCursor sequential;
    /** The file-order read's loader on a second thread, or null ({@link EtlReadOptions#decompressAhead()}). */
    private DecompressAhead ahead;
    private TimestampMerge merge;
    private boolean done;
    /** The buffer range read: buffers whose header starts in [rangeFrom, rangeTo) (the whole file by default). */
    private long rangeFrom;
    private long rangeTo = Long.MAX_VALUE;

    private EtlReader(EtlSource source, EtlReadOptions options, ReadCounters counters, LogfileHeaderParser.Parsed parsed,
            int headerProcessor, int loggerId, long size) {
        this.source = source;
        this.options = options;
        this.counters = counters;
        this.header = parsed.header();
        this.headerRecord = LogfileHeaderParser.toRecord(parsed, headerProcessor);
        this.headerRecordEnd = parsed.next();
        this.reader = new BufferReader(source, size, options.maxBufferSize(), counters);
        if (!header.compressed() && header.bufferSize() >= EtlLayout.BUFFER_HEADER_SIZE
                && header.bufferSize() <= options.maxBufferSize()) {
            reader.stride(header.bufferSize());
        }
        if (header.bufferSize() >= EtlLayout.BUFFER_HEADER_SIZE && header.bufferSize() <= options.maxBufferSize()) {
            reader.expect(header.bufferSize(), header.compressed(), header.numberOfProcessors(), loggerId);
        }
        boolean sane = header.bufferSize() >= EtlLayout.BUFFER_HEADER_SIZE
                && header.bufferSize() <= options.maxBufferSize();
        reader.limits(sane ? header.bufferSize() : options.maxBufferSize(), header.numberOfProcessors());
        counters.buffersExpected(buffersExpected(header));
        this.decoder = new RecordDecoder(header.pointerSize() == 4 ? 4 : 8);
        this.time = TimestampConverter.forLogfile(header);
        this.timeFilter = BufferTimeFilter.of(header, time, options.skipBuffersBefore());
        this.headerView = newView().of(headerRecord);
        boolean strict = options.strict();
        this.errorPolicy = e -> {
            counters.error(e.kind());
            if (strict) {
                throw e;
            }
        };
    }

    /**
     * Reads the logfile header of {@code source}. On failure the source is closed.
     *
     * @throws EtlFormatException if the file has no readable logfile header (kind BAD_LOGFILE_HEADER,
     *                            TRUNCATED_FILE, BAD_BUFFER_HEADER, DECOMPRESSION_FAILED) or cannot be read (IO_ERROR)
     */
    public static EtlReader open(EtlSource source, EtlReadOptions options, ReadCounters counters) {
        try {
            long size = source.size();
            BufferReader first = new BufferReader(source, size, options.maxBufferSize(), new ReadCounters());
            BufferReader.Probe p = first.probe(0);
            if (p.status() == BufferReader.Status.END) {
                throw new EtlFormatException(EtlErrorKind.TRUNCATED_FILE, 0, size == 0 ? "the file is empty"
                        : "the file holds no buffer (BufferSize 0 at offset 0)");
            }
            if (p.status() == BufferReader.Status.SKIP || p.status() == BufferReader.Status.FATAL) {
                throw p.error();
            }
            EtlBuffer buf = new EtlBuffer();
            first.load(p, buf);
            LogfileHeaderParser.Parsed parsed = LogfileHeaderParser.parse(buf);
            return new EtlReader(source, options, counters, parsed, buf.processorIndex,
                    EtlLayout.u16(buf.data, EtlLayout.BH_PROCESSOR_INDEX + 2), size);
        } catch (IOException e) {
            closeQuietly(source);
            throw new EtlFormatException(EtlErrorKind.IO_ERROR, 0, "reading the logfile header: " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(source);
            throw e;
        }
    }

    /** EVENT_TRACE_FILE_MODE_CIRCULAR (evntrace.h). */
    static final int FILE_MODE_CIRCULAR = 0x2;

    /**
     * The number of buffers the file should hold: the logfile header's BuffersWritten, or -1 when it cannot count
     * them. A circular file (EVENT_TRACE_FILE_MODE_CIRCULAR) keeps only the last buffers of those written; a header
     * saying 0 was not finalised by its logger (inferred: the logger updates BuffersWritten when it closes the file,
     * so a file copied while its session ran says 0).
     */
    static long buffersExpected(LogfileHeader h) {
        if ((h.logFileMode() & FILE_MODE_CIRCULAR) != 0 || h.buffersWritten() <= 0) {
            return -1;
        }
        return h.buffersWritten() & 0xFFFFFFFFL;
    }

    /**
     * Restricts this read to the buffers whose header starts at a file offset in {@code [from, to)}; call before the
     * first {@link #next()}. The buffers are still found by the same file-order walk from offset 0 (so every range
     * of a split sees the same buffers, damaged files included), but only those in the range are loaded, decoded and
     * counted; the logfile header record is returned only when offset 0 is in the range; problems (skipped buffers,
     * lost ranges) are counted by the range where they start; the truncation check against BuffersWritten is made
     * only by a range reaching the end of the file ({@code to >= size}). Adjacent ranges covering the file read every
     * buffer exactly once.
     */
    public void restrictTo(long from, long to) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("bad range [" + from + ", " + to + ")");
        }
        this.rangeFrom = from;
        this.rangeTo = to;
    }

    private boolean inRange(long offset) {
        return offset >= rangeFrom && offset < rangeTo;
    }

    /** The logfile header. */
    public LogfileHeader header() {
        return header;
    }

    /** The counters of this read. */
    public ReadCounters counters() {
        return counters;
    }

    /**
     * The next record, or null at the end of the file.
     *
     * @throws EtlFormatException in strict mode for the first malformed part; in any mode for an I/O error
     *                            (kind IO_ERROR)
     */
    public EventRecord next() {
        DecodedRecord v = nextDecoded();
        return v == null ? null : v.toRecord();
    }

    /**
     * The next record as a view, or null at the end of the file: the same sequence, counters and errors as
     * {@link #next()}, without the copy. The view is valid until the next call (it is reused).
     *
     * @throws EtlFormatException as {@link #next()}
     */
    public RecordView nextView() {
        return nextDecoded();
    }

    /** Ends every view of this read: their accessors throw from now on. */
    public void endViews() {
        for (DecodedRecord v : views) {
            v.invalidate();
        }
    }

    private DecodedRecord newView() {
        DecodedRecord v = new DecodedRecord(time);
        views.add(v);
        return v;
    }

    private DecodedRecord nextDecoded() {
        if (done) {
            return null;
        }
        if (!headerEmitted) {
            headerEmitted = true;
            if (inRange(0)) {
                counters.record();
                return headerView;
            }
        }
        try {
            DecodedRecord r = options.timestampOrder() ? nextMerged() : nextSequential();
            if (r == null) {
                finish();
            }
            return r;
        } catch (IOException e) {
            finish();
            throw new EtlFormatException(EtlErrorKind.IO_ERROR, 0, "reading the file: " + e, e);
        } catch (EtlFormatException e) {
            finish();
            throw e;
        }
    }

    /** The read is over: no more records, and the decompressing thread (if any) ends. */
    private void finish() {
        done = true;
        if (ahead != null) {
            ahead.close();
        }
    }

    private DecodedRecord nextSequential() throws IOException {
        if (sequential == null) {
            BufferLoader loader = reader;
            if (options.decompressAhead() && header.compressed() && Runtime.getRuntime().availableProcessors() > 1) {
                ahead = new DecompressAhead(reader, counters, p -> inRange(p.offset())
                        && (p.status() != BufferReader.Status.OK || !timeFilter.excludes(p)), rangeTo);
                loader = ahead;
            }
            sequential = new RecordCursor(loader, decoder, new FileOrderProbes(), errorPolicy, counters, 0,
                    headerRecordEnd, newView());
        }
        return sequential.next();
    }

    private DecodedRecord nextMerged() throws IOException {
        if (merge == null) {
            startMerge();
        }
        return merge.next();
    }

    private void startMerge() throws IOException {
        Map<Integer, List<BufferReader.Probe>> byProcessor = new LinkedHashMap<>();
        FileOrderProbes scan = new FileOrderProbes();
        EtlFormatException scanError = null;
        try {
            for (BufferReader.Probe p = scan.next(); p != null; p = scan.next()) {
                byProcessor.computeIfAbsent(p.processorIndex(), k -> new ArrayList<>()).add(p);
            }
        } catch (EtlFormatException e) {
            scanError = e; // strict: raised after the records of the buffers found before it
        }
        if ((header.logFileMode() & FILE_MODE_CIRCULAR) != 0) {
            // A wrapped ring holds its newest buffers before its oldest: walk each processor's buffers oldest first
            // (inferred: a processor fills its buffers one after another, so their flush TimeStamps increase).
            for (List<BufferReader.Probe> list : byProcessor.values()) {
                list.sort(Comparator.comparingLong(BufferReader.Probe::timestamp)); // stable: ties keep file order
            }
        }
        List<Integer> processors = new ArrayList<>(byProcessor.keySet());
        processors.sort(null);
        List<RecordCursor> mergeCursors = new ArrayList<>();
        for (Integer proc : processors) {
            List<BufferReader.Probe> list = byProcessor.get(proc);
            int[] i = {0};
            RecordCursor.ProbeSupplier supplier = new RecordCursor.ProbeSupplier() {
                @Override
                public BufferReader.Probe next() {
                    return i[0] < list.size() ? list.get(i[0]++) : null;
                }

                @Override
                public void failed(BufferReader.Probe p, EtlFormatException e) {
                    counters.lost(p.offset(), p.offset() + p.available());
                }
            };
            RecordCursor cursor = new RecordCursor(reader, decoder, supplier, errorPolicy, counters, 0,
                    headerRecordEnd, newView());
            mergeCursors.add(cursor);
        }
        merge = new TimestampMerge(scanError);
        merge.start(mergeCursors);
    }

    /**
     * Buffers in file order from offset 0, following BufferSize; reports lying headers as it meets them and goes on at
     * the next plausible buffer header ({@link BufferReader#resync}), recording what it could not read as a lost
     * range. At the end it compares the buffers found with the logfile header's count.
     */
    private final class FileOrderProbes implements RecordCursor.ProbeSupplier {
        private long offset;
        private boolean finished;
        /** Buffers found by the walk, in the range or not (the truncation check counts the whole file). */
        private long foundAll;
        /** Lost ranges the walk met outside the range (a range read's truncation check counts them too). */
        private final List<EtlLostRange> lostOutside = new ArrayList<>();

        @Override
        public BufferReader.Probe next() throws IOException {
            while (!finished) {
                if (offset >= rangeTo) {
                    finished = true; // a range ending before the end of the file: the rest is another range's
                    return null;
                }
                BufferReader.Probe p = reader.probe(offset);
                boolean mine = inRange(p.offset());
                switch (p.status()) {
                    case OK:
                        offset = p.next();
                        foundAll++;
                        if (!mine) {
                            continue;
                        }
                        counters.bufferFound();
                        if (timeFilter.excludes(p)) {
                            counters.bufferFilteredOut(); // found, not loaded: its records all precede the bound
                            continue;
                        }
                        return p;
                    case TRUNCATED:
                        finished = true;
                        foundAll++;
                        if (!mine) {
                            return null;
                        }
                        counters.bufferFound();
                        if (foundAll < counters.snapshot().buffersExpected()) {
                            counters.truncated();
                        }
                        errorPolicy.report(p.error());
                        return p;
                    case FATAL:
                        if (p.error().kind() == EtlErrorKind.TRUNCATED_FILE) { // the file ends inside a header
                            finished = true;
                            if (mine) {
                                counters.truncated();
                                counters.lost(p.offset(), reader.size());
                                errorPolicy.report(p.error());
                            }
                            return null;
                        }
                        skip(p, mine);
                        continue;
                    case SKIP:
                        skip(p, mine);
                        continue;
                    default:
                        finished = true;
                        if (rangeTo >= reader.size()) {
                            checkCount();
                        }
                        return null;
                }
            }
            return null;
        }

        private void skip(BufferReader.Probe p, boolean mine) throws IOException {
            if (!mine) {
                long r = reader.resync(p.offset() + 1);
                offset = r < 0 ? reader.size() : r;
                lostOutside.add(new EtlLostRange(p.offset(), offset));
                return;
            }
            counters.bufferSkipped();
            resyncAfter(p.offset());
            errorPolicy.report(p.error());
        }

        @Override
        public void failed(BufferReader.Probe p, EtlFormatException e) throws IOException {
            // The header looked right but the buffer did not load: its BufferSize may lie too, so look for the next
            // header from just after this one rather than trusting p.next(). A buffer refused for its budget has
            // sizes that fit the file: the next one is at p.next().
            if (offset == p.next() && e.kind() != EtlErrorKind.LIMIT_EXCEEDED) {
                resyncAfter(p.offset());
            } else {
                counters.lost(p.offset(), p.offset() + p.available());
            }
        }

        private void resyncAfter(long bad) throws IOException {
            long r = reader.resync(bad + 1);
            long end = r < 0 ? reader.size() : r;
            counters.lost(bad, end);
            offset = end;
        }

        private void checkCount() {
            EtlReaderStatistics s = counters.snapshot();
            long expected = s.buffersExpected();
            if (expected < 0 || foundAll >= expected) {
                return;
            }
            long couldHold = 0;
            int bufferSize = header.bufferSize();
            List<EtlLostRange> lost = new ArrayList<>(s.lostRanges());
            lost.addAll(lostOutside); // empty unless this is a range read
            for (EtlLostRange r : lost) {
                // Fixed-size buffers: exactly the buffers the range covers. Compressed buffers are at least
                // 0x49 bytes on disk, so a range holds at most length / 0x49 + 1 of them.
                couldHold += header.compressed() || bufferSize <= 0 ? r.length() / (EtlLayout.BUFFER_HEADER_SIZE + 1) + 1
                        : (r.length() + bufferSize - 1) / bufferSize;
            }
            if (foundAll + couldHold < expected) {
                counters.truncated();
                errorPolicy.report(new EtlFormatException(EtlErrorKind.TRUNCATED_FILE, reader.size(), "truncated: "
                        + foundAll + " of " + expected + " buffers (the logfile header's BuffersWritten); "
                        + "the file ends at a buffer boundary"));
            }
        }
    }

    @Override
    public void close() {
        finish();
        closeQuietly(source);
    }

    private static void closeQuietly(EtlSource s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing useful to do: the read is over
        }
    }
}
