package io.etw4j.scm.internal.preflight;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;

/**
 * The two advapi32 functions the preflight needs that jna-platform does not map. Prototypes from evntrace.h (Windows
 * SDK; learn.microsoft.com "EnumerateTraceGuidsEx function (evntrace.h)", "QueryAllTracesW function (evntrace.h)"):
 * <pre>
 * ULONG WMIAPI EnumerateTraceGuidsEx(TRACE_QUERY_INFO_CLASS TraceQueryInfoClass, PVOID InBuffer, ULONG InBufferSize,
 *                                    PVOID OutBuffer, ULONG OutBufferSize, PULONG ReturnLength);
 * ULONG WMIAPI QueryAllTracesW(PEVENT_TRACE_PROPERTIES *PropertyArray, ULONG PropertyArrayCount,
 *                              PULONG LoggerCount);
 * </pre>
 * Loaded only by {@link #load()}, which only Windows code paths call.
 */
interface Advapi32Tracing extends StdCallLibrary {
    /** TRACE_QUERY_INFO_CLASS TraceGuidQueryList (evntrace.h): an array of the registered providers' GUIDs. */
    int TRACE_GUID_QUERY_LIST = 0;
    /** ERROR_INSUFFICIENT_BUFFER (winerror.h). */
    int ERROR_INSUFFICIENT_BUFFER = 122;

    int EnumerateTraceGuidsEx(int TraceQueryInfoClass, Pointer InBuffer, int InBufferSize, Pointer OutBuffer,
            int OutBufferSize, IntByReference ReturnLength);

    int QueryAllTracesW(Pointer[] PropertyArray, int PropertyArrayCount, IntByReference LoggerCount);

    /** Loads advapi32; call only on Windows. */
    static Advapi32Tracing load() {
        return Native.load("advapi32", Advapi32Tracing.class);
    }
}
