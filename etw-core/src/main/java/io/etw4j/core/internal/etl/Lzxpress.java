package io.etw4j.core.internal.etl;

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
     * bytes this call wrote.
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
        long flags = 0;
        int flagCount = 0;
        int lastLengthHalfByte = -1;
        while (op < outLimit) {
            if (flagCount == 0) {
                if (end - ip < 4) {
                    break; // end of stream
                }
                flags = readU32(in, ip);
                ip += 4;
                flagCount = 32;
            }
            flagCount--;
            if ((flags & (1L << flagCount)) == 0) {
                if (ip >= end) {
                    break; // end of stream
                }
                out[op++] = in[ip++];
                continue;
            }
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
                            length = readU32(in, ip);
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
            int src = op - offset;
            for (int i = 0; i < n; i++) {
                out[op++] = out[src++]; // byte by byte: a match may overlap its own output
            }
        }
        return op - outOff;
    }

    private static long readU32(byte[] b, int p) {
        return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
    }
}
