package io.etw4j.it;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.win32.StdCallLibrary;

/**
 * The Service Control Manager API of advapi32 that the integration tests drive, with the SDK's names. Prototypes from
 * winsvc.h (learn.microsoft.com "OpenSCManagerW function", "CreateServiceW function", "OpenServiceW function",
 * "StartServiceW function", "ChangeServiceConfigW function", "ChangeServiceConfig2W function", "ControlService function",
 * "DeleteService function", "CloseServiceHandle function").
 *
 * <p>Types follow the project's JNA rule: int for DWORD and BOOL, Pointer for handles and strings (UTF-16LE with a NUL,
 * written explicitly by {@link Wide}), never WString/String, whose width differs between platforms. Loaded only by
 * {@link #load()}, which only Windows tests call.
 */
interface Advapi32Services extends StdCallLibrary {
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
    /** SERVICE_ERROR_NORMAL (winnt.h). */
    int SERVICE_ERROR_NORMAL = 0x00000001;
    /** SERVICE_NO_CHANGE (winsvc.h). */
    int SERVICE_NO_CHANGE = 0xFFFFFFFF;
    /** ERROR_SERVICE_REQUEST_TIMEOUT (winerror.h): the service did not respond to the start in time. */
    int ERROR_SERVICE_REQUEST_TIMEOUT = 1053;
    /** ERROR_PROCESS_ABORTED (winerror.h): the service process ended during its start. */
    int ERROR_PROCESS_ABORTED = 1067;

    /** SERVICE_CONFIG_DESCRIPTION (winsvc.h). */
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

    int StartServiceW(Pointer hService, int dwNumServiceArgs, Pointer lpServiceArgVectors);

    int ChangeServiceConfigW(Pointer hService, int dwServiceType, int dwStartType, int dwErrorControl,
            Pointer lpBinaryPathName, Pointer lpLoadOrderGroup, Pointer lpdwTagId, Pointer lpDependencies,
            Pointer lpServiceStartName, Pointer lpPassword, Pointer lpDisplayName);

    int ChangeServiceConfig2W(Pointer hService, int dwInfoLevel, Pointer lpInfo);

    int ControlService(Pointer hService, int dwControl, Pointer lpServiceStatus);

    int DeleteService(Pointer hService);

    int CloseServiceHandle(Pointer hSCObject);

    /** Loads advapi32; call only on Windows. */
    static Advapi32Services load() {
        return Native.load("advapi32", Advapi32Services.class);
    }
}
