package io.etw4j.core.internal.win32;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * Base class of every ETW structure in this package: pins the field alignment to the MSVC rule (each field aligned to
 * {@code min(8, natural size)}, the layout the Windows x64 SDK headers are compiled with) whatever the host OS, so that
 * {@code size()} and the field offsets computed on Linux equal the Windows x64 ones; {@code StructLayoutTest} asserts
 * every one of them.
 *
 * <p>Field types are limited to {@code int} (ULONG/LONG), {@code short} (USHORT/WCHAR), {@code byte} (UCHAR),
 * {@code long} (ULONGLONG/LARGE_INTEGER/TRACEHANDLE), {@link Pointer} (pointers and HANDLEs), {@code byte[]} (fixed
 * arrays, WCHAR arrays as UTF-16LE bytes), nested {@code WinStructure}s and, for function pointers, JNA callbacks.
 * Java {@code char}, {@code WString}, {@code NativeLong} and {@code boolean} have different sizes on Linux and Windows
 * and are not used (the layout test fails if one appears).
 *
 * <p>Not thread-safe, like every JNA {@link Structure}.
 */
public abstract class WinStructure extends Structure {

    protected WinStructure() {
        super(ALIGN_MSVC);
    }

    protected WinStructure(Pointer memory) {
        super(memory, ALIGN_MSVC);
    }

    /** The byte offset of {@code field} within this structure (JNA's computed layout). */
    public int offsetOf(String field) {
        return fieldOffset(field);
    }
}
