package io.etw4j.bench;

import com.sun.jna.CallbackReference;
import com.sun.jna.Function;
import com.sun.jna.Memory;
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
 * <p>{@link Delivery}: {@code DIRECT} calls the Java callback object directly (measures etw4j's callback: copy and
 * hand-off; JNA path only); {@code JNA_FUNCTION} calls the function pointer written into EVENT_TRACE_LOGFILEW at
 * offset 0x1A8 (EventRecordCallback, notes §2.3) through JNA, so each record pays a JNA native-to-Java callback
 * dispatch, as on Windows, plus one Java-to-native call that Windows does not have (an upper bound);
 * {@code NATIVE_LOOP} hands the function pointer to the gcc-built {@link StandInLibrary}, whose C loop calls it
 * {@code records} times over 64 prepared EVENT_RECORDs, as ProcessTrace does: one native-to-Java transition per
 * record, through whichever callback etw-core made (JNA or the FFM upcall stub). One run per instance; thread-safe
 * for one ProcessTrace thread and one stopping thread.
 */
final class StandInAdvapi32 implements Advapi32 {
    private static final long TRACE_HANDLE = 0x7001;

    /** How ProcessTrace reaches the callback (see the class doc). */
    enum Delivery { DIRECT, JNA_FUNCTION, NATIVE_LOOP }

    private static final int PREPARED = 64;
    private final Pointer record;
    private final int records;
    private final Delivery delivery;
    private final Memory stopFlag = StandInLibrary.stopFlag();
    private volatile boolean stopped;
    private volatile Pointer functionPointer;
    private volatile EventRecordCallback callback;
    private volatile Function function;

    StandInAdvapi32(Pointer record, int records, Delivery delivery) {
        this.record = record;
        this.records = records;
        this.delivery = delivery;
    }

    /** The native library, loaded and checked once. */
    private static final class Loaded {
        static final StandInLibrary LIB = StandInLibrary.checkedInstance();
    }

    private void stop() {
        stopped = true;
        stopFlag.setInt(0, 1);
    }

    @Override
    public int StartTraceW(LongByReference traceId, Pointer instanceName, Pointer properties) {
        traceId.setValue(0x1234);
        return 0;
    }

    @Override
    public int ControlTraceW(long traceId, Pointer instanceName, Pointer properties, int controlCode) {
        if (controlCode == EVENT_TRACE_CONTROL_STOP) {
            stop();
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
        functionPointer = logfile.getPointer().getPointer(0x1A8);
        function = Function.getFunction(functionPointer);
        return TRACE_HANDLE;
    }

    @Override
    public int ProcessTrace(long[] handleArray, int handleCount, Pointer startTime, Pointer endTime) {
        if (delivery == Delivery.NATIVE_LOOP) {
            Pointer prepared = Loaded.LIB.etw4j_standin_prepare(record, PREPARED);
            try {
                Loaded.LIB.etw4j_standin_process(functionPointer, prepared, PREPARED, records, stopFlag);
            } finally {
                Loaded.LIB.etw4j_standin_free(prepared);
            }
            return 0;
        }
        EventRecordCallback cb = callback;
        if (delivery == Delivery.DIRECT && cb == null) {
            throw new IllegalStateException("DIRECT needs the JNA callback path (-Detw4j.liveCallback=jna)");
        }
        Function fn = function;
        Object[] args = {record};
        for (int i = 0; i < records && !stopped; i++) {
            if (delivery == Delivery.JNA_FUNCTION) {
                fn.invoke(Void.class, args);
            } else {
                cb.callback(record);
            }
        }
        return 0;
    }

    @Override
    public int CloseTrace(long traceHandle) {
        stop();
        return 0;
    }

    @Override
    public int QueryAllTracesW(Pointer[] propertyArray, int propertyArrayCount, IntByReference loggerCount) {
        loggerCount.setValue(0);
        return 0;
    }
}
