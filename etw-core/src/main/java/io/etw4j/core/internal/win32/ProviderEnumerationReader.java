package io.etw4j.core.internal.win32;

import io.etw4j.core.EtwException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads what TdhEnumerateProviders wrote: a PROVIDER_ENUMERATION_INFO, that is NumberOfProviders (ULONG at 0x0),
 * Reserved (ULONG at 0x4) and an array of NumberOfProviders TRACE_PROVIDER_INFO of 0x18 bytes each from 0x8
 * (ProviderGuid at +0x0, SchemaSource at +0x10, ProviderNameOffset at +0x14), then the names: NUL-terminated UTF-16LE
 * strings, each at its ProviderNameOffset counted from the start of the buffer (tdh.h; learn.microsoft.com
 * "PROVIDER_ENUMERATION_INFO structure (tdh.h)" and "TRACE_PROVIDER_INFO structure (tdh.h)"; sizes and offsets
 * asserted by {@code StructLayoutTest} against {@link EtwStructures}).
 *
 * <p>Nothing in the buffer is trusted: the count must fit the bytes Windows reported, and each name offset must
 * point past the array and into the buffer, with its NUL before the end. Anything else is an {@link EtwException}
 * naming the problem, never a read outside the buffer. The names are decoded as UTF-16LE explicitly (never JNA's
 * {@code wchar_t}, which is 4 bytes on Linux). Stateless, thread-safe.
 */
final class ProviderEnumerationReader {
    /** sizeof the PROVIDER_ENUMERATION_INFO head, and the offset of TraceProviderInfoArray. */
    static final int HEAD_SIZE = 0x8;
    static final int HEAD_NUMBER_OF_PROVIDERS = 0x0;
    /** sizeof(TRACE_PROVIDER_INFO). */
    static final int INFO_SIZE = 0x18;
    static final int INFO_PROVIDER_GUID = 0x0;
    static final int INFO_SCHEMA_SOURCE = 0x10;
    static final int INFO_PROVIDER_NAME_OFFSET = 0x14;

    /** One TRACE_PROVIDER_INFO with its name read. */
    record Entry(UUID guid, int schemaSource, String name) {
    }

    private ProviderEnumerationReader() {
    }

    /**
     * The providers in {@code buffer[0, length)}, in buffer order.
     *
     * @throws EtwException if the buffer does not have the documented shape
     */
    static List<Entry> read(byte[] buffer, int length) {
        if (length < 0 || length > buffer.length) {
            throw malformed("length " + length + " outside the " + buffer.length + "-byte buffer");
        }
        if (length == 0) {
            return List.of();
        }
        require(length >= HEAD_SIZE, "the head needs " + HEAD_SIZE + " bytes, got " + length);
        ByteBuffer b = ByteBuffer.wrap(buffer, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        long count = Integer.toUnsignedLong(b.getInt(HEAD_NUMBER_OF_PROVIDERS));
        long arrayEnd = HEAD_SIZE + count * INFO_SIZE;
        require(arrayEnd <= length, "NumberOfProviders " + count + " needs " + arrayEnd + " bytes, the buffer has "
                + length);
        List<Entry> out = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            int at = HEAD_SIZE + i * INFO_SIZE;
            UUID guid = guid(b, at + INFO_PROVIDER_GUID);
            int schemaSource = b.getInt(at + INFO_SCHEMA_SOURCE);
            long nameOffset = Integer.toUnsignedLong(b.getInt(at + INFO_PROVIDER_NAME_OFFSET));
            require(nameOffset >= arrayEnd && nameOffset + 2 <= length, "provider " + i + " (" + guid
                    + "): ProviderNameOffset " + nameOffset + " is not between the end of the array (" + arrayEnd
                    + ") and the end of the buffer (" + length + ")");
            out.add(new Entry(guid, schemaSource, name(buffer, (int) nameOffset, length, i)));
        }
        return out;
    }

    private static String name(byte[] buffer, int offset, int length, int index) {
        int end = offset;
        while (end + 1 < length && (buffer[end] != 0 || buffer[end + 1] != 0)) {
            end += 2;
        }
        require(end + 1 < length, "provider " + index + ": the name at " + offset
                + " has no NUL before the end of the buffer (" + length + ")");
        return new String(buffer, offset, end - offset, StandardCharsets.UTF_16LE);
    }

    /** guiddef.h GUID at {@code at}: Data1 u32, Data2 u16, Data3 u16 little-endian, then Data4[8] in order. */
    private static UUID guid(ByteBuffer b, int at) {
        long msb = Integer.toUnsignedLong(b.getInt(at)) << 32 | (b.getShort(at + 4) & 0xFFFFL) << 16
                | (b.getShort(at + 6) & 0xFFFFL);
        long lsb = Long.reverseBytes(b.getLong(at + 8)); // Data4[0] is the most significant byte
        return new UUID(msb, lsb);
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw malformed(what);
        }
    }

    private static EtwException malformed(String what) {
        return new EtwException("TdhEnumerateProviders returned a malformed PROVIDER_ENUMERATION_INFO: " + what);
    }
}
