package io.etw4j.core.internal.win32;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import io.etw4j.core.internal.win32.EtwStructures.ENABLE_TRACE_PARAMETERS;
import io.etw4j.core.internal.win32.EtwStructures.EVENT_TRACE_LOGFILEW;
import io.etw4j.core.internal.win32.EtwStructures.GUID;

/**
 * The one binding of advapi32.dll's ETW functions (evntrace.h, Windows SDK 10.0), mapped with the SDK's function and
 * parameter names, plus the constants they take, each with its header: the controller and consumer functions for
 * sessions, and the provider and session listings (EnumerateTraceGuidsEx, QueryAllTracesW), which only
 * {@link TraceQueries} calls, for core and for etw-scm's preflight. (The service-control functions the samples drive
 * are jna-platform's {@code com.sun.jna.platform.win32.Advapi32}: samples use only public etw4j API, and etw4j
 * declares no second advapi32 interface.)
 *
 * <p>Obtain it with {@link #instance()}: the DLL is loaded lazily, on first use, and only on Windows; on any other OS
 * {@link #instance()} throws {@link io.etw4j.core.UnsupportedPlatformException} and nothing native is touched.
 *
 * <p>Mapping rules: only the wide ({@code ...W}) functions; strings are NUL-terminated UTF-16LE buffers passed as
 * {@link Pointer} (see {@link WideStrings}), never {@code WString} (4-byte chars on Linux); TRACEHANDLE,
 * CONTROLTRACE_ID and PROCESSTRACE_HANDLE (all ULONG64) are Java {@code long}; ULONG is {@code int}, UCHAR
 * {@code byte}, ULONGLONG {@code long}. Every function returns a Win32 error code ({@code 0} = ERROR_SUCCESS) except
 * OpenTraceW, which returns {@link #INVALID_PROCESSTRACE_HANDLE} on failure and sets the last error.
 *
 * <p>Calling convention: x64 Windows has a single one (WINAPI and the default are the same), so this is a plain
 * {@link Library} with plain {@link Callback}s. JNA's {@code StdCallLibrary}/{@code StdCallCallback} would only matter
 * on 32-bit Windows, which the x64 structure layouts here do not support anyway, and a {@code StdCallCallback} cannot
 * even be instantiated off Windows ("Invalid calling convention 63"), which would break tests on Linux.
 *
 * <p>Thread-safety: the functions are thread-safe as advapi32 documents them; ProcessTrace blocks its caller until the
 * trace ends or is closed from another thread.
 */
public interface Advapi32 extends Library {

    // ---- wmistr.h: WNODE_HEADER.Flags ----
    /** WNODE_FLAG_TRACED_GUID (wmistr.h): required in EVENT_TRACE_PROPERTIES.Wnode.Flags. */
    int WNODE_FLAG_TRACED_GUID = 0x00020000;
    /** WNODE_FLAG_VERSIONED_PROPERTIES (wmistr.h): the properties are EVENT_TRACE_PROPERTIES_V2. */
    int WNODE_FLAG_VERSIONED_PROPERTIES = 0x00800000;

    // ---- WNODE_HEADER.ClientContext: the session clock (learn.microsoft.com "WNODE_HEADER structure") ----
    /** ClientContext 1: query performance counter (QPC), the default. */
    int WNODE_CLOCK_QPC = 1;
    /** ClientContext 2: system time (FILETIME, ~10-15 ms resolution). */
    int WNODE_CLOCK_SYSTEM_TIME = 2;
    /** ClientContext 3: CPU cycle counter. */
    int WNODE_CLOCK_CPU_CYCLE = 3;

    // ---- evntrace.h: EVENT_TRACE_PROPERTIES.LogFileMode ----
    /** EVENT_TRACE_FILE_MODE_NONE (evntrace.h). */
    int EVENT_TRACE_FILE_MODE_NONE = 0x00000000;
    /** EVENT_TRACE_REAL_TIME_MODE (evntrace.h): deliver events to real-time consumers. */
    int EVENT_TRACE_REAL_TIME_MODE = 0x00000100;
    /** EVENT_TRACE_FILE_MODE_SEQUENTIAL (evntrace.h): log to a file until it reaches MaximumFileSize. */
    int EVENT_TRACE_FILE_MODE_SEQUENTIAL = 0x00000001;
    /** EVENT_TRACE_FILE_MODE_CIRCULAR (evntrace.h): log to a file of MaximumFileSize, overwriting the oldest. */
    int EVENT_TRACE_FILE_MODE_CIRCULAR = 0x00000002;
    /** EVENT_TRACE_SYSTEM_LOGGER_MODE (evntrace.h): a system logger session (Windows 8 and later). */
    int EVENT_TRACE_SYSTEM_LOGGER_MODE = 0x02000000;
    /** EVENT_TRACE_INDEPENDENT_SESSION_MODE (evntrace.h). */
    int EVENT_TRACE_INDEPENDENT_SESSION_MODE = 0x08000000;

    // ---- evntrace.h: ControlTraceW ControlCode ----
    /** EVENT_TRACE_CONTROL_QUERY (evntrace.h). */
    int EVENT_TRACE_CONTROL_QUERY = 0;
    /** EVENT_TRACE_CONTROL_STOP (evntrace.h). */
    int EVENT_TRACE_CONTROL_STOP = 1;
    /** EVENT_TRACE_CONTROL_UPDATE (evntrace.h). */
    int EVENT_TRACE_CONTROL_UPDATE = 2;
    /** EVENT_TRACE_CONTROL_FLUSH (evntrace.h). */
    int EVENT_TRACE_CONTROL_FLUSH = 3;

    // ---- evntrace.h: EnableTraceEx2 ControlCode ----
    /** EVENT_CONTROL_CODE_DISABLE_PROVIDER (evntrace.h). */
    int EVENT_CONTROL_CODE_DISABLE_PROVIDER = 0;
    /** EVENT_CONTROL_CODE_ENABLE_PROVIDER (evntrace.h). */
    int EVENT_CONTROL_CODE_ENABLE_PROVIDER = 1;
    /** EVENT_CONTROL_CODE_CAPTURE_STATE (evntrace.h). */
    int EVENT_CONTROL_CODE_CAPTURE_STATE = 2;

    // ---- evntrace.h: ENABLE_TRACE_PARAMETERS.Version ----
    /** ENABLE_TRACE_PARAMETERS_VERSION (evntrace.h): ENABLE_TRACE_PARAMETERS_V1. */
    int ENABLE_TRACE_PARAMETERS_VERSION = 1;
    /** ENABLE_TRACE_PARAMETERS_VERSION_2 (evntrace.h): ENABLE_TRACE_PARAMETERS with FilterDescCount. */
    int ENABLE_TRACE_PARAMETERS_VERSION_2 = 2;

    // ---- evntcons.h: ENABLE_TRACE_PARAMETERS.EnableProperty ----
    /** EVENT_ENABLE_PROPERTY_SID (evntcons.h): add the user SID as an extended data item. */
    int EVENT_ENABLE_PROPERTY_SID = 0x00000001;
    /** EVENT_ENABLE_PROPERTY_TS_ID (evntcons.h): add the terminal session id. */
    int EVENT_ENABLE_PROPERTY_TS_ID = 0x00000002;
    /** EVENT_ENABLE_PROPERTY_STACK_TRACE (evntcons.h): add a call stack. */
    int EVENT_ENABLE_PROPERTY_STACK_TRACE = 0x00000004;
    /** EVENT_ENABLE_PROPERTY_IGNORE_KEYWORD_0 (evntcons.h). */
    int EVENT_ENABLE_PROPERTY_IGNORE_KEYWORD_0 = 0x00000010;
    /** EVENT_ENABLE_PROPERTY_PROCESS_START_KEY (evntcons.h): add the process start key. */
    int EVENT_ENABLE_PROPERTY_PROCESS_START_KEY = 0x00000080;
    /** EVENT_ENABLE_PROPERTY_EVENT_KEY (evntcons.h). */
    int EVENT_ENABLE_PROPERTY_EVENT_KEY = 0x00000100;

    // ---- evntprov.h: EVENT_FILTER_DESCRIPTOR.Type ----
    /** EVENT_FILTER_TYPE_EVENT_ID (evntprov.h): the filter data is an EVENT_FILTER_EVENT_ID. */
    int EVENT_FILTER_TYPE_EVENT_ID = 0x80000200;
    /** MAX_EVENT_FILTER_EVENT_ID_COUNT (evntprov.h): the most ids one EVENT_FILTER_EVENT_ID may carry. */
    int MAX_EVENT_FILTER_EVENT_ID_COUNT = 64;
    /** EVENT_FILTER_TYPE_PID (evntprov.h): the filter data is an array of ULONG process ids. */
    int EVENT_FILTER_TYPE_PID = 0x80000004;
    /**
     * EVENT_FILTER_TYPE_EXECUTABLE_NAME (evntprov.h): the filter data is one NUL-terminated UTF-16 string of file names
     * separated by ';'.
     */
    int EVENT_FILTER_TYPE_EXECUTABLE_NAME = 0x80000008;
    /** MAX_EVENT_FILTER_PID_COUNT (evntprov.h): the most process ids one PID filter may carry. */
    int MAX_EVENT_FILTER_PID_COUNT = 8;
    /** MAX_EVENT_FILTER_DATA_SIZE (evntprov.h): the most bytes of data of a PID or executable-name filter. */
    int MAX_EVENT_FILTER_DATA_SIZE = 1024;

    /**
     * KERNEL_LOGGER_NAMEW (evntrace.h): the fixed name of the NT Kernel Logger session, of which one runs system-wide.
     */
    String KERNEL_LOGGER_NAME = "NT Kernel Logger";

    // ---- evntcons.h: EVENT_TRACE_LOGFILEW.ProcessTraceMode ----
    /** PROCESS_TRACE_MODE_REAL_TIME (evntcons.h). */
    int PROCESS_TRACE_MODE_REAL_TIME = 0x00000100;
    /**
     * PROCESS_TRACE_MODE_RAW_TIMESTAMP (evntcons.h): leave EVENT_HEADER.TimeStamp in the session clock's units;
     * without it the consumer sees system time (FILETIME) whatever the ClientContext (learn.microsoft.com
     * "EVENT_HEADER structure", TimeStamp).
     */
    int PROCESS_TRACE_MODE_RAW_TIMESTAMP = 0x00001000;
    /** PROCESS_TRACE_MODE_EVENT_RECORD (evntcons.h): call EventRecordCallback with EVENT_RECORDs. */
    int PROCESS_TRACE_MODE_EVENT_RECORD = 0x10000000;

    /**
     * INVALID_PROCESSTRACE_HANDLE (evntrace.h: {@code (PROCESSTRACE_HANDLE)INVALID_HANDLE_VALUE}), 0xFFFFFFFFFFFFFFFF
     * for a 64-bit process: what OpenTraceW returns on failure.
     */
    long INVALID_PROCESSTRACE_HANDLE = -1L;

    /**
     * True if an OpenTraceW result means failure: {@link #INVALID_PROCESSTRACE_HANDLE}, or its 32-bit form
     * 0x00000000FFFFFFFF, which a 32-bit or WOW64 advapi32 is inferred to return (inferred).
     */
    static boolean isInvalidProcessTraceHandle(long handle) {
        return handle == INVALID_PROCESSTRACE_HANDLE || handle == 0xFFFF_FFFFL;
    }

    // ---- evntrace.h: TRACE_QUERY_INFO_CLASS (EnumerateTraceGuidsEx) ----
    /** TraceGuidQueryList (evntrace.h, first enumerator = 0): the GUIDs of the registered providers. */
    int TRACE_GUID_QUERY_LIST = 0;
    /**
     * TraceGuidQueryInfo (evntrace.h, second enumerator = 1): for the provider GUID in InBuffer, a TRACE_GUID_INFO
     * followed by its TRACE_PROVIDER_INSTANCE_INFO and TRACE_ENABLE_INFO blocks.
     */
    int TRACE_GUID_QUERY_INFO = 1;

    // ---- winerror.h: codes EnumerateTraceGuidsEx returns besides those in Win32Errors ----
    /** ERROR_INSUFFICIENT_BUFFER (winerror.h, 122): OutBuffer too small; ReturnLength holds the size needed. */
    int ERROR_INSUFFICIENT_BUFFER = 122;

    /** Longest session (instance) name StartTraceW accepts, in characters (learn.microsoft.com "StartTraceW"). */
    int MAX_SESSION_NAME_CHARS = 1024;

    /**
     * The advapi32 binding, loading advapi32.dll on the first call.
     *
     * @throws io.etw4j.core.UnsupportedPlatformException if the JVM does not run on Windows
     *                                                    ({@code com.sun.jna.Platform.isWindows()} is false)
     */
    static Advapi32 instance() {
        return Advapi32Loader.load();
    }

    /**
     * StartTraceW (evntrace.h): {@code ULONG StartTraceW(CONTROLTRACE_ID *TraceId, LPCWSTR InstanceName,
     * PEVENT_TRACE_PROPERTIES Properties)}. {@code Properties} is a {@link TracePropertiesBuffer#pointer()}.
     */
    int StartTraceW(LongByReference TraceId, Pointer InstanceName, Pointer Properties);

    /**
     * ControlTraceW (evntrace.h): {@code ULONG ControlTraceW(CONTROLTRACE_ID TraceId, LPCWSTR InstanceName,
     * PEVENT_TRACE_PROPERTIES Properties, ULONG ControlCode)}; {@code TraceId} 0 with a name addresses a session by
     * name. Use a fresh {@link TracePropertiesBuffer#forControl()} per call.
     */
    int ControlTraceW(long TraceId, Pointer InstanceName, Pointer Properties, int ControlCode);

    /**
     * EnableTraceEx2 (evntrace.h): {@code ULONG EnableTraceEx2(CONTROLTRACE_ID TraceId, LPCGUID ProviderId,
     * ULONG ControlCode, UCHAR Level, ULONGLONG MatchAnyKeyword, ULONGLONG MatchAllKeyword, ULONG Timeout,
     * PENABLE_TRACE_PARAMETERS EnableParameters)}; {@code EnableParameters} may be null.
     */
    int EnableTraceEx2(long TraceId, GUID ProviderId, int ControlCode, byte Level,
            long MatchAnyKeyword, long MatchAllKeyword, int Timeout,
            ENABLE_TRACE_PARAMETERS EnableParameters);

    /**
     * OpenTraceW (evntrace.h): {@code PROCESSTRACE_HANDLE OpenTraceW(PEVENT_TRACE_LOGFILEW Logfile)}; returns
     * {@link #INVALID_PROCESSTRACE_HANDLE} on failure (the error is in GetLastError). JNA writes the structure before
     * the call and reads it back after it, so LogfileHeader is filled on return.
     */
    long OpenTraceW(EVENT_TRACE_LOGFILEW Logfile);

    /**
     * ProcessTrace (evntrace.h): {@code ULONG ProcessTrace(PROCESSTRACE_HANDLE *HandleArray, ULONG HandleCount,
     * LPFILETIME StartTime, LPFILETIME EndTime)}; the times may be null. Blocks until the traces end.
     */
    int ProcessTrace(long[] HandleArray, int HandleCount, Pointer StartTime, Pointer EndTime);

    /** CloseTrace (evntrace.h): {@code ULONG CloseTrace(PROCESSTRACE_HANDLE TraceHandle)}. */
    int CloseTrace(long TraceHandle);

    /**
     * QueryAllTracesW (evntrace.h): {@code ULONG QueryAllTracesW(PEVENT_TRACE_PROPERTIES *PropertyArray,
     * ULONG PropertyArrayCount, PULONG LoggerCount)}. Each array element points to one of
     * {@link TracePropertiesBuffer#forQueryAll(int)}; PropertyArrayCount is at most 64 ("QueryAllTracesW function
     * (evntrace.h)"; see {@link TraceQueries#queryAllTraces()}).
     */
    int QueryAllTracesW(Pointer[] PropertyArray, int PropertyArrayCount, IntByReference LoggerCount);

    /**
     * EnumerateTraceGuidsEx (evntrace.h): {@code ULONG EnumerateTraceGuidsEx(TRACE_QUERY_INFO_CLASS
     * TraceQueryInfoClass, PVOID InBuffer, ULONG InBufferSize, PVOID OutBuffer, ULONG OutBufferSize,
     * PULONG ReturnLength)}. With {@link #TRACE_GUID_QUERY_INFO}, InBuffer is the provider GUID (16 bytes); a too small
     * OutBuffer gives ERROR_INSUFFICIENT_BUFFER with the size needed in ReturnLength (learn.microsoft.com
     * "EnumerateTraceGuidsEx function"). The enum is passed as a 32-bit int.
     */
    int EnumerateTraceGuidsEx(int TraceQueryInfoClass, Pointer InBuffer, int InBufferSize, Pointer OutBuffer,
            int OutBufferSize, IntByReference ReturnLength);

    /**
     * TraceSetInformation (evntrace.h, Windows 7 and later): {@code ULONG TraceSetInformation(CONTROLTRACE_ID
     * SessionHandle, TRACE_INFO_CLASS InformationClass, PVOID TraceInformation, ULONG InformationLength)}; the enum is
     * passed as a 32-bit int.
     */
    int TraceSetInformation(long SessionHandle, int InformationClass, Pointer TraceInformation, int InformationLength);

    /**
     * PEVENT_RECORD_CALLBACK (evntrace.h): {@code VOID WINAPI cb(PEVENT_RECORD EventRecord)}. The record is valid
     * only during the call: copy it ({@link EventRecordCopier}) and never let an exception escape.
     */
    interface EventRecordCallback extends Callback {
        void callback(Pointer EventRecord);
    }

    /**
     * PEVENT_TRACE_BUFFER_CALLBACKW (evntrace.h): {@code ULONG WINAPI cb(PEVENT_TRACE_LOGFILEW Logfile)}, called
     * after each buffer; return 1 (TRUE) to continue, 0 (FALSE) to make ProcessTrace return.
     */
    interface BufferCallback extends Callback {
        int callback(Pointer Logfile);
    }
}
