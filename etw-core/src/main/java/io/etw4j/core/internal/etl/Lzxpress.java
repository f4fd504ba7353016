package io.etw4j.core.internal.etl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The MS-XCA "plain LZ77" (LZXPRESS) decompressor, which compressed .etl buffers use (MS-XCA;
 * EVENT_TRACE_COMPRESSED_MODE, Windows 8 and later).
 *
 * <p>Follows [MS-XCA] 2.4.4 "Plain LZ77 Decompression": 32-bit little-endian flag words read most significant bit
 * first; a 0 flag copies one literal byte, a 1 flag reads a 16-bit match token (offset = token / 8 + 1,
 * length = token % 8) whose length 7 escapes to a shared half-byte, then a byte, then a 16-bit and finally a 32-bit
 * length; the match length is finally biased by 3. The stream ends when the input is exhausted where a flag word or a
 * match token would start, or when the output is full.
 *
 * <p>Stateless and thread-safe. Never throws anything but {@link LzxpressException}; never reads or writes out of
 * bounds; runs in time linear in the output size.
 */
public final class Lzxpress {
    /** Copies up to this many bytes run as a loop: below it System.arraycopy costs more than it saves. */
    private static final int SHORT_COPY = 16;
    /**
     * The fast loop runs while this many bytes of input and of output area are left: one iteration reads at most
     * 4 (flag word) + 32 (literals, copied as whole 8-byte words) + 10 (token and every length escape) = 46 bytes
     * and writes at most 32 literal bytes and then a match it checked against the output left.
     */
    private static final int FAST_MARGIN = 64;
    /** No flags left: the flag register holds only its end marker (see {@link #decompress}). */
    private static final long NO_FLAGS = Long.MIN_VALUE;
    /**
     * For a match offset d below 8: the smallest multiple of d that is at least 8. The match's output repeats with
     * period d, so each byte equals the byte this far back, and an 8-byte word read this far back is already written.
     */
    private static final int[] PERIOD_STEP = {0, 8, 8, 9, 8, 10, 12, 14};
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Lzxpress() {
    }

    /** Thrown for malformed input: a match reaching before the output start, a truncated token or length. */
    public static final class LzxpressException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int inputPosition;

        LzxpressException(String message, int inputPosition) {
            super(message + " at input position " + inputPosition);
            this.inputPosition = inputPosition;
        }

        /** Where in the input the problem was found. */
        public int inputPosition() {
            return inputPosition;
        }
    }

    /**
     * Decompresses {@code in[inOff, inOff+inLen)} into {@code out[outOff, outOff+outLen)}. Matches may refer only to
     * bytes this call wrote. Bytes of the output area past the returned count may have been written too (scratch:
     * copies write whole 8-byte words); nothing outside the output area is ever written, nothing outside the input
     * range and the output written so far is ever read.
     *
     * <p>Speed: the flags live in a 64-bit register, the 32 flags of the current word on top and an end marker bit
     * just below the last of them, so one leading-zero count gives the literal run before the next match (or before
     * the end of the word). While at least {@value #FAST_MARGIN} bytes of input and of output area are left, each
     * iteration copies a literal run and one match with unconditional 8-byte word copies and no bounds checks beyond
     * the ones the format needs (a match's offset against the output written so far; an escaped length against the
     * output left): literals 8 bytes at once, 32 for a run over 8; a match with an offset of 8 or more 16 bytes at
     * once, 32 for one over 16, and past 32 bytes {@code System.arraycopy} when it does not overlap itself, else
     * words that each end before the word they are written to starts. A match with an offset of 1, 2 or 4 stores one
     * repeated word; one with an offset of 3, 5, 6 or 7 writes its first 8 bytes one by one, then words read a whole
     * number of periods back ({@link #PERIOD_STEP}). The last bytes of input or output go through a careful loop that
     * checks every step; both loops give the exceptions, at the same input positions, of the specification's loop.
     *
     * @return the number of bytes written (at most {@code outLen})
     */
    public static int decompress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen)
            throws LzxpressException {
        if (inOff < 0 || inLen < 0 || inOff > in.length - inLen || outOff < 0 || outLen < 0
                || outOff > out.length - outLen) {
            throw new IllegalArgumentException("bad bounds");
        }
        final int end = inOff + inLen;
        final int outLimit = outOff + outLen;
        final int inFast = end - FAST_MARGIN;
        final int outFast = outLimit - FAST_MARGIN;
        int ip = inOff;
        int op = outOff;
        long flags = NO_FLAGS; // the next flag is bit 63; the lowest set bit marks the end of the word's flags
        int lastLengthHalfByte = -1;
        while (ip <= inFast && op <= outFast) {
            if (flags == NO_FLAGS) {
                flags = ((long) (int) I32.get(in, ip) << 32) | 0x8000_0000L;
                ip += 4;
            }
            int run = Long.numberOfLeadingZeros(flags); // literals before the next match or the end of the word
            I64.set(out, op, (long) I64.get(in, ip));
            if (run > 8) {
                I64.set(out, op + 8, (long) I64.get(in, ip + 8));
                I64.set(out, op + 16, (long) I64.get(in, ip + 16));
                I64.set(out, op + 24, (long) I64.get(in, ip + 24));
            }
            ip += run;
            op += run;
            flags <<= run;
            if (flags == NO_FLAGS) {
                continue; // the word's flags were all literals
            }
            flags <<= 1; // the match flag
            int token = (short) I16.get(in, ip) & 0xFFFF;
            ip += 2;
            int offset = (token >>> 3) + 1;
            int length = (token & 7) + 3;
            if (length == 10) { // the length escapes
                long l;
                if (lastLengthHalfByte < 0) {
                    l = in[ip] & 0x0F;
                    lastLengthHalfByte = ip;
                    ip++;
                } else {
                    l = (in[lastLengthHalfByte] & 0xFF) >>> 4;
                    lastLengthHalfByte = -1;
                }
                if (l == 15) {
                    l = in[ip++] & 0xFF;
                    if (l == 255) {
                        l = (short) I16.get(in, ip) & 0xFFFF;
                        ip += 2;
                        if (l == 0) {
                            l = (int) I32.get(in, ip) & 0xFFFF_FFFFL;
                            ip += 4;
                        }
                        if (l < 15 + 7) {
                            throw new LzxpressException("match length below its bias", ip);
                        }
                        l -= 15 + 7;
                    }
                    l += 15;
                }
                l += 7 + 3;
                if (offset > op - outOff) {
                    throw beforeStart(offset, op - outOff, ip);
                }
                if (l > outLimit - op - 32) { // near the end of the output area: copy exactly, cut to what is left
                    int n = (int) Math.min(l, outLimit - op);
                    copyMatch(out, op, outLimit, offset, n);
                    op += n;
                    continue;
                }
                length = (int) l;
            } else if (offset > op - outOff) {
                throw beforeStart(offset, op - outOff, ip);
            }
            // Room: op <= outLimit - 32 after at most 32 literals, enough for the 16 bytes written for a length that
            // does not escape; an escaped length was checked above (op + length + 32 <= outLimit).
            int src = op - offset;
            if (offset >= 8) {
                I64.set(out, op, (long) I64.get(out, src));
                I64.set(out, op + 8, (long) I64.get(out, src + 8));
                if (length > 16) {
                    I64.set(out, op + 16, (long) I64.get(out, src + 16));
                    I64.set(out, op + 24, (long) I64.get(out, src + 24));
                    if (length > 32) {
                        copyLong(out, op, src, length);
                    }
                }
            } else if ((offset & (offset - 1)) == 0) {
                long pattern = offset == 4 ? ((int) I32.get(out, src) & 0xFFFF_FFFFL) * 0x0000_0001_0000_0001L
                        : offset == 2 ? ((short) I16.get(out, src) & 0xFFFFL) * 0x0001_0001_0001_0001L
                        : (out[src] & 0xFFL) * 0x0101_0101_0101_0101L;
                for (int i = 0; i < length; i += 8) { // a whole number of periods per word
                    I64.set(out, op + i, pattern);
                }
            } else {
                for (int i = 0; i < 8; i++) {
                    out[op + i] = out[src + i]; // forward, one by one: the period is shorter than a word
                }
                int step = PERIOD_STEP[offset];
                for (int i = 8; i < length; i += 8) {
                    I64.set(out, op + i, (long) I64.get(out, op + i - step));
                }
            }
            op += length;
        }
        return op - outOff + decompressTail(in, ip, end, out, op, outOff, outLimit, flags, lastLengthHalfByte);
    }

    /**
     * Copies bytes {@code [32, length)} of a match with an offset of 8 or more whose first 32 bytes are written; the
     * caller checked room for {@code length} rounded up to 16.
     */
    private static void copyLong(byte[] out, int op, int src, int length) {
        if (op - src >= length) {
            System.arraycopy(out, src + 32, out, op + 32, length - 32);
            return;
        }
        for (int i = 32; i < length; i += 16) {
            I64.set(out, op + i, (long) I64.get(out, src + i));
            I64.set(out, op + i + 8, (long) I64.get(out, src + i + 8));
        }
    }

    private static LzxpressException beforeStart(int offset, int written, int ip) {
        return new LzxpressException("match offset " + offset + " before output start (output at " + written + ")",
                ip);
    }

    /**
     * The careful loop for the last bytes of input or output, in the state the fast loop left: every read and write
     * checked, the specification's end conditions and exceptions. Returns the bytes it wrote.
     */
    private static int decompressTail(byte[] in, int ip, int end, byte[] out, int op, int outOff, int outLimit,
            long flags, int lastLengthHalfByte) throws LzxpressException {
        final int start = op;
        while (op < outLimit) {
            if (flags == NO_FLAGS) {
                if (end - ip < 4) {
                    break; // end of stream
                }
                flags = ((long) (int) I32.get(in, ip) << 32) | 0x8000_0000L;
                ip += 4;
            }
            int run = Long.numberOfLeadingZeros(flags);
            if (run > 0) {
                int k = Math.min(run, Math.min(end - ip, outLimit - op));
                copyLiterals(in, ip, end, out, op, outLimit, k);
                ip += k;
                op += k;
                if (k < run) {
                    break; // end of input (end of stream) or output full
                }
                flags <<= run;
                continue;
            }
            flags <<= 1;
            if (ip >= end) {
                break; // [MS-XCA] 2.4.4: a match flag with no input left ends the stream
            }
            if (end - ip < 2) {
                throw new LzxpressException("truncated match token", ip);
            }
            int token = (in[ip] & 0xFF) | (in[ip + 1] & 0xFF) << 8;
            ip += 2;
            long length = token & 7;
            int offset = (token >>> 3) + 1;
            if (length == 7) {
                if (lastLengthHalfByte < 0) {
                    if (ip >= end) {
                        throw new LzxpressException("truncated length nibble", ip);
                    }
                    length = in[ip] & 0x0F;
                    lastLengthHalfByte = ip;
                    ip++;
                } else {
                    length = (in[lastLengthHalfByte] & 0xFF) >>> 4;
                    lastLengthHalfByte = -1;
                }
                if (length == 15) {
                    if (ip >= end) {
                        throw new LzxpressException("truncated length byte", ip);
                    }
                    length = in[ip++] & 0xFF;
                    if (length == 255) {
                        if (end - ip < 2) {
                            throw new LzxpressException("truncated 16-bit length", ip);
                        }
                        length = (in[ip] & 0xFF) | (in[ip + 1] & 0xFF) << 8;
                        ip += 2;
                        if (length == 0) {
                            if (end - ip < 4) {
                                throw new LzxpressException("truncated 32-bit length", ip);
                            }
                            length = (int) I32.get(in, ip) & 0xFFFF_FFFFL;
                            ip += 4;
                        }
                        if (length < 15 + 7) {
                            throw new LzxpressException("match length below its bias", ip);
                        }
                        length -= 15 + 7;
                    }
                    length += 15;
                }
                length += 7;
            }
            length += 3;
            if (offset > op - outOff) {
                throw beforeStart(offset, op - outOff, ip);
            }
            int n = (int) Math.min(length, outLimit - op);
            copyMatch(out, op, outLimit, offset, n);
            op += n;
        }
        return op - start;
    }

    /**
     * Copies {@code n} literal bytes; the caller checked both ranges. With 8 bytes of slack in both arrays a short run
     * is copied 8 bytes at a time (the last word writes up to 7 bytes past the run, inside the output area, which the
     * following symbols overwrite).
     */
    private static void copyLiterals(byte[] in, int ip, int inEnd, byte[] out, int op, int outLimit, int n) {
        if (n <= SHORT_COPY && ip + n + 8 <= inEnd && op + n + 8 <= outLimit) {
            for (int i = 0; i < n; i += 8) {
                I64.set(out, op + i, (long) I64.get(in, ip + i));
            }
        } else if (n <= SHORT_COPY) {
            for (int i = 0; i < n; i++) {
                out[op + i] = in[ip + i];
            }
        } else {
            System.arraycopy(in, ip, out, op, n);
        }
    }

    /**
     * Writes {@code n} bytes at {@code op} that repeat the bytes from {@code op - offset}; the caller checked
     * {@code offset <= op - outOff} and {@code op + n <= outLimit}. A match longer than its offset repeats its own
     * output with period {@code offset}: it is copied in chunks of the already written periodic stretch, which
     * doubles with each chunk.
     */
    private static void copyMatch(byte[] out, int op, int outLimit, int offset, int n) {
        int src = op - offset;
        if (offset >= 8 && n <= 4 * SHORT_COPY && op + n + 8 <= outLimit) {
            // each word read ends at or before the word being written starts: reads only written bytes
            for (int i = 0; i < n; i += 8) {
                I64.set(out, op + i, (long) I64.get(out, src + i));
            }
        } else if (n <= SHORT_COPY) {
            for (int i = 0; i < n; i++) {
                out[op + i] = out[src + i]; // forward, byte by byte: correct for an overlapping match too
            }
        } else if (offset >= n) {
            System.arraycopy(out, src, out, op, n);
        } else if (offset == 1) {
            Arrays.fill(out, op, op + n, out[src]);
        } else {
            int done = 0;
            int chunk = offset;
            while (done < n) {
                int c = Math.min(chunk, n - done);
                System.arraycopy(out, src, out, op + done, c); // out[src, src + c) is written and periodic
                done += c;
                chunk += c;
            }
        }
    }
}
