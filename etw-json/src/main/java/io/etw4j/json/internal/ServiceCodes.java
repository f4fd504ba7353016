package io.etw4j.json.internal;

/**
 * Names of the numeric service codes that appear in SCM events, for readable JSON. Stateless.
 *
 * <p>Sources: control codes and states from winsvc.h (Windows SDK, "Service State -- for CurrentState" and
 * SERVICE_CONTROL_*); start types from winnt.h (SERVICE_BOOT_START ... SERVICE_DISABLED). A value the headers do not
 * name gives {@code null}, so the number is always kept alongside.
 */
public final class ServiceCodes {
    private ServiceCodes() {
    }

    /** The SERVICE_CONTROL_* name without its prefix (winsvc.h), or null. */
    public static String controlName(int control) {
        switch (control) {
            case 0x01: return "STOP";
            case 0x02: return "PAUSE";
            case 0x03: return "CONTINUE";
            case 0x04: return "INTERROGATE";
            case 0x05: return "SHUTDOWN";
            case 0x06: return "PARAMCHANGE";
            case 0x07: return "NETBINDADD";
            case 0x08: return "NETBINDREMOVE";
            case 0x09: return "NETBINDENABLE";
            case 0x0A: return "NETBINDDISABLE";
            case 0x0B: return "DEVICEEVENT";
            case 0x0C: return "HARDWAREPROFILECHANGE";
            case 0x0D: return "POWEREVENT";
            case 0x0E: return "SESSIONCHANGE";
            case 0x0F: return "PRESHUTDOWN";
            case 0x10: return "TIMECHANGE";
            case 0x20: return "TRIGGEREVENT";
            case 0x60: return "LOWRESOURCES";
            case 0x61: return "SYSTEMLOWRESOURCES";
            default:
                // winsvc.h: 128..255 are user-defined control codes.
                return control >= 128 && control <= 255 ? "USER_DEFINED" : null;
        }
    }

    /** The SERVICE_* CurrentState name (winsvc.h), or null. */
    public static String stateName(int state) {
        switch (state) {
            case 1: return "STOPPED";
            case 2: return "START_PENDING";
            case 3: return "STOP_PENDING";
            case 4: return "RUNNING";
            case 5: return "CONTINUE_PENDING";
            case 6: return "PAUSE_PENDING";
            case 7: return "PAUSED";
            default: return null;
        }
    }

    /** The SERVICE_*_START / SERVICE_DISABLED start type name (winnt.h), or null. */
    public static String startTypeName(int startType) {
        switch (startType) {
            case 0: return "BOOT_START";
            case 1: return "SYSTEM_START";
            case 2: return "AUTO_START";
            case 3: return "DEMAND_START";
            case 4: return "DISABLED";
            default: return null;
        }
    }
}
