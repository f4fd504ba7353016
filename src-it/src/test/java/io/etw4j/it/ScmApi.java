package io.etw4j.it;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.etw4j.samples.Advapi32ServiceCalls;

/**
 * Creates, starts, reconfigures and deletes a service through advapi32 from this JVM (so the SCM sees this process as
 * the RPC client). Each failure is an {@link AssertionError} naming the function and GetLastError in hex, the way
 * jna-platform's AbstractWin32TestSupport reports it. Windows only.
 */
final class ScmApi implements AutoCloseable {
    private final Advapi32ServiceCalls api = Advapi32ServiceCalls.load();
    private final Pointer scm;

    ScmApi() {
        scm = api.OpenSCManagerW(null, null,
                Advapi32ServiceCalls.SC_MANAGER_CONNECT | Advapi32ServiceCalls.SC_MANAGER_CREATE_SERVICE);
        check(scm != null, "OpenSCManagerW");
    }

    /** CreateServiceW of an own-process, demand-start service. */
    void create(String name, String binaryPath) {
        Memory n = Advapi32ServiceCalls.wide(name);
        Memory b = Advapi32ServiceCalls.wide(binaryPath);
        Pointer h = api.CreateServiceW(scm, n, n, Advapi32ServiceCalls.SERVICE_ALL_ACCESS,
                Advapi32ServiceCalls.SERVICE_WIN32_OWN_PROCESS, Advapi32ServiceCalls.SERVICE_DEMAND_START,
                Advapi32ServiceCalls.SERVICE_ERROR_NORMAL, b, null, null, null, null, null);
        check(h != null, "CreateServiceW");
        api.CloseServiceHandle(h);
    }

    /**
     * StartServiceW; returns the error code (0 on success). The test services run a program that exits at once, so
     * ERROR_PROCESS_ABORTED or ERROR_SERVICE_REQUEST_TIMEOUT are expected: the start request itself is what is traced.
     */
    int start(String name) {
        Pointer h = open(name);
        try {
            return api.StartServiceW(h, 0, null) != 0 ? 0 : Native.getLastError();
        } finally {
            api.CloseServiceHandle(h);
        }
    }

    /** ChangeServiceConfigW: a new start type and binary path. */
    void changeConfig(String name, int startType, String binaryPath) {
        Pointer h = open(name);
        try {
            Memory b = Advapi32ServiceCalls.wide(binaryPath);
            check(api.ChangeServiceConfigW(h, Advapi32ServiceCalls.SERVICE_NO_CHANGE, startType,
                    Advapi32ServiceCalls.SERVICE_NO_CHANGE, b, null, null, null, null, null, null) != 0,
                    "ChangeServiceConfigW");
        } finally {
            api.CloseServiceHandle(h);
        }
    }

    /** ChangeServiceConfig2W(SERVICE_CONFIG_DESCRIPTION); returns the error code (0 on success). */
    int changeDescription(String name, String description) {
        Pointer h = open(name);
        try {
            Memory text = Advapi32ServiceCalls.wide(description);
            Memory info = new Memory(Native.POINTER_SIZE); // SERVICE_DESCRIPTIONW { LPWSTR lpDescription; }
            info.setPointer(0, text);
            return api.ChangeServiceConfig2W(h, Advapi32ServiceCalls.SERVICE_CONFIG_DESCRIPTION, info) != 0 ? 0
                    : Native.getLastError();
        } finally {
            api.CloseServiceHandle(h);
        }
    }

    /** ControlService; returns the error code (0 on success; a stopped service refuses most controls). */
    int control(String name, int control) {
        Pointer h = open(name);
        try {
            Memory status = new Memory(Advapi32ServiceCalls.SERVICE_STATUS_SIZE);
            status.clear();
            return api.ControlService(h, control, status) != 0 ? 0 : Native.getLastError();
        } finally {
            api.CloseServiceHandle(h);
        }
    }

    /** DeleteService (marks it for deletion). */
    void delete(String name) {
        Pointer h = open(name);
        try {
            check(api.DeleteService(h) != 0, "DeleteService");
        } finally {
            api.CloseServiceHandle(h);
        }
    }

    /** DeleteService if the service exists; for cleanup, never fails. */
    void deleteQuietly(String name) {
        Pointer h = api.OpenServiceW(scm, Advapi32ServiceCalls.wide(name), Advapi32ServiceCalls.SERVICE_ALL_ACCESS);
        if (h != null) {
            api.DeleteService(h);
            api.CloseServiceHandle(h);
        }
    }

    private Pointer open(String name) {
        Pointer h = api.OpenServiceW(scm, Advapi32ServiceCalls.wide(name), Advapi32ServiceCalls.SERVICE_ALL_ACCESS);
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
