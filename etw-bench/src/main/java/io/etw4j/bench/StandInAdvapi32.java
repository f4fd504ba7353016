package io.etw4j.bench;

import com.sun.jna.CallbackReference;
import com.sun.jna.Function;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import io.etw4j.core.internal.win32.Advapi32;
import io.etw4j.core.internal.win32.EtwStructures.ENABLE_TRACE_PARAMETERS;
import io.etw4j.core.internal.win32.EtwStructures.EVENT_TRACE_LOGFILEW;
import io.etw4j.core.internal.win32.EtwStructures.GUID;

/**
 * A Java stand-in for advapi32.dll (as in etw-core's {@code WindowsEtwNativeTest}), so that the production
 * {@code WindowsEtwNative} adapter runs on Linux: every call succeeds, QueryAllTracesW lists no session, and
 * ProcessTrace calls the EventRecordCallback that OpenTraceW was given with one native EVENT_RECORD
 * ({@link NativeScmRecord}) {@code records} times, then returns, as a real-time ProcessTrace returns when its
 * session stops. STOP (ControlTraceW) or CloseTrace ends the loop early.
 *
 * <p>{@code viaFunctionPointer}: false calls the Java callback object directly (measures etw4j's callback: copy and
 * hand-off); true calls the function pointer written into EVENT_TRACE_LOGFILEW at offset 0x1A8
 * (EventRecordCallback, notes §2.3) through JNA, so each record pays a JNA native-to-Java callback dispatch, as on
 * Windows, plus one Java-to-native call that Windows does not have (an upper bound). One run per instance;
 * thread-safe for one ProcessTrace thread and one stopping thread.
 */
final class StandInAdvapi32 implements Advapi32 {
    private static final long TRACE_HANDLE = 0x7001;

    private final Pointer record;
    private final int records;
    private final boolean viaFunctionPointer;
    private volatile boolean stopped;
    private volatile EventRecordCallback callback;
    private volatile Function function;

    StandInAdvapi32(Pointer record, int records, boolean viaFunctionPointer) {
        this.record = record;
        this.records = records;
        this.viaFunctionPointer = viaFunctionPointer;
    }

    @Override
    public int StartTraceW(LongByReference traceId, Pointer instanceName, Pointer properties) {
        traceId.setValue(0x1234);
        return 0;
    }

    @Override
    public int ControlTraceW(long traceId, Pointer instanceName, Pointer properties, int controlCode) {
        if (controlCode == EVENT_TRACE_CONTROL_STOP) {
            stopped = true;
        }
        return 0;
    }

    @Override
    public int EnableTraceEx2(long traceId, GUID providerId, int controlCode, byte level, long matchAnyKeyword,
            long matchAllKeyword, int timeout, ENABLE_TRACE_PARAMETERS enableParameters) {
        return 0;
    }

    @Override
    public int EnumerateTraceGuidsEx(int traceQueryInfoClass, Pointer inBuffer, int inBufferSize, Pointer outBuffer,
            int outBufferSize, IntByReference returnLength) {
        return 4200; // ERROR_WMI_GUID_NOT_FOUND (winerror.h): the provider contention check finds no instance
    }

    @Override
    public int TraceSetInformation(long sessionHandle, int informationClass, Pointer information, int length) {
        return 0; // not called by the benchmarks' plain sessions
    }

    @Override
    public long OpenTraceW(EVENT_TRACE_LOGFILEW logfile) {
        // the Java object behind a JNA trampoline (null for an FFM upcall stub: "direct" needs the JNA path)
        callback = (EventRecordCallback) CallbackReference.getCallback(EventRecordCallback.class,
                logfile.EventRecordCallback);
        function = Function.getFunction(logfile.getPointer().getPointer(0x1A8));
        return TRACE_HANDLE;
    }

    @Override
    public int ProcessTrace(long[] handleArray, int handleCount, Pointer startTime, Pointer endTime) {
        EventRecordCallback cb = callback;
        Function fn = function;
        Object[] args = {record};
        for (int i = 0; i < records && !stopped; i++) {
            if (viaFunctionPointer) {
                fn.invoke(Void.class, args);
            } else {
                cb.callback(record);
            }
        }
        return 0;
    }

    @Override
    public int CloseTrace(long traceHandle) {
        stopped = true;
        return 0;
    }

    @Override
    public int QueryAllTracesW(Pointer[] propertyArray, int propertyArrayCount, IntByReference loggerCount) {
        loggerCount.setValue(0);
        return 0;
    }
}
