package io.etw4j.core.internal.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast {@link Lzxpress} (bulk literal runs, arraycopy matches, chunked overlapping matches) against
 * {@link LzxpressReference}, the specification's loop one byte at a time, and against the plain text a small
 * [MS-XCA] 2.3 encoder in this test produced the stream from: overlapping matches at every distance 1..16 and
 * lengths across every length escape, output limits that cut a match or a literal run, random valid streams and
 * random garbage (the same result or the same exception at the same input position).
 */
class LzxpressFastPathTest {

    /** Writes an MS-XCA plain LZ77 stream ([MS-XCA] 2.3 "Plain LZ77 Compression") and the text it stands for. */
    static final class Encoder {
        private final ByteArrayOutputStream text = new ByteArrayOutputStream();
        private byte[] out = new byte[64];
        private int size;
        private int flagPos = -1;
        private int flags;
        private int flagCount;
        private int nibblePos = -1;

        private void flag(int bit) {
            if (flagCount == 32 || flagPos < 0) {
                if (flagPos >= 0) {
                    putI32(flagPos, flags);
                }
                flagPos = size;
                put(0);
                put(0);
                put(0);
                put(0);
                flags = 0;
                flagCount = 0;
            }
            flags = (flags << 1) | bit;
            flagCount++;
        }

        Encoder literal(int b) {
            flag(0);
            put(b);
            text.write(b);
            return this;
        }

        Encoder literals(byte[] bytes) {
            for (byte b : bytes) {
                literal(b & 0xFF);
            }
            return this;
        }

        /** A match of {@code length} (>= 3) bytes from {@code offset} (1..8192) back. */
        Encoder match(int offset, int length) {
            byte[] sofar = text.toByteArray();
            if (offset < 1 || offset > 8192 || offset > sofar.length || length < 3) {
                throw new IllegalArgumentException(offset + "/" + length);
            }
            flag(1);
            int l = length - 3;
            int token = (offset - 1) << 3;
            if (l < 7) {
                putU16(token | l);
            } else {
                putU16(token | 7);
                int rest = l - 7;
                int nib = Math.min(rest, 15);
                if (nibblePos < 0) {
                    nibblePos = size;
                    put(nib);
                } else {
                    out[nibblePos] |= (byte) (nib << 4);
                    nibblePos = -1;
                }
                if (rest >= 15) {
                    int rest2 = rest - 15;
                    put(Math.min(rest2, 255));
                    if (rest2 >= 255) {
                        int total = length - 3;
                        if (total <= 0xFFFF) {
                            putU16(total);
                        } else {
                            putU16(0);
                            putI32(size, total);
                            size += 4;
                        }
                    }
                }
            }
            int src = sofar.length - offset;
            byte[] t = Arrays.copyOf(sofar, sofar.length + length);
            for (int i = 0; i < length; i++) {
                t[sofar.length + i] = t[src + i];
            }
            text.write(t, sofar.length, length);
            return this;
        }

        byte[] stream() {
            if (flagPos >= 0) {
                int shifted = flagCount == 32 ? flags : (flags << (32 - flagCount)) | ((1 << (32 - flagCount)) - 1);
                putI32(flagPos, shifted);
            }
            return Arrays.copyOf(out, size);
        }

        byte[] text() {
            return text.toByteArray();
        }

        private void put(int b) {
            if (size == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            out[size++] = (byte) b;
        }

        private void putU16(int v) {
            put(v & 0xFF);
            put((v >>> 8) & 0xFF);
        }

        private void putI32(int at, int v) {
            while (at + 4 > out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            out[at] = (byte) v;
            out[at + 1] = (byte) (v >>> 8);
            out[at + 2] = (byte) (v >>> 16);
            out[at + 3] = (byte) (v >>> 24);
        }
    }

    private static byte[] fast(byte[] in, int outLen) throws Lzxpress.LzxpressException {
        byte[] out = new byte[outLen + 16];
        Arrays.fill(out, (byte) 0x5A);
        int n = Lzxpress.decompress(in, 0, in.length, out, 8, outLen);
        for (int i = 0; i < 8; i++) {
            assertThat(out[i]).as("byte before the output").isEqualTo((byte) 0x5A);
        }
        for (int i = 8 + outLen; i < out.length; i++) {
            assertThat(out[i]).as("byte after the output area").isEqualTo((byte) 0x5A);
        }
        return Arrays.copyOfRange(out, 8, 8 + n);
    }

    private static byte[] reference(byte[] in, int outLen) throws Lzxpress.LzxpressException {
        byte[] out = new byte[outLen];
        int n = LzxpressReference.decompress(in, 0, in.length, out, 0, outLen);
        return Arrays.copyOf(out, n);
    }

    /** Length 3 to 300 covers no escape, the half-byte, the byte and the 16-bit length; 70,000 the 32-bit one. */
    private static final int[] LENGTHS = lengths();

    private static int[] lengths() {
        int[] l = new int[300 - 3 + 1 + 4];
        for (int i = 3; i <= 300; i++) {
            l[i - 3] = i;
        }
        l[298] = 1_000;
        l[299] = 65_535 + 3;
        l[300] = 65_536 + 3;
        l[301] = 70_000;
        return l;
    }

    @Test
    void overlappingMatchesAtEveryDistanceFromOneToSixteen() throws Exception {
        Random rnd = new Random(16);
        for (int d = 1; d <= 16; d++) {
            for (int length : LENGTHS) {
                byte[] seed = new byte[d];
                rnd.nextBytes(seed);
                Encoder e = new Encoder().literals(seed).match(d, length).literal('z');
                byte[] in = e.stream();
                byte[] want = e.text();
                // the match's text by its definition: the seed repeated with period d
                for (int i = 0; i < length; i++) {
                    assertThat(want[d + i]).isEqualTo(seed[i % d]);
                }
                assertThat(fast(in, want.length)).as("distance %d length %d", d, length).isEqualTo(want);
                assertThat(reference(in, want.length)).isEqualTo(want);
                // the output limit cuts the match at a point that is not a multiple of the period
                int cut = d + Math.max(1, length / 2 + 1);
                assertThat(fast(in, cut)).isEqualTo(Arrays.copyOf(want, cut));
            }
        }
    }

    @Test
    void nonOverlappingMatchesAndLongLiteralRuns() throws Exception {
        Random rnd = new Random(7);
        byte[] lits = new byte[5_000];
        rnd.nextBytes(lits);
        Encoder e = new Encoder().literals(lits).match(5_000, 4_000).match(8_192, 300).match(17, 17).match(100, 40);
        byte[] want = e.text();
        byte[] in = e.stream();
        assertThat(fast(in, want.length)).isEqualTo(want);
        for (int cut : new int[] {1, 31, 32, 33, 4_999, 5_000, 5_001, 8_999, 9_000, 9_150}) {
            assertThat(fast(in, cut)).as("cut %d", cut).isEqualTo(Arrays.copyOf(want, cut));
        }
        // the input cut inside a literal run: the stream ends where the input ends, as in the reference
        for (int inCut = 0; inCut < 80; inCut++) {
            byte[] part = Arrays.copyOf(in, inCut);
            assertThat(fast(part, want.length)).isEqualTo(reference(part, want.length));
        }
    }

    @Test
    void randomValidStreamsDecodeToTheirText() throws Exception {
        Random rnd = new Random(2024);
        for (int round = 0; round < 400; round++) {
            Encoder e = new Encoder();
            int written = 0;
            int items = 1 + rnd.nextInt(200);
            for (int i = 0; i < items; i++) {
                if (written == 0 || rnd.nextInt(3) == 0) {
                    int k = 1 + rnd.nextInt(rnd.nextBoolean() ? 4 : 70);
                    for (int j = 0; j < k; j++) {
                        e.literal(rnd.nextInt(4) == 0 ? rnd.nextInt(256) : 'a' + rnd.nextInt(3));
                    }
                    written += k;
                } else {
                    int offset = 1 + rnd.nextInt(Math.min(written, rnd.nextBoolean() ? 16 : 8192));
                    int length = 3 + (rnd.nextInt(4) == 0 ? rnd.nextInt(2_000) : rnd.nextInt(30));
                    e.match(offset, length);
                    written += length;
                }
            }
            byte[] want = e.text();
            byte[] in = e.stream();
            assertThat(fast(in, want.length)).as("round %d", round).isEqualTo(want);
            int cut = rnd.nextInt(want.length + 1);
            assertThat(fast(in, cut)).isEqualTo(Arrays.copyOf(want, cut));
        }
    }

    @Test
    void randomGarbageGivesTheReferencesResultOrItsException() {
        Random rnd = new Random(99);
        for (int i = 0; i < 30_000; i++) {
            byte[] in = new byte[rnd.nextInt(96)];
            rnd.nextBytes(in);
            int outLen = rnd.nextInt(2_048);
            String want;
            try {
                want = Arrays.toString(reference(in, outLen));
            } catch (Lzxpress.LzxpressException e) {
                want = e.getMessage();
            }
            String got;
            try {
                got = Arrays.toString(fast(in, outLen));
            } catch (Lzxpress.LzxpressException e) {
                got = e.getMessage();
            }
            assertThat(got).as("input %s out %d", Arrays.toString(in), outLen).isEqualTo(want);
        }
    }
}
