package io.etw4j.core.internal.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The MS-XCA plain LZ77 decompressor against the specification's own examples ([MS-XCA] section 3.1 "LZ77"):
 * <ul>
 *   <li>"abcdefghijklmnopqrstuvwxyz" is encoded as {@code 3f 00 00 00} followed by the 26 literals: the flag word
 *       0x0000003F read from the most significant bit has 26 zero bits (literals) then ones (end of input);</li>
 *   <li>"abc" repeated to 300 bytes is encoded as {@code ff ff ff 1f 61 62 63 17 00 0f ff 26 01}: flag word
 *       0x1FFFFFFF (3 literals, then a match), "abc", match token 0x0017 (offset 0x17/8+1 = 3, length field 7 =
 *       escape), half-byte 0x0f (15 = escape), byte 0xff (255 = escape), u16 0x0126 = 294, so the length is
 *       294 - (15 + 7) + 15 + 7 + 3 = 297.</li>
 * </ul>
 */
class LzxpressTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static byte[] decompress(byte[] in, int outLen) throws Lzxpress.LzxpressException {
        byte[] out = new byte[outLen];
        int n = Lzxpress.decompress(in, 0, in.length, out, 0, outLen);
        byte[] r = new byte[n];
        System.arraycopy(out, 0, r, 0, n);
        return r;
    }

    @Test
    void decodesTheSpecificationsLiteralExample() throws Exception {
        byte[] in = hex("3f 00 00 00 61 62 63 64 65 66 67 68 69 6a 6b 6c 6d 6e 6f 70 71 72 73 74 75 76 77 78 79 7a");
        assertThat(new String(decompress(in, 26), StandardCharsets.US_ASCII)).isEqualTo("abcdefghijklmnopqrstuvwxyz");
        // a larger output area: the stream ends where the input ends
        assertThat(decompress(in, 100)).hasSize(26);
    }

    @Test
    void decodesTheSpecificationsLongMatchExample() throws Exception {
        byte[] in = hex("ff ff ff 1f 61 62 63 17 00 0f ff 26 01");
        assertThat(new String(decompress(in, 300), StandardCharsets.US_ASCII)).isEqualTo("abc".repeat(100));
        assertThat(decompress(in, 1000)).hasSize(300);
        // an output limit below the stream's length stops the copy there
        assertThat(new String(decompress(in, 10), StandardCharsets.US_ASCII)).isEqualTo("abcabcabca");
    }

    @Test
    void writesAtTheRequestedOutputOffset() throws Exception {
        byte[] in = hex("ff ff ff 1f 61 62 63 17 00 0f ff 26 01");
        byte[] out = new byte[0x48 + 300];
        int n = Lzxpress.decompress(in, 0, in.length, out, 0x48, 300);
        assertThat(n).isEqualTo(300);
        assertThat(out[0x47]).isEqualTo((byte) 0);
        assertThat(new String(out, 0x48, 300, StandardCharsets.US_ASCII)).isEqualTo("abc".repeat(100));
    }

    @Test
    void rejectsAMatchBeforeTheOutputStart() {
        // flag word with the first bit set: a match as the very first symbol has nothing to copy from
        byte[] in = hex("00 00 00 80 00 00");
        assertThatThrownBy(() -> decompress(in, 10)).isInstanceOf(Lzxpress.LzxpressException.class)
                .hasMessageContaining("before output start");
    }

    @Test
    void rejectsTruncatedLengthEscapes() {
        // "abc" then a match with length escape 7 but no half-byte after it
        assertThatThrownBy(() -> decompress(hex("ff ff ff 1f 61 62 63 17 00"), 300))
                .isInstanceOf(Lzxpress.LzxpressException.class).hasMessageContaining("nibble");
        assertThatThrownBy(() -> decompress(hex("ff ff ff 1f 61 62 63 17 00 0f"), 300))
                .isInstanceOf(Lzxpress.LzxpressException.class).hasMessageContaining("length byte");
        assertThatThrownBy(() -> decompress(hex("ff ff ff 1f 61 62 63 17 00 0f ff 26"), 300))
                .isInstanceOf(Lzxpress.LzxpressException.class).hasMessageContaining("16-bit");
    }

    @Test
    void randomInputNeverEscapesTheOutputOrThrowsAnythingElse() {
        Random rnd = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] in = new byte[rnd.nextInt(64)];
            rnd.nextBytes(in);
            int outLen = rnd.nextInt(512);
            byte[] out = new byte[outLen + 8];
            try {
                int n = Lzxpress.decompress(in, 0, in.length, out, 8, outLen);
                assertThat(n).isBetween(0, outLen);
            } catch (Lzxpress.LzxpressException expected) {
                assertThat(expected.inputPosition()).isBetween(0, in.length);
            }
        }
    }
}
