package io.etw4j.core.internal;

import java.util.Map;

/**
 * Names and remedies for the Win32 error codes ETW calls return. Codes and names: winerror.h (as mirrored by JNA's
 * com.sun.jna.platform.win32.WinError); meanings for ETW: learn.microsoft.com "StartTraceW", "ControlTraceW",
 * "EnableTraceEx2", "ProcessTrace", "CloseTrace" return-value sections. Remedies are etw4j's advice.
 */
public final class Win32Errors {
    public static final int ERROR_SUCCESS = 0;
    public static final int ERROR_INVALID_FUNCTION = 1;
    public static final int ERROR_FILE_NOT_FOUND = 2;
    public static final int ERROR_PATH_NOT_FOUND = 3;
    public static final int ERROR_ACCESS_DENIED = 5;
    public static final int ERROR_INVALID_HANDLE = 6;
    public static final int ERROR_NOT_ENOUGH_MEMORY = 8;
    public static final int ERROR_BAD_LENGTH = 24;
    public static final int ERROR_NOT_SUPPORTED = 50;
    public static final int ERROR_INVALID_PARAMETER = 87;
    public static final int ERROR_INSUFFICIENT_BUFFER = 122;
    public static final int ERROR_BAD_PATHNAME = 161;
    public static final int ERROR_ALREADY_EXISTS = 183;
    public static final int ERROR_MORE_DATA = 234;
    public static final int ERROR_NOACCESS = 998;
    public static final int ERROR_NOT_FOUND = 1168;
    public static final int ERROR_CANCELLED = 1223;
    public static final int ERROR_NO_SYSTEM_RESOURCES = 1450;
    public static final int ERROR_TIMEOUT = 1460;
    public static final int ERROR_WMI_GUID_NOT_FOUND = 4200;
    public static final int ERROR_WMI_INSTANCE_NOT_FOUND = 4201;
    public static final int ERROR_WMI_ALREADY_ENABLED = 4206;
    public static final int ERROR_CTX_CLOSE_PENDING = 7007;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(ERROR_SUCCESS, "ERROR_SUCCESS"),
            Map.entry(ERROR_INVALID_FUNCTION, "ERROR_INVALID_FUNCTION"),
            Map.entry(ERROR_FILE_NOT_FOUND, "ERROR_FILE_NOT_FOUND"),
            Map.entry(ERROR_PATH_NOT_FOUND, "ERROR_PATH_NOT_FOUND"),
            Map.entry(ERROR_ACCESS_DENIED, "ERROR_ACCESS_DENIED"),
            Map.entry(ERROR_INVALID_HANDLE, "ERROR_INVALID_HANDLE"),
            Map.entry(ERROR_NOT_ENOUGH_MEMORY, "ERROR_NOT_ENOUGH_MEMORY"),
            Map.entry(ERROR_BAD_LENGTH, "ERROR_BAD_LENGTH"),
            Map.entry(ERROR_NOT_SUPPORTED, "ERROR_NOT_SUPPORTED"),
            Map.entry(ERROR_INVALID_PARAMETER, "ERROR_INVALID_PARAMETER"),
            Map.entry(ERROR_INSUFFICIENT_BUFFER, "ERROR_INSUFFICIENT_BUFFER"),
            Map.entry(ERROR_BAD_PATHNAME, "ERROR_BAD_PATHNAME"),
            Map.entry(ERROR_ALREADY_EXISTS, "ERROR_ALREADY_EXISTS"),
            Map.entry(ERROR_MORE_DATA, "ERROR_MORE_DATA"),
            Map.entry(ERROR_NOACCESS, "ERROR_NOACCESS"),
            Map.entry(ERROR_NOT_FOUND, "ERROR_NOT_FOUND"),
            Map.entry(ERROR_CANCELLED, "ERROR_CANCELLED"),
            Map.entry(ERROR_NO_SYSTEM_RESOURCES, "ERROR_NO_SYSTEM_RESOURCES"),
            Map.entry(ERROR_TIMEOUT, "ERROR_TIMEOUT"),
            Map.entry(ERROR_WMI_GUID_NOT_FOUND, "ERROR_WMI_GUID_NOT_FOUND"),
            Map.entry(ERROR_WMI_INSTANCE_NOT_FOUND, "ERROR_WMI_INSTANCE_NOT_FOUND"),
            Map.entry(ERROR_WMI_ALREADY_ENABLED, "ERROR_WMI_ALREADY_ENABLED"),
            Map.entry(ERROR_CTX_CLOSE_PENDING, "ERROR_CTX_CLOSE_PENDING"));

    private Win32Errors() {
    }

    /** The symbolic name of a Win32 error code, or {@code ERROR_<decimal>} if it is not one etw4j knows. */
    public static String name(int code) {
        String n = NAMES.get(code);
        return n != null ? n : "ERROR_" + Integer.toUnsignedString(code);
    }

    /** What a user can do about {@code code} returned by {@code function}; empty if there is no specific advice. */
    public static String remedy(String function, int code) {
        switch (code) {
            case ERROR_ACCESS_DENIED:
                return "run the JVM elevated (as Administrator), or add the account to the Performance Log Users"
                        + " group (enough for user-mode providers, not for the kernel logger)";
            case ERROR_ALREADY_EXISTS:
                return "a session with this name is already running; choose another name, stop it"
                        + " (logman stop <name> -ets), or build the EtwSession with"
                        + " ExistingSessionPolicy.STOP_AND_RESTART";
            case ERROR_NO_SYSTEM_RESOURCES:
                return noSystemResources(function);
            case ERROR_BAD_LENGTH:
                return "the EVENT_TRACE_PROPERTIES buffer is too small for the session and file names (etw4j bug;"
                        + " please report it)";
            case ERROR_INVALID_PARAMETER:
                if (function != null && function.startsWith("Tdh")) {
                    return "etw4j passed TDH an invalid buffer or size (an etw4j bug; please report it)";
                }
                return "a session or provider setting is invalid (buffer sizes, level, keywords, filter);"
                        + " check the builder's values";
            case ERROR_WMI_INSTANCE_NOT_FOUND:
                return "no session of that name is running";
            case ERROR_NOT_FOUND:
                return "no session of that name is running, or the provider is not registered";
            case ERROR_WMI_GUID_NOT_FOUND:
                return "the provider is not registered on this machine";
            case ERROR_BAD_PATHNAME:
            case ERROR_PATH_NOT_FOUND:
            case ERROR_FILE_NOT_FOUND:
                return "the log file path does not exist or is invalid";
            case ERROR_NOT_SUPPORTED:
                return "this Windows version does not support the requested session mode or enable property";
            case ERROR_CTX_CLOSE_PENDING:
                return "not an error: CloseTrace was called while ProcessTrace was running;"
                        + " ProcessTrace drains its buffers and returns";
            default:
                return "";
        }
    }

    /**
     * ERROR_NO_SYSTEM_RESOURCES means a different limit depending on the call. EnableTraceEx2 (learn.microsoft.com
     * "EnableTraceEx2 function", return values: "Exceeded the number of trace sessions that can enable the provider"):
     * a manifest-based provider can be enabled by at most eight sessions at once (learn.microsoft.com "Configuring and
     * Starting an Event Tracing Session": "Up to eight trace sessions can enable and receive events from the same
     * manifest-based provider"). StartTrace and any other call: the system-wide session limit (64 by default,
     * learn.microsoft.com "StartTraceW function").
     */
    private static String noSystemResources(String function) {
        if (function != null && function.startsWith("EnableTrace")) {
            return "the provider is already enabled by as many sessions as it allows (8 for a manifest-based"
                    + " provider, not the system-wide session limit); list sessions with 'logman query -ets', see"
                    + " which enable the provider with 'logman query <session> -ets' and stop one you do not need";
        }
        return "the system-wide limit of ETW sessions (64 by default) is reached; list sessions with"
                + " 'logman query -ets' and stop unused ones";
    }
}
