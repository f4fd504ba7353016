package io.etw4j.core.internal.win32;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.etw4j.core.UnsupportedPlatformException;

/**
 * The kernel32.dll functions that decide whether the owner of an etw4j session still runs, with the SDK's function
 * and parameter names. Prototypes from processthreadsapi.h and handleapi.h (learn.microsoft.com "OpenProcess function
 * (processthreadsapi.h)", "GetExitCodeProcess function (processthreadsapi.h)", "GetProcessTimes function
 * (processthreadsapi.h)", "CloseHandle function (handleapi.h)"):
 * <pre>
 * HANDLE OpenProcess(DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwProcessId);
 * BOOL GetExitCodeProcess(HANDLE hProcess, LPDWORD lpExitCode);
 * BOOL GetProcessTimes(HANDLE hProcess, LPFILETIME lpCreationTime, LPFILETIME lpExitTime, LPFILETIME lpKernelTime,
 *                      LPFILETIME lpUserTime);
 * BOOL CloseHandle(HANDLE hObject);
 * </pre>
 * Mapping rules as for {@link Advapi32Etw}: {@code int} for DWORD and BOOL, {@link Pointer} for HANDLE and for the
 * FILETIME buffers (read explicitly as little-endian 64-bit values), never NativeLong/char/WString. A plain
 * {@link Library} for the same reason as {@link Advapi32Etw} (x64 has one calling convention). OpenProcess returns NULL
 * on failure and the BOOL functions 0; the error is then GetLastError, which JNA saves after every call
 * ({@link Native#getLastError()}).
 *
 * <p>Obtain it with {@link #load()}: kernel32.dll is loaded on first use and only on Windows; elsewhere
 * {@link UnsupportedPlatformException} is thrown and nothing native is touched. Thread-safe.
 */
interface Kernel32Owner extends Library {
    /** PROCESS_QUERY_LIMITED_INFORMATION (winnt.h): enough for GetExitCodeProcess and GetProcessTimes. */
    int PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
    /**
     * STILL_ACTIVE (minwinbase.h, a macro for STATUS_PENDING = 259): the exit code GetExitCodeProcess reports while
     * the process has not terminated (learn.microsoft.com "GetExitCodeProcess function", Remarks).
     */
    int STILL_ACTIVE = 259;

    Pointer OpenProcess(int dwDesiredAccess, int bInheritHandle, int dwProcessId);

    int GetExitCodeProcess(Pointer hProcess, IntByReference lpExitCode);

    int GetProcessTimes(Pointer hProcess, Pointer lpCreationTime, Pointer lpExitTime, Pointer lpKernelTime,
            Pointer lpUserTime);

    int CloseHandle(Pointer hObject);

    /** kernel32, loaded on first call; only on Windows. */
    static Kernel32Owner load() {
        return load(Platform.isWindows());
    }

    /** Visible for tests: the platform decision is an argument, so the non-Windows path can be tested anywhere. */
    static Kernel32Owner load(boolean isWindows) {
        if (!isWindows) {
            throw new UnsupportedPlatformException("Kernel32Owner (OpenProcess, GetExitCodeProcess)",
                    System.getProperty("os.name", "unknown"));
        }
        return Kernel32OwnerHolder.INSTANCE;
    }
}

/** Initialised on first access only (JLS 12.4.1), so kernel32 is loaded only when {@link Kernel32Owner#load()} is. */
final class Kernel32OwnerHolder {
    static final Kernel32Owner INSTANCE = Native.load("kernel32", Kernel32Owner.class);

    private Kernel32OwnerHolder() {
    }
}
