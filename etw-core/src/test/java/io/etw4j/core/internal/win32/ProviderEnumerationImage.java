package io.etw4j.core.internal.win32;

import io.etw4j.core.testing.LeBytes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Builds PROVIDER_ENUMERATION_INFO images by hand, at the tdh.h x64 offsets written out as literals (head 0x8:
 * NumberOfProviders@0, Reserved@4; TRACE_PROVIDER_INFO 0x18: ProviderGuid@0, SchemaSource@0x10,
 * ProviderNameOffset@0x14; names as NUL-terminated UTF-16LE after the array), independently of the reader's constants.
 */
final class ProviderEnumerationImage {
    record Entry(UUID guid, int schemaSource, String name) {
    }

    private final List<Entry> entries = new ArrayList<>();

    ProviderEnumerationImage add(String guid, int schemaSource, String name) {
        entries.add(new Entry(UUID.fromString(guid), schemaSource, name));
        return this;
    }

    /** The image: head, array, then the names in order, each at the offset its entry records. */
    byte[] bytes() {
        int arrayEnd = 8 + entries.size() * 24;
        int size = arrayEnd;
        for (Entry e : entries) {
            size += e.name().getBytes(StandardCharsets.UTF_16LE).length + 2;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, entries.size());
        b.putInt(4, 0);
        int nameAt = arrayEnd;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            int at = 8 + i * 24;
            writeGuid(b, at, e.guid());
            b.putInt(at + 0x10, e.schemaSource());
            b.putInt(at + 0x14, nameAt);
            byte[] name = e.name().getBytes(StandardCharsets.UTF_16LE);
            b.position(nameAt);
            b.put(name);
            b.putShort((short) 0);
            nameAt += name.length + 2;
        }
        return b.array();
    }

    /** guiddef.h: Data1 u32 LE, Data2 u16 LE, Data3 u16 LE, Data4[8] in order. */
    static void writeGuid(ByteBuffer b, int at, UUID g) {
        b.put(at, LeBytes.guidBytes(g));
    }

    static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
