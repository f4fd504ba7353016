package io.etw4j.core.internal.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlReadOptions;
import io.etw4j.core.testing.SyntheticEtl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * Streaming on a file larger than 2 GiB: a virtual source presents a 2 GiB + 1 MiB image (one header buffer, then
 * one 64 KiB data buffer repeated 32,783 times) without holding it, and records every read. The reader must walk it with
 * 64-bit offsets, read no more than one buffer per read, read each buffer once and never touch a byte twice.
 */
class EtlReaderLargeFileTest {

    private static final int B = 0x10000;
    private static final long BUFFERS = (2L << 30) / B + 16; // 32,784 buffers: 2 GiB + 1 MiB

    /** Serves buffer 0 from {@code first} and every other buffer from {@code data}, with its sequence patched. */
    static final class RepeatingSource implements EtlSource {
        final byte[] first;
        final byte[] data;
        long bytesServed;
        int largestRead;
        long reads;

        RepeatingSource(byte[] first, byte[] data) {
            this.first = first;
            this.data = data;
        }

        @Override
        public long size() {
            return BUFFERS * B;
        }

        @Override
        public int read(long position, byte[] dst, int off, int len) {
            reads++;
            largestRead = Math.max(largestRead, len);
            int n = 0;
            while (n < len && position + n < size()) {
                long p = position + n;
                byte[] src = p < B ? first : data;
                int inBuffer = (int) (p % B);
                int k = Math.min(len - n, B - inBuffer);
                System.arraycopy(src, inBuffer, dst, off + n, k);
                n += k;
            }
            bytesServed += n;
            return n;
        }

        @Override
        public void close() {
        }
    }

    static RepeatingSource source() {
        byte[] image = new SyntheticEtl().newBuffer(3)
                .event(e -> e.id(1).payload(new byte[0x1F00]))
                .event(e -> e.id(2).payload(new byte[0x1F00]))
                .event(e -> e.id(3).payload(new byte[0x1F00]))
                .build();
        assertThat(image).hasSize(2 * B);
        byte[] first = java.util.Arrays.copyOfRange(image, 0, B);
        byte[] data = java.util.Arrays.copyOfRange(image, B, 2 * B);
        ByteBuffer.wrap(first).order(ByteOrder.LITTLE_ENDIAN).putInt(0x48 + 0x20 + 0x24, (int) BUFFERS);
        return new RepeatingSource(first, data);
    }

    @Test
    void walksAFileLargerThanTwoGigabytesBufferByBuffer() {
        RepeatingSource src = source();
        ReadCounters counters = new ReadCounters();
        long records = 0;
        long lastId = 0;
        try (EtlReader r = EtlReader.open(src, EtlReadOptions.defaults(), counters)) {
            assertThat(r.header().buffersWritten()).isEqualTo((int) BUFFERS);
            src.bytesServed = 0;
            for (EventRecord e = r.next(); e != null; e = r.next()) {
                records++;
                lastId = e.id();
            }
        }
        assertThat(records).isEqualTo(1 + 3 * (BUFFERS - 1));
        assertThat(lastId).isEqualTo(3);
        assertThat(counters.snapshot().buffersRead()).isEqualTo(BUFFERS);
        assertThat(counters.snapshot().bytesRead()).isEqualTo(BUFFERS * B);
        assertThat(counters.snapshot().errors()).isEmpty();
        assertThat(src.largestRead).isLessThanOrEqualTo(B);
        // each buffer: one 0x48-byte header probe and one whole-buffer read
        assertThat(src.bytesServed).isEqualTo(BUFFERS * (B + 0x48));
    }

    @Test
    void timestampOrderOnTheSameFileHoldsOneBufferPerProcessor() {
        RepeatingSource src = source();
        ReadCounters counters = new ReadCounters();
        long records = 0;
        try (EtlReader r = EtlReader.open(src, EtlReadOptions.defaults().withTimestampOrder(true), counters)) {
            for (EventRecord e = r.next(); e != null; e = r.next()) {
                records++;
            }
        }
        assertThat(records).isEqualTo(1 + 3 * (BUFFERS - 1));
        assertThat(src.largestRead).isLessThanOrEqualTo(B);
        assertThat(counters.snapshot().bytesRead()).isEqualTo(BUFFERS * B);
    }
}
