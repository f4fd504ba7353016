package io.etw4j.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Writes a valid .etl byte image from the format's definition, for tests of the .etl reader and of everything that
 * replays .etl files (decoders, the SCM monitor). Shipped in etw-core's test-jar.
 *
 * <p>The image is what a 64-bit Windows logger with the QPC clock writes (see
 * {@code ../shared/notes/windows-etw-layouts.md} §3 for every layout used here, with its source):
 * <ul>
 *   <li>a sequence of buffers, each {@link #bufferSize(int) bufferSize} bytes, each starting with a
 *       WMI_BUFFER_HEADER (0x48 bytes, ntwmi.h), the unused tail filled with 0xFF as real files show (AMSITrace.etl
 *       buffer 0 ends in 0xFF bytes after FilledBytes);</li>
 *   <li>buffer 0 starts with the logfile header record: a SYSTEM_TRACE_HEADER (type 0x02, SYSTEM64) with HookId 0
 *       whose payload is the 64-bit TRACE_LOGFILE_HEADER (0x118 bytes) followed by the logger name and log file
 *       name as NUL-terminated UTF-16LE strings;</li>
 *   <li>then the records added with {@link #event(Consumer)}, {@link #message(Consumer)} and {@link #raw(byte[])},
 *       each 8-byte aligned (records are padded with zeros to the next multiple of 8, as in AMSITrace.etl);</li>
 *   <li>{@link #newBuffer(int)} closes the current buffer and opens one for the given processor; a record that does
 *       not fit in the current buffer opens a new buffer for the same processor.</li>
 * </ul>
 *
 * <p>Timestamps are raw QPC ticks. The logfile header record's SystemTime is {@link #startQpc(long) startQpc} and
 * the header's StartTime is {@link #startTime(Instant) startTime}, so a record stamped {@code startQpc + n} happened
 * {@code n * 10^7 / perfFreq} 100-ns units after startTime (the conversion rule of notes §3.5). With the default
 * perfFreq of 10 MHz one tick is 100 ns.
 *
 * <p>Not thread-safe; a builder is used by one test. {@link #build()} may be called more than once.
 *
 * <pre>{@code
 * byte[] etl = new SyntheticEtl()
 *     .message(m -> m.guid(SCM_MESSAGE_GUID).number(0x28).sequence(1).timestamp(startQpc + 5)
 *                    .systemInfo(600, 700).payload(seedPayload))
 *     .build();
 * }</pre>
 */
public final class SyntheticEtl {

    /** EventTraceGuid {68fdd900-4a3e-11d1-84f4-0000f80464e3} (evntrace.h), the class of the logfile header. */
    public static final UUID EVENT_TRACE_GUID = UUID.fromString("68fdd900-4a3e-11d1-84f4-0000f80464e3");

    /** sizeof(WMI_BUFFER_HEADER) (ntwmi.h static_assert; notes §3.2). */
    public static final int BUFFER_HEADER_SIZE = 0x48;
    /** sizeof(TRACE_LOGFILE_HEADER) on x64 (evntrace.h; notes §2.4). */
    public static final int LOGFILE_HEADER_SIZE_64 = 0x118;
    /** sizeof(SYSTEM_TRACE_HEADER) (ntwmi.h; notes §3.3). */
    public static final int SYSTEM_HEADER_SIZE = 0x20;
    /** sizeof(EVENT_HEADER) (evntcons.h; notes §2.5). */
    public static final int EVENT_HEADER_SIZE = 0x50;
    /** sizeof(MESSAGE_TRACE_HEADER) (ntwmi.h; notes §3.7). */
    public static final int MESSAGE_HEADER_SIZE = 8;

    /** TRACE_MESSAGE_SEQUENCE (evntrace.h). */
    public static final int TRACE_MESSAGE_SEQUENCE = 0x0001;
    /** TRACE_MESSAGE_GUID (evntrace.h). */
    public static final int TRACE_MESSAGE_GUID = 0x0002;
    /** TRACE_MESSAGE_COMPONENTID (evntrace.h). */
    public static final int TRACE_MESSAGE_COMPONENTID = 0x0004;
    /** TRACE_MESSAGE_TIMESTAMP (evntrace.h). */
    public static final int TRACE_MESSAGE_TIMESTAMP = 0x0008;
    /** TRACE_MESSAGE_SYSTEMINFO (evntrace.h). */
    public static final int TRACE_MESSAGE_SYSTEMINFO = 0x0020;
    /** TRACE_MESSAGE_POINTER32 (evntrace.h). */
    public static final int TRACE_MESSAGE_POINTER32 = 0x0040;
    /** TRACE_MESSAGE_POINTER64 (evntrace.h). */
    public static final int TRACE_MESSAGE_POINTER64 = 0x0080;

    private String loggerName = "SyntheticLogger";
    private String logFileName = "C:\\synthetic.etl";
    private int bufferSize = 0x10000;
    private long perfFreq = 10_000_000L;
    private long startQpc = 1_000_000_000L;
    private long startTimeFileTime = toFileTime(Instant.parse("2024-01-02T03:04:05Z"));
    private long bootTimeFileTime = toFileTime(Instant.parse("2024-01-02T00:00:00Z"));
    /** Null: one more than the highest ProcessorIndex of the buffers, so that every buffer's index is valid. */
    private Integer numberOfProcessors;
    private int providerVersion = 19045;
    private int logFileMode = 0x00000001; // EVENT_TRACE_FILE_MODE_SEQUENTIAL (evntrace.h)
    private int cpuSpeedMhz = 3000;
    private int headerProcessId = 4;
    private int headerThreadId = 8;

    /** Buffers in order; each is a processor index and its record byte images. */
    private final List<PendingBuffer> buffers = new ArrayList<>();
    private long nextDefaultTimestampStep = 1;

    public SyntheticEtl() {
        buffers.add(new PendingBuffer(0));
    }

    // ---------------------------------------------------------------- header options

    /** LoggerName string written after the TRACE_LOGFILE_HEADER (default "SyntheticLogger"). */
    public SyntheticEtl loggerName(String v) {
        loggerName = Objects.requireNonNull(v);
        return this;
    }

    /** LogFileName string written after the logger name (default "C:\synthetic.etl"). */
    public SyntheticEtl logFileName(String v) {
        logFileName = Objects.requireNonNull(v);
        return this;
    }

    /** Size of every buffer in bytes (default 64 KiB, at least 0x400, a multiple of 8). */
    public SyntheticEtl bufferSize(int v) {
        if (v < 0x400 || v % 8 != 0) {
            throw new IllegalArgumentException("bufferSize must be >= 0x400 and a multiple of 8: " + v);
        }
        bufferSize = v;
        return this;
    }

    /** TRACE_LOGFILE_HEADER.PerfFreq, QPC ticks per second (default 10,000,000). */
    public SyntheticEtl perfFreq(long v) {
        perfFreq = v;
        return this;
    }

    /** QPC value of the logfile header record's SystemTime (default 1,000,000,000). */
    public SyntheticEtl startQpc(long v) {
        startQpc = v;
        return this;
    }

    /** TRACE_LOGFILE_HEADER.StartTime (default 2024-01-02T03:04:05Z); stored as FILETIME (100 ns units). */
    public SyntheticEtl startTime(Instant v) {
        startTimeFileTime = toFileTime(v);
        return this;
    }

    /** TRACE_LOGFILE_HEADER.BootTime (default 2024-01-02T00:00:00Z). */
    public SyntheticEtl bootTime(Instant v) {
        bootTimeFileTime = toFileTime(v);
        return this;
    }

    /** TRACE_LOGFILE_HEADER.NumberOfProcessors (default: one more than the highest ProcessorIndex of the buffers). */
    public SyntheticEtl numberOfProcessors(int v) {
        numberOfProcessors = v;
        return this;
    }

    /** TRACE_LOGFILE_HEADER.ProviderVersion, the NT build (default 19045). */
    public SyntheticEtl providerVersion(int v) {
        providerVersion = v;
        return this;
    }

    /** TRACE_LOGFILE_HEADER.LogFileMode (default EVENT_TRACE_FILE_MODE_SEQUENTIAL). */
    public SyntheticEtl logFileMode(int v) {
        logFileMode = v;
        return this;
    }

    /** TRACE_LOGFILE_HEADER.CpuSpeedInMHz (default 3000). */
    public SyntheticEtl cpuSpeedMhz(int v) {
        cpuSpeedMhz = v;
        return this;
    }

    /** Process and thread id written in the logfile header record's SYSTEM_TRACE_HEADER (default 4 / 8). */
    public SyntheticEtl headerProcessAndThread(int pid, int tid) {
        headerProcessId = pid;
        headerThreadId = tid;
        return this;
    }

    /** The configured start QPC value, for computing record timestamps in tests. */
    public long startQpc() {
        return startQpc;
    }

    /** The configured perfFreq. */
    public long perfFreq() {
        return perfFreq;
    }

    /** The configured StartTime as an Instant. */
    public Instant startTime() {
        return fromFileTime(startTimeFileTime);
    }

    // ---------------------------------------------------------------- records

    /** Closes the current buffer and starts a new one logged by {@code processorIndex}. */
    public SyntheticEtl newBuffer(int processorIndex) {
        buffers.add(new PendingBuffer(processorIndex));
        return this;
    }

    /**
     * Closes the current buffer and starts a new one logged by {@code processorIndex} whose WMI_BUFFER_HEADER
     * TimeStamp is {@code flushQpc} (otherwise a buffer's TimeStamp is its latest record time).
     */
    public SyntheticEtl newBuffer(int processorIndex, long flushQpc) {
        PendingBuffer b = new PendingBuffer(processorIndex);
        b.flushTime = flushQpc;
        buffers.add(b);
        return this;
    }

    /** Adds an EVENT_HEADER record (header type 0x13, EVENT_HEADER64) described by {@code spec}. */
    public SyntheticEtl event(Consumer<Event> spec) {
        Event e = new Event(startQpc + 10_000L * nextDefaultTimestampStep++);
        spec.accept(e);
        append(e.bytes(), e.timestamp);
        return this;
    }

    /** Adds a MESSAGE (WPP / TraceMessage) record described by {@code spec}. */
    public SyntheticEtl message(Consumer<Message> spec) {
        Message m = new Message(startQpc + 10_000L * nextDefaultTimestampStep++);
        spec.accept(m);
        append(m.bytes(), m.timestamp == null ? Long.MIN_VALUE : m.timestamp);
        return this;
    }

    /**
     * Adds raw record bytes as they are (8-byte padded), for tests of malformed input. The bytes must describe their
     * own size the way the format does; nothing is checked.
     */
    public SyntheticEtl raw(byte[] recordBytes) {
        append(recordBytes.clone(), Long.MIN_VALUE);
        return this;
    }

    private PendingBuffer currentBuffer() {
        return buffers.get(buffers.size() - 1);
    }

    private void append(byte[] record, long timestamp) {
        PendingBuffer current = currentBuffer();
        current.records.add(record);
        current.timestamps.add(timestamp);
    }

    /**
     * Lays the pending buffers out into physical buffers: a pending buffer whose records do not fit is continued in a
     * new buffer of the same processor.
     */
    private List<PendingBuffer> layout() {
        List<PendingBuffer> physical = new ArrayList<>();
        int capacity = bufferSize - BUFFER_HEADER_SIZE;
        int headerRecord = align8(logfileHeaderRecordSize());
        if (headerRecord > capacity) {
            throw new IllegalStateException("logfile header record does not fit a buffer of " + bufferSize);
        }
        for (int i = 0; i < buffers.size(); i++) {
            PendingBuffer pending = buffers.get(i);
            PendingBuffer cur = new PendingBuffer(pending.processorIndex);
            cur.flushTime = pending.flushTime;
            int used = i == 0 ? headerRecord : 0;
            for (int k = 0; k < pending.records.size(); k++) {
                byte[] r = pending.records.get(k);
                int aligned = align8(r.length);
                if (aligned > capacity) {
                    throw new IllegalStateException("record of " + r.length + " bytes does not fit a buffer of "
                            + bufferSize);
                }
                if (used + aligned > capacity) {
                    physical.add(cur);
                    cur = new PendingBuffer(pending.processorIndex);
                    used = 0;
                }
                cur.records.add(r);
                cur.timestamps.add(pending.timestamps.get(k));
                used += aligned;
            }
            physical.add(cur);
        }
        return physical;
    }

    // ---------------------------------------------------------------- output

    /** The .etl image. */
    public byte[] build() {
        List<PendingBuffer> physical = layout();
        ByteBuffer out = ByteBuffer.allocate(bufferSize * physical.size()).order(ByteOrder.LITTLE_ENDIAN);
        long endQpc = startQpc;
        for (PendingBuffer b : physical) {
            endQpc = Math.max(endQpc, b.maxTimestamp());
        }
        for (int i = 0; i < physical.size(); i++) {
            PendingBuffer b = physical.get(i);
            int base = i * bufferSize;
            // Records first, at base + 0x48, so that FilledBytes is known when the header is written.
            int pos = base + BUFFER_HEADER_SIZE;
            if (i == 0) {
                byte[] header = logfileHeaderRecord(endQpc, physical.size());
                out.put(pos, header);
                pos += align8(header.length);
            }
            for (byte[] r : b.records) {
                out.put(pos, r);
                pos += align8(r.length); // the pad bytes stay zero
            }
            int filled = pos - base;
            for (int p = pos; p < base + bufferSize; p++) {
                out.put(p, (byte) 0xFF); // unused tail, as in real files
            }
            // A buffer's TimeStamp is its flush time: here the latest record time in it (startQpc for an empty one).
            long bufferTime = Math.max(i == 0 ? startQpc : 0, b.maxTimestamp());
            if (bufferTime == 0) {
                bufferTime = endQpc;
            }
            if (b.flushTime != null) {
                bufferTime = b.flushTime;
            }
            writeBufferHeader(out, base, filled, bufferTime, i, b.processorIndex, i == 0);
        }
        return out.array();
    }

    /** Writes {@link #build()} to {@code file} and returns the file. */
    public Path writeTo(Path file) {
        try {
            Files.write(file, build());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Number of buffers the image will have. */
    public int bufferCount() {
        return layout().size();
    }

    /**
     * WMI_BUFFER_HEADER (0x48 bytes; ntwmi.h, notes §3.2). Fields left zero: ReferenceCount @0x0C, the
     * ClockType/Frequency word @0x20, State @0x2C and the 16 bytes @0x38 (not needed to read a file).
     */
    private void writeBufferHeader(ByteBuffer out, int base, int filled, long time, int sequence, int processor,
            boolean headerBuffer) {
        out.putInt(base, bufferSize); //        0x00 BufferSize: on-disk size of this buffer
        out.putInt(base + 0x04, filled); //     0x04 SavedOffset: same as FilledBytes in AMSITrace.etl buffers
        out.putInt(base + 0x08, filled); //     0x08 CurrentOffset
        out.putLong(base + 0x10, time); //      0x10 TimeStamp: flush time, QPC like the records
        out.putLong(base + 0x18, sequence); //  0x18 SequenceNumber
        out.putShort(base + 0x28, (short) processor); // 0x28 ClientContext.ProcessorIndex (u16)
        out.putShort(base + 0x2A, (short) 1); //          0x2A ClientContext.LoggerId
        out.putInt(base + 0x30, filled); //     0x30 Offset = FilledBytes, includes the 0x48 header
        // 0x34 BufferFlag: ETW_BUFFER_FLAG_PROC_INDEX 0x20, plus FLUSH_MARKER 0x1 on the header buffer, the values
        // AMSITrace.etl holds (0x21 in buffer 0, 0x20 after it).
        out.putShort(base + 0x34, (short) (headerBuffer ? 0x21 : 0x20));
        // 0x36 BufferType: ETW_BUFFER_TYPE_HEADER 4 for the buffer holding the logfile header, GENERIC 0 otherwise.
        out.putShort(base + 0x36, (short) (headerBuffer ? 4 : 0));
    }

    private int processorsField() {
        if (numberOfProcessors != null) {
            return numberOfProcessors;
        }
        int max = 0;
        for (PendingBuffer b : buffers) {
            max = Math.max(max, b.processorIndex);
        }
        return max + 1;
    }

    private int logfileHeaderRecordSize() {
        return SYSTEM_HEADER_SIZE + LOGFILE_HEADER_SIZE_64 + utf16z(loggerName).length + utf16z(logFileName).length;
    }

    /**
     * The logfile header record: SYSTEM_TRACE_HEADER (ntwmi.h) + TRACE_LOGFILE_HEADER x64 (evntrace.h, offsets in
     * notes §2.4) + LoggerName + LogFileName (NUL-terminated UTF-16LE; notes §3.4).
     */
    private byte[] logfileHeaderRecord(long endQpc, int buffersWritten) {
        int size = logfileHeaderRecordSize();
        ByteBuffer r = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        // SYSTEM_TRACE_HEADER
        r.putShort(0x00, (short) 2); //        Marker.Version: 2, as in AMSITrace.etl's header record
        r.put(0x02, (byte) 0x02); //           Marker.HeaderType: TRACE_HEADER_TYPE_SYSTEM64
        r.put(0x03, (byte) 0xC0); //           Marker.Flags: TRACE_HEADER_FLAG | TRACE_HEADER_EVENT_TRACE (>> 24)
        r.putShort(0x04, (short) size); //     Packet.Size: the whole record, header included
        r.putShort(0x06, (short) 0x0000); //   Packet.HookId: group 0 (EventTrace), type 0 (Header)
        r.putInt(0x08, headerThreadId); //     ThreadId
        r.putInt(0x0C, headerProcessId); //    ProcessId
        r.putLong(0x10, startQpc); //          SystemTime: the QPC origin of the file's timestamps (notes §3.5)
        r.putInt(0x18, 0); //                  KernelTime
        r.putInt(0x1C, 0); //                  UserTime
        // TRACE_LOGFILE_HEADER (64-bit form), offsets relative to 0x20
        int h = SYSTEM_HEADER_SIZE;
        r.putInt(h + 0x00, bufferSize); //            BufferSize
        r.putInt(h + 0x04, 0x0501000A); //            Version bytes 0a 00 01 05 as in AMSITrace.etl
        r.putInt(h + 0x08, providerVersion); //       ProviderVersion (NT build)
        r.putInt(h + 0x0C, processorsField()); //     NumberOfProcessors
        r.putLong(h + 0x10, startTimeFileTime + (endQpc - startQpc) * 10_000_000L / perfFreq); // EndTime FILETIME
        r.putInt(h + 0x18, 156_250); //               TimerResolution (15.625 ms in 100 ns)
        r.putInt(h + 0x1C, 0); //                     MaximumFileSize
        r.putInt(h + 0x20, logFileMode); //           LogFileMode
        r.putInt(h + 0x24, buffersWritten); //        BuffersWritten
        r.putInt(h + 0x28, 1); //                     StartBuffers
        r.putInt(h + 0x2C, 8); //                     PointerSize
        r.putInt(h + 0x30, 0); //                     EventsLost
        r.putInt(h + 0x34, cpuSpeedMhz); //           CpuSpeedInMHz
        r.putLong(h + 0x38, 0L); //                   LoggerName (not a pointer on disk)
        r.putLong(h + 0x40, 0L); //                   LogFileName (not a pointer on disk)
        // h + 0x48 .. 0xF4: TIME_ZONE_INFORMATION (0xAC bytes), left zero (UTC, no names); 4 bytes padding to 0xF8
        r.putLong(h + 0xF8, bootTimeFileTime); //     BootTime
        r.putLong(h + 0x100, perfFreq); //            PerfFreq
        r.putLong(h + 0x108, startTimeFileTime); //   StartTime
        r.putInt(h + 0x110, 1); //                    ReservedFlags: clock type 1 = QPC
        r.putInt(h + 0x114, 0); //                    BuffersLost
        int p = h + LOGFILE_HEADER_SIZE_64;
        byte[] ln = utf16z(loggerName);
        r.put(p, ln);
        r.put(p + ln.length, utf16z(logFileName));
        return r.array();
    }

    // ---------------------------------------------------------------- record specs

    /** One EVENT_HEADER record (evntcons.h EVENT_HEADER, notes §2.5 and §3.3). Defaults are neutral values. */
    public static final class Event {
        private UUID provider = new UUID(0x1111111122223333L, 0x4444555555555555L);
        private int id;
        private int version;
        private int channel;
        private int level = 4;
        private int opcode;
        private int task;
        private long keyword;
        private int flags;
        private int eventProperty;
        private int processId = 1000;
        private int threadId = 2000;
        private long timestamp;
        private int kernelTime;
        private int userTime;
        private UUID activityId = new UUID(0, 0);
        private boolean header32;
        private final List<int[]> extTypes = new ArrayList<>();
        private final List<byte[]> extData = new ArrayList<>();
        private byte[] payload = new byte[0];

        private Event(long defaultTimestamp) {
            timestamp = defaultTimestamp;
        }

        public Event provider(UUID v) {
            provider = v;
            return this;
        }

        public Event id(int v) {
            id = v;
            return this;
        }

        public Event version(int v) {
            version = v;
            return this;
        }

        public Event channel(int v) {
            channel = v;
            return this;
        }

        public Event level(int v) {
            level = v;
            return this;
        }

        public Event opcode(int v) {
            opcode = v;
            return this;
        }

        public Event task(int v) {
            task = v;
            return this;
        }

        public Event keyword(long v) {
            keyword = v;
            return this;
        }

        /** EVENT_HEADER.Flags as written; EXTENDED_INFO (0x1) is added when extended data is present. */
        public Event flags(int v) {
            flags = v;
            return this;
        }

        public Event eventProperty(int v) {
            eventProperty = v;
            return this;
        }

        public Event processId(int v) {
            processId = v;
            return this;
        }

        public Event threadId(int v) {
            threadId = v;
            return this;
        }

        /** Raw QPC timestamp (default: startQpc + 10,000 × the record's ordinal). */
        public Event timestamp(long v) {
            timestamp = v;
            return this;
        }

        public Event cpuTimes(int kernel, int user) {
            kernelTime = kernel;
            userTime = user;
            return this;
        }

        public Event activityId(UUID v) {
            activityId = v;
            return this;
        }

        /** Write header type 0x12 (EVENT_HEADER32, logged by a 32-bit process) instead of 0x13. */
        public Event header32() {
            header32 = true;
            return this;
        }

        /** Adds an inline extended data item (EVENT_HEADER_EXT_TYPE_* {@code type}). */
        public Event extendedData(int type, byte[] data) {
            extTypes.add(new int[] {type});
            extData.add(data.clone());
            return this;
        }

        public Event payload(byte[] v) {
            payload = v.clone();
            return this;
        }

        private byte[] bytes() {
            int extBytes = 0;
            for (byte[] d : extData) {
                extBytes += align8(8 + d.length);
            }
            int size = EVENT_HEADER_SIZE + extBytes + payload.length;
            if (size > 0xFFFF) {
                throw new IllegalArgumentException("EVENT_HEADER record too large: " + size);
            }
            ByteBuffer r = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
            r.putShort(0x00, (short) size); //                  Size: whole record
            r.put(0x02, (byte) (header32 ? 0x12 : 0x13)); //    HeaderType low byte: TRACE_HEADER_TYPE_EVENT_HEADER32/64
            r.put(0x03, (byte) 0xC0); //                        HeaderType high byte: the marker flags 0xC0
            r.putShort(0x04, (short) (flags | (extData.isEmpty() ? 0 : 0x0001))); // Flags (+EXTENDED_INFO)
            r.putShort(0x06, (short) eventProperty); //         EventProperty
            r.putInt(0x08, threadId); //                        ThreadId
            r.putInt(0x0C, processId); //                       ProcessId
            r.putLong(0x10, timestamp); //                      TimeStamp (QPC)
            r.put(0x18, guidBytes(provider)); //                ProviderId
            r.putShort(0x28, (short) id); //                    EventDescriptor.Id
            r.put(0x2A, (byte) version); //                     .Version
            r.put(0x2B, (byte) channel); //                     .Channel
            r.put(0x2C, (byte) level); //                       .Level
            r.put(0x2D, (byte) opcode); //                      .Opcode
            r.putShort(0x2E, (short) task); //                  .Task
            r.putLong(0x30, keyword); //                        .Keyword
            r.putInt(0x38, kernelTime); //                      KernelTime
            r.putInt(0x3C, userTime); //                        UserTime
            r.put(0x40, guidBytes(activityId)); //              ActivityId
            int p = EVENT_HEADER_SIZE;
            for (int i = 0; i < extData.size(); i++) {
                byte[] d = extData.get(i);
                int itemSize = align8(8 + d.length);
                // Inline item: {Reserved1 u16, ExtType u16, Linkage u16, DataSize u16} + data, padded to 8
                // (notes §3.3). AMSITrace.etl's items hold their padded total size in Reserved1 (0x18 for a
                // 12-byte PROV_TRAITS item), so this builder does the same. Linkage bit 0 = another item follows.
                r.putShort(p, (short) itemSize);
                r.putShort(p + 2, (short) extTypes.get(i)[0]);
                r.putShort(p + 4, (short) (i < extData.size() - 1 ? 1 : 0));
                r.putShort(p + 6, (short) d.length);
                r.put(p + 8, d);
                p += itemSize;
            }
            r.put(p, payload); //                               user data up to Size
            return r.array();
        }
    }

    /**
     * One MESSAGE record (WPP / TraceMessage; ntwmi.h MESSAGE_TRACE_HEADER, evntrace.h TRACE_MESSAGE_*, notes §3.7).
     * The option flags are derived from what is set: SEQUENCE if {@link #sequence(int)}, GUID if {@link #guid(UUID)},
     * COMPONENTID if {@link #componentId(int)}, TIMESTAMP unless {@link #noTimestamp()}, SYSTEMINFO if
     * {@link #systemInfo(int, int)}, and POINTER64 (or POINTER32 after {@link #pointer32()}).
     */
    public static final class Message {
        private UUID guid;
        private Integer componentId;
        private int number;
        private Integer sequence;
        private Long timestamp;
        private Integer processId;
        private Integer threadId;
        private boolean pointer32;
        private Integer explicitFlags;
        private byte[] payload = new byte[0];

        private Message(long defaultTimestamp) {
            timestamp = defaultTimestamp;
        }

        /** The message GUID (TRACE_MESSAGE_GUID). */
        public Message guid(UUID v) {
            guid = v;
            componentId = null;
            return this;
        }

        /** A component id instead of a GUID (TRACE_MESSAGE_COMPONENTID). */
        public Message componentId(int v) {
            componentId = v;
            guid = null;
            return this;
        }

        /** The message number (WMI_TRACE_MESSAGE_PACKET.MessageNumber). */
        public Message number(int v) {
            number = v;
            return this;
        }

        /** The sequence number (TRACE_MESSAGE_SEQUENCE). */
        public Message sequence(int v) {
            sequence = v;
            return this;
        }

        /** Raw QPC timestamp (TRACE_MESSAGE_TIMESTAMP; default: startQpc + 10,000 × the record's ordinal). */
        public Message timestamp(long v) {
            timestamp = v;
            return this;
        }

        /** Leaves TRACE_MESSAGE_TIMESTAMP clear: the record takes its buffer's time. */
        public Message noTimestamp() {
            timestamp = null;
            return this;
        }

        /** Thread and process id (TRACE_MESSAGE_SYSTEMINFO: ThreadId then ProcessId). */
        public Message systemInfo(int pid, int tid) {
            processId = pid;
            threadId = tid;
            return this;
        }

        /** Sets TRACE_MESSAGE_POINTER32 instead of POINTER64. */
        public Message pointer32() {
            pointer32 = true;
            return this;
        }

        /** Overrides the option flags written (for malformed-input tests); the fields written still follow the setters. */
        public Message rawOptionFlags(int v) {
            explicitFlags = v;
            return this;
        }

        public Message payload(byte[] v) {
            payload = v.clone();
            return this;
        }

        /** The option flags this message will carry. */
        public int optionFlags() {
            if (explicitFlags != null) {
                return explicitFlags;
            }
            int f = 0;
            if (sequence != null) {
                f |= TRACE_MESSAGE_SEQUENCE;
            }
            if (guid != null) {
                f |= TRACE_MESSAGE_GUID;
            }
            if (componentId != null) {
                f |= TRACE_MESSAGE_COMPONENTID;
            }
            if (timestamp != null) {
                f |= TRACE_MESSAGE_TIMESTAMP;
            }
            if (processId != null) {
                f |= TRACE_MESSAGE_SYSTEMINFO;
            }
            f |= pointer32 ? TRACE_MESSAGE_POINTER32 : TRACE_MESSAGE_POINTER64;
            return f;
        }

        private byte[] bytes() {
            int size = MESSAGE_HEADER_SIZE + (sequence != null ? 4 : 0) + (guid != null ? 16 : 0)
                    + (componentId != null ? 4 : 0) + (timestamp != null ? 8 : 0) + (processId != null ? 8 : 0)
                    + payload.length;
            if (size > 0xFFFF) {
                throw new IllegalArgumentException("MESSAGE record too large: " + size);
            }
            ByteBuffer r = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
            r.putShort(0, (short) size); //          Marker.Size: total size including the header
            r.put(2, (byte) 0); //                    Marker.Reserved
            r.put(3, (byte) 0x90); //                 Marker.Version: (TRACE_HEADER_FLAG | TRACE_MESSAGE) >> 24
            r.putShort(4, (short) number); //         Packet.MessageNumber
            r.putShort(6, (short) optionFlags()); //  Packet.OptionFlags
            int p = MESSAGE_HEADER_SIZE;
            // Optional fields in the order TraceMessage writes them (notes §3.7): sequence, GUID or component id,
            // timestamp, system info (ThreadId then ProcessId).
            if (sequence != null) {
                r.putInt(p, sequence);
                p += 4;
            }
            if (guid != null) {
                r.put(p, guidBytes(guid));
                p += 16;
            }
            if (componentId != null) {
                r.putInt(p, componentId);
                p += 4;
            }
            if (timestamp != null) {
                r.putLong(p, timestamp);
                p += 8;
            }
            if (processId != null) {
                r.putInt(p, threadId);
                r.putInt(p + 4, processId);
                p += 8;
            }
            r.put(p, payload);
            return r.array();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static final class PendingBuffer {
        final int processorIndex;
        final List<byte[]> records = new ArrayList<>();
        /** Each record's raw timestamp, Long.MIN_VALUE for one without (it then takes the buffer's). */
        final List<Long> timestamps = new ArrayList<>();
        Long flushTime;

        PendingBuffer(int processorIndex) {
            this.processorIndex = processorIndex;
        }

        /** The latest record timestamp, 0 if no record has one. */
        long maxTimestamp() {
            long m = 0;
            for (long t : timestamps) {
                m = Math.max(m, t);
            }
            return m;
        }
    }

    static int align8(int n) {
        return (n + 7) & ~7;
    }

    /** {@code s} as UTF-16LE with a terminating NUL. */
    public static byte[] utf16z(String s) {
        return LeBytes.utf16zBytes(s);
    }

    /** The 16 bytes of a GUID in Windows memory order (guiddef.h: Data1-3 little-endian, Data4 as is). */
    public static byte[] guidBytes(UUID g) {
        return LeBytes.guidBytes(g);
    }

    /** FILETIME (100 ns since 1601-01-01Z) of an instant; 11,644,473,600 s separate 1601 and 1970. */
    public static long toFileTime(Instant t) {
        return LeBytes.fileTimeOf(t);
    }

    /** The instant of a FILETIME. */
    public static Instant fromFileTime(long ft) {
        return Instant.ofEpochSecond(Math.floorDiv(ft, 10_000_000L) - 11_644_473_600L,
                Math.floorMod(ft, 10_000_000L) * 100);
    }
}
