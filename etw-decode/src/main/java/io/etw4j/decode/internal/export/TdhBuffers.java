package io.etw4j.decode.internal.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Reads the two TDH enumeration buffers of a schema export (tdh.h; learn.microsoft.com "PROVIDER_ENUMERATION_INFO
 * structure", "TRACE_PROVIDER_INFO structure", "PROVIDER_EVENT_INFO structure", "EVENT_DESCRIPTOR structure
 * (evntprov.h)"), x64 layouts: PROVIDER_ENUMERATION_INFO is NumberOfProviders (ULONG 0x0), Reserved (0x4) and
 * TRACE_PROVIDER_INFO[] from 0x8, each 0x18 bytes (ProviderGuid 0x0, SchemaSource 0x10, ProviderNameOffset 0x14,
 * the name a NUL-terminated UTF-16LE string at that offset from the buffer's start); PROVIDER_EVENT_INFO is
 * NumberOfEvents (ULONG 0x0), Reserved (0x4) and EVENT_DESCRIPTOR[] from 0x8, each 0x10 bytes (Id USHORT 0x0,
 * Version 0x2, Channel 0x3, Level 0x4, Opcode 0x5 UCHAR, Task USHORT 0x6, Keyword ULONGLONG 0x8). Nothing is
 * trusted: a count that does not fit, a name offset outside the buffer or a name without its NUL skips what depends
 * on it, never reads outside the buffer. Stateless.
 */
public final class TdhBuffers {
    static final int HEAD = 0x8;
    static final int PROVIDER_INFO_SIZE = 0x18;
    static final int PROVIDER_SCHEMA_SOURCE = 0x10;
    static final int PROVIDER_NAME_OFFSET = 0x14;
    static final int DESCRIPTOR_SIZE = 0x10;
    /** TRACE_PROVIDER_INFO.SchemaSource: 0 for a manifest, 1 for a MOF class (same page). */
    public static final int SCHEMA_SOURCE_MANIFEST = 0;

    /** One TRACE_PROVIDER_INFO. */
    public record Provider(UUID guid, int schemaSource, String name) {
    }

    private TdhBuffers() {
    }

    /** The providers of a PROVIDER_ENUMERATION_INFO, in buffer order; malformed entries are skipped. */
    public static List<Provider> providers(byte[] b) {
        List<Provider> out = new ArrayList<>();
        if (b == null || b.length < HEAD) {
            return out;
        }
        ByteBuffer w = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long count = Integer.toUnsignedLong(w.getInt(0));
        long arrayEnd = HEAD + count * PROVIDER_INFO_SIZE;
        if (arrayEnd > b.length) {
            return out;
        }
        for (int i = 0; i < count; i++) {
            int at = HEAD + i * PROVIDER_INFO_SIZE;
            long nameAt = Integer.toUnsignedLong(w.getInt(at + PROVIDER_NAME_OFFSET));
            String name = nameAt >= arrayEnd ? utf16z(b, nameAt) : null;
            if (name != null) {
                out.add(new Provider(guid(b, at), w.getInt(at + PROVIDER_SCHEMA_SOURCE), name));
            }
        }
        return out;
    }

    /** The EVENT_DESCRIPTORs (16 bytes each, copies) of a PROVIDER_EVENT_INFO; empty if it does not fit. */
    public static List<byte[]> descriptors(byte[] b) {
        List<byte[]> out = new ArrayList<>();
        if (b == null || b.length < HEAD) {
            return out;
        }
        long count = Integer.toUnsignedLong(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(0));
        if (HEAD + count * DESCRIPTOR_SIZE > b.length) {
            return out;
        }
        for (int i = 0; i < count; i++) {
            out.add(Arrays.copyOfRange(b, HEAD + i * DESCRIPTOR_SIZE, HEAD + (i + 1) * DESCRIPTOR_SIZE));
        }
        return out;
    }

    /** guiddef.h GUID at {@code at}: Data1 u32, Data2 u16, Data3 u16 little-endian, then Data4[8] in order. */
    public static UUID guid(byte[] b, int at) {
        ByteBuffer w = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long msb = Integer.toUnsignedLong(w.getInt(at)) << 32 | (w.getShort(at + 4) & 0xFFFFL) << 16
                | (w.getShort(at + 6) & 0xFFFFL);
        return new UUID(msb, w.order(ByteOrder.BIG_ENDIAN).getLong(at + 8));
    }

    /** {@code g} as a GUID's 16 bytes. */
    public static byte[] bytes(UUID g) {
        ByteBuffer w = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        long msb = g.getMostSignificantBits();
        w.putInt((int) (msb >>> 32)).putShort((short) (msb >>> 16)).putShort((short) msb);
        w.order(ByteOrder.BIG_ENDIAN).putLong(g.getLeastSignificantBits());
        return w.array();
    }

    private static String utf16z(byte[] b, long at) {
        if (at < 0 || at > b.length - 2L) {
            return null;
        }
        int end = (int) at;
        while (end + 1 < b.length && (b[end] != 0 || b[end + 1] != 0)) {
            end += 2;
        }
        return end + 1 < b.length ? new String(b, (int) at, end - (int) at, StandardCharsets.UTF_16LE) : null;
    }
}
