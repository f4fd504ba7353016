package io.etw4j.core.internal.win32;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.etw4j.core.UnsupportedPlatformException;

/**
 * The one binding of kernel32.dll: every kernel32 function etw4j calls, with the SDK's function and parameter names.
 * etw-core uses it to decide whether the owner of an etw4j session still runs; etw-scm to read a client process's
 * image path and start time. Prototypes from processthreadsapi.h, winbase.h and handleapi.h (learn.microsoft.com
 * "OpenProcess function (processthreadsapi.h)", "GetExitCodeProcess function (processthreadsapi.h)",
 * "GetProcessTimes function (processthreadsapi.h)", "QueryFullProcessImageNameW function (winbase.h)", "CloseHandle
 * function (handleapi.h)"):
 * <pre>
 * HANDLE OpenProcess(DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwProcessId);
 * BOOL GetExitCodeProcess(HANDLE hProcess, LPDWORD lpExitCode);
 * BOOL GetProcessTimes(HANDLE hProcess, LPFILETIME lpCreationTime, LPFILETIME lpExitTime, LPFILETIME lpKernelTime,
 * LPFILETIME lpUserTime); BOOL QueryFullProcessImageNameW(HANDLE hProcess, DWORD dwFlags, LPWSTR lpExeName, PDWORD
 * lpdwSize); BOOL CloseHandle(HANDLE hObject);
 * </pre>
 * Mapping rules as for {@link Advapi32}: {@code int} for DWORD and BOOL, {@link Pointer} for HANDLE and for the
 * FILETIME and string buffers (read explicitly as little-endian 64-bit values and UTF-16LE), never
 * NativeLong/char/WString. A plain {@link Library} for the same reason as {@link Advapi32} (x64 has one calling
 * convention). OpenProcess returns NULL on failure and the BOOL functions 0; the error is then GetLastError, which JNA
 * saves after every call ({@link Native#getLastError()}).
 *
 * <p>Obtain it with {@link #load()}: kernel32.dll is loaded (by {@link WindowsLibraries}) on first use and only on
 * Windows; elsewhere {@link UnsupportedPlatformException} is thrown and nothing native is touched. Thread-safe.
 */
public interface Kernel32 extends Library {
    /** PROCESS_QUERY_LIMITED_INFORMATION (winnt.h): enough for the exit code, the times and the image name. */
    int PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
    /**
     * STILL_ACTIVE (minwinbase.h, a macro for STATUS_PENDING = 259): the exit code GetExitCodeProcess reports while
     * the process has not terminated (learn.microsoft.com "GetExitCodeProcess function", Remarks).
     */
    int STILL_ACTIVE = 259;
    /** QueryFullProcessImageNameW dwFlags 0: the path in Win32 format (C:\...), not PROCESS_NAME_NATIVE (1). */
    int WIN32_PATH_FORMAT = 0;
    /** The longest path QueryFullProcessImageNameW can return, in characters (32,767 + NUL; Win32 long paths). */
    int MAX_LONG_PATH_CHARS = 32_768;

    Pointer OpenProcess(int dwDesiredAccess, int bInheritHandle, int dwProcessId);

    int GetExitCodeProcess(Pointer hProcess, IntByReference lpExitCode);

    int GetProcessTimes(Pointer hProcess, Pointer lpCreationTime, Pointer lpExitTime, Pointer lpKernelTime,
            Pointer lpUserTime);

    int QueryFullProcessImageNameW(Pointer hProcess, int dwFlags, Pointer lpExeName, IntByReference lpdwSize);

    int CloseHandle(Pointer hObject);

    /**
     * {@return kernel32, loaded on the first call}
     *
     * @throws UnsupportedPlatformException unless on Windows
     */
    static Kernel32 load() {
        return load(Platform.isWindows());
    }

    /** Visible for tests: the platform decision is an argument, so the non-Windows path can be tested anywhere. */
    static Kernel32 load(boolean isWindows) {
        return WindowsLibraries.load(isWindows, "kernel32", Kernel32.class,
                "Kernel32 (OpenProcess, GetExitCodeProcess)");
    }
}
