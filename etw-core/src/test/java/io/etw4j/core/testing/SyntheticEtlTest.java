package io.etw4j.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Checks the builder's byte image against the layouts it claims (offsets from notes §2.4, §3.2, §3.3, §3.7). */
class SyntheticEtlTest {

    @Test
    void headerBufferHoldsLogfileHeaderThenMessageAtAlignedOffset() {
        UUID guid = UUID.fromString("01234567-89ab-cdef-0123-456789abcdef");
        SyntheticEtl etl = new SyntheticEtl().loggerName("L").logFileName("F").bufferSize(0x1000);
        byte[] img = etl.message(m -> m.guid(guid).number(0x28).sequence(9).timestamp(etl.startQpc() + 5)
                .systemInfo(3556, 77).payload(new byte[] {1, 2, 3})).build();
        ByteBuffer b = ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(img).hasSize(0x1000);
        assertThat(b.getInt(0)).isEqualTo(0x1000);
        // header record: 0x20 + 0x118 + "L\0" (4) + "F\0" (4) = 0x140, already 8-aligned
        assertThat(b.getInt(0x48) >>> 16).isEqualTo(0xC002);
        assertThat(b.getShort(0x48 + 4)).isEqualTo((short) 0x140);
        int msg = 0x48 + 0x140;
        // 8 header + 4 seq + 16 guid + 8 ts + 8 sysinfo + 3 payload = 47 bytes
        assertThat(b.getShort(msg)).isEqualTo((short) 47);
        assertThat(img[msg + 3]).isEqualTo((byte) 0x90);
        assertThat(b.getShort(msg + 4)).isEqualTo((short) 0x28);
        assertThat(b.getShort(msg + 6)).isEqualTo((short) (0x01 | 0x02 | 0x08 | 0x20 | 0x80));
        assertThat(b.getInt(msg + 8)).isEqualTo(9);
        assertThat(b.getInt(msg + 12)).isEqualTo(0x01234567);
        assertThat(b.getLong(msg + 28)).isEqualTo(etl.startQpc() + 5);
        assertThat(b.getInt(msg + 36)).isEqualTo(77); // ThreadId first
        assertThat(b.getInt(msg + 40)).isEqualTo(3556);
        // FilledBytes = end of the 47-byte record padded to 48
        assertThat(b.getInt(0x30)).isEqualTo(msg + 48);
        assertThat(img[msg + 48] & 0xFF).isEqualTo(0xFF);
    }

    @Test
    void recordsThatDoNotFitContinueInANewBufferOfTheSameProcessor() {
        SyntheticEtl etl = new SyntheticEtl().bufferSize(0x400).newBuffer(3);
        for (int i = 0; i < 10; i++) {
            etl.event(e -> e.payload(new byte[0x100]));
        }
        byte[] img = etl.build();
        ByteBuffer b = ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN);
        // 0x3B8 bytes of room per buffer hold 2 records of 0x150 bytes: buffer 0 (header only), then 5 of proc 3
        assertThat(etl.bufferCount()).isEqualTo(6);
        assertThat(img).hasSize(6 * 0x400);
        for (int i = 1; i < 6; i++) {
            assertThat(b.getShort(i * 0x400 + 0x28)).isEqualTo((short) 3);
        }
        assertThat(b.getInt(0x48 + 0x20 + 0x24)).isEqualTo(6); // BuffersWritten
    }
}
