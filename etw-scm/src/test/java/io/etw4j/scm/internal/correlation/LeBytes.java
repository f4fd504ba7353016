package io.etw4j.scm.internal.correlation;

import io.etw4j.core.internal.FileTimes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Test fixture: writes little-endian payload bytes field by field, as ETW lays out manifest event data. */
public final class LeBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public static LeBytes le() {
        return new LeBytes();
    }

    /** win:UInt16. */
    public LeBytes u16(int v) {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
        return this;
    }

    /** win:UInt32 (also win:Boolean, which TDH reads as 4 bytes). */
    public LeBytes u32(long v) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (v >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    /** win:UInt64. */
    public LeBytes u64(long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    /** win:Pointer of the given size. */
    public LeBytes pointer(long v, int size) {
        return size == 4 ? u32(v) : u64(v);
    }

    /** win:FILETIME: 100 ns units since 1601, as a u64. */
    public LeBytes fileTime(Instant t) {
        return u64(FileTimes.fromInstant(t));
    }

    /** win:UnicodeString: UTF-16LE code units and a 2-byte NUL. */
    public LeBytes utf16z(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_16LE));
        out.write(0);
        out.write(0);
        return this;
    }

    /** win:AnsiString: bytes (ISO-8859-1 here) and a 1-byte NUL. */
    public LeBytes ansiz(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        out.write(0);
        return this;
    }

    /** Raw bytes (e.g. a binary SID). */
    public LeBytes raw(byte... b) {
        out.writeBytes(b);
        return this;
    }

    public byte[] bytes() {
        return out.toByteArray();
    }
}
