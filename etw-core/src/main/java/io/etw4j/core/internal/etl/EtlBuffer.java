package io.etw4j.core.internal.etl;

/**
 * One buffer of an .etl file, loaded (and decompressed if it was compressed): {@code data[0, 0x48)} is its
 * WMI_BUFFER_HEADER and its records lie in {@code data[0x48, end)}. Mutable and reused by one reader thread.
 */
final class EtlBuffer {
    long fileOffset;
    int sizeOnDisk;
    int processorIndex;
    long timestamp;
    long sequence;
    int flags;
    int type;
    boolean compressed;
    byte[] data = new byte[0];
    int end;

    /** Grows {@link #data} to at least {@code n} bytes (contents not kept). */
    void ensureCapacity(int n) {
        if (data.length < n) {
            data = new byte[n];
        }
    }

    /**
     * Takes buffer {@code o}'s contents, exchanging the arrays: {@code o} keeps this buffer's old array (its
     * contents are then scratch), so neither is copied nor allocated.
     */
    void takeFrom(EtlBuffer o) {
        byte[] mine = data;
        data = o.data;
        o.data = mine;
        fileOffset = o.fileOffset;
        sizeOnDisk = o.sizeOnDisk;
        processorIndex = o.processorIndex;
        timestamp = o.timestamp;
        sequence = o.sequence;
        flags = o.flags;
        type = o.type;
        compressed = o.compressed;
        end = o.end;
    }

    /** A human-readable position of record offset {@code pos} inside this buffer. */
    String where(int pos) {
        return compressed
                ? "buffer at 0x" + Long.toHexString(fileOffset) + ", decompressed offset 0x" + Integer.toHexString(pos)
                : "buffer at 0x" + Long.toHexString(fileOffset) + ", offset 0x" + Integer.toHexString(pos);
    }

    /** File offset of the record at {@code pos}: exact for plain buffers, the buffer's own offset if compressed. */
    long fileOffsetOf(int pos) {
        return compressed ? fileOffset : fileOffset + pos;
    }
}
