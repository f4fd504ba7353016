package io.etw4j.core.etl;

import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.RecordSource;
import io.etw4j.core.internal.etl.EtlReader;
import io.etw4j.core.internal.etl.EtlSource;
import io.etw4j.core.internal.etl.ReadCounters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;

/**
 * An .etl file (an ETW trace log) read in pure Java, on any operating system: the same {@link EventRecord}s a live
 * {@code io.etw4j.core.session.EtwSession} delivers, from a file recorded with {@code logman}, {@code tracelog},
 * {@code wpr} or any other ETW controller.
 *
 * <pre>{@code
 * EtlFile etl = EtlFile.open(Path.of("scm.etl"));
 * System.out.println(etl.header().loggerName() + " " + etl.header().startTime());
 * etl.records()
 *    .filter(EventRecord::isTraceMessage)
 *    .subscribe(System.out::println);
 * }</pre>
 *
 * <h2>What is read</h2>
 * The file is walked as Windows writes it (WMI_BUFFER_HEADER and the record headers of ntwmi.h): buffers of
 * WMI_BUFFER_HEADER + records; compressed buffers (EVENT_TRACE_COMPRESSED_MODE, Windows 8+) are decompressed with
 * MS-XCA plain LZ77. The logfile header record comes first, then every record in file order, or merged across
 * processors by timestamp with {@link EtlReadOptions#timestampOrder()}.
 *
 * <h2>How each record kind maps onto {@link EventRecord}</h2>
 * <ul>
 *   <li><b>Logfile header</b> ({@link HeaderKind#LOGFILE_HEADER}): provider EventTraceGuid
 *       {68fdd900-4a3e-11d1-84f4-0000f80464e3}, id 0, version = the record's Marker.Version low byte, flags
 *       CLASSIC_HEADER + 32/64-bit, the header record's pid/tid, timestamp = StartTime, payload = the
 *       TRACE_LOGFILE_HEADER followed by the two names (as OpenTrace delivers it; parsed in {@link #header()}).</li>
 *   <li><b>EVENT_HEADER</b> ({@link HeaderKind#EVENT}): every EVENT_HEADER field as written; inline extended data
 *       items become {@link EventRecord#extendedData()}; if Flags names no bitness, FLAG_32_BIT_HEADER or
 *       FLAG_64_BIT_HEADER is added from the header type 0x12/0x13 (inferred: what a live consumer sees).</li>
 *   <li><b>Kernel SYSTEM / COMPACT / PERFINFO</b>: provider = the MOF event-class GUID that ProcessTrace reports
 *       for the hook's group (group = HookId high byte, ntwmi.h EVENT_TRACE_GROUP_*), e.g. EventTrace
 *       {68fdd900-4a3e-11d1-84f4-0000f80464e3} for group 0, Process {3d6fa8d0-fe05-11d0-9dda-00c04fd7ba7c},
 *       Thread {3d6fa8d1-...}, DiskIo {3d6fa8d4-...}, PageFault {3d6fa8d3-...}, Image
 *       {2cb15d1d-5fc1-11d2-abe1-00a0c911f518} (also for the old process-group image load, hook 0x030A), FileIo,
 *       TcpIp, UdpIp, Registry, SystemConfig, PerfInfo, StackWalk, ALPC, SplitIo ... for groups 0x00-0x1E (the
 *       event-class GUIDs of the NT Kernel Logger's MOF classes, as ProcessTrace reports them). Groups above 0x1E keep
 *       SystemTraceControlGuid {9e814aad-3204-11d2-9a82-006008a86939} (unmapped). Opcode = type (as a live consumer
 *       sees it), version = Marker.Version low byte. Unlike a live consumer, which sees id 0 and task 0 for these
 *       classic events (inferred from the classic-header translation; Chappell: the HookId "does not show as the
 *       Event ID"), the descriptor keeps id = hook id ({@code group << 8 | type}) and task = group, so the raw hook
 *       stays available; {@link EventRecord#sameEventAs} compares classic and kernel records without id and task, so a
 *       live copy and its replay are the same event. {@link
 *       EventRecord#headerKind()} tells the three header kinds apart. Flags CLASSIC_HEADER + 32/64-bit from the
 *       header type; pid/tid from SYSTEM and COMPACT headers, -1 for PERFINFO (its header has none). PEBS/PMC
 *       extras after the header are skipped, not part of the payload.</li>
 *   <li><b>Classic EVENT_TRACE_HEADER / EVENT_INSTANCE_GUID_HEADER</b> ({@link HeaderKind#CLASSIC},
 *       {@link HeaderKind#INSTANCE}): provider = the header's Guid, opcode = Class.Type, level = Class.Level,
 *       version = Class.Version low byte, flags CLASSIC_HEADER + 32/64-bit; instance ids are not kept.</li>
 *   <li><b>MESSAGE</b> (WPP / TraceMessage, {@link HeaderKind#MESSAGE}): flags FLAG_TRACE_MESSAGE + 64-bit (or
 *       32-bit for TRACE_MESSAGE_POINTER32), so {@link EventRecord#isTraceMessage()} is true; providerId = the
 *       message GUID (with TRACE_MESSAGE_COMPONENTID instead: a GUID whose first 4 bytes, Data1, are the component
 *       id); descriptor id = the message number and keyword = the sequence number (0 without
 *       TRACE_MESSAGE_SEQUENCE); pid/tid from TRACE_MESSAGE_SYSTEMINFO, else -1; timestamp from
 *       TRACE_MESSAGE_TIMESTAMP, else the buffer's; payload = the arguments after the optional fields.</li>
 *   <li>TIMED and ERROR records carry no event and are passed over (counted as skipped records).</li>
 * </ul>
 * Raw timestamps are converted to {@link java.time.Instant} from the header's clock type as Windows does (QPC ticks
 * scaled by the header's PerfFreq, system time, or CPU cycles, from StartTime); records without their own timestamp
 * take their buffer's. {@link EventRecord#processorNumber()} is the buffer's ProcessorIndex.
 *
 * <h2>Bad input</h2>
 * A truncated file, a buffer whose sizes lie, a record running past its buffer, an unknown header type: by default
 * the bad part is skipped (the rest of the buffer, or the buffer), counted in {@link #statistics()}, and reading goes
 * on at the next buffer that can be found safely. With {@link EtlReadOptions#strict()} the first problem ends
 * {@link #records()} with an {@link EtlFormatException} naming the file, the kind and the file offset. Reading never
 * throws an unchecked JDK exception and always ends.
 *
 * <p><b>Recovery.</b> When a buffer header is implausible or a buffer does not load (sizes that lie, compressed
 * bytes that do not decompress), the reader looks for the next plausible buffer header: BufferSize equal to the
 * logfile header's (in a compressed file: at most it), FilledBytes, BufferFlag, BufferType, ProcessorIndex and
 * LoggerId consistent with the file, and followed by the end of the file or another plausible header. Fixed-size
 * files are tried at multiples of BufferSize first, then every 8 bytes; compressed files byte by byte. The bytes
 * between are reported as {@link EtlReaderStatistics#lostRanges()}; so damage costs the buffers it touches and, at
 * most, what lies between them and the next buffer found. On the shared captures with random damage, every record
 * outside the touched buffers is read (tests: EtlFileDamageTest).
 *
 * <p><b>Truncation.</b> The buffers found are compared with the logfile header's BuffersWritten: a file with fewer,
 * whose lost ranges cannot hold the difference, is {@link EtlReaderStatistics#truncated() truncated} (a
 * TRUNCATED_FILE error: raised in strict mode). Circular files (LogFileMode EVENT_TRACE_FILE_MODE_CIRCULAR 0x2) and
 * headers saying 0 cannot be checked ({@link EtlReaderStatistics#buffersExpected()} -1). I/O failures are
 * {@link EtlIoException}s, never format errors.
 *
 * <h2>Hostile input: what a read may cost</h2>
 * A file is input anyone may write, so a read is bounded by the file, not by what its headers claim:
 * <ul>
 *   <li><b>Time and output:</b> uncompressed buffers cost their own bytes. A compressed buffer decompresses to at most
 *       the logfile header's BufferSize and at most 256 times its own bytes on disk (FilledBytes above either:
 *       refused before anything is allocated or decompressed; the shared compressed capture's highest ratio is 13.4),
 *       so decoded bytes are at most 256 per file byte. Records are read from decoded bytes only, at most one per 8
 *       decoded bytes.</li>
 *   <li><b>Memory:</b> one on-disk buffer of scratch, plus one decoded buffer (at most BufferSize, itself at most
 *       {@link EtlReadOptions#maxBufferSize()}) in file order, or one per processor in timestamp order, where a
 *       buffer's ProcessorIndex must be below the logfile header's NumberOfProcessors (else the buffer is refused),
 *       so the merge holds at most NumberOfProcessors decoded buffers, plus an index of a few dozen bytes per buffer
 *       of the file. A file-order read of a compressed file with {@link EtlReadOptions#decompressAhead()} (the
 *       default) holds up to 3 more decoded buffers and one more on-disk buffer, on its second thread. The lost ranges
 *       are one small object per skipped part, at most one per 0x49 bytes of file.</li>
 *   <li><b>What is counted:</b> a refused buffer is an {@link EtlErrorKind#LIMIT_EXCEEDED} error in
 *       {@link EtlReaderStatistics#errors()}, a skipped buffer and a lost range covering its bytes; the read goes on at
 *       the next buffer (in strict mode it ends with that error).</li>
 * </ul>
 * A header may claim a BufferSize up to {@link EtlReadOptions#maxBufferSize()} (64 MiB by default): lower that
 * option to read untrusted files with less memory per buffer.
 *
 * <h2>Thread-safety and lifetime</h2>
 * An {@code EtlFile} is immutable apart from its statistics and safe to share. It holds no open file between reads:
 * each subscription to {@link #records()} (and each {@link #scan}) opens the file, reads it and closes it (on
 * completion, error or cancel).
 * A file opened with {@link #of(ByteBuffer)} reads that buffer, which must not change while it is in use.
 *
 * <h2>What it does not do</h2>
 * It does not decode payloads (use the decoders, e.g. etw-scm, or {@link EventRecord#payloadReader()}), does not
 * resolve WPP format strings (TMF), and does not read real-time sessions.
 */
public final class EtlFile implements RecordSource {

    private interface SourceFactory {
        EtlSource open() throws IOException;
    }

    private final SourceFactory sources;
    private final EtlReadOptions options;
    private final LogfileHeader header;
    private final String name;
    /** The file as given to {@link #open}, null for an in-memory image. */
    private final String file;
    private final AtomicReference<ReadCounters> lastRead = new AtomicReference<>();

    private EtlFile(SourceFactory sources, EtlReadOptions options, String file) {
        this.sources = sources;
        this.options = Objects.requireNonNull(options, "options");
        this.file = file;
        this.name = file == null ? "in-memory image" : file;
        try (EtlReader r = EtlReader.open(openSource(), options, new ReadCounters())) {
            this.header = r.header();
        } catch (EtlFormatException e) {
            throw translate(e);
        }
    }

    private EtlSource openSource() {
        try {
            return sources.open();
        } catch (IOException e) {
            throw new EtlIoException(file, "cannot open", e);
        }
    }

    /** The reader's error as this file raises it: an I/O failure as {@link EtlIoException}, else naming the file. */
    private RuntimeException translate(EtlFormatException e) {
        if (e.kind() == EtlErrorKind.IO_ERROR && e.getCause() instanceof IOException io) {
            return new EtlIoException(file, "reading at file offset 0x" + Long.toHexString(e.fileOffset()), io);
        }
        return e.inFile(name);
    }

    /**
     * Opens an .etl file with {@link EtlReadOptions#defaults()} and reads its logfile header.
     *
     * @param file the .etl file to read
     * @return the opened file, its header read; records are read on subscription to {@link #records()}
     * @throws EtlIoException     if the file cannot be opened or read (not found, a directory, permission denied;
     *                            the {@link IOException} is the cause)
     * @throws EtlFormatException BAD_LOGFILE_HEADER / TRUNCATED_FILE / BAD_BUFFER_HEADER if it does not start with a
     *                            readable logfile header; its message starts with the file and {@link
     *                            EtlFormatException#file()} names it
     */
    public static EtlFile open(Path file) {
        return open(file, EtlReadOptions.defaults());
    }

    /**
     * Opens an .etl file and reads its logfile header.
     *
     * @param file the .etl file to read
     * @param options how to read it
     * @return the opened file, its header read; records are read on subscription to {@link #records()}
     * @throws EtlFormatException as {@link #open(Path)}
     */
    public static EtlFile open(Path file, EtlReadOptions options) {
        Objects.requireNonNull(file, "file");
        return new EtlFile(() -> EtlSource.of(file), options, file.toString());
    }

    /**
     * {@return an .etl image in memory (an embedded resource, a test fixture), from its position to its limit; the
     * bytes are not copied and must not change while the file is in use}
     *
     * @param image the bytes of an .etl file, from its position to its limit (not copied: do not change them while
     * reading)
     * @throws EtlFormatException as {@link #open(Path)}
     */
    public static EtlFile of(ByteBuffer image) {
        return of(image, EtlReadOptions.defaults());
    }

    /**
     * {@return an .etl image in memory, as {@link #of(ByteBuffer)}, read with {@code options}}
     *
     * @param image the bytes of an .etl file, from its position to its limit (not copied: do not change them while
     * reading)
     * @param options how to read it
     */
    public static EtlFile of(ByteBuffer image, EtlReadOptions options) {
        ByteBuffer view = image.slice().asReadOnlyBuffer();
        return new EtlFile(() -> EtlSource.of(view), options, null);
    }

    /** {@return the file's logfile header (read once, when the file was opened)} */
    public LogfileHeader header() {
        return header;
    }

    /** {@return the options this file is read with} */
    public EtlReadOptions options() {
        return options;
    }

    /**
     * {@return the records of the file: the logfile header record first, then every record (file order, or timestamp
     * order with {@link EtlReadOptions#timestampOrder()})}
     *
     * <ul>
     *   <li><b>Cold</b>: each subscription opens the file and reads it from the start.</li>
     *   <li><b>Threading</b>: records are read and emitted on the thread that requests them (the subscriber's); use
     *       {@code subscribeOn} to read on another thread. A file-order read of a compressed file decompresses up to
     *       3 buffers ahead on a second thread ({@link EtlReadOptions#withDecompressAhead(boolean)}).</li>
     *   <li><b>Backpressure</b>: pull-based; a record is decoded only when requested, and at most one decoded buffer
     *       per processor stream (one in file order, plus up to 3 decompressed ahead) is held, so memory stays bounded
     *       on any file size.</li>
     *   <li><b>Cancellation</b>: cancel closes the file and ends the decompressing thread.</li>
     *   <li><b>Termination</b>: completes at the end of the file; errors with {@link EtlIoException} on an I/O
     *       error, or in strict mode with {@link EtlFormatException} (naming the file) on the first malformed part,
     *       a truncation included.</li>
     * </ul>
     */
    @Override
    public Flux<EventRecord> records() {
        return read(0, Long.MAX_VALUE);
    }

    /**
     * {@return the records of the buffers whose buffer header starts at a file offset in {@code [fromOffset,
     * toOffset)}: a part of the file for a parallel reader (a Spark partition), which splits a file at arbitrary
     * offsets}
     *
     * <p>Ranges that are adjacent and together cover {@code [0, size)} read every record of {@link #records()}
     * exactly once, in the same order within each range. Every range finds the buffers by the same file-order walk
     * from offset 0 (reading only the 0x48-byte buffer headers before {@code fromOffset}, so damage before the range
     * is passed over the same way), then loads, decompresses and decodes only the buffers of its range and stops at
     * {@code toOffset}. The logfile header record comes only with the range holding offset 0. The {@link
     * #statistics()} of a range read count the range's buffers, records and problems (a problem belongs to the range
     * where it starts; sum the ranges for the file); only the range reaching the end of the file
     * ({@code toOffset >= size}) checks the file against BuffersWritten for truncation. Timestamp order
     * ({@link EtlReadOptions#timestampOrder()}) merges the range's buffers only. Cold, pull-based and cancellable as
     * {@link #records()}.
     *
     * @param fromOffset the first file offset of the range, at least 0
     * @param toOffset   the end of the range (exclusive), at least {@code fromOffset}; {@link Long#MAX_VALUE} for
     *                   the end of the file
     * @throws IllegalArgumentException if the range is negative or reversed
     */
    public Flux<EventRecord> records(long fromOffset, long toOffset) {
        if (fromOffset < 0 || toOffset < fromOffset) {
            throw new IllegalArgumentException("bad range [" + fromOffset + ", " + toOffset + ")");
        }
        return read(fromOffset, toOffset);
    }

    /**
     * Visits every record of the file, in the order and with the statistics of {@link #records()}, through one reused
     * {@link RecordView} instead of an {@link EventRecord} copy each: for bulk consumers (counting, filtering,
     * aggregating, writing out) that allocate nothing per record they do not keep. The same parser as
     * {@link #records()} (which copies each view), so {@code view.toRecord()} equals the record {@link #records()}
     * emits at the same place.
     *
     * <pre>{@code
     * long[] bytes = {0};
     * EtlReaderStatistics s = etl.scan(v -> bytes[0] += v.payloadSize());
     * }</pre>
     *
     * <ul>
     *   <li><b>Lifetime</b>: the view is valid during its callback only (see {@link RecordView}); keep
     *       {@code view.toRecord()}.</li>
     *   <li><b>Threading</b>: runs on the calling thread and returns at the end of the file; one scan per call (the
     *       view is not shared between scans). Not cancellable except by throwing from the visitor, which ends the
     *       scan (the file is closed) and propagates.</li>
     *   <li><b>Errors</b>: as {@link #records()} signals them, thrown here after the records before the problem
     *       were visited: {@link EtlIoException} on an I/O error, in strict mode {@link EtlFormatException}
     *       (naming the file); otherwise problems are counted in the returned statistics.</li>
     * </ul>
     *
     * @param visitor called once per record, the logfile header record first
     * @return the statistics of this scan (also what {@link #statistics()} returns until the next read starts)
     * @throws EtlIoException     if the file cannot be opened or read
     * @throws EtlFormatException in strict mode, for the first malformed part
     */
    public EtlReaderStatistics scan(Consumer<? super RecordView> visitor) {
        Objects.requireNonNull(visitor, "visitor");
        ReadCounters counters = new ReadCounters();
        lastRead.set(counters);
        EtlReader reader;
        try {
            reader = EtlReader.open(openSource(), options, counters);
        } catch (EtlFormatException e) {
            throw translate(e);
        }
        try (reader) {
            for (RecordView v = reader.nextView(); v != null; v = reader.nextView()) {
                visitor.accept(v);
            }
        } catch (EtlFormatException e) {
            throw translate(e);
        } finally {
            reader.endViews();
        }
        return counters.snapshot();
    }

    private Flux<EventRecord> read(long fromOffset, long toOffset) {
        return Flux.generate(
                () -> {
                    ReadCounters counters = new ReadCounters();
                    lastRead.set(counters);
                    try {
                        EtlReader reader = EtlReader.open(openSource(), options, counters);
                        if (fromOffset != 0 || toOffset != Long.MAX_VALUE) {
                            reader.restrictTo(fromOffset, toOffset);
                        }
                        return reader;
                    } catch (EtlFormatException e) {
                        throw translate(e);
                    }
                },
                (EtlReader reader, reactor.core.publisher.SynchronousSink<EventRecord> sink) -> {
                    EventRecord r;
                    try {
                        r = reader.next();
                    } catch (EtlFormatException e) {
                        sink.error(translate(e));
                        return reader;
                    }
                    if (r == null) {
                        sink.complete();
                    } else {
                        sink.next(r);
                    }
                    return reader;
                },
                EtlReader::close);
    }

    /**
     * {@return what the most recently started read of {@link #records()} or {@link #scan} has seen so far (buffers, records, errors by
     * kind); {@link EtlReaderStatistics#EMPTY} before the first subscription} Safe to call from any thread, during or
     * after a read.
     */
    @Override
    public EtlReaderStatistics statistics() {
        ReadCounters c = lastRead.get();
        return c == null ? EtlReaderStatistics.EMPTY : c.snapshot();
    }

    @Override
    public String toString() {
        return "EtlFile[" + name + ", logger=" + header.loggerName() + ", clock=" + header.clockType() + "]";
    }
}
