package io.etw4j.core.internal.etl;

import static io.etw4j.core.internal.etl.EtlLayout.BH_BUFFER_FLAG;
import static io.etw4j.core.internal.etl.EtlLayout.BH_BUFFER_SIZE;
import static io.etw4j.core.internal.etl.EtlLayout.BH_BUFFER_TYPE;
import static io.etw4j.core.internal.etl.EtlLayout.BH_FILLED_BYTES;
import static io.etw4j.core.internal.etl.EtlLayout.BH_PROCESSOR_INDEX;
import static io.etw4j.core.internal.etl.EtlLayout.BH_SEQUENCE;
import static io.etw4j.core.internal.etl.EtlLayout.BH_TIMESTAMP;
import static io.etw4j.core.internal.etl.EtlLayout.BUFFER_FLAG_COMPRESSED;
import static io.etw4j.core.internal.etl.EtlLayout.BUFFER_HEADER_SIZE;

import io.etw4j.core.etl.EtlErrorKind;
import io.etw4j.core.etl.EtlFormatException;
import java.io.IOException;

/**
 * Finds and loads the buffers of an .etl file (ntwmi.h WMI_BUFFER_HEADER; dissect.etl): buffer N+1 starts at
 * {@code offset(N) + BufferSize(N)}; a BufferSize of 0 or the end of the file ends the file; FilledBytes bounds the
 * records; a buffer with ETW_BUFFER_FLAG_COMPRESSED holds {@code BufferSize - 0x48} bytes of MS-XCA plain LZ77 that
 * decompress to {@code FilledBytes - 0x48} bytes of records.
 *
 * <p>Every offset it returns is strictly greater than the one it was given, so a caller that follows
 * {@link Probe#next()} always terminates. Not thread-safe (one per reading thread).
 */
final class BufferReader implements BufferLoader {

    enum Status {
        /** A whole buffer is there. */
        OK,
        /** No more buffers (end of file or BufferSize 0). */
        END,
        /** The file ends inside this buffer: what is there may be read, then the file ends. */
        TRUNCATED,
        /** The buffer header lies; the next buffer is at {@link Probe#next()}. */
        SKIP,
        /** The buffer header lies and no next buffer can be found safely. */
        FATAL
    }

    /**
     * What {@link #probe(long)} found at one offset; {@code timestamp} is the buffer header's TimeStamp (0x10) for
     * status OK and TRUNCATED, 0 otherwise.
     */
    record Probe(Status status, long offset, int bufferSize, int available, int processorIndex, long next,
            EtlFormatException error, long timestamp) {
    }

    private final EtlSource source;
    private final long size;
    private final int maxBufferSize;
    private final byte[] header = new byte[BUFFER_HEADER_SIZE];
    private byte[] compressedScratch = new byte[0];
    private int stride;
    private final ReadCounters counters;

    BufferReader(EtlSource source, long size, int maxBufferSize, ReadCounters counters) {
        this.source = source;
        this.size = size;
        this.maxBufferSize = maxBufferSize;
        this.counters = counters;
    }

    /**
     * Sets the step used to skip a buffer whose BufferSize lies: the logfile header's BufferSize when buffers are not
     * compressed (they all have that size then), 0 when no safe step exists.
     */
    void stride(int v) {
        stride = v;
    }

    long size() {
        return size;
    }

    /**
     * {@return a reader of the same source with the same settings ({@link #stride}, {@link #expect}, {@link #limits})
     * and its own scratch arrays, for another thread; its loads count their bytes in {@code counters}}
     */
    BufferReader sibling(ReadCounters counters) {
        BufferReader r = new BufferReader(source, size, maxBufferSize, counters);
        r.stride = stride;
        r.expect(logfileBufferSize, compressedFile, processors, loggerId);
        r.limits(decompressedLimit, processorLimit);
        return r;
    }

    /**
     * Tells {@link #resync} what a plausible buffer header of this file looks like, from the logfile header and the
     * first buffer's LoggerId.
     */
    void expect(int logfileBufferSize, boolean compressedFile, int processors, int loggerId) {
        this.logfileBufferSize = logfileBufferSize;
        this.compressedFile = compressedFile;
        this.processors = processors;
        this.loggerId = loggerId;
    }

    /**
     * Sets the budget {@link #load} enforces, from the logfile header: a compressed buffer may decompress to at most
     * {@code decompressedLimit} bytes (its BufferSize; FilledBytes includes the 0x48-byte header), and a buffer's
     * ProcessorIndex must be below {@code processorLimit} (NumberOfProcessors; 0 or less: not checked).
     */
    void limits(int decompressedLimit, int processorLimit) {
        this.decompressedLimit = decompressedLimit;
        this.processorLimit = processorLimit;
    }

    private int decompressedLimit = Integer.MAX_VALUE;
    /**
     * The most a compressed buffer may expand, FilledBytes over its on-disk BufferSize (both with the 0x48-byte
     * header), so that decompression work and memory stay a multiple of the file's bytes. Inferred: the highest
     * ratio among the 359 compressed buffers of the shared capture net.4.5.2.x64.etl is 13.4; records carry changing
     * timestamps, so real buffers stay far below this.
     */
    static final int MAX_COMPRESSION_RATIO = 256;
    private int processorLimit;

    private int logfileBufferSize;
    private boolean compressedFile;
    private int processors;
    private int loggerId = -1;
    private static final int SCAN_WINDOW = 1 << 20;

    /**
     * True if the 0x48 bytes at {@code h[p..]} can be a buffer header of this file (ntwmi.h WMI_BUFFER_HEADER;
     * dissect.etl c_etl.py): BufferSize equal to the logfile header's BufferSize (files whose buffers are not
     * compressed all have that size) or, in a compressed file, in [0x49, BufferSize] (the on-disk size of a compressed
     * buffer); FilledBytes in [0x48, logfile BufferSize] and, for an uncompressed buffer, not past its BufferSize; only
     * the BufferFlag bits ntwmi.h defines (0x01-0x40); a BufferType ntwmi.h defines (0-7); ProcessorIndex below
     * NumberOfProcessors; the LoggerId of the file's first buffer (inferred: every buffer of each shared capture
     * carries its session's LoggerId); the whole buffer inside the file.
     */
    private boolean plausible(byte[] h, int p, long off) {
        long bs = EtlLayout.u32(h, p + BH_BUFFER_SIZE);
        long filled = EtlLayout.u32(h, p + BH_FILLED_BYTES);
        int flags = EtlLayout.u16(h, p + BH_BUFFER_FLAG);
        boolean compressed = (flags & BUFFER_FLAG_COMPRESSED) != 0;
        if (compressedFile) {
            if (bs <= BUFFER_HEADER_SIZE || bs > logfileBufferSize) {
                return false;
            }
        } else if (bs != logfileBufferSize || compressed) {
            return false;
        }
        if (filled < BUFFER_HEADER_SIZE || filled > logfileBufferSize || (!compressed && filled > bs)) {
            return false;
        }
        if ((flags & ~0x7F) != 0 || EtlLayout.u16(h, p + BH_BUFFER_TYPE) > 7) {
            return false;
        }
        int proc = EtlLayout.u16(h, p + BH_PROCESSOR_INDEX);
        if (processors > 0 && proc >= processors) {
            return false;
        }
        if (loggerId >= 0 && EtlLayout.u16(h, p + BH_PROCESSOR_INDEX + 2) != loggerId) {
            return false;
        }
        return off + bs <= size;
    }

    private boolean plausibleAt(long off) throws IOException {
        if (off < 0 || off + BUFFER_HEADER_SIZE > size) {
            return false;
        }
        byte[] h = new byte[BUFFER_HEADER_SIZE];
        return source.read(off, h, 0, BUFFER_HEADER_SIZE) == BUFFER_HEADER_SIZE && plausible(h, 0, off);
    }

    /** A candidate is taken only if what follows it is the end of the file, a zero BufferSize or another candidate. */
    private boolean confirmed(long off) throws IOException {
        byte[] h = new byte[4];
        if (source.read(off, h, 0, 4) != 4) {
            return false;
        }
        long next = off + EtlLayout.u32(h, 0);
        if (next + BUFFER_HEADER_SIZE > size) {
            return true;
        }
        byte[] n = new byte[4];
        source.read(next, n, 0, 4);
        return EtlLayout.i32(n, 0) == 0 || plausibleAt(next);
    }

    /**
     * The offset of the first plausible and confirmed buffer header at or after {@code from}, or -1 if there is
     * none (or {@link #expect} was not called). Files of fixed-size buffers are tried at the offsets that are
     * multiples of the logfile's BufferSize first, then every 8 bytes (inferred: Windows writes buffers of a
     * non-compressed session at multiples of BufferSize, as in every shared capture); compressed buffers have
     * variable on-disk sizes and no alignment (net.4.5.2.x64.etl has buffers at odd offsets), so a compressed file is
     * scanned byte by byte.
     */
    long resync(long from) throws IOException {
        if (logfileBufferSize < BUFFER_HEADER_SIZE || from >= size) {
            return -1;
        }
        if (!compressedFile) {
            long a = (from + logfileBufferSize - 1) / logfileBufferSize * logfileBufferSize;
            for (; a + BUFFER_HEADER_SIZE <= size; a += logfileBufferSize) {
                if (plausibleAt(a) && confirmed(a)) {
                    return a;
                }
            }
        }
        int step = compressedFile ? 1 : 8;
        long start = compressedFile ? from : (from + 7) & ~7L;
        byte[] window = new byte[SCAN_WINDOW + BUFFER_HEADER_SIZE];
        for (long w = start; w + BUFFER_HEADER_SIZE <= size; w += SCAN_WINDOW) {
            int n = source.read(w, window, 0, window.length);
            for (int i = 0; i + BUFFER_HEADER_SIZE <= n && i < SCAN_WINDOW; i += step) {
                if (plausible(window, i, w + i) && confirmed(w + i)) {
                    return w + i;
                }
            }
        }
        return -1;
    }

    /** Reads and checks the buffer header at {@code off}. */
    Probe probe(long off) throws IOException {
        if (off >= size) {
            return new Probe(Status.END, off, 0, 0, 0, -1, null, 0);
        }
        long avail = size - off;
        int n = source.read(off, header, 0, (int) Math.min(BUFFER_HEADER_SIZE, avail));
        if (n < BUFFER_HEADER_SIZE) {
            for (int i = 0; i < n; i++) {
                if (header[i] != 0) {
                    return fatal(EtlErrorKind.TRUNCATED_FILE, off, "the file ends " + n
                            + " bytes into a buffer header (0x48 bytes)");
                }
            }
            return new Probe(Status.END, off, 0, 0, 0, -1, null, 0); // zero tail
        }
        long bufferSize = EtlLayout.u32(header, BH_BUFFER_SIZE);
        long time = EtlLayout.i64(header, BH_TIMESTAMP);
        int processor = EtlLayout.u16(header, BH_PROCESSOR_INDEX);
        if (bufferSize == 0) {
            // Normally the zero tail of a preallocated or unfinished file. When buffers have a fixed size and a
            // non-zero BufferSize sits where the next buffer would start, it is a zeroed header instead
            // (inferred: Windows never writes a buffer after a zero one), so skip it rather than lose the rest.
            if (stride >= BUFFER_HEADER_SIZE && off + stride <= size - BUFFER_HEADER_SIZE) {
                byte[] next = new byte[4];
                if (source.read(off + stride, next, 0, 4) == 4 && EtlLayout.i32(next, 0) != 0) {
                    return new Probe(Status.SKIP, off, 0, 0, processor, off + stride,
                            new EtlFormatException(EtlErrorKind.BAD_BUFFER_HEADER, off, "BufferSize 0 but a buffer "
                                    + "follows " + stride + " bytes later; skipped"), 0);
                }
            }
            return new Probe(Status.END, off, 0, 0, processor, -1, null, 0);
        }
        if (bufferSize < BUFFER_HEADER_SIZE || bufferSize > maxBufferSize) {
            String msg = "BufferSize " + bufferSize + " is outside [0x48, " + maxBufferSize + "]";
            if (stride >= BUFFER_HEADER_SIZE) {
                return new Probe(Status.SKIP, off, 0, 0, processor, off + stride,
                        new EtlFormatException(EtlErrorKind.BAD_BUFFER_HEADER, off, msg + "; skipped "
                                + stride + " bytes (the session's buffer size)"), 0);
            }
            return fatal(EtlErrorKind.BAD_BUFFER_HEADER, off, msg + "; no safe way to find the next buffer");
        }
        if (bufferSize > avail) {
            return new Probe(Status.TRUNCATED, off, (int) bufferSize, (int) avail, processor, -1,
                    new EtlFormatException(EtlErrorKind.TRUNCATED_FILE, off, "BufferSize " + bufferSize
                            + " but only " + avail + " bytes remain in the file"), time);
        }
        return new Probe(Status.OK, off, (int) bufferSize, (int) bufferSize, processor, off + bufferSize, null,
                time);
    }

    private static Probe fatal(EtlErrorKind kind, long off, String msg) {
        return new Probe(Status.FATAL, off, 0, 0, 0, -1, new EtlFormatException(kind, off, msg), 0);
    }

    /**
     * Loads the buffer {@code p} (status OK or TRUNCATED) into {@code buf}.
     *
     * @throws EtlFormatException if FilledBytes lies or the buffer does not decompress; kind LIMIT_EXCEEDED if the
     *                            buffer is over budget ({@link #limits}), checked before anything is allocated or
     *                            decompressed; the caller goes on at {@code p.next()}
     */
    @Override
    public void load(Probe p, EtlBuffer buf) throws IOException {
        long off = p.offset();
        int avail = p.available();
        if (processorLimit > 0 && p.processorIndex() >= processorLimit) {
            throw new EtlFormatException(EtlErrorKind.LIMIT_EXCEEDED, off, "ProcessorIndex " + p.processorIndex()
                    + " is not below the logfile header's NumberOfProcessors " + processorLimit + "; buffer refused");
        }
        if (compressedScratch.length < avail) {
            compressedScratch = new byte[avail];
        }
        // One positional read of the whole on-disk buffer (header included).
        int n = source.read(off, compressedScratch, 0, avail);
        byte[] raw = compressedScratch;
        buf.fileOffset = off;
        buf.sizeOnDisk = p.bufferSize();
        buf.processorIndex = EtlLayout.u16(raw, BH_PROCESSOR_INDEX);
        buf.timestamp = EtlLayout.i64(raw, BH_TIMESTAMP);
        buf.sequence = EtlLayout.i64(raw, BH_SEQUENCE);
        buf.flags = EtlLayout.u16(raw, BH_BUFFER_FLAG);
        buf.type = EtlLayout.u16(raw, BH_BUFFER_TYPE);
        buf.compressed = (buf.flags & BUFFER_FLAG_COMPRESSED) != 0;
        long filled = EtlLayout.u32(raw, BH_FILLED_BYTES);
        buf.end = BUFFER_HEADER_SIZE;
        if (!buf.compressed) {
            if (filled < BUFFER_HEADER_SIZE || filled > p.bufferSize()) {
                throw new EtlFormatException(EtlErrorKind.BAD_BUFFER_HEADER, off, "FilledBytes " + filled
                        + " is outside [0x48, BufferSize " + p.bufferSize() + "]");
            }
            int want = (int) Math.min(filled, n);
            buf.ensureCapacity(want);
            System.arraycopy(raw, 0, buf.data, 0, want);
            buf.end = want;
            counters.bytes(n); // only buffers that load: a buffer found inside a failed one is not counted twice
            return;
        }
        if (filled < BUFFER_HEADER_SIZE || filled > maxBufferSize) {
            throw new EtlFormatException(EtlErrorKind.BAD_BUFFER_HEADER, off, "compressed buffer's FilledBytes "
                    + filled + " is outside [0x48, " + maxBufferSize + "]");
        }
        if (filled > MAX_COMPRESSION_RATIO * (long) p.bufferSize()) {
            throw new EtlFormatException(EtlErrorKind.LIMIT_EXCEEDED, off, "compressed buffer's FilledBytes "
                    + filled + " is more than " + MAX_COMPRESSION_RATIO + " times its " + p.bufferSize()
                    + " bytes on disk; not decompressed");
        }
        if (filled > decompressedLimit) {
            throw new EtlFormatException(EtlErrorKind.LIMIT_EXCEEDED, off, "compressed buffer's FilledBytes "
                    + filled + " exceeds the logfile header's BufferSize " + decompressedLimit
                    + "; not decompressed");
        }
        buf.ensureCapacity((int) filled);
        System.arraycopy(raw, 0, buf.data, 0, BUFFER_HEADER_SIZE);
        int expected = (int) filled - BUFFER_HEADER_SIZE;
        int produced;
        try {
            produced = Lzxpress.decompress(raw, BUFFER_HEADER_SIZE, n - BUFFER_HEADER_SIZE, buf.data,
                    BUFFER_HEADER_SIZE, expected);
        } catch (Lzxpress.LzxpressException e) {
            throw new EtlFormatException(EtlErrorKind.DECOMPRESSION_FAILED, off + e.inputPosition(),
                    "compressed buffer at 0x" + Long.toHexString(off) + ": " + e.getMessage(), e);
        }
        if (produced < expected) {
            throw new EtlFormatException(EtlErrorKind.BAD_BUFFER_HEADER, off, "compressed buffer decompressed to "
                    + produced + " bytes but FilledBytes - 0x48 is " + expected);
        }
        buf.end = (int) filled;
        counters.bytes(n);
    }
}
