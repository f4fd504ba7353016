package io.etw4j.core.internal.win32;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The one binding of tdh.dll: every tdh.dll function etw4j calls (tdh.h, Windows SDK 10.0), mapped with the SDK's
 * names and the project's rules: ULONG as {@code int}, pointers as {@link Pointer}, {@code ULONG *} as
 * {@link IntByReference} (a 4-byte cell on every OS), wide strings passed as explicit NUL-terminated UTF-16LE memory.
 * etw-core lists the registered providers with it (TdhEnumerateProviders); etw-decode reads event schemas and value
 * maps (TdhGetEventInformation, TdhGetEventMapInformation).
 *
 * <p>Obtain it with {@link TdhLoader#load(String)}: tdh.dll is loaded lazily, on first use, and only on Windows;
 * elsewhere a {@link io.etw4j.core.UnsupportedPlatformException} is thrown and nothing native is touched. Tests
 * implement this interface in Java. Thread-safety: TdhEnumerateProviders keeps no state between calls (inferred from
 * its documentation, which describes no handle or context).
 */
public interface Tdh extends Library {
    /** ERROR_SUCCESS (winerror.h). */
    int ERROR_SUCCESS = 0;
    /**
     * ERROR_INSUFFICIENT_BUFFER (winerror.h, 122): the buffer is too small and {@code *pBufferSize} holds the size
     * needed (learn.microsoft.com "TdhEnumerateProviders function (tdh.h)", return value).
     */
    int ERROR_INSUFFICIENT_BUFFER = 122;
    /** ERROR_NOT_FOUND (winerror.h): TDH has no schema (or no such map) for the event. */
    int ERROR_NOT_FOUND = 1168;

    /**
     * {@code TDHSTATUS TdhEnumerateProviders(PPROVIDER_ENUMERATION_INFO pBuffer, ULONG *pBufferSize)} (tdh.h;
     * learn.microsoft.com "TdhEnumerateProviders function (tdh.h)"): every provider that registered a manifest or a
     * MOF class on the computer. {@code *pBufferSize} is the size of {@code pBuffer} on entry; on success it receives
     * the size used; when the buffer is too small (or the size is 0 on entry, when nothing is written) the function
     * returns ERROR_INSUFFICIENT_BUFFER and sets it to the size needed. The number of registered providers may change
     * between calls, so callers loop until the answer is not ERROR_INSUFFICIENT_BUFFER (same page, remarks).
     *
     * @param pBuffer     a PROVIDER_ENUMERATION_INFO buffer of {@code *pBufferSize} bytes, or null with size 0
     * @param pBufferSize in: the buffer's size in bytes; out: the size used or needed
     * @return a Win32 error code (TDHSTATUS is a ULONG)
     */
    int TdhEnumerateProviders(Pointer pBuffer, IntByReference pBufferSize);

    /**
     * {@code TDHSTATUS TdhGetEventInformation(PEVENT_RECORD Event, ULONG TdhContextCount, PTDH_CONTEXT TdhContext,
     * PTRACE_EVENT_INFO Buffer, PULONG BufferSize)} (tdh.h; learn.microsoft.com "TdhGetEventInformation function").
     *
     * @param event           the EVENT_RECORD
     * @param tdhContextCount number of TDH_CONTEXT entries
     * @param tdhContext      the TDH_CONTEXT array, or null
     * @param buffer          a TRACE_EVENT_INFO buffer of {@code *bufferSize} bytes, or null with size 0
     * @param bufferSize      in: the buffer's size in bytes; out: the size used or needed
     * @return a Win32 error code
     */
    int TdhGetEventInformation(Pointer event, int tdhContextCount, Pointer tdhContext, Pointer buffer,
            IntByReference bufferSize);

    /**
     * {@code TDHSTATUS TdhGetEventMapInformation(PEVENT_RECORD pEvent, PWSTR pMapName, PEVENT_MAP_INFO pBuffer,
     * ULONG *pBufferSize)} (tdh.h; learn.microsoft.com "TdhGetEventMapInformation function").
     *
     * @param event      the EVENT_RECORD
     * @param mapName    the map's name, NUL-terminated UTF-16LE
     * @param buffer     an EVENT_MAP_INFO buffer of {@code *bufferSize} bytes, or null with size 0
     * @param bufferSize in: the buffer's size in bytes; out: the size used or needed
     * @return a Win32 error code
     */
    int TdhGetEventMapInformation(Pointer event, Pointer mapName, Pointer buffer, IntByReference bufferSize);
}
