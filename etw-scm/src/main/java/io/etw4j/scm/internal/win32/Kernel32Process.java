package io.etw4j.scm.internal.win32;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import java.util.Map;

/**
 * The kernel32 functions the live client lookup needs, with the SDK's names and parameter names. Prototypes from
 * processthreadsapi.h, winbase.h and handleapi.h (learn.microsoft.com "OpenProcess function",
 * "QueryFullProcessImageNameW function", "GetProcessTimes function", "CloseHandle function"):
 * <pre>
 * HANDLE OpenProcess(DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwProcessId);
 * BOOL QueryFullProcessImageNameW(HANDLE hProcess, DWORD dwFlags, LPWSTR lpExeName, PDWORD lpdwSize);
 * BOOL GetProcessTimes(HANDLE hProcess, LPFILETIME lpCreationTime, LPFILETIME lpExitTime, LPFILETIME lpKernelTime,
 *                      LPFILETIME lpUserTime);
 * BOOL CloseHandle(HANDLE hObject);
 * </pre>
 * Types follow the project's JNA rule (DEVELOPERS.md): int for DWORD and BOOL, Pointer for HANDLE and buffers (UTF-16
 * read explicitly, FILETIME read as a little-endian 64-bit value), never WString/char/NativeLong, whose sizes differ on
 * Linux. Loaded only by {@link #load()}, which only Windows code calls. JNA saves GetLastError after each call;
 * read it with {@link Native#getLastError()}.
 */
interface Kernel32Process extends StdCallLibrary {
    /** PROCESS_QUERY_LIMITED_INFORMATION (winnt.h): enough for the image name and times of any process. */
    int PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
    /** QueryFullProcessImageNameW dwFlags 0: the path in Win32 format (C:\...), not PROCESS_NAME_NATIVE (1). */
    int WIN32_PATH_FORMAT = 0;
    /** The longest path QueryFullProcessImageNameW can return, in characters (32,767 + NUL; Win32 long paths). */
    int MAX_LONG_PATH_CHARS = 32_768;

    Pointer OpenProcess(int dwDesiredAccess, int bInheritHandle, int dwProcessId);

    int QueryFullProcessImageNameW(Pointer hProcess, int dwFlags, Pointer lpExeName, IntByReference lpdwSize);

    int GetProcessTimes(Pointer hProcess, Pointer lpCreationTime, Pointer lpExitTime, Pointer lpKernelTime,
            Pointer lpUserTime);

    int CloseHandle(Pointer hObject);

    /** Loads kernel32 with last-error capture; call only on Windows. */
    static Kernel32Process load() {
        return Native.load("kernel32", Kernel32Process.class, Map.of(Library.OPTION_CALLING_CONVENTION,
                StdCallLibrary.STDCALL_CONVENTION));
    }
}
