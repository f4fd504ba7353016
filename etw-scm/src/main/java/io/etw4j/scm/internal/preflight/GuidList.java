package io.etw4j.scm.internal.preflight;

import io.etw4j.core.PayloadReader;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the output of EnumerateTraceGuidsEx(TraceGuidQueryList): a packed array of GUIDs, 16 bytes each in the
 * Windows memory layout (guiddef.h), as many as ReturnLength / 16 (learn.microsoft.com "EnumerateTraceGuidsEx").
 */
final class GuidList {
    private GuidList() {
    }

    static Set<UUID> parse(byte[] buffer, int length) {
        int usable = Math.min(length, buffer.length) / 16 * 16;
        Set<UUID> out = new LinkedHashSet<>();
        for (int off = 0; off < usable; off += 16) {
            out.add(PayloadReader.guidAt(buffer, off));
        }
        return out;
    }
}
