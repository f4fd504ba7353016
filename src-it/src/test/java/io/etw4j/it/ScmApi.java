package io.etw4j.it;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.Winsvc.SC_HANDLE;
import com.sun.jna.platform.win32.Winsvc;
import io.etw4j.samples.windows.ChangeServiceConfigCall;

/**
 * Creates, starts, reconfigures and deletes a service through advapi32 from this JVM (so the SCM sees this process as
 * the RPC client): jna-platform's {@link Advapi32} (wide functions, UTF-16 strings by its default W32 options), and
 * the samples' {@link ChangeServiceConfigCall} for ChangeServiceConfigW, which jna-platform lacks. Each failure is an
 * {@link AssertionError} naming the function and GetLastError in hex, the way jna-platform's
 * AbstractWin32TestSupport reports it. Windows only.
 */
final class ScmApi implements AutoCloseable {
    private final Advapi32 api = Advapi32.INSTANCE;
    private final SC_HANDLE scm;

    ScmApi() {
        scm = api.OpenSCManager(null, null, Winsvc.SC_MANAGER_CONNECT | Winsvc.SC_MANAGER_CREATE_SERVICE);
        check(scm != null, "OpenSCManagerW");
    }

    /** CreateServiceW of an own-process, demand-start service. */
    void create(String name, String binaryPath) {
        SC_HANDLE h = api.CreateService(scm, name, name, Winsvc.SERVICE_ALL_ACCESS, WinNT.SERVICE_WIN32_OWN_PROCESS,
                WinNT.SERVICE_DEMAND_START, WinNT.SERVICE_ERROR_NORMAL, binaryPath, null, null, null, null, null);
        check(h != null, "CreateServiceW");
        api.CloseServiceHandle(h);
    }

    /**
     * StartServiceW; returns the error code (0 on success). The test services run a program that exits at once, so
     * ERROR_PROCESS_ABORTED or ERROR_SERVICE_REQUEST_TIMEOUT are expected: the start request itself is what is traced.
     */
    int start(String name) {
        SC_HANDLE h = open(name);
        try {
            return api.StartService(h, 0, null) ? 0 : Native.getLastError();
        } finally {
            api.CloseServiceHandle(h);
        }
    }

    /** ChangeServiceConfigW: a new start type and binary path. */
    void changeConfig(String name, int startType, String binaryPath) {
        SC_HANDLE h = open(name);
        try {
            check(ChangeServiceConfigCall.change(h, ChangeServiceConfigCall.SERVICE_NO_CHANGE, startType,
                    ChangeServiceConfigCall.SERVICE_NO_CHANGE, binaryPath, null), "ChangeServiceConfigW");
        } finally {
            api.CloseServiceHandle(h);
        }
    }

    /** ChangeServiceConfig2W(SERVICE_CONFIG_DESCRIPTION); returns the error code (0 on success). */
    int changeDescription(String name, String description) {
        SC_HANDLE h = open(name);
        try {
            Winsvc.SERVICE_DESCRIPTION info = new Winsvc.SERVICE_DESCRIPTION(); // { LPWSTR lpDescription; }
            info.lpDescription = description;
            return api.ChangeServiceConfig2(h, Winsvc.SERVICE_CONFIG_DESCRIPTION, info) ? 0 : Native.getLastError();
        } finally {
            api.CloseServiceHandle(h);
        }
    }

    /** ControlService; returns the error code (0 on success; a stopped service refuses most controls). */
    int control(String name, int control) {
        SC_HANDLE h = open(name);
        try {
            return api.ControlService(h, control, new Winsvc.SERVICE_STATUS()) ? 0 : Native.getLastError();
        } finally {
            api.CloseServiceHandle(h);
        }
    }

    /** DeleteService (marks it for deletion). */
    void delete(String name) {
        SC_HANDLE h = open(name);
        try {
            check(api.DeleteService(h), "DeleteService");
        } finally {
            api.CloseServiceHandle(h);
        }
    }

    /** DeleteService if the service exists; for cleanup, never fails. */
    void deleteQuietly(String name) {
        SC_HANDLE h = api.OpenService(scm, name, Winsvc.SERVICE_ALL_ACCESS);
        if (h != null) {
            api.DeleteService(h);
            api.CloseServiceHandle(h);
        }
    }

    private SC_HANDLE open(String name) {
        SC_HANDLE h = api.OpenService(scm, name, Winsvc.SERVICE_ALL_ACCESS);
        check(h != null, "OpenServiceW");
        return h;
    }

    private static void check(boolean ok, String function) {
        if (!ok) {
            int error = Native.getLastError();
            throw new AssertionError(function + " failed: GetLastError " + error + " (0x" + Integer.toHexString(error)
                    + ")");
        }
    }

    @Override
    public void close() {
        api.CloseServiceHandle(scm);
    }
}
