package io.etw4j.core.internal.win32;

import com.sun.jna.Pointer;
import io.etw4j.core.internal.ProviderInstance;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what EnumerateTraceGuidsEx(TraceGuidQueryInfo) wrote: a TRACE_GUID_INFO header, then InstanceCount
 * TRACE_PROVIDER_INSTANCE_INFO blocks, each directly followed by its EnableCount TRACE_ENABLE_INFO structures; the next
 * block starts NextOffset bytes after the start of the current one, and NextOffset 0 ends the list (evntrace.h;
 * learn.microsoft.com "TRACE_PROVIDER_INSTANCE_INFO structure"; sizes and offsets asserted by
 * {@code StructLayoutTest} against {@link EtwStructures}).
 *
 * <p>Every read is bounded by the length Windows reported: a block, a count or an offset that points outside it is a
 * {@link MalformedTraceGuidInfoException}, never a read past the buffer. Stateless, thread-safe.
 */
final class TraceGuidInfoReader {
    /** sizeof(TRACE_GUID_INFO). */
    static final int GUID_INFO_SIZE = 0x8;
    static final int GUID_INFO_INSTANCE_COUNT = 0x0;
    /** sizeof(TRACE_PROVIDER_INSTANCE_INFO). */
    static final int INSTANCE_SIZE = 0x10;
    static final int INSTANCE_NEXT_OFFSET = 0x0;
    static final int INSTANCE_ENABLE_COUNT = 0x4;
    static final int INSTANCE_PID = 0x8;
    static final int INSTANCE_FLAGS = 0xC;
    /** sizeof(TRACE_ENABLE_INFO). */
    static final int ENABLE_SIZE = 0x20;
    static final int ENABLE_IS_ENABLED = 0x0;
    static final int ENABLE_LEVEL = 0x4;
    static final int ENABLE_LOGGER_ID = 0x6;
    static final int ENABLE_ENABLE_PROPERTY = 0x8;
    static final int ENABLE_MATCH_ANY = 0x10;
    static final int ENABLE_MATCH_ALL = 0x18;

    private TraceGuidInfoReader() {
    }

    /**
     * The instances in {@code buffer[0, length)}.
     *
     * @throws MalformedTraceGuidInfoException if a structure does not fit in {@code length} bytes
     */
    static List<ProviderInstance> read(Pointer buffer, int length) {
        if (length == 0) {
            return List.of();
        }
        require(length >= GUID_INFO_SIZE, "TRACE_GUID_INFO needs 8 bytes, got " + length);
        long count = Integer.toUnsignedLong(buffer.getInt(GUID_INFO_INSTANCE_COUNT));
        List<ProviderInstance> out = new ArrayList<>();
        long offset = GUID_INFO_SIZE;
        for (long i = 0; i < count; i++) {
            require(offset + INSTANCE_SIZE <= length, "TRACE_PROVIDER_INSTANCE_INFO " + i + " at " + offset
                    + " does not fit in " + length + " bytes");
            long next = Integer.toUnsignedLong(buffer.getInt(offset + INSTANCE_NEXT_OFFSET));
            long enableCount = Integer.toUnsignedLong(buffer.getInt(offset + INSTANCE_ENABLE_COUNT));
            long enablesEnd = offset + INSTANCE_SIZE + enableCount * ENABLE_SIZE;
            require(enablesEnd <= length, "instance " + i + ": " + enableCount
                    + " TRACE_ENABLE_INFO do not fit in " + length + " bytes");
            List<ProviderInstance.Enable> enables = new ArrayList<>((int) enableCount);
            for (long j = 0; j < enableCount; j++) {
                long e = offset + INSTANCE_SIZE + j * ENABLE_SIZE;
                enables.add(new ProviderInstance.Enable(
                        buffer.getShort(e + ENABLE_LOGGER_ID) & 0xFFFF,
                        buffer.getInt(e + ENABLE_IS_ENABLED) != 0,
                        buffer.getByte(e + ENABLE_LEVEL) & 0xFF,
                        buffer.getInt(e + ENABLE_ENABLE_PROPERTY),
                        buffer.getLong(e + ENABLE_MATCH_ANY),
                        buffer.getLong(e + ENABLE_MATCH_ALL)));
            }
            out.add(new ProviderInstance(buffer.getInt(offset + INSTANCE_PID), buffer.getInt(offset + INSTANCE_FLAGS),
                    enables));
            if (next == 0) {
                break; // the last block, whatever InstanceCount said
            }
            require(next >= enablesEnd - offset, "instance " + i + ": NextOffset " + next
                    + " points into its own TRACE_ENABLE_INFO blocks");
            offset += next;
        }
        return out;
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new MalformedTraceGuidInfoException(what);
        }
    }

    /** The EnumerateTraceGuidsEx output does not have the documented shape. */
    static final class MalformedTraceGuidInfoException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        MalformedTraceGuidInfoException(String message) {
            super("malformed TRACE_GUID_INFO: " + message);
        }
    }
}
