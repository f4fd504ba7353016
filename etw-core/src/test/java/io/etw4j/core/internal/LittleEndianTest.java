package io.etw4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.PayloadReader;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LittleEndianTest {
    private static final byte[] B = {(byte) 0xF1, (byte) 0xF2, (byte) 0xF3, (byte) 0xF4, 5, 6, 7, (byte) 0x88, 9};

    @Test
    void integersAreLittleEndianAndUnsignedWhereNamedSo() {
        assertThat(LittleEndian.u8(B, 0)).isEqualTo(0xF1);
        assertThat(LittleEndian.u16(B, 0)).isEqualTo(0xF2F1);
        assertThat(LittleEndian.i32(B, 0)).isEqualTo(0xF4F3F2F1);
        assertThat(LittleEndian.u32(B, 0)).isEqualTo(0xF4F3F2F1L);
        assertThat(LittleEndian.i64(B, 0)).isEqualTo(0x88070605F4F3F2F1L);
        assertThat(LittleEndian.unsigned(B, 0, 3)).isEqualTo(0xF3F2F1L);
        assertThat(LittleEndian.unsigned(B, 1, 2)).isEqualTo(0xF3F2L);
        assertThat(LittleEndian.unsigned(B, 1, 8)).isEqualTo(0x0988070605F4F3F2L);
    }

    @Test
    void guidIsTheWindowsLayoutAndTheInverseOfPayloadReaderGuidBytes() {
        UUID g = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
        byte[] b = new byte[17];
        System.arraycopy(PayloadReader.guidBytes(g), 0, b, 1, 16);
        assertThat(b[1]).isEqualTo((byte) 0x33); // Data1 little-endian
        assertThat(b[9]).isEqualTo((byte) 0x88); // Data4 in order
        assertThat(LittleEndian.guid(b, 1)).isEqualTo(g);
    }

    @Test
    void utf16MatchesTheJdkDecoderWithAndWithoutSurrogates() {
        for (String s : new String[] {"", "abc", "\u00e9t\u00e9", "x\uD83D\uDE00y", "lone\uD800"}) {
            byte[] b = s.getBytes(StandardCharsets.UTF_16LE);
            assertThat(LittleEndian.utf16(b, 0, b.length)).isEqualTo(new String(b, StandardCharsets.UTF_16LE));
        }
    }
}
