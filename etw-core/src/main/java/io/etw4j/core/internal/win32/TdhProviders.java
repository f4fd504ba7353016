package io.etw4j.core.internal.win32;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The one tdh.dll function etw-core calls (tdh.h, Windows SDK 10.0), mapped with the SDK's names and the project's
 * rules: ULONG as {@code int}, pointers as {@link Pointer}, {@code ULONG *} as {@link IntByReference} (a 4-byte cell on
 * every OS). The etw-decode module binds tdh.dll's schema functions separately; both load the same DLL.
 *
 * <p>Obtain it with {@link TdhProvidersLoader#load()}: tdh.dll is loaded lazily, on first use, and only on Windows;
 * elsewhere a {@link io.etw4j.core.UnsupportedPlatformException} is thrown and nothing native is touched. Tests
 * implement this interface in Java. Thread-safety: TdhEnumerateProviders keeps no state between calls (inferred from
 * its documentation, which describes no handle or context).
 */
public interface TdhProviders extends Library {
    /** ERROR_SUCCESS (winerror.h). */
    int ERROR_SUCCESS = 0;
    /**
     * ERROR_INSUFFICIENT_BUFFER (winerror.h, 122): the buffer is too small and {@code *pBufferSize} holds the size
     * needed (learn.microsoft.com "TdhEnumerateProviders function (tdh.h)", return value).
     */
    int ERROR_INSUFFICIENT_BUFFER = 122;

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
}
