package io.etw4j.core.internal.win32;

import com.sun.jna.Pointer;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the output of EnumerateTraceGuidsEx(TraceGuidQueryList): a packed array of GUIDs, 16 bytes each in the
 * Windows memory layout (guiddef.h), as many as ReturnLength / 16 (learn.microsoft.com "EnumerateTraceGuidsEx
 * function (evntrace.h)"). A partial trailing GUID is not read. Stateless, thread-safe.
 */
final class TraceGuidListReader {
    private TraceGuidListReader() {
    }

    /** The GUIDs in {@code buffer[0, length)}, in buffer order, duplicates once. */
    static Set<UUID> read(Pointer buffer, int length) {
        int usable = Math.max(length, 0) / Guids.SIZE * Guids.SIZE;
        Set<UUID> out = new LinkedHashSet<>();
        for (int off = 0; off < usable; off += Guids.SIZE) {
            out.add(Guids.read(buffer, off));
        }
        return out;
    }
}
