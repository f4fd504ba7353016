package io.etw4j.scm.internal.preflight;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.etw4j.core.UnsupportedPlatformException;
import java.nio.charset.StandardCharsets;

/**
 * The EVENT_TRACE_PROPERTIES blocks QueryAllTracesW fills, one per session. Not thread-safe; native memory is freed
 * when the blocks become unreachable (JNA {@link Memory}).
 *
 * <p>Layout (EVENT_TRACE_PROPERTIES and WNODE_HEADER of the Windows SDK headers evntrace.h and wmistr.h): the x64
 * structure is 0x78 bytes; Wnode.BufferSize (u32) at 0x00 holds the size of the whole block; LogFileNameOffset (u32) at
 * 0x70 and LoggerNameOffset (u32) at 0x74 locate the two names that ETW writes after the structure. Each block here is
 * 0x78 bytes plus 1,024 WCHARs per name (session names are limited to 1,024 characters, StartTraceW documentation).
 *
 * <p>These offsets hold for a 64-bit process only: EVENT_TRACE_PROPERTIES has a HANDLE (LoggerThreadId) before the
 * two name offsets, 8 bytes on x64 and 4 on x86, so a 32-bit JVM would see different offsets and size. Rather than
 * carry a second, unverified layout, a 32-bit JVM is refused by {@link #requireX64(int)} before any block is built,
 * as etw-core's WindowsEtwNative refuses it for live sessions.
 */
final class TracePropertiesArray {
    static final int PROPERTIES_SIZE = 0x78;
    static final int BUFFER_SIZE_OFFSET = 0x00;
    static final int LOG_FILE_NAME_OFFSET_OFFSET = 0x70;
    static final int LOGGER_NAME_OFFSET_OFFSET = 0x74;
    static final int NAME_BYTES = 1024 * 2;
    static final int BLOCK_SIZE = PROPERTIES_SIZE + 2 * NAME_BYTES;

    /** The pointer size (bytes) the offsets above assume: x64. */
    static final int X64_POINTER_SIZE = 8;

    private final Memory[] blocks;

    /**
     * Refuses a JVM whose pointers are not 8 bytes wide, the way WindowsEtwNative does (an
     * {@link UnsupportedPlatformException} naming the 64-bit requirement and this JVM's OS and architecture).
     *
     * @param pointerSize the JVM's pointer size in bytes ({@code Native.POINTER_SIZE})
     * @throws UnsupportedPlatformException if {@code pointerSize} is not 8
     */
    static void requireX64(int pointerSize) {
        if (pointerSize != X64_POINTER_SIZE) {
            throw new UnsupportedPlatformException(
                    "the etw4j preflight (QueryAllTracesW with x64 EVENT_TRACE_PROPERTIES offsets; 64-bit JVM only)",
                    System.getProperty("os.name", "unknown") + " " + System.getProperty("os.arch", "") + ", "
                            + pointerSize * 8 + "-bit JVM");
        }
    }

    TracePropertiesArray(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        blocks = new Memory[count];
        for (int i = 0; i < count; i++) {
            Memory m = new Memory(BLOCK_SIZE);
            m.clear();
            m.setInt(BUFFER_SIZE_OFFSET, BLOCK_SIZE);
            m.setInt(LOGGER_NAME_OFFSET_OFFSET, PROPERTIES_SIZE);
            m.setInt(LOG_FILE_NAME_OFFSET_OFFSET, PROPERTIES_SIZE + NAME_BYTES);
            blocks[i] = m;
        }
    }

    /** The pointers to pass as PropertyArray. */
    Pointer[] pointers() {
        Pointer[] p = new Pointer[blocks.length];
        System.arraycopy(blocks, 0, p, 0, blocks.length);
        return p;
    }

    int count() {
        return blocks.length;
    }

    /** The block {@code i}, for inspection. */
    Memory block(int i) {
        return blocks[i];
    }

    /** The session name ETW wrote into block {@code i} (UTF-16LE at LoggerNameOffset, NUL-terminated). */
    String loggerName(int i) {
        Memory m = blocks[i];
        int offset = m.getInt(LOGGER_NAME_OFFSET_OFFSET);
        if (offset < PROPERTIES_SIZE || offset > BLOCK_SIZE - 2) {
            return "";
        }
        byte[] bytes = m.getByteArray(offset, Math.min(NAME_BYTES, BLOCK_SIZE - offset));
        int end = 0;
        while (end + 1 < bytes.length && (bytes[end] != 0 || bytes[end + 1] != 0)) {
            end += 2;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_16LE);
    }
}
