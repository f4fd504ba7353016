package io.etw4j.decode.internal.tracelogging;

import io.etw4j.core.testing.LeBytes;

/**
 * Builds TraceLogging event metadata byte by byte from the format (see {@link TlMetadataParser}): UINT16 size, tag
 * bytes, event name, then fields. For tests only; nothing here reads the parser's code.
 */
public final class TlMeta {
    private final LeBytes out = LeBytes.le();

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
        out.utf8z(s);
        return this;
    }

    public TlMeta raw(int... bytes) {
        out.raw(bytes);
        return this;
    }

    public TlMeta u16(int v) {
        out.u16(v);
        return this;
    }

    /** The metadata with its UINT16 size filled in. */
    public byte[] bytes() {
        return out.patch(0, out.size(), 2).bytes();
    }
}
