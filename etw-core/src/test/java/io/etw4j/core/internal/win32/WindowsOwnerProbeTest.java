package io.etw4j.core.internal.win32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.sun.jna.Memory;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.etw4j.core.UnsupportedPlatformException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link WindowsOwnerProbe} over a Java stand-in for kernel32 that behaves as the documented functions do
 * (learn.microsoft.com "OpenProcess function": NULL and GetLastError on failure; "GetExitCodeProcess function": writes
 * the exit code, STILL_ACTIVE while running; "GetProcessTimes function": writes four FILETIMEs; "CloseHandle
 * function"). The stand-in's last error is what the probe reads instead of {@code Native.getLastError()}. Every
 * branch of the decision is driven here, on any OS, with real JNA memory for the out parameters.
 */
class WindowsOwnerProbeTest {
    /** Epoch millis the owner recorded in its session name (ProcessHandle.Info.startInstant, JDK arithmetic). */
    private static final long START_MILLIS = 1_714_557_600_123L; // 2024-05-01T10:00:00.123Z

    /** Behaves like kernel32 for one process; records every call. */
    static class StandIn implements Kernel32 {
        final Pointer handle = new Memory(8);
        /** OpenProcess returns NULL and sets {@link #openError} as the last error. */
        boolean openFails;
        int openError;
        int exitCode = STILL_ACTIVE;
        boolean exitCodeFails;
        /** CreationTime FILETIME written by GetProcessTimes. */
        long creationFileTime = fileTimeOf(START_MILLIS) + 4_567; // sub-millisecond part must not matter
        boolean timesFail;
        int lastError;
        final List<String> calls = new ArrayList<>();
        final List<Pointer> closed = new ArrayList<>();

        @Override
        public Pointer OpenProcess(int dwDesiredAccess, int bInheritHandle, int dwProcessId) {
            calls.add("OpenProcess 0x" + Integer.toHexString(dwDesiredAccess) + " " + bInheritHandle + " "
                    + Integer.toUnsignedString(dwProcessId));
            if (openFails) {
                lastError = openError;
                return null;
            }
            return handle;
        }

        @Override
        public int GetExitCodeProcess(Pointer hProcess, IntByReference lpExitCode) {
            calls.add("GetExitCodeProcess");
            assertThat(hProcess).isEqualTo(handle);
            if (exitCodeFails) {
                lastError = 6; // ERROR_INVALID_HANDLE (winerror.h)
                return 0;
            }
            lpExitCode.setValue(exitCode);
            return 1;
        }

        @Override
        public int GetProcessTimes(Pointer hProcess, Pointer lpCreationTime, Pointer lpExitTime,
                Pointer lpKernelTime, Pointer lpUserTime) {
            calls.add("GetProcessTimes");
            assertThat(hProcess).isEqualTo(handle);
            if (timesFail) {
                lastError = 5;
                return 0;
            }
            lpCreationTime.setLong(0, creationFileTime);
            lpExitTime.setLong(0, 0);
            lpKernelTime.setLong(0, 11);
            lpUserTime.setLong(0, 22);
            return 1;
        }

        @Override
        public int CloseHandle(Pointer hObject) {
            calls.add("CloseHandle");
            closed.add(hObject);
            return 1;
        }

        /** Not called by the owner probe. */
        @Override
        public int QueryFullProcessImageNameW(Pointer hProcess, int dwFlags, Pointer lpExeName, IntByReference lpdwSize) {
            throw new UnsupportedOperationException("QueryFullProcessImageNameW");
        }
    }

    private final StandIn k32 = new StandIn();
    private final WindowsOwnerProbe probe = new WindowsOwnerProbe(k32, () -> k32.lastError);

    /** The FILETIME of epoch millis {@code millis} (FILETIME = 100 ns units since 1601, minwinbase.h). */
    static long fileTimeOf(long millis) {
        return (millis + 11_644_473_600_000L) * 10_000L;
    }

    private void assertClosedExactlyOnce() {
        assertThat(k32.closed).containsExactly(k32.handle);
    }

    // ------------------------------------------------------------------ OpenProcess fails

    @Test
    void deadWhenOpenProcessFailsWithInvalidParameter() {
        k32.openFails = true;
        k32.openError = 87; // ERROR_INVALID_PARAMETER (winerror.h)

        assertThat(probe.isAlive(4242, START_MILLIS)).isFalse();
        assertThat(k32.calls).containsExactly("OpenProcess 0x1000 0 4242");
        assertThat(k32.closed).isEmpty(); // no handle, nothing to close
    }

    @Test
    void aliveWhenOpenProcessIsDeniedAccess() {
        k32.openFails = true;
        k32.openError = 5; // ERROR_ACCESS_DENIED: e.g. a live agent running as another user

        assertThat(probe.isAlive(4242, START_MILLIS)).isTrue();
        assertThat(k32.calls).containsExactly("OpenProcess 0x1000 0 4242");
        assertThat(k32.closed).isEmpty();
    }

    @ParameterizedTest(name = "GetLastError {0}")
    @ValueSource(ints = {0, 6, 8, 31, 1450, -1})
    void aliveWhenOpenProcessFailsWithAnyOtherError(int error) {
        k32.openFails = true;
        k32.openError = error;

        assertThat(probe.isAlive(4242, START_MILLIS)).isTrue();
        assertThat(k32.calls).containsExactly("OpenProcess 0x1000 0 4242");
        assertThat(k32.closed).isEmpty();
    }

    // ------------------------------------------------------------------ GetExitCodeProcess

    @ParameterizedTest(name = "exit code {0}")
    @ValueSource(ints = {0, 1, 258, 260, -1, 0xC0000005})
    void deadWhenTheExitCodeIsNotStillActive(int exitCode) {
        k32.exitCode = exitCode;

        assertThat(probe.isAlive(4242, START_MILLIS)).isFalse();
        assertThat(k32.calls).containsExactly("OpenProcess 0x1000 0 4242", "GetExitCodeProcess", "CloseHandle");
        assertClosedExactlyOnce();
    }

    @Test
    void aliveWhenStillActiveAndStartedWhenRecorded() {
        assertThat(Kernel32.STILL_ACTIVE).isEqualTo(259); // minwinbase.h STATUS_PENDING

        assertThat(probe.isAlive(4242, START_MILLIS)).isTrue();
        assertThat(k32.calls).containsExactly("OpenProcess 0x1000 0 4242", "GetExitCodeProcess",
                "GetProcessTimes", "CloseHandle");
        assertClosedExactlyOnce();
    }

    @Test
    void aliveWhenGetExitCodeProcessFails() {
        k32.exitCodeFails = true;

        assertThat(probe.isAlive(4242, START_MILLIS)).isTrue();
        assertClosedExactlyOnce();
    }

    // ------------------------------------------------------------------ GetProcessTimes: PID reuse

    @Test
    void deadWhenThePidWasReusedByAProcessStartedAtAnotherTime() {
        k32.creationFileTime = fileTimeOf(START_MILLIS + 60_000); // same PID, a process started a minute later

        assertThat(probe.isAlive(4242, START_MILLIS)).isFalse();
        assertClosedExactlyOnce();
    }

    @Test
    void oneMillisecondApartIsAlreadyAnotherProcess() {
        k32.creationFileTime = fileTimeOf(START_MILLIS + 1);

        assertThat(probe.isAlive(4242, START_MILLIS)).isFalse();
    }

    @Test
    void theCreationTimeIsTruncatedToMillisecondsAsTheJdkDoes() {
        // OpenJDK ProcessHandleImpl_win.c getStartTime: FILETIME / 10000 - 11644473600000 (integer division).
        k32.creationFileTime = fileTimeOf(START_MILLIS) + 9_999;

        assertThat(probe.isAlive(4242, START_MILLIS)).isTrue();
    }

    @Test
    void aliveWhenTheRecordedStartTimeIsUnknown() {
        k32.creationFileTime = fileTimeOf(START_MILLIS + 60_000);

        assertThat(probe.isAlive(4242, 0)).isTrue();
        assertClosedExactlyOnce();
    }

    @Test
    void aliveWhenTheCreationTimeCannotBeRead() {
        k32.timesFail = true;

        assertThat(probe.isAlive(4242, START_MILLIS)).isTrue();
        assertClosedExactlyOnce();
    }

    @Test
    void aliveWhenTheCreationTimeIsZero() {
        k32.creationFileTime = 0;

        assertThat(probe.isAlive(4242, START_MILLIS)).isTrue();
        assertClosedExactlyOnce();
    }

    // ------------------------------------------------------------------ handles and arguments

    @Test
    void theHandleIsClosedEvenIfAQueryThrows() {
        StandIn throwing = new StandIn() {
            @Override
            public int GetExitCodeProcess(Pointer hProcess, IntByReference lpExitCode) {
                throw new IllegalStateException("boom");
            }
        };
        WindowsOwnerProbe p = new WindowsOwnerProbe(throwing, () -> throwing.lastError);

        assertThatThrownBy(() -> p.isAlive(4242, START_MILLIS)).hasMessage("boom");
        assertThat(throwing.closed).containsExactly(throwing.handle);
    }

    @Test
    void eachCallOpensAndClosesItsOwnHandle() {
        probe.isAlive(1, START_MILLIS);
        k32.exitCode = 0;
        probe.isAlive(2, START_MILLIS);
        k32.openFails = true;
        k32.openError = 87;
        probe.isAlive(3, START_MILLIS);

        assertThat(k32.calls.stream().filter(c -> c.startsWith("OpenProcess"))).hasSize(3);
        assertThat(k32.closed).hasSize(2); // the third OpenProcess returned no handle
    }

    @Test
    void thePidIsPassedAsAnUnsignedDword() {
        probe.isAlive(0xFFFF_FFFEL, 0);

        assertThat(k32.calls.get(0)).isEqualTo("OpenProcess 0x1000 0 4294967294");
    }

    @Test
    void aPidOutsideTheDwordRangeIsNoProcessAndNothingIsCalled() {
        assertThat(probe.isAlive(0x1_0000_0000L, START_MILLIS)).isFalse();
        assertThat(probe.isAlive(-1, START_MILLIS)).isFalse();
        assertThat(k32.calls).isEmpty();
    }

    @Test
    void selfIsThisProcessAsProcessHandleReportsIt() {
        assertThat(probe.self("x").pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(probe.self("x").logicalName()).isEqualTo("x");
        assertThat(k32.calls).isEmpty();
    }

    // ------------------------------------------------------------------ loading

    @Test
    void kernel32IsNotLoadedOffWindows() {
        assertThatThrownBy(() -> Kernel32.load(false))
                .isExactlyInstanceOf(UnsupportedPlatformException.class)
                .hasMessageContaining("needs Windows");
    }

    @Test
    void theRealProbeCannotBeBuiltOnThisNonWindowsJvm() {
        assumeFalse(Platform.isWindows(), "only meaningful off Windows");
        assertThatThrownBy(WindowsOwnerProbe::new).isExactlyInstanceOf(UnsupportedPlatformException.class);
    }
}
