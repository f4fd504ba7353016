package io.etw4j.scm.internal.fuzz;

import java.util.Arrays;

/**
 * Test helper: a cursor over a fuzzer's input that never fails. Reads past the end give 0 (or fewer bytes), so
 * every input, however short, builds something; little-endian, like the ETW data it stands for.
 */
final class FuzzInput {
    private final byte[] data;
    private int pos;

    FuzzInput(byte[] data) {
        this.data = data;
    }

    boolean hasRemaining() {
        return pos < data.length;
    }

    int remaining() {
        return data.length - pos;
    }

    int u8() {
        return pos < data.length ? data[pos++] & 0xFF : 0;
    }

    int u16() {
        return u8() | u8() << 8;
    }

    short i16() {
        return (short) u16();
    }

    long u64() {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (long) u8() << (8 * i);
        }
        return v;
    }

    /** Up to {@code n} bytes (fewer at the end of the input). */
    byte[] take(int n) {
        int k = Math.max(0, Math.min(n, remaining()));
        byte[] out = Arrays.copyOfRange(data, pos, pos + k);
        pos += k;
        return out;
    }

    byte[] rest() {
        return take(remaining());
    }
}
