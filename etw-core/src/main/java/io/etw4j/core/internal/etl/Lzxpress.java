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
     * bytes this call wrote. Bytes of the output area past the returned count may have been written too (scratch: short
     * copies write whole 8-byte words); nothing outside the output area is ever written.
     *
     * <p>Speed: a run of literal flags is found with one leading-zero count and copied in bulk; a match is checked once
     * (its offset against the output written so far, its length cut to the output left) and copied with
     * {@code System.arraycopy} when it does not overlap its own output, else in doubling chunks (each chunk a whole
     * number of periods, so it never reads bytes it has not written yet); short copies run as plain loops.
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
        int ip = inOff;
        int op = outOff;
        int flags = 0; // the next flag is bit 31
        int flagCount = 0; // flags left in the current word
        int lastLengthHalfByte = -1;
        while (op < outLimit) {
            if (flagCount == 0) {
                if (end - ip < 4) {
                    break; // end of stream
                }
                flags = readI32(in, ip);
                ip += 4;
                flagCount = 32;
            }
            int run = Math.min(Integer.numberOfLeadingZeros(flags), flagCount);
            if (run == 1 && ip < end) { // the most common run (a single literal between matches)
                out[op++] = in[ip++];
                flags <<= 1;
                flagCount--;
                continue;
            }
            if (run > 0) {
                int k = Math.min(run, Math.min(end - ip, outLimit - op));
                copyLiterals(in, ip, end, out, op, outLimit, k);
                ip += k;
                op += k;
                if (k < run) {
                    break; // end of input (end of stream) or output full
                }
                flags = run == 32 ? 0 : flags << run;
                flagCount -= run;
                continue;
            }
            flags <<= 1;
            flagCount--;
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
                            length = readI32(in, ip) & 0xFFFF_FFFFL;
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
                throw new LzxpressException("match offset " + offset + " before output start (output at "
                        + (op - outOff) + ")", ip);
            }
            int n = (int) Math.min(length, outLimit - op);
            copyMatch(out, op, outLimit, offset, n);
            op += n;
        }
        return op - outOff;
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

    private static int readI32(byte[] b, int p) {
        return (int) I32.get(b, p);
    }
}
