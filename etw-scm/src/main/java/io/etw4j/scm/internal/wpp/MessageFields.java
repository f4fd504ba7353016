package io.etw4j.scm.internal.wpp;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The field names of the message table that the decoder gives a meaning to, and what makes a value of each plausible.
 * A record fits a layout only if every named field is plausible (see {@link #check}); fields with other names are read
 * (they must fit) and shown in readings, with no rule on their value.
 *
 * <p>The rules exist to refuse accidental fits: a payload of one layout that happens to have the right length for
 * another. They are deliberately narrow where a wrong value would mean a wrong attribution (PIDs, WOW types) and
 * broad where narrowness would let an attacker hide an act by choosing odd names or paths.
 */
public final class MessageFields {
    /** The service's name (utf16z). */
    public static final String SERVICE_NAME = "serviceName";
    /** The RPC client's process id, as services.exe got it from I_RpcBindingInqLocalClientPID (u32). */
    public static final String CLIENT_PID = "clientPid";
    /** The service's binary path (utf16z). */
    public static final String IMAGE_PATH = "imagePath";
    /** The service control code (u32). */
    public static final String CONTROL_CODE = "controlCode";
    /** The WOW type of a created service: an IMAGE_FILE_MACHINE_* value or 0 (u32, logged from a USHORT). */
    public static final String WOW_TYPE = "wowType";
    /** A Win32 error code the SCM returned (u32). */
    public static final String ERROR = "error";
    /** The service's own exit code after a start (u32; any value). */
    public static final String SERVICE_EXIT_CODE = "serviceExitCode";
    /** The client's user SID in string form ({@code S-1-5-21-...}) (utf16z). */
    public static final String CLIENT_SID = "clientSid";
    /** CreateServiceW: the service name's "maximum string length is 256 characters" (learn.microsoft.com). */
    public static final int MAX_SERVICE_NAME_CHARS = 256;
    /**
     * The longest image path accepted: 32,767 characters, the longest string a UNICODE_STRING can hold (winternl.h:
     * Length is a USHORT count of bytes). Deliberately long: a path limit an attacker can exceed would hide a service
     * creation from the typed events.
     */
    public static final int MAX_IMAGE_PATH_CHARS = 32_767;
    /**
     * The shortest image path accepted: 2 characters. A one-character path is what a current-layout 0x28 record (name,
     * WOW type, PID) looks like when read with the published article's layout (name, PID, path) and the PID is below 65,536:
     * its low 16 bits as one character, then its high 16 bits as the NUL. No real service binary path is one character
     * long (inferred), so refusing it removes that accidental fit entirely.
     */
    public static final int MIN_IMAGE_PATH_CHARS = 2;
    /** Longest string SID: "S-1-" and 15 sub-authorities of 10 digits with dashes (inferred bound: 184 characters). */
    public static final int MAX_SID_CHARS = 184;
    /**
     * Upper bound (exclusive) of a plausible PID: 2^26. Windows process ids are multiples of 4 (handle-table indexes;
     * observed behaviour, not a documented guarantee: inferred) and in practice far below this bound.
     */
    public static final long MAX_PID = 1L << 26;

    /**
     * The WOW types a create may log: 0 (none: native) and the IMAGE_FILE_MACHINE_* values of winnt.h that Windows
     * runs code of: I386 0x014c, ARM 0x01c0, THUMB 0x01c2, ARMNT 0x01c4, IA64 0x0200, CHPE_X86 0x3a64, AMD64 0x8664,
     * ARM64EC 0xa641, ARM64X 0xa64e, ARM64 0xaa64.
     */
    public static final Set<Long> WOW_TYPES = Set.of(0L, 0x014CL, 0x01C0L, 0x01C2L, 0x01C4L, 0x0200L, 0x3A64L,
            0x8664L, 0xA641L, 0xA64EL, 0xAA64L);

    private static final Pattern SID = Pattern.compile("S-1-[0-9]{1,15}(-[0-9]{1,10}){0,15}");

    private MessageFields() {
    }

    /** How strictly a client PID is checked. */
    public enum PidRule {
        /** Only a real PID: a non-zero multiple of 4 below {@link #MAX_PID}. */
        REAL_PID,
        /**
         * Also 0: services.exe logs 0 when I_RpcBindingInqLocalClientPID fails, i.e. there is no local client process
         * (a remote caller, or the SCM itself; public decompilation of ScCreateServiceRpc and ScSendControl). Used
         * only when no candidate layout fits with a real PID.
         */
        REAL_PID_OR_ZERO
    }

    /** The type a field of this name must have in a table, or null if the name has no fixed type. */
    public static FieldType typeOf(String name) {
        switch (name) {
            case SERVICE_NAME:
            case IMAGE_PATH:
            case CLIENT_SID:
                return FieldType.UTF16Z;
            case CLIENT_PID:
            case CONTROL_CODE:
            case WOW_TYPE:
            case ERROR:
            case SERVICE_EXIT_CODE:
                return FieldType.U32;
            default:
                return null;
        }
    }

    /** True for a non-zero multiple of 4 below {@link #MAX_PID} (a heuristic: inferred). */
    public static boolean isPlausiblePid(long v) {
        return v > 0 && v < MAX_PID && (v & 3) == 0;
    }

    /**
     * Why {@code value} is not a plausible value of field {@code name}, or null if it is (or the name has no rule).
     *
     * @param value a {@link String} for utf16z fields, a {@link Long} for integers
     */
    public static String check(String name, Object value, PidRule pidRule) {
        switch (name) {
            case SERVICE_NAME: {
                String s = (String) value;
                if (s.isEmpty() || s.length() > MAX_SERVICE_NAME_CHARS) {
                    return "serviceName has " + s.length() + " characters (CreateServiceW allows 1.."
                            + MAX_SERVICE_NAME_CHARS + ")";
                }
                if (s.indexOf('/') >= 0 || s.indexOf('\\') >= 0) {
                    return "serviceName contains '/' or '\\', which CreateServiceW refuses";
                }
                return controlCharacter(SERVICE_NAME, s);
            }
            case IMAGE_PATH: {
                String s = (String) value;
                if (s.length() < MIN_IMAGE_PATH_CHARS || s.length() > MAX_IMAGE_PATH_CHARS) {
                    return "imagePath has " + s.length() + " characters (" + MIN_IMAGE_PATH_CHARS + ".."
                            + MAX_IMAGE_PATH_CHARS + " accepted)";
                }
                return controlCharacter(IMAGE_PATH, s);
            }
            case CLIENT_SID: {
                String s = (String) value;
                if (s.length() > MAX_SID_CHARS || !SID.matcher(s).matches()) {
                    return "clientSid \"" + abbreviate(s) + "\" is not a string SID (S-1-<authority>-<sub>...)";
                }
                return null;
            }
            case CLIENT_PID: {
                long v = (Long) value;
                if (isPlausiblePid(v) || (v == 0 && pidRule == PidRule.REAL_PID_OR_ZERO)) {
                    return null;
                }
                return "clientPid " + v + " (0x" + Long.toHexString(v) + ") is not a plausible process id (a "
                        + "non-zero multiple of 4 below 2^26" + (pidRule == PidRule.REAL_PID_OR_ZERO ? ", or 0" : "")
                        + ")";
            }
            case WOW_TYPE: {
                long v = (Long) value;
                return WOW_TYPES.contains(v) ? null : "wowType 0x" + Long.toHexString(v) + " is neither 0 nor an "
                        + "IMAGE_FILE_MACHINE_* value";
            }
            case ERROR: {
                long v = (Long) value;
                // Win32 error codes are below 0x10000 (winerror.h); HRESULT/NTSTATUS failures have the top bit set.
                return v <= 0xFFFF || (v & 0x8000_0000L) != 0 ? null : "error 0x" + Long.toHexString(v)
                        + " is neither a Win32 error code (below 0x10000) nor a failure HRESULT/NTSTATUS";
            }
            case CONTROL_CODE: {
                long v = (Long) value;
                // winsvc.h SERVICE_CONTROL_* codes are 1..0x7f; service-defined codes are 128..255 (ControlService).
                return v >= 1 && v <= 255 ? null : "controlCode " + v + " is outside 1..255 (winsvc.h SERVICE_CONTROL_*"
                        + " and service-defined codes)";
            }
            default:
                if (value instanceof String s) {
                    return controlCharacter(name, s);
                }
                return null;
        }
    }

    private static String controlCharacter(String field, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c < 0xA0)) {
                return field + " contains the control character U+" + String.format("%04X", (int) c) + " at index " + i;
            }
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
