package io.etw4j.core.internal.win32;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.etw4j.core.internal.FileTimes;
import io.etw4j.core.internal.OwnerProbe;
import io.etw4j.core.internal.SessionNames;
import io.etw4j.core.internal.Win32Errors;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * {@link OwnerProbe} on Windows: decides whether the process recorded in an etw4j session name still runs with
 * kernel32 ({@link Kernel32}) instead of {@link ProcessHandle}, whose lookup reports "no such process" when it is
 * merely denied access (a live agent running as another user would then look dead and its session would be stopped as
 * an orphan).
 *
 * <p>{@link #isAlive(long, long)}, in order; every doubt answers "alive", because etw4j never stops a session that
 * might be live:
 * <ol>
 *   <li>OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid). NULL with ERROR_INVALID_PARAMETER (87): no such
 *       process, <b>dead</b>. The OpenProcess page documents 87 for PID 0 (System Idle Process); that Windows also
 *       returns it for a PID no process has is inferred (the widely observed behaviour; not verified on a host here).
 *       NULL with ERROR_ACCESS_DENIED (5; documented for the System and CSRSS processes, and what a process of another
 *       user or a protected process gives) or any other error: <b>alive</b>.</li>
 *   <li>GetExitCodeProcess: an exit code other than STILL_ACTIVE (259): the process has terminated and only its
 *       object survives, <b>dead</b>. STILL_ACTIVE, or a failed call: <b>alive</b> (a process that exited with code
 *       259 is taken for alive; the GetExitCodeProcess page warns about exactly that ambiguity).</li>
 *   <li>GetProcessTimes: when both the creation time and {@code startMillis} are known (non-zero) and differ, the
 *       PID was reused by another process, <b>dead</b>; otherwise <b>alive</b>. The creation FILETIME is turned into
 *       epoch milliseconds with the JDK's own arithmetic (OpenJDK ProcessHandleImpl_win.c getStartTime:
 *       {@code FILETIME / 10000 - 11644473600000}), because the recorded value came from
 *       {@link ProcessHandle.Info#startInstant()} of the owner.</li>
 *   <li>CloseHandle on every path once OpenProcess returned a handle, exactly once.</li>
 * </ol>
 * A PID outside the DWORD range cannot name a Windows process: dead, without a call.
 *
 * <p>{@link #self(String)} is answered from {@link ProcessHandle#current()}, as on every OS, so the start time recorded
 * in names is the one {@link #isAlive} compares against. Thread-safe (no mutable state).
 */
public final class WindowsOwnerProbe implements OwnerProbe {

    private final Kernel32 k32;
    private final IntSupplier lastError;

    /**
     * The probe over the real kernel32.dll (loaded now).
     *
     * @throws io.etw4j.core.UnsupportedPlatformException if the JVM does not run on Windows
     */
    public WindowsOwnerProbe() {
        this(Kernel32.load(), Native::getLastError);
    }

    /** Over another binding (tests: a Java stand-in for kernel32 and its last error). */
    WindowsOwnerProbe(Kernel32 k32, IntSupplier lastError) {
        this.k32 = Objects.requireNonNull(k32, "k32");
        this.lastError = Objects.requireNonNull(lastError, "lastError");
    }

    @Override
    public SessionNames.Owned self(String logicalName) {
        return OwnerProbe.currentProcess(logicalName);
    }

    @Override
    public boolean isAlive(long pid, long startMillis) {
        if (pid < 0 || pid > 0xFFFF_FFFFL) {
            return false; // dwProcessId is a DWORD: no process has this id
        }
        Pointer process = k32.OpenProcess(Kernel32.PROCESS_QUERY_LIMITED_INFORMATION, 0, (int) pid);
        if (process == null) {
            // Read at once: the next native call on this thread would overwrite it.
            return lastError.getAsInt() != Win32Errors.ERROR_INVALID_PARAMETER;
        }
        try {
            IntByReference exitCode = new IntByReference();
            if (k32.GetExitCodeProcess(process, exitCode) == 0) {
                return true; // cannot tell: alive
            }
            if (exitCode.getValue() != Kernel32.STILL_ACTIVE) {
                return false; // terminated; the handle only keeps the process object
            }
            long created = creationMillis(process);
            return startMillis == 0 || created == 0 || created == startMillis;
        } finally {
            k32.CloseHandle(process);
        }
    }

    /** The process's creation time in epoch milliseconds as the JDK computes it, or 0 if it cannot be read. */
    private long creationMillis(Pointer process) {
        Memory times = new Memory(4 * 8); // four FILETIMEs, 8 bytes each (minwinbase.h FILETIME)
        times.clear();
        if (k32.GetProcessTimes(process, times, times.share(8), times.share(16), times.share(24)) == 0) {
            return 0;
        }
        long fileTime = times.getLong(0); // dwLowDateTime then dwHighDateTime = one little-endian u64 on x64
        // FileTimes gives the JDK's own value for every FILETIME after 1601: FILETIME / 10000 - 11644473600000
        return fileTime == 0 ? 0 : FileTimes.toInstant(fileTime).toEpochMilli();
    }
}
