package io.etw4j.core.internal.etl;

/**
 * The plain [MS-XCA] 2.4.4 "Plain LZ77 Decompression" loop, one flag and one byte at a time (the decompressor before
 * it was made fast), kept as the reference the fast {@link Lzxpress} is compared with. Same contract, same
 * exceptions at the same input positions.
 */
final class LzxpressReference {
    private LzxpressReference() {
    }

    static int decompress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen)
            throws Lzxpress.LzxpressException {
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
                    break;
                }
                flags = u32(in, ip);
                ip += 4;
                flagCount = 32;
            }
            flagCount--;
            if ((flags & (1L << flagCount)) == 0) {
                if (ip >= end) {
                    break;
                }
                out[op++] = in[ip++];
                continue;
            }
            if (ip >= end) {
                break;
            }
            if (end - ip < 2) {
                throw new Lzxpress.LzxpressException("truncated match token", ip);
            }
            int token = (in[ip] & 0xFF) | (in[ip + 1] & 0xFF) << 8;
            ip += 2;
            long length = token & 7;
            int offset = (token >>> 3) + 1;
            if (length == 7) {
                if (lastLengthHalfByte < 0) {
                    if (ip >= end) {
                        throw new Lzxpress.LzxpressException("truncated length nibble", ip);
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
                        throw new Lzxpress.LzxpressException("truncated length byte", ip);
                    }
                    length = in[ip++] & 0xFF;
                    if (length == 255) {
                        if (end - ip < 2) {
                            throw new Lzxpress.LzxpressException("truncated 16-bit length", ip);
                        }
                        length = (in[ip] & 0xFF) | (in[ip + 1] & 0xFF) << 8;
                        ip += 2;
                        if (length == 0) {
                            if (end - ip < 4) {
                                throw new Lzxpress.LzxpressException("truncated 32-bit length", ip);
                            }
                            length = u32(in, ip);
                            ip += 4;
                        }
                        if (length < 15 + 7) {
                            throw new Lzxpress.LzxpressException("match length below its bias", ip);
                        }
                        length -= 15 + 7;
                    }
                    length += 15;
                }
                length += 7;
            }
            length += 3;
            if (offset > op - outOff) {
                throw new Lzxpress.LzxpressException("match offset " + offset + " before output start (output at "
                        + (op - outOff) + ")", ip);
            }
            int n = (int) Math.min(length, outLimit - op);
            int src = op - offset;
            for (int i = 0; i < n; i++) {
                out[op++] = out[src++];
            }
        }
        return op - outOff;
    }

    private static long u32(byte[] b, int p) {
        return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
    }
}
