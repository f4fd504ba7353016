package io.etw4j.decode.internal.tracelogging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds TraceLogging event metadata byte by byte from the format (see {@link TlMetadataParser}): UINT16 size, tag
 * bytes, event name, then fields. For tests only; nothing here reads the parser's code.
 */
public final class TlMeta {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private TlMeta() {
    }

    /** An event named {@code name} with a one-byte tag of 0. */
    public static TlMeta event(String name) {
        return new TlMeta().raw(0, 0).raw(0).str(name);
    }

    /** An event with explicit tag bytes (each but the last with the 0x80 chain bit). */
    public static TlMeta event(String name, int... tagBytes) {
        return new TlMeta().raw(0, 0).raw(tagBytes).str(name);
    }

    /** A field with in-type byte {@code in} only (no out-type). */
    public TlMeta field(String name, int in) {
        return str(name).raw(in);
    }

    /** A field with an out-type byte: the in-type byte gets the 0x80 chain bit. */
    public TlMeta field(String name, int in, int outByte) {
        return str(name).raw(in | 0x80, outByte);
    }

    public TlMeta str(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        return this;
    }

    public TlMeta raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    public TlMeta u16(int v) {
        return raw(v & 0xFF, (v >>> 8) & 0xFF);
    }

    /** The metadata with its UINT16 size filled in. */
    public byte[] bytes() {
        byte[] b = out.toByteArray();
        b[0] = (byte) b.length;
        b[1] = (byte) (b.length >>> 8);
        return b;
    }
}
