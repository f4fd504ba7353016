package io.etw4j.samples;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.win32.StdCallLibrary;
import java.nio.charset.StandardCharsets;

/**
 * The advapi32 service-control functions {@code scm-calibrate} calls, with the SDK's names. Prototypes from winsvc.h
 * (learn.microsoft.com "OpenSCManagerW function", "CreateServiceW function", "OpenServiceW function",
 * "ChangeServiceConfigW function", "ChangeServiceConfig2W function", "StartServiceW function", "ControlService
 * function", "DeleteService function", "CloseServiceHandle function").
 *
 * <p>Project JNA rules: int for DWORD and BOOL, Pointer for handles, strings and structs (UTF-16LE written
 * explicitly), never WString or String. No struct type: the two structs passed are built in memory by the caller
 * (SERVICE_DESCRIPTIONW: one LPWSTR; SERVICE_STATUS: seven DWORDs, 28 bytes, only written by the callee). Loaded only
 * by {@link #load()}, which only runs on Windows.
 *
 * <p>Public so that the project's Windows integration tests drive the SCM through this same binding; not part of the
 * SDK's API.
 */
public interface Advapi32ServiceCalls extends StdCallLibrary {
    /** SC_MANAGER_CONNECT (winsvc.h). */
    int SC_MANAGER_CONNECT = 0x0001;
    /** SC_MANAGER_CREATE_SERVICE (winsvc.h). */
    int SC_MANAGER_CREATE_SERVICE = 0x0002;
    /** SERVICE_ALL_ACCESS (winsvc.h): STANDARD_RIGHTS_REQUIRED | every SERVICE_* right = 0xF01FF. */
    int SERVICE_ALL_ACCESS = 0xF01FF;
    /** SERVICE_WIN32_OWN_PROCESS (winnt.h). */
    int SERVICE_WIN32_OWN_PROCESS = 0x00000010;
    /** SERVICE_DEMAND_START (winnt.h). */
    int SERVICE_DEMAND_START = 0x00000003;
    /** SERVICE_DISABLED (winnt.h). */
    int SERVICE_DISABLED = 0x00000004;
    /** ERROR_SERVICE_REQUEST_TIMEOUT (winerror.h): the service did not respond to the start in time. */
    int ERROR_SERVICE_REQUEST_TIMEOUT = 1053;
    /** ERROR_PROCESS_ABORTED (winerror.h): the service process ended during its start. */
    int ERROR_PROCESS_ABORTED = 1067;
    /** SERVICE_ERROR_NORMAL (winnt.h). */
    int SERVICE_ERROR_NORMAL = 0x00000001;
    /** SERVICE_NO_CHANGE (winsvc.h). */
    int SERVICE_NO_CHANGE = 0xFFFFFFFF;
    /** SERVICE_CONFIG_DESCRIPTION (winsvc.h): the info level of ChangeServiceConfig2W for SERVICE_DESCRIPTIONW. */
    int SERVICE_CONFIG_DESCRIPTION = 1;
    /** SERVICE_CONTROL_INTERROGATE (winsvc.h). */
    int SERVICE_CONTROL_INTERROGATE = 0x00000004;
    /** sizeof(SERVICE_STATUS) (winsvc.h): seven DWORDs. */
    int SERVICE_STATUS_SIZE = 28;

    Pointer OpenSCManagerW(Pointer lpMachineName, Pointer lpDatabaseName, int dwDesiredAccess);

    Pointer CreateServiceW(Pointer hSCManager, Pointer lpServiceName, Pointer lpDisplayName, int dwDesiredAccess,
            int dwServiceType, int dwStartType, int dwErrorControl, Pointer lpBinaryPathName,
            Pointer lpLoadOrderGroup, Pointer lpdwTagId, Pointer lpDependencies, Pointer lpServiceStartName,
            Pointer lpPassword);

    Pointer OpenServiceW(Pointer hSCManager, Pointer lpServiceName, int dwDesiredAccess);

    int ChangeServiceConfigW(Pointer hService, int dwServiceType, int dwStartType, int dwErrorControl,
            Pointer lpBinaryPathName, Pointer lpLoadOrderGroup, Pointer lpdwTagId, Pointer lpDependencies,
            Pointer lpServiceStartName, Pointer lpPassword, Pointer lpDisplayName);

    int ChangeServiceConfig2W(Pointer hService, int dwInfoLevel, Pointer lpInfo);

    int StartServiceW(Pointer hService, int dwNumServiceArgs, Pointer lpServiceArgVectors);

    int ControlService(Pointer hService, int dwControl, Pointer lpServiceStatus);

    int DeleteService(Pointer hService);

    int CloseServiceHandle(Pointer hSCObject);

    /** {@code s} as native UTF-16LE with a 2-byte NUL (an LPCWSTR); keep the reference until the call returns. */
    static Memory wide(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_16LE);
        Memory m = new Memory(b.length + 2L);
        m.write(0, b, 0, b.length);
        m.setShort(b.length, (short) 0);
        return m;
    }

    /** Loads advapi32; call only on Windows. */
    static Advapi32ServiceCalls load() {
        return Native.load("advapi32", Advapi32ServiceCalls.class);
    }
}
