package io.etw4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Fuzz target for {@link PayloadReader}: every read method, in sequences the fuzzer chooses, with pointer size 4 or 8,
 * over a whole array or a slice of it.
 *
 * <p>Contract checked on every input: the only exception is {@link PayloadException}; a failed read leaves the
 * position where it was; a successful read advances by exactly the bytes it consumed and returns what a
 * little-endian {@link ByteBuffer} reads at the same place (the oracle); the position never leaves {@code 0..length};
 * no read allocates more than the payload holds (a copy of {@code n} bytes needs {@code n} bytes to be present).
 *
 * <p>Input layout (chosen so that seeds are easy to write by hand): byte 0 bit 0 = pointer size 8 (else 4), bit 1 =
 * read a slice starting at byte 1's value (clamped); byte 2 = number of operations {@code n}; then {@code n} pairs
 * (opcode, argument); the rest is the payload. An argument byte is a signed count, except 0x7F = Integer.MAX_VALUE
 * and 0x80 = Integer.MIN_VALUE, so huge and negative lengths are tried.
 *
 * <p>In a normal build this runs only on the committed inputs in
 * {@code src/test/resources/io/etw4j/core/PayloadReaderFuzzTestInputs/readSequences/}; to fuzz, see the README
 * ("Fuzzing"): {@code ./mvnw -P fuzz -pl etw-core test -Dtest=PayloadReaderFuzzTest}.
 */
class PayloadReaderFuzzTest {
    private static final int OPS = 20;

    @FuzzTest(maxDuration = "2m")
    void readSequences(byte[] input) {
        if (input.length < 3) {
            return;
        }
        int pointerSize = (input[0] & 1) != 0 ? 8 : 4;
        boolean slice = (input[0] & 2) != 0;
        int n = input[2] & 0xFF;
        int opsEnd = Math.min(input.length, 3 + 2 * n);
        byte[] payloadArray = input; // read in place: the reader must never look outside its range
        int payloadStart = opsEnd;
        int payloadLength = input.length - opsEnd;
        if (slice) {
            int skipFront = Math.min(input[1] & 0xFF, payloadLength);
            payloadStart += skipFront;
            payloadLength -= skipFront;
        }
        PayloadReader r = slice || payloadStart != 0
                ? PayloadReader.of(payloadArray, payloadStart, payloadLength, pointerSize)
                : PayloadReader.of(payloadArray, pointerSize);
        ByteBuffer oracle = ByteBuffer.wrap(payloadArray, payloadStart, payloadLength).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        assertThat(r.length()).isEqualTo(payloadLength);
        assertThat(r.pointerSize()).isEqualTo(pointerSize);

        for (int i = 3; i + 1 < opsEnd; i += 2) {
            int op = (input[i] & 0xFF) % OPS;
            int arg = argument(input[i + 1]);
            int before = r.position();
            try {
                int consumed = apply(r, op, arg, oracle, before);
                assertThat(r.position()).as("op %d advances by what it read", op).isEqualTo(before + consumed);
            } catch (PayloadException e) {
                assertThat(r.position()).as("a failed op %d leaves the position", op).isEqualTo(before);
                assertThat(e.length()).isEqualTo(payloadLength);
                assertThat(e.getMessage()).isNotEmpty();
            }
            assertThat(r.position()).isBetween(0, r.length());
            assertThat(r.remaining()).isEqualTo(r.length() - r.position());
            assertThat(r.hasRemaining()).isEqualTo(r.remaining() > 0);
        }
    }

    private static int argument(byte b) {
        if (b == 0x7F) {
            return Integer.MAX_VALUE;
        }
        if (b == (byte) 0x80) {
            return Integer.MIN_VALUE;
        }
        return b;
    }

    /** Performs one operation, checks its result against the oracle and returns the bytes it consumed. */
    private static int apply(PayloadReader r, int op, int arg, ByteBuffer oracle, int at) {
        switch (op) {
            case 0:
                assertThat(r.u8()).isEqualTo(oracle.get(at) & 0xFF);
                return 1;
            case 1:
                assertThat(r.u16()).isEqualTo(oracle.getShort(at) & 0xFFFF);
                return 2;
            case 2:
                assertThat(r.i32()).isEqualTo(oracle.getInt(at));
                return 4;
            case 3:
                assertThat(r.u32()).isEqualTo(oracle.getInt(at) & 0xFFFFFFFFL);
                return 4;
            case 4:
                assertThat(r.i64()).isEqualTo(oracle.getLong(at));
                return 8;
            case 5:
                assertThat(r.u64()).isEqualTo(oracle.getLong(at));
                return 8;
            case 6: {
                long p = r.pointer();
                if (r.pointerSize() == 4) {
                    assertThat(p).isEqualTo(oracle.getInt(at) & 0xFFFFFFFFL);
                } else {
                    assertThat(p).isEqualTo(oracle.getLong(at));
                }
                return r.pointerSize();
            }
            case 7: {
                java.util.UUID g = r.guid();
                assertThat(PayloadReader.guidBytes(g)).isEqualTo(copy(oracle, at, 16));
                return 16;
            }
            case 8:
                assertThat(r.fileTime()).isNotNull();
                return 8;
            case 9: {
                byte[] b = r.bytes(arg);
                assertThat(b).isEqualTo(copy(oracle, at, arg));
                return arg;
            }
            case 10: {
                byte[] rest = r.rest();
                assertThat(rest).isEqualTo(copy(oracle, at, oracle.limit() - at));
                return rest.length;
            }
            case 11: {
                int consumed = utf16zLength(oracle, at);
                String s = r.utf16z();
                // The string has at most one char per code unit before the terminator; no terminator inside.
                assertThat(s.length()).isLessThanOrEqualTo((consumed - 2) / 2);
                return consumed;
            }
            case 12: {
                String s = r.utf16(arg);
                assertThat(s.length()).isLessThanOrEqualTo(arg);
                return arg * 2;
            }
            case 13: {
                int consumed = ansizLength(oracle, at);
                String s = r.ansiz();
                assertThat(s).hasSize(consumed - 1);
                return consumed;
            }
            case 14: {
                SecurityIdentifier sid = r.sid();
                assertThat(sid.bytes()).isEqualTo(copy(oracle, at, sid.length()));
                assertThat(sid.toString()).startsWith("S-1-");
                assertThat(SecurityIdentifier.of(sid.bytes())).isEqualTo(sid);
                return sid.length();
            }
            case 15:
                r.skip(arg);
                return arg;
            case 16: {
                // Absolute seek to a fuzzer-chosen offset (may be outside the payload).
                int target = arg == Integer.MIN_VALUE || arg == Integer.MAX_VALUE ? arg : at + arg;
                r.position(target);
                return target - at;
            }
            case 17: {
                int off = arg < 0 ? arg : at + arg;
                java.util.UUID g;
                byte[] whole = copy(oracle, 0, oracle.limit());
                try {
                    g = PayloadReader.guidAt(whole, off);
                } catch (PayloadException e) {
                    assertThat(off < 0 || off > whole.length - 16).isTrue();
                    return 0;
                }
                assertThat(PayloadReader.guidBytes(g)).isEqualTo(Arrays.copyOfRange(whole, off, off + 16));
                return 0;
            }
            case 18: {
                byte[] b = r.bytes(Math.max(0, Math.min(arg, r.remaining())));
                return b.length;
            }
            default: {
                // A fresh reader over the bytes that remain: nested payloads are read this way by decoders.
                int n = Math.min(Math.max(arg, 0), r.remaining());
                byte[] inner = r.bytes(n);
                PayloadReader nested = PayloadReader.of(inner, r.pointerSize());
                assertThat(nested.length()).isEqualTo(n);
                return n;
            }
        }
    }

    private static byte[] copy(ByteBuffer oracle, int at, int n) {
        byte[] out = new byte[n];
        oracle.get(at, out);
        return out;
    }

    /** Bytes a NUL-terminated UTF-16LE read consumes at {@code at}, or -1 (the read must then fail). */
    private static int utf16zLength(ByteBuffer oracle, int at) {
        for (int p = at; p + 1 < oracle.limit(); p += 2) {
            if (oracle.get(p) == 0 && oracle.get(p + 1) == 0) {
                return p + 2 - at;
            }
        }
        return -1;
    }

    /** Bytes a NUL-terminated ANSI read consumes at {@code at}, or -1. */
    private static int ansizLength(ByteBuffer oracle, int at) {
        for (int p = at; p < oracle.limit(); p++) {
            if (oracle.get(p) == 0) {
                return p + 1 - at;
            }
        }
        return -1;
    }
}
