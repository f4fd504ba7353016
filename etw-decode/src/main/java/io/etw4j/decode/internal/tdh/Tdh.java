package io.etw4j.decode.internal.tdh;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The two tdh.dll functions etw4j calls (tdh.h), mapped for JNA with the project's rules: ULONG as {@code int},
 * pointers as {@link Pointer}, PULONG as {@link IntByReference} (a 4-byte cell on every OS), wide strings passed as
 * explicit NUL-terminated UTF-16LE memory. Loaded only on Windows by {@link TdhLoader}; tests implement it in Java.
 */
public interface Tdh extends Library {
    /** ERROR_SUCCESS (winerror.h). */
    int ERROR_SUCCESS = 0;
    /** ERROR_INSUFFICIENT_BUFFER (winerror.h): *pBufferSize now holds the size needed. */
    int ERROR_INSUFFICIENT_BUFFER = 122;
    /** ERROR_NOT_FOUND (winerror.h): TDH has no schema (or no such map) for the event. */
    int ERROR_NOT_FOUND = 1168;

    /**
     * {@code TDHSTATUS TdhGetEventInformation(PEVENT_RECORD Event, ULONG TdhContextCount, PTDH_CONTEXT TdhContext,
     * PTRACE_EVENT_INFO Buffer, PULONG BufferSize)} (tdh.h; learn.microsoft.com "TdhGetEventInformation function").
     */
    int TdhGetEventInformation(Pointer event, int tdhContextCount, Pointer tdhContext, Pointer buffer,
            IntByReference bufferSize);

    /**
     * {@code TDHSTATUS TdhGetEventMapInformation(PEVENT_RECORD pEvent, PWSTR pMapName, PEVENT_MAP_INFO pBuffer,
     * ULONG *pBufferSize)} (tdh.h; learn.microsoft.com "TdhGetEventMapInformation function").
     */
    int TdhGetEventMapInformation(Pointer event, Pointer mapName, Pointer buffer, IntByReference bufferSize);
}
