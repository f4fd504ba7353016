package io.etw4j.core.etl.hostile;

import io.etw4j.core.testing.LeBytes;
import io.etw4j.core.testing.SyntheticEtl;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Generators of hostile .etl images: a well-formed logfile header buffer (from {@link SyntheticEtl}, compressed mode,
 * BufferSize {@link #BUFFER_SIZE}) followed by crafted compressed buffers (ntwmi.h WMI_BUFFER_HEADER, MS-XCA plain
 * LZ77). Test code only.
 */
final class HostileEtl {
    /** The logfile header's BufferSize of every generated file. */
    static final int BUFFER_SIZE = 0x1000;
    /** EVENT_TRACE_FILE_MODE_SEQUENTIAL | EVENT_TRACE_COMPRESSED_MODE (evntrace.h). */
    static final int COMPRESSED_SEQUENTIAL = 0x00000001 | 0x04000000;
    /** ETW_BUFFER_FLAG_COMPRESSED | ETW_BUFFER_FLAG_PROC_INDEX (ntwmi.h). */
    private static final int FLAGS = 0x40 | 0x20;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final byte[] eventBufferRecords;
    private final int bufferSize;
    private long sequence = 1;

    /** A file whose header says {@code processors} processors; nothing after the header buffer yet. */
    HostileEtl(int processors) {
        this(processors, BUFFER_SIZE);
    }

    /** The same with the logfile header's BufferSize {@code bufferSize}. */
    HostileEtl(int processors, int bufferSize) {
        this.bufferSize = bufferSize;
        byte[] image = new SyntheticEtl().bufferSize(bufferSize).logFileMode(COMPRESSED_SEQUENTIAL)
                .numberOfProcessors(processors)
                .newBuffer(0).event(e -> e.id(7).payload(new byte[] {1, 2, 3, 4}))
                .build();
        out.write(image, 0, bufferSize);
        int filled = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).getInt(bufferSize + 0x30);
        eventBufferRecords = Arrays.copyOfRange(image, bufferSize + 0x48, bufferSize + filled);
    }

    /**
     * Appends a decompression bomb: 15 bytes of LZ77 (one literal, one match of 32-bit length) that expand to
     * {@code declared - 0x48} bytes, with FilledBytes {@code declared}. 87 bytes on disk.
     */
    HostileEtl bomb(int declared, int processor) {
        long matchLength = declared - 0x48 - 1; // the literal first
        byte[] lz = LeBytes.le()
                .u32(0x40000000L) // flags, MSB first: a literal, then a match, then literals (none left)
                .u8(0) //            the literal
                .u16(0x0007) //      match token: offset 1, length 7 (escape)
                .u8(0x0F) //         half-byte 15 (escape)
                .u8(0xFF) //         byte 255 (escape)
                .u16(0) //           16-bit 0 (escape)
                .u32(matchLength - 3) // 32-bit length, before the bias of 3
                .bytes();
        return buffer(lz, declared, processor);
    }

    /** Appends a compressed buffer holding one event record (id 7), stored as LZ77 literals, on {@code processor}. */
    HostileEtl event(int processor) {
        return buffer(literals(eventBufferRecords), 0x48 + eventBufferRecords.length, processor);
    }

    /** Bytes on disk of {@link #event(int)}. */
    int eventBufferSize() {
        return 0x48 + literals(eventBufferRecords).length;
    }

    byte[] build() {
        return out.toByteArray();
    }

    private HostileEtl buffer(byte[] lz, int filled, int processor) {
        byte[] h = LeBytes.le()
                .u32(0x48 + lz.length) // 0x00 BufferSize: on disk
                .u32(filled).u32(filled) // SavedOffset, CurrentOffset
                .u32(0)
                .u64(1_000_000_000L + sequence) // 0x10 TimeStamp
                .u64(sequence++) //              0x18 SequenceNumber
                .zeros(8)
                .u16(processor) //               0x28 ProcessorIndex
                .u16(1) //                       0x2A LoggerId (SyntheticEtl's)
                .u32(0)
                .u32(filled) //                  0x30 FilledBytes
                .u16(FLAGS).u16(0) //            0x34 BufferFlag, 0x36 BufferType
                .zeros(16)
                .bytes();
        out.write(h, 0, h.length);
        out.write(lz, 0, lz.length);
        return this;
    }

    /** MS-XCA plain LZ77 of {@code data} as literals only: a zero flag word before every 32 bytes. */
    static byte[] literals(byte[] data) {
        LeBytes b = LeBytes.le();
        for (int i = 0; i < data.length; i += 32) {
            b.u32(0).raw(Arrays.copyOfRange(data, i, Math.min(data.length, i + 32)));
        }
        return b.bytes();
    }
}
