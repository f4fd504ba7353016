package io.etw4j.core.internal.win32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import io.etw4j.core.EtwCallException;
import io.etw4j.core.EventRecord;
import io.etw4j.core.UnsupportedPlatformException;
import io.etw4j.core.internal.EtwNative;
import io.etw4j.core.internal.ProviderConfig;
import io.etw4j.core.internal.ProviderInstance;
import io.etw4j.core.internal.SessionConfig;
import io.etw4j.core.internal.TraceList;
import io.etw4j.core.internal.TraceProperties;
import io.etw4j.core.internal.TraceStatus;
import io.etw4j.core.internal.Win32Errors;
import io.etw4j.core.internal.win32.EtwStructures.ENABLE_TRACE_PARAMETERS;
import io.etw4j.core.internal.win32.EtwStructures.EVENT_TRACE_LOGFILEW;
import io.etw4j.core.internal.win32.EtwStructures.GUID;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link WindowsEtwNative} against a Java stand-in for advapi32 ({@link Advapi32} is an interface): every argument
 * is read back from native memory at the Windows x64 offsets (notes §2.2, §2.3, §2.10), as advapi32 would read it.
 * This proves what etw4j writes and how it reads results and errors; it does not call Windows.
 */
class WindowsEtwNativeTest {
    private static final UUID SCM = UUID.fromString("ebcca1c2-ab46-4a1d-8c2a-906c2ff25f39");

    /** One EVENT_FILTER_DESCRIPTOR read back from native memory: its type and the Size bytes at Ptr. */
    record Filter(int type, byte[] data) {
    }

    /** Records calls; each method answers with the scripted code. */
    private static class ScriptedAdvapi implements Advapi32 {
        final List<String> calls = new ArrayList<>();
        final List<Pointer> controlBuffers = new ArrayList<>();
        int startRc;
        int controlRc;
        int enableRc;
        int processRc;
        int closeRc;
        long openResult = 0x7001;
        Pointer startProperties;
        String startName;
        byte[] enableParams;
        UUID enableGuid;
        int enableLevel;
        long enableAny;
        long enableAll;
        Pointer openLogfile;
        int queryAllCalls;
        final List<Filter> filters = new ArrayList<>();
        int setInfoRc;
        long setInfoHandle;
        int setInfoClass;
        byte[] setInfoBytes;
        int enableControlCode;
        boolean enableParamsNull;
        /** Writes more of what ControlTraceW returns (after the counters and the name); null for nothing more. */
        java.util.function.Consumer<Pointer> controlWriteBack;
        /** Answers EnumerateTraceGuidsEx; null fails the test. */
        EnumerateHandler enumerate;

        @Override
        public int TraceSetInformation(long sessionHandle, int informationClass, Pointer information, int length) {
            calls.add("TraceSetInformation");
            setInfoHandle = sessionHandle;
            setInfoClass = informationClass;
            setInfoBytes = information.getByteArray(0, length); // what advapi32 would read: Length bytes at the address
            return setInfoRc;
        }

        @Override
        public int StartTraceW(LongByReference traceId, Pointer instanceName, Pointer properties) {
            calls.add("StartTraceW");
            startName = WideStrings.read(instanceName, 0, 2048);
            startProperties = properties;
            traceId.setValue(0x1234);
            return startRc;
        }

        @Override
        public int ControlTraceW(long traceId, Pointer instanceName, Pointer properties, int controlCode) {
            calls.add("ControlTraceW " + controlCode + " " + traceId + " " + WideStrings.read(instanceName, 0, 2048));
            // what the buffer held on entry: a used buffer would show the counters written below
            assertThat(properties.getInt(0x58)).as("EventsLost on entry").isZero();
            assertThat(properties.getInt(0x00)).as("Wnode.BufferSize").isEqualTo(0x78 + 2048 + 2048);
            controlBuffers.add(properties);
            if (controlRc == 0) {
                properties.setInt(0x58, 17); // EventsLost
                properties.setInt(0x5C, 900); // BuffersWritten
                properties.setInt(0x64, 3); // RealTimeBuffersLost
                properties.setLong(0x08, 0x1234); // Wnode.HistoricalContext
                int nameOffset = properties.getInt(0x74);
                byte[] n = "etw4j-x~1-2\0".getBytes(StandardCharsets.UTF_16LE);
                properties.write(nameOffset, n, 0, n.length);
                if (controlWriteBack != null) {
                    controlWriteBack.accept(properties);
                }
            }
            return controlRc;
        }

        @Override
        public int EnableTraceEx2(long traceId, GUID providerId, int controlCode, byte level, long any, long all,
                                  int timeout, ENABLE_TRACE_PARAMETERS params) {
            calls.add("EnableTraceEx2 " + traceId + " " + controlCode + " " + timeout);
            enableGuid = Guids.read(providerId.getPointer(), 0);
            enableLevel = level & 0xFF;
            enableAny = any;
            enableAll = all;
            enableControlCode = controlCode;
            enableParamsNull = params == null;
            filters.clear();
            if (params == null) {
                return enableRc;
            }
            enableParams = params.getPointer().getByteArray(0, 0x30);
            Pointer desc = params.getPointer().getPointer(0x20);
            int descCount = params.getPointer().getInt(0x28);
            for (int i = 0; desc != null && i < descCount; i++) {
                // every EVENT_FILTER_DESCRIPTOR as advapi32 reads it: Ptr@0, Size@8, Type@0xC, 16 bytes apart
                Pointer d = desc.share(16L * i);
                filters.add(new Filter(d.getInt(0xC), new Pointer(d.getLong(0)).getByteArray(0, d.getInt(8))));
            }
            if (desc != null) {
                // follow the descriptor as advapi32 would: Ptr@0, Size@8, Type@0xC, then EVENT_FILTER_EVENT_ID
                Pointer data = new Pointer(desc.getLong(0));
                int size = desc.getInt(8);
                calls.add("filter type=0x" + Integer.toHexString(desc.getInt(0xC)) + " size=" + size
                        + " in=" + data.getByte(0) + " count=" + data.getShort(2) + " first=" + data.getShort(4)
                        + " second=" + data.getShort(6));
            }
            return enableRc;
        }

        @Override
        public int EnumerateTraceGuidsEx(int infoClass, Pointer in, int inSize, Pointer out, int outSize,
                                         IntByReference returnLength) {
            calls.add("EnumerateTraceGuidsEx " + infoClass + " " + Guids.read(in, 0) + " in=" + inSize
                    + " out=" + outSize);
            return enumerate.answer(out, outSize, returnLength);
        }

        @Override
        public long OpenTraceW(EVENT_TRACE_LOGFILEW logfile) {
            calls.add("OpenTraceW");
            openLogfile = logfile.getPointer();
            return openResult;
        }

        @Override
        public int ProcessTrace(long[] handles, int count, Pointer start, Pointer end) {
            calls.add("ProcessTrace " + handles[0] + " " + count);
            return processRc;
        }

        @Override
        public int CloseTrace(long handle) {
            calls.add("CloseTrace " + handle);
            return closeRc;
        }

        /** Sessions the stand-in host runs (EtwMaxLoggers may allow up to 256). */
        int runningSessions = 100;

        /**
         * As "QueryAllTracesW function (evntrace.h)" describes it: more than 64 structures is ERROR_INVALID_PARAMETER
         * (the documented limit; this host follows it); fewer than the running sessions fills PropertyArrayCount of
         * them and answers ERROR_MORE_DATA. Each session's name goes to its block's LoggerNameOffset, its index to
         * EventsLost (0x58).
         */
        @Override
        public int QueryAllTracesW(Pointer[] array, int arrayCount, IntByReference loggerCount) {
            queryAllCalls++;
            calls.add("QueryAllTracesW " + arrayCount);
            if (arrayCount < 1 || arrayCount > 64 || array.length != arrayCount) {
                return Win32Errors.ERROR_INVALID_PARAMETER;
            }
            int filled = Math.min(arrayCount, runningSessions);
            for (int i = 0; i < filled; i++) {
                byte[] n = ("session-" + i + "\0").getBytes(StandardCharsets.UTF_16LE);
                array[i].write(array[i].getInt(0x74), n, 0, n.length);
                array[i].setInt(0x58, i);
            }
            loggerCount.setValue(runningSessions);
            return runningSessions > arrayCount ? Win32Errors.ERROR_MORE_DATA : 0;
        }
    }

    /** What the stand-in's EnumerateTraceGuidsEx writes and returns. */
    @FunctionalInterface
    interface EnumerateHandler {
        int answer(Pointer out, int outSize, IntByReference returnLength);
    }

    private final ScriptedAdvapi api = new ScriptedAdvapi();
    private final WindowsEtwNative nat = new WindowsEtwNative(api);

    @Test
    void startTraceWritesTheSessionSettingsAtTheirX64Offsets() {
        long handle = nat.startTrace("etw4j-s~1-2", new SessionConfig(64, 4, 32, 1,
                SessionConfig.EVENT_TRACE_REAL_TIME_MODE, SessionConfig.CLOCK_QPC));
        assertThat(handle).isEqualTo(0x1234);
        Pointer p = api.startProperties;
        int nameBytes = ("etw4j-s~1-2".length() + 1) * 2;
        assertThat(api.startName).isEqualTo("etw4j-s~1-2");
        assertThat(p.getInt(0x00)).as("Wnode.BufferSize").isEqualTo(0x78 + nameBytes);
        assertThat(p.getInt(0x28)).as("Wnode.ClientContext").isEqualTo(1);
        assertThat(p.getInt(0x2C)).as("Wnode.Flags").isEqualTo(0x00020000);
        assertThat(p.getInt(0x30)).as("BufferSize").isEqualTo(64);
        assertThat(p.getInt(0x34)).as("MinimumBuffers").isEqualTo(4);
        assertThat(p.getInt(0x38)).as("MaximumBuffers").isEqualTo(32);
        assertThat(p.getInt(0x40)).as("LogFileMode").isEqualTo(0x100);
        assertThat(p.getInt(0x44)).as("FlushTimer").isEqualTo(1);
        assertThat(p.getInt(0x70)).as("LogFileNameOffset").isZero();
        assertThat(p.getInt(0x74)).as("LoggerNameOffset").isEqualTo(0x78);
    }

    @Test
    void startTraceOfTheKernelLoggerWritesSystemTraceControlGuidAndEnableFlags() {
        nat.startTrace("NT Kernel Logger", new SessionConfig(64, 0, 0, 1, SessionConfig.EVENT_TRACE_REAL_TIME_MODE,
                SessionConfig.CLOCK_QPC, null, 0, 0x1 | 0x4 | 0x10000,
                UUID.fromString("9e814aad-3204-11d2-9a82-006008a86939")));
        Pointer p = api.startProperties;
        assertThat(api.startName).isEqualTo("NT Kernel Logger");
        // Wnode.Guid @0x18 in Windows' GUID layout: Data1 LE, Data2 LE, Data3 LE, Data4 as is
        assertThat(java.util.HexFormat.of().formatHex(p.getByteArray(0x18, 16)))
                .isEqualTo("ad4a819e" + "0432" + "d211" + "9a82006008a86939");
        assertThat(p.getInt(0x48)).as("EnableFlags").isEqualTo(0x10005);
        assertThat(p.getInt(0x40)).as("LogFileMode").isEqualTo(0x100);
        assertThat(p.getInt(0x70)).as("LogFileNameOffset").isZero();
        assertThat(WideStrings.read(p, p.getInt(0x74), 64)).isEqualTo("NT Kernel Logger");
    }

    @Test
    void startTraceOfASystemLoggerRecordingToAFileWritesTheModeTheSizeAndTheFileName() {
        String file = "C:\\captures\\agent.etl";
        nat.startTrace("etw4j-k~1-2", new SessionConfig(64, 0, 0, 1,
                SessionConfig.EVENT_TRACE_SYSTEM_LOGGER_MODE | SessionConfig.EVENT_TRACE_REAL_TIME_MODE
                        | Advapi32.EVENT_TRACE_FILE_MODE_CIRCULAR, SessionConfig.CLOCK_QPC, file, 256, 0x4, null));
        Pointer p = api.startProperties;
        int nameBytes = ("etw4j-k~1-2".length() + 1) * 2;
        int fileBytes = (file.length() + 1) * 2;
        assertThat(p.getInt(0x00)).as("Wnode.BufferSize").isEqualTo(0x78 + nameBytes + fileBytes);
        assertThat(p.getByteArray(0x18, 16)).as("Wnode.Guid: zero, ETW assigns one").containsOnly(0);
        assertThat(p.getInt(0x3C)).as("MaximumFileSize").isEqualTo(256);
        assertThat(p.getInt(0x40)).as("LogFileMode").isEqualTo(0x02000000 | 0x100 | 0x2);
        assertThat(p.getInt(0x48)).as("EnableFlags").isEqualTo(0x4);
        assertThat(p.getInt(0x74)).as("LoggerNameOffset").isEqualTo(0x78);
        assertThat(p.getInt(0x70)).as("LogFileNameOffset").isEqualTo(0x78 + nameBytes);
        assertThat(WideStrings.read(p, p.getInt(0x70), fileBytes)).isEqualTo(file);
    }

    @Test
    void enableProviderPassesEventIdPidAndExecutableFiltersAsThreeDescriptorsInOrder() {
        nat.enableProvider(0x1234, new ProviderConfig(SCM, 5, -1L, 0, 0, new int[] {0x28}, true,
                new int[] {640, 4}, "services.exe;svchost.exe", false));
        Memory params = new Memory(0x30);
        params.write(0, api.enableParams, 0, 0x30);
        assertThat(params.getInt(0x28)).as("FilterDescCount").isEqualTo(3);
        assertThat(api.filters).extracting(Filter::type)
                .containsExactly(0x80000200, 0x80000004, 0x80000008);
        // EVENT_FILTER_EVENT_ID: FilterIn 1, Reserved 0, Count 1, Events[0] 0x28; Size 4 + 2 * 1
        assertThat(api.filters.get(0).data()).containsExactly(1, 0, 1, 0, 0x28, 0);
        // PID: ULONG[] little-endian; Size 4 * count
        assertThat(api.filters.get(1).data()).containsExactly(0x80, 0x02, 0, 0, 4, 0, 0, 0);
        // executable names: UTF-16LE with its NUL; Size its bytes
        byte[] exe = api.filters.get(2).data();
        assertThat(exe).hasSize(("services.exe;svchost.exe".length() + 1) * 2);
        assertThat(new String(exe, 0, exe.length - 2, StandardCharsets.UTF_16LE)).isEqualTo("services.exe;svchost.exe");
        assertThat(exe[exe.length - 1]).isZero();
        assertThat(exe[exe.length - 2]).isZero();
    }

    @Test
    void enableFiltersRecheckTheDocumentedLimits() {
        assertThatThrownBy(() -> EnableFilters.of(new ProviderConfig(SCM, 5, 0, 0, 0, new int[0], true,
                new int[9], "", false))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8");
        assertThatThrownBy(() -> EnableFilters.of(new ProviderConfig(SCM, 5, 0, 0, 0, new int[0], true,
                new int[0], "x".repeat(512), false))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1024");
        assertThat(EnableFilters.of(new ProviderConfig(SCM, 5, 0, 0, 0, new int[0], true))).isNull();
    }

    @Test
    void captureStateCallsEnableTraceEx2WithCaptureStateAndNoParameters() {
        nat.captureState(0x1234, new ProviderConfig(SCM, 4, 0x10L, 0, 0x80, new int[] {1}, true));
        assertThat(api.calls).containsExactly("EnableTraceEx2 4660 2 0");
        assertThat(api.enableControlCode).isEqualTo(Advapi32.EVENT_CONTROL_CODE_CAPTURE_STATE);
        assertThat(api.enableParamsNull).isTrue();
        assertThat(api.enableGuid).isEqualTo(SCM);
        assertThat(api.enableLevel).isEqualTo(4);
        assertThat(api.enableAny).isEqualTo(0x10L);
        api.enableRc = Win32Errors.ERROR_INVALID_PARAMETER;
        assertThatThrownBy(() -> nat.captureState(1, new ProviderConfig(SCM, 4, 0, 0, 0, new int[0], true)))
                .isInstanceOfSatisfying(EtwCallException.class, e -> assertThat(e.errorCode()).isEqualTo(87));
    }

    @Test
    void traceSetInformationPassesTheClassTheBytesAndTheirLength() {
        byte[] mask = io.etw4j.core.internal.KernelInformation.groupMask(new int[] {0x1, 0x20000000});
        nat.traceSetInformation(0x1234, EtwNative.TRACE_SYSTEM_TRACE_ENABLE_FLAGS_INFO, mask);
        assertThat(api.setInfoHandle).isEqualTo(0x1234);
        assertThat(api.setInfoClass).isEqualTo(4);
        assertThat(api.setInfoBytes).containsExactly(mask);
        api.setInfoRc = 50; // ERROR_NOT_SUPPORTED, e.g. before Windows 8
        assertThatThrownBy(() -> nat.traceSetInformation(1, 3, new byte[24]))
                .isInstanceOfSatisfying(EtwCallException.class, e -> {
                    assertThat(e.function()).isEqualTo("TraceSetInformation");
                    assertThat(e.errorCode()).isEqualTo(50);
                });
    }

    @Test
    void startTraceErrorsBecomeTypedExceptions() {
        api.startRc = Win32Errors.ERROR_ALREADY_EXISTS;
        assertThatThrownBy(() -> nat.startTrace("x", new SessionConfig(64, 0, 0, 1, 0x100, 1)))
                .isInstanceOfSatisfying(EtwCallException.class, e -> {
                    assertThat(e.function()).isEqualTo("StartTraceW");
                    assertThat(e.errorCode()).isEqualTo(183);
                    assertThat(e.getMessage()).contains("0xb7 ERROR_ALREADY_EXISTS");
                });
    }

    @Test
    void enableProviderPassesLevelKeywordsPropertiesAndAnEventIdFilter() {
        nat.enableProvider(0x1234, new ProviderConfig(SCM, 5, -1L, 0x3L, 0x81, new int[] {7045, 7036}, true));
        assertThat(api.calls).containsExactly("EnableTraceEx2 4660 1 0",
                "filter type=0x80000200 size=8 in=1 count=2 first=7045 second=7036");
        assertThat(api.enableGuid).isEqualTo(SCM);
        assertThat(api.enableLevel).isEqualTo(5);
        assertThat(api.enableAny).isEqualTo(-1L);
        assertThat(api.enableAll).isEqualTo(3L);
        Memory params = new Memory(0x30);
        params.write(0, api.enableParams, 0, 0x30);
        assertThat(params.getInt(0x00)).as("Version").isEqualTo(2);
        assertThat(params.getInt(0x04)).as("EnableProperty").isEqualTo(0x81);
        assertThat(params.getInt(0x08)).as("ControlFlags").isZero();
        assertThat(params.getInt(0x28)).as("FilterDescCount").isEqualTo(1);
    }

    @Test
    void enableProviderWithoutFilterPassesNoDescriptorAndExcludeSetsFilterInFalse() {
        nat.enableProvider(1, new ProviderConfig(SCM, 0xFF, 0, 0, 0, new int[0], true));
        Memory params = new Memory(0x30);
        params.write(0, api.enableParams, 0, 0x30);
        assertThat(params.getLong(0x20)).as("EnableFilterDesc").isZero();
        assertThat(params.getInt(0x28)).as("FilterDescCount").isZero();
        assertThat(api.enableLevel).isEqualTo(0xFF);

        api.calls.clear();
        nat.enableProvider(1, new ProviderConfig(SCM, 4, 0, 0, 0, new int[] {1, 2}, false));
        assertThat(api.calls).contains("filter type=0x80000200 size=8 in=0 count=2 first=1 second=2");
    }

    @Test
    void controlCallsUseAFreshBufferEachTimeAndReadTheCountersBack() {
        TraceStatus q = nat.queryTrace("etw4j-x~1-2");
        TraceStatus s = nat.stopTrace("etw4j-x~1-2");
        nat.flushTrace("etw4j-x~1-2");
        assertThat(api.calls).containsExactly("ControlTraceW 0 0 etw4j-x~1-2", "ControlTraceW 1 0 etw4j-x~1-2",
                "ControlTraceW 3 0 etw4j-x~1-2");
        // three distinct allocations; each was zero on entry (asserted inside ControlTraceW)
        assertThat(api.controlBuffers).doesNotHaveDuplicates().hasSize(3);
        for (TraceStatus t : List.of(q, s)) {
            assertThat(t.sessionName()).isEqualTo("etw4j-x~1-2");
            assertThat(t.eventsLost()).isEqualTo(17);
            assertThat(t.buffersWritten()).isEqualTo(900);
            assertThat(t.realTimeBuffersLost()).isEqualTo(3);
            assertThat(t.sessionHandle()).isEqualTo(0x1234);
        }
    }

    /**
     * QUERY with the settings reads them from the x64 EVENT_TRACE_PROPERTIES offsets (evntrace.h; wmistr.h
     * WNODE_HEADER): Wnode.Guid 0x18, ClientContext 0x28, BufferSize 0x30, MinimumBuffers 0x34, MaximumBuffers 0x38,
     * MaximumFileSize 0x3C, LogFileMode 0x40, FlushTimer 0x44, EnableFlags 0x48, AgeLimit 0x4C, LogFileNameOffset
     * 0x70; UPDATE (control code 2, EVENT_TRACE_CONTROL_UPDATE) writes them back at the same offsets into a fresh
     * buffer, with LogFileNameOffset 0 and Wnode.Flags WNODE_FLAG_TRACED_GUID 0x00020000 ("ControlTraceW
     * function": an update built from a query must set both so).
     */
    @Test
    void queryPropertiesReadsTheSettingsAndUpdateWritesThemBackAtTheSdkOffsets() {
        UUID guid = UUID.fromString("01234567-89ab-cdef-0123-456789abcdef");
        api.controlWriteBack = p -> {
            Guids.write(p, 0x18, guid);
            p.setInt(0x28, 1);
            p.setInt(0x30, 128);
            p.setInt(0x34, 10);
            p.setInt(0x38, 25);
            p.setInt(0x3C, 5);
            p.setInt(0x40, 0x10000002);
            p.setInt(0x44, 1);
            p.setInt(0x48, 0);
            p.setInt(0x4C, 15);
            byte[] file = "C:\\Windows\\SCM.EVM\0".getBytes(StandardCharsets.UTF_16LE);
            p.write(p.getInt(0x70), file, 0, file.length);
        };
        TraceProperties q = nat.queryProperties("SCM");
        assertThat(q.wnodeGuid()).isEqualTo(guid);
        assertThat(q.clientContext()).isEqualTo(1);
        assertThat(q.status().bufferSizeKb()).isEqualTo(128);
        assertThat(q.minimumBuffers()).isEqualTo(10);
        assertThat(q.maximumBuffers()).isEqualTo(25);
        assertThat(q.maximumFileSizeMb()).isEqualTo(5);
        assertThat(q.logFileMode()).isEqualTo(0x10000002);
        assertThat(q.flushTimerSeconds()).isEqualTo(1);
        assertThat(q.ageLimit()).isEqualTo(15);
        assertThat(q.logFileName()).isEqualTo("C:\\Windows\\SCM.EVM");
        assertThat(q.status().buffersWritten()).isEqualTo(900);
        assertThat(q.status().sessionHandle()).isEqualTo(0x1234);

        api.controlWriteBack = null;
        api.calls.clear();
        TraceStatus after = nat.updateTrace("SCM", q.withLogFileMode(0x10000102));
        assertThat(api.calls).containsExactly("ControlTraceW 2 0 SCM");
        Pointer u = api.controlBuffers.get(api.controlBuffers.size() - 1);
        assertThat(api.controlBuffers).as("a fresh buffer, not the query's").doesNotHaveDuplicates();
        assertThat(Guids.read(u, 0x18)).isEqualTo(guid);
        assertThat(u.getInt(0x28)).as("Wnode.ClientContext").isEqualTo(1);
        assertThat(u.getInt(0x2C)).as("Wnode.Flags").isEqualTo(0x00020000);
        assertThat(u.getInt(0x30)).as("BufferSize").isEqualTo(128);
        assertThat(u.getInt(0x34)).as("MinimumBuffers").isEqualTo(10);
        assertThat(u.getInt(0x38)).as("MaximumBuffers").isEqualTo(25);
        assertThat(u.getInt(0x3C)).as("MaximumFileSize").isEqualTo(5);
        assertThat(u.getInt(0x40)).as("LogFileMode").isEqualTo(0x10000102);
        assertThat(u.getInt(0x44)).as("FlushTimer").isEqualTo(1);
        assertThat(u.getInt(0x48)).as("EnableFlags").isZero();
        assertThat(u.getInt(0x4C)).as("AgeLimit").isEqualTo(15);
        assertThat(u.getInt(0x70)).as("LogFileNameOffset").isZero();
        assertThat(u.getInt(0x74)).as("LoggerNameOffset").isEqualTo(0x78);
        assertThat(after.eventsLost()).as("what UPDATE wrote back").isEqualTo(17);
    }

    @Test
    void aFailedUpdateIsAnEtwCallExceptionOfControlTraceW() {
        api.controlRc = Win32Errors.ERROR_ACCESS_DENIED;
        assertThatThrownBy(() -> nat.updateTrace("SCM", TraceProperties.of(TraceStatus.named("SCM"))))
                .isInstanceOfSatisfying(EtwCallException.class, e -> {
                    assertThat(e.function()).isEqualTo("ControlTraceW");
                    assertThat(e.errorCode()).isEqualTo(5);
                });
        assertThatThrownBy(() -> nat.queryProperties("SCM")).isInstanceOf(EtwCallException.class);
    }

    @Test
    void stopOfAMissingSessionReportsInstanceNotFound() {
        api.controlRc = Win32Errors.ERROR_WMI_INSTANCE_NOT_FOUND;
        assertThatThrownBy(() -> nat.stopTrace("gone"))
                .isInstanceOfSatisfying(EtwCallException.class, e -> {
                    assertThat(e.function()).isEqualTo("ControlTraceW");
                    assertThat(e.errorCode()).isEqualTo(4201);
                });
    }

    @Test
    void openTraceAsksForRealTimeEventRecordsAndTheCallbackCopiesAndContainsFailures() {
        List<EventRecord> got = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        EtwNative.RecordSink sink = new EtwNative.RecordSink() {
            @Override
            public void onRecord(EventRecord record) {
                got.add(record);
                if (record.processId() == 666) {
                    throw new IllegalStateException("sink failure must not reach ETW");
                }
            }

            @Override
            public void onCopyFailure(Throwable failure) {
                failures.add(failure);
            }
        };
        long handle = nat.openTrace("etw4j-x~1-2", sink);
        assertThat(handle).isEqualTo(0x7001);
        Pointer lf = api.openLogfile;
        assertThat(WideStrings.read(lf.getPointer(0x08), 0, 2048)).as("LoggerName").isEqualTo("etw4j-x~1-2");
        assertThat(lf.getPointer(0x00)).as("LogFileName").isNull();
        assertThat(lf.getInt(0x1C)).as("ProcessTraceMode").isEqualTo(0x10000100);
        Pointer fn = lf.getPointer(0x1A8);
        assertThat(fn).as("EventRecordCallback").isNotNull();

        // ETW calls the function pointer with an EVENT_RECORD that dies on return
        Memory record = new Memory(0x70);
        record.clear();
        record.setShort(0x04, (short) 0x0040);
        record.setInt(0x0C, 3556);
        record.setShort(0x28, (short) 0x28);
        Function.getFunction(fn).invoke(Void.class, new Object[] {record});
        record.setInt(0x0C, 666);
        Function.getFunction(fn).invoke(Void.class, new Object[] {record});
        Function.getFunction(fn).invoke(Void.class, new Object[] {Pointer.NULL});
        record.clear(); // the copy must not see this

        assertThat(got).extracting(EventRecord::processId).containsExactly(3556, 666);
        assertThat(got.get(0).id()).isEqualTo(0x28);
        assertThat(failures).hasSize(2);
        assertThat(failures.get(0)).isInstanceOf(IllegalStateException.class);
        assertThat(failures.get(1)).isInstanceOf(MalformedEventRecordException.class);
    }

    @Test
    void callbackObjectsAreHeldUntilProcessTraceReturnedAndCloseTraceWasCalled() {
        long h = nat.openTrace("s", new NullSink());
        assertThat(nat.heldConsumers()).isEqualTo(1);
        nat.closeTrace(h);
        assertThat(nat.heldConsumers()).as("ProcessTrace not returned yet").isEqualTo(1);
        nat.processTrace(h);
        assertThat(nat.heldConsumers()).isZero();
        assertThat(api.calls).containsExactly("OpenTraceW", "CloseTrace 28673", "ProcessTrace 28673 1");
    }

    @Test
    void openTraceFailureAndProcessAndCloseErrorsAreTyped() {
        api.openResult = Advapi32.INVALID_PROCESSTRACE_HANDLE;
        assertThatThrownBy(() -> nat.openTrace("s", new NullSink()))
                .isInstanceOfSatisfying(EtwCallException.class, e -> assertThat(e.function()).isEqualTo("OpenTraceW"));
        assertThat(nat.heldConsumers()).isZero();

        api.processRc = Win32Errors.ERROR_NOACCESS;
        api.closeRc = Win32Errors.ERROR_CTX_CLOSE_PENDING;
        assertThatThrownBy(() -> nat.processTrace(5)).isInstanceOfSatisfying(EtwCallException.class,
                e -> assertThat(e.errorCode()).isEqualTo(Win32Errors.ERROR_NOACCESS));
        assertThatThrownBy(() -> nat.closeTrace(5)).isInstanceOfSatisfying(EtwCallException.class,
                e -> assertThat(e.errorName()).isEqualTo("ERROR_CTX_CLOSE_PENDING"));
    }

    @Test
    void queryAllTracesOnAHostWithMoreThan64SessionsListsTheFirst64AndSaysMoreRun() {
        api.runningSessions = 100;

        TraceList listed = nat.queryAllTraces();

        assertThat(api.calls).as("one call, never more than the documented 64 structures")
                .containsExactly("QueryAllTracesW 64");
        assertThat(listed.moreNotListed()).isTrue();
        List<TraceStatus> all = listed.sessions();
        assertThat(all).hasSize(64);
        assertThat(all.get(0).sessionName()).isEqualTo("session-0");
        assertThat(all.get(63).sessionName()).isEqualTo("session-63");
        assertThat(all.get(42).eventsLost()).isEqualTo(42);
    }

    @Test
    void queryAllTracesWithAtMost64SessionsListsThemAllAsComplete() {
        api.runningSessions = 64;
        TraceList full = nat.queryAllTraces();
        assertThat(full.moreNotListed()).isFalse();
        assertThat(full.sessions()).hasSize(64).last().extracting(TraceStatus::sessionName).isEqualTo("session-63");

        api.runningSessions = 3;
        TraceList few = nat.queryAllTraces();
        assertThat(few.moreNotListed()).isFalse();
        assertThat(few.sessions()).extracting(TraceStatus::sessionName)
                .containsExactly("session-0", "session-1", "session-2");
        assertThat(api.calls).containsExactly("QueryAllTracesW 64", "QueryAllTracesW 64");
    }

    @Test
    void queryAllTracesErrorsOtherThanMoreDataAreTyped() {
        Advapi32 denied = (Advapi32) java.lang.reflect.Proxy.newProxyInstance(Advapi32.class.getClassLoader(),
                new Class<?>[] {Advapi32.class}, (proxy, m, args) -> Win32Errors.ERROR_ACCESS_DENIED);
        assertThatThrownBy(() -> new WindowsEtwNative(denied).queryAllTraces())
                .isInstanceOfSatisfying(EtwCallException.class, e -> {
                    assertThat(e.function()).isEqualTo("QueryAllTracesW");
                    assertThat(e.errorCode()).isEqualTo(Win32Errors.ERROR_ACCESS_DENIED);
                });
    }

    // ------------------------------------------------------------------ EnumerateTraceGuidsEx(TraceGuidQueryInfo)

    /**
     * What Windows writes for two registrations of one GUID, laid out by hand from evntrace.h (TRACE_GUID_INFO 8
     * bytes; TRACE_PROVIDER_INSTANCE_INFO 16 bytes: NextOffset, EnableCount, Pid, Flags; TRACE_ENABLE_INFO 32 bytes:
     * IsEnabled@0, Level@4, LoggerId@6, EnableProperty@8, MatchAnyKeyword@0x10, MatchAllKeyword@0x18), with literal
     * offsets rather than the reader's constants.
     */
    private static byte[] twoInstances() {
        Memory m = new Memory(8 + 16 + 2 * 32 + 16 + 32);
        m.clear();
        m.setInt(0, 2); // InstanceCount
        // instance 1 at 8: services.exe, classic (TRACE_PROVIDER_FLAG_LEGACY), two enables
        m.setInt(8, 16 + 2 * 32); // NextOffset
        m.setInt(12, 2); // EnableCount
        m.setInt(16, 612); // Pid
        m.setInt(20, 0x1); // Flags
        m.setInt(24, 1); // IsEnabled
        m.setByte(28, (byte) 0xFF); // Level
        m.setShort(30, (short) 0x21); // LoggerId
        m.setInt(32, 0x80); // EnableProperty
        m.setLong(40, 0xFFFF_FFFFL); // MatchAnyKeyword
        m.setLong(48, 0L); // MatchAllKeyword
        m.setInt(56, 1);
        m.setByte(60, (byte) 5);
        m.setShort(62, (short) 0xFFF0); // a LoggerId above 0x7FFF must stay unsigned
        m.setLong(72, 0x100_0105L);
        m.setLong(80, 0x4L);
        // instance 2 at 88: pre-enabled, one enable, last block
        m.setInt(88, 0); // NextOffset
        m.setInt(92, 1);
        m.setInt(96, 0);
        m.setInt(100, 0x2); // TRACE_PROVIDER_FLAG_PRE_ENABLE
        m.setInt(104, 1);
        m.setByte(108, (byte) 4);
        m.setShort(110, (short) 0x22);
        return m.getByteArray(0, (int) m.size());
    }

    @Test
    void providerInstancesRetriesWithTheSizeReturnedAndReadsEveryInstanceAndEnable() {
        byte[] answer = twoInstances();
        api.enumerate = (out, outSize, returned) -> {
            if (outSize < 2000) {
                returned.setValue(2000);
                return Advapi32.ERROR_INSUFFICIENT_BUFFER;
            }
            out.write(0, answer, 0, answer.length);
            returned.setValue(answer.length);
            return 0;
        };

        List<ProviderInstance> got = nat.providerInstances(SCM);

        // TraceGuidQueryInfo = 1 (evntrace.h TRACE_QUERY_INFO_CLASS), InBuffer = the 16-byte GUID; the retry asks
        // for at least the 2000 bytes returned (here twice the first 1 KB, which is more)
        assertThat(api.calls).containsExactly("EnumerateTraceGuidsEx 1 " + SCM + " in=16 out=1024",
                "EnumerateTraceGuidsEx 1 " + SCM + " in=16 out=2048");
        assertThat(got).hasSize(2);
        ProviderInstance services = got.get(0);
        assertThat(services.pid()).isEqualTo(612);
        assertThat(services.legacy()).isTrue();
        assertThat(services.preEnabled()).isFalse();
        assertThat(services.enables()).containsExactly(
                new ProviderInstance.Enable(0x21, true, 0xFF, 0x80, 0xFFFF_FFFFL, 0L),
                new ProviderInstance.Enable(0xFFF0, true, 5, 0, 0x100_0105L, 0x4L));
        ProviderInstance pre = got.get(1);
        assertThat(pre.preEnabled()).isTrue();
        assertThat(pre.legacy()).isFalse();
        assertThat(pre.enables()).containsExactly(new ProviderInstance.Enable(0x22, true, 4, 0, 0L, 0L));
    }

    @Test
    void providerInstancesOfAnUnknownGuidIsEmpty() {
        api.enumerate = (out, outSize, returned) -> Win32Errors.ERROR_WMI_GUID_NOT_FOUND;
        assertThat(nat.providerInstances(SCM)).isEmpty();
        assertThat(api.calls).hasSize(1);
    }

    @Test
    void providerInstancesReportsOtherErrorsAndASizeThatKeepsGrowing() {
        api.enumerate = (out, outSize, returned) -> Win32Errors.ERROR_ACCESS_DENIED;
        assertThatThrownBy(() -> nat.providerInstances(SCM)).isInstanceOfSatisfying(EtwCallException.class, e -> {
            assertThat(e.function()).isEqualTo("EnumerateTraceGuidsEx");
            assertThat(e.errorCode()).isEqualTo(Win32Errors.ERROR_ACCESS_DENIED);
        });

        api.calls.clear();
        api.enumerate = (out, outSize, returned) -> {
            returned.setValue(outSize + 1); // a provider registers between every two calls
            return Advapi32.ERROR_INSUFFICIENT_BUFFER;
        };
        assertThatThrownBy(() -> nat.providerInstances(SCM)).isInstanceOfSatisfying(EtwCallException.class,
                e -> assertThat(e.errorCode()).isEqualTo(Advapi32.ERROR_INSUFFICIENT_BUFFER));
        assertThat(api.calls).hasSize(TraceQueries.MAX_GUID_INFO_ATTEMPTS);
    }

    @Test
    void providerInstancesRefusesAnAbsurdSizeWithoutAllocatingIt() {
        api.enumerate = (out, outSize, returned) -> {
            returned.setValue(-1); // 4 GB
            return Advapi32.ERROR_INSUFFICIENT_BUFFER;
        };
        assertThatThrownBy(() -> nat.providerInstances(SCM)).isInstanceOf(EtwCallException.class)
                .hasMessageContaining("exceeds");
        assertThat(api.calls).hasSize(1);
    }

    @Test
    void aMalformedAnswerIsATypedFailureNotAReadPastTheBuffer() {
        Memory m = new Memory(8 + 16);
        m.clear();
        m.setInt(0, 1);
        m.setInt(12, 1000); // EnableCount: 1000 TRACE_ENABLE_INFO cannot fit in 24 bytes
        byte[] bytes = m.getByteArray(0, 24);
        api.enumerate = (out, outSize, returned) -> {
            out.write(0, bytes, 0, bytes.length);
            returned.setValue(bytes.length);
            return 0;
        };
        assertThatThrownBy(() -> nat.providerInstances(SCM))
                .isInstanceOf(TraceGuidInfoReader.MalformedTraceGuidInfoException.class)
                .hasMessageContaining("do not fit in 24 bytes");

        Memory loop = new Memory(8 + 16);
        loop.clear();
        loop.setInt(0, 2);
        loop.setInt(8, 4); // NextOffset back into its own block
        assertThatThrownBy(() -> TraceGuidInfoReader.read(loop, 24))
                .isInstanceOf(TraceGuidInfoReader.MalformedTraceGuidInfoException.class);
        assertThat(TraceGuidInfoReader.read(loop, 0)).as("ReturnLength 0: nothing").isEmpty();
    }

    /**
     * Asks the real holder (not a copy of its class name): off Windows it must reach this class's public constructor,
     * whose Advapi32 load then refuses the platform. A wrong name in the holder ends in ClassNotFoundException instead,
     * a missing public no-argument constructor in NoSuchMethodException.
     */
    @Test
    void defaultHolderCreatesThisClassThroughItsPublicConstructor() throws Exception {
        assumeFalse(Platform.isWindows(), "on Windows the holder would load advapi32.dll");
        Method get = Class.forName("io.etw4j.core.internal.WindowsNativeHolder").getDeclaredMethod("get");
        get.setAccessible(true);
        // The constructor's refusal reaches the caller as itself (reflection's own InvocationTargetException from
        // get.invoke aside), not wrapped in the holder's "missing" IllegalStateException.
        assertThatThrownBy(() -> get.invoke(null))
                .isInstanceOf(java.lang.reflect.InvocationTargetException.class)
                .cause().isExactlyInstanceOf(UnsupportedPlatformException.class)
                .hasMessageContaining("Advapi32");
    }

    private static final class NullSink implements EtwNative.RecordSink {
        @Override
        public void onRecord(EventRecord record) {
        }

        @Override
        public void onCopyFailure(Throwable failure) {
        }
    }
}
