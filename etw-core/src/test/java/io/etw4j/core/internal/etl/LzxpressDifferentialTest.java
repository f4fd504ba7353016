package io.etw4j.core.internal.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link Lzxpress} (fast loop and careful tail) against {@link LzxpressReference} (the [MS-XCA] 2.4.4 loop one flag
 * and one byte at a time) on inputs long enough for the fast loop to run: every compressed buffer of every shared
 * capture whole, cut short (input and output at many points), damaged (bit flips, overwritten bytes, the stream
 * started part-way so that matches reach before the output start) and long random streams with hostile tokens.
 * Both must give the same bytes and count, or the same exception message at the same input position; the fast one
 * must leave every byte outside its output area and the whole input untouched.
 */
class LzxpressDifferentialTest {

    private static final byte GUARD = (byte) 0xA5;

    /** The result of one decompression: the bytes written, or the exception's message. */
    private static String reference(byte[] in, int inOff, int inLen, int outLen) {
        byte[] out = new byte[outLen];
        try {
            int n = LzxpressReference.decompress(in, inOff, inLen, out, 0, outLen);
            return n + ":" + Arrays.hashCode(Arrays.copyOf(out, n)) + ":" + Arrays.toString(Arrays.copyOf(out,
                    Math.min(n, 64)));
        } catch (Lzxpress.LzxpressException e) {
            return e.getMessage() + " @" + e.inputPosition();
        }
    }

    /** The fast decompressor into an output area with guard bytes on both sides, checked after the call. */
    private static String fast(byte[] in, int inOff, int inLen, int outLen) {
        byte[] before = in.clone();
        int pad = 24;
        byte[] out = new byte[pad + outLen + pad];
        Arrays.fill(out, GUARD);
        String result;
        try {
            int n = Lzxpress.decompress(in, inOff, inLen, out, pad, outLen);
            assertThat(n).isBetween(0, outLen);
            byte[] got = Arrays.copyOfRange(out, pad, pad + n);
            result = n + ":" + Arrays.hashCode(got) + ":" + Arrays.toString(Arrays.copyOf(got, Math.min(n, 64)));
        } catch (Lzxpress.LzxpressException e) {
            assertThat(e.inputPosition()).isBetween(inOff, inOff + inLen);
            result = e.getMessage() + " @" + e.inputPosition();
        }
        for (int i = 0; i < pad; i++) {
            assertThat(out[i]).as("byte %d before the output area", pad - i).isEqualTo(GUARD);
            assertThat(out[pad + outLen + i]).as("byte %d after the output area", i).isEqualTo(GUARD);
        }
        assertThat(in).as("the input is not written").isEqualTo(before);
        return result;
    }

    private static void same(byte[] in, int inOff, int inLen, int outLen, String what) {
        assertThat(fast(in, inOff, inLen, outLen)).as(what).isEqualTo(reference(in, inOff, inLen, outLen));
    }

    /** A compressed buffer of a capture: the stream after the 0x48-byte header and FilledBytes - 0x48. */
    record Compressed(String file, long offset, byte[] stream, int outLen) {
    }

    /** Every compressed buffer of every shared capture (BufferSize 0x00, FilledBytes 0x30, BufferFlag 0x40 at 0x34). */
    static List<Compressed> sharedCompressedBuffers() throws IOException {
        Path dir = null;
        for (Path d = Paths.get("").toAbsolutePath(); d != null && dir == null; d = d.getParent()) {
            Path c = d.resolve("shared").resolve("etl");
            if (Files.isDirectory(c)) {
                dir = c;
            }
        }
        Assumptions.assumeTrue(dir != null, "shared/etl not found in the working directory or any parent");
        List<Compressed> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".etl")).sorted()::iterator) {
                byte[] file = Files.readAllBytes(p);
                ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
                for (int off = 0; off + 0x48 <= file.length; ) {
                    int size = b.getInt(off);
                    if (size <= 0x48 || off + size > file.length) {
                        break;
                    }
                    if ((b.getShort(off + 0x34) & 0x40) != 0) {
                        all.add(new Compressed(p.getFileName().toString(), off,
                                Arrays.copyOfRange(file, off + 0x48, off + size), b.getInt(off + 0x30) - 0x48));
                    }
                    off += size;
                }
            }
        }
        return all;
    }

    @Test
    void everyCompressedBufferOfEverySharedCaptureWholeAndCut() throws IOException {
        List<Compressed> buffers = sharedCompressedBuffers();
        assertThat(buffers).as("the shared compressed capture net.4.5.2.x64.etl has 359").hasSizeGreaterThan(300);
        Random rnd = new Random(21);
        for (Compressed c : buffers) {
            String at = c.file() + " buffer at 0x" + Long.toHexString(c.offset());
            byte[] s = c.stream();
            String whole = fast(s, 0, s.length, c.outLen());
            assertThat(whole).as(at).isEqualTo(reference(s, 0, s.length, c.outLen()));
            assertThat(whole).as(at + " decompresses to FilledBytes - 0x48").startsWith(c.outLen() + ":");
            // a larger output area: the stream ends where its input ends
            same(s, 0, s.length, c.outLen() + 100, at + " larger output");
            for (int k = 0; k < 3; k++) {
                same(s, 0, rnd.nextInt(s.length + 1), c.outLen(), at + " input cut");
                same(s, 0, s.length, rnd.nextInt(c.outLen() + 1), at + " output cut");
            }
            // the last bytes, where the fast loop hands over to the careful one
            for (int cut = 1; cut <= 70; cut += 9) {
                same(s, 0, s.length - cut, c.outLen(), at + " input cut " + cut + " before the end");
                same(s, 0, s.length, c.outLen() - cut, at + " output cut " + cut + " before the end");
            }
            // started part-way: matches reach before the output start, or the bytes are not a stream at all
            int from = rnd.nextInt(s.length);
            same(s, from, s.length - from, c.outLen(), at + " started at " + from);
            int word = 4 * rnd.nextInt(Math.max(1, s.length / 4));
            same(s, word, s.length - word, c.outLen(), at + " started at " + word);
        }
    }

    @Test
    void damagedCompressedBuffersGiveTheReferencesResult() throws IOException {
        List<Compressed> buffers = sharedCompressedBuffers();
        Random rnd = new Random(3);
        for (int round = 0; round < 1_500; round++) {
            Compressed c = buffers.get(rnd.nextInt(buffers.size()));
            byte[] s = c.stream().clone();
            int damage = 1 + rnd.nextInt(8);
            for (int d = 0; d < damage; d++) {
                int i = rnd.nextInt(s.length);
                if (rnd.nextBoolean()) {
                    s[i] ^= (byte) (1 << rnd.nextInt(8));
                } else {
                    s[i] = (byte) (rnd.nextInt(4) == 0 ? 0xFF : rnd.nextInt(256));
                }
            }
            same(s, 0, s.length, c.outLen(), c.file() + " 0x" + Long.toHexString(c.offset()) + " round " + round);
        }
    }

    /**
     * Random streams of any length up to 20,000 bytes: flag words and tokens drawn so that literals, short and long
     * matches, every length escape (the shared half-byte, the byte, 16 and 32 bits, lengths below their bias), offsets
     * below 8 and offsets before the output start all occur, and output areas from 0 to beyond the stream's length.
     */
    @Test
    void randomHostileStreamsGiveTheReferencesResult() {
        Random rnd = new Random(2026);
        for (int round = 0; round < 6_000; round++) {
            ByteBuffer b = ByteBuffer.allocate(20_100).order(ByteOrder.LITTLE_ENDIAN);
            int target = rnd.nextInt(20_000);
            int written = 0;
            while (b.position() + 40 < target) {
                int flags = rnd.nextInt(4) == 0 ? rnd.nextInt() : rnd.nextInt() & rnd.nextInt() & rnd.nextInt();
                b.putInt(flags);
                for (int bit = 31; bit >= 0 && b.position() + 16 < target; bit--) {
                    if ((flags >>> bit & 1) == 0) {
                        b.put((byte) rnd.nextInt(256));
                        written++;
                        continue;
                    }
                    int offset = rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(8192)
                            : 1 + rnd.nextInt(Math.max(1, Math.min(written, rnd.nextBoolean() ? 8 : 300)));
                    int len = rnd.nextInt(10) < 7 ? rnd.nextInt(7) : 7;
                    b.putShort((short) ((offset - 1) << 3 | len));
                    if (len == 7) {
                        b.put((byte) (rnd.nextInt(3) == 0 ? 0xFF : rnd.nextInt(256)));
                        int escape = rnd.nextInt(8);
                        if (escape == 0) {
                            b.put((byte) 0xFF).putShort((short) rnd.nextInt(0x10000));
                        } else if (escape == 1) {
                            b.put((byte) 0xFF).putShort((short) 0).putInt(rnd.nextInt(5) == 0 ? rnd.nextInt()
                                    : rnd.nextInt(100_000));
                        } else if (escape == 2) {
                            b.put((byte) 0xFF).putShort((short) rnd.nextInt(22));
                        } else {
                            b.put((byte) rnd.nextInt(256));
                        }
                    }
                    written += 3 + len;
                }
            }
            byte[] in = Arrays.copyOf(b.array(), b.position());
            int outLen = rnd.nextInt(4) == 0 ? rnd.nextInt(200) : rnd.nextInt(Math.max(1, 3 * written + 100));
            same(in, 0, in.length, outLen, "round " + round);
            int inOff = rnd.nextInt(in.length + 1);
            same(in, inOff, in.length - inOff, outLen, "round " + round + " from " + inOff);
        }
    }
}
