package io.etw4j.core.internal.win32;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.ptr.LongByReference;
import io.etw4j.core.EtwCallException;
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
import io.etw4j.core.internal.win32.EtwStructures.EVENT_TRACE_PROPERTIES;
import io.etw4j.core.internal.win32.EtwStructures.GUID;
import java.lang.ref.Reference;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link EtwNative} over advapi32.dll ({@link Advapi32}), for Windows x64.
 *
 * <p>Per call (evntrace.h prototypes; learn.microsoft.com pages of the same names):
 * <ul>
 *   <li>StartTraceW: a {@link TracePropertiesBuffer#forStart} buffer with BufferSize, Minimum/MaximumBuffers,
 *       LogFileMode, FlushTimer and Wnode.ClientContext from the {@link SessionConfig}; the session handle is the
 *       TraceId output.</li>
 *   <li>StartTraceW also carries, from the config, the log file name (LogFileNameOffset slot), MaximumFileSize,
 *       EnableFlags (kernel groups) and Wnode.Guid (SystemTraceControlGuid for the NT Kernel Logger).</li>
 *   <li>EnableTraceEx2: EVENT_CONTROL_CODE_ENABLE_PROVIDER, Timeout 0 (asynchronous), ENABLE_TRACE_PARAMETERS version 2
 *       with EnableProperty and one EVENT_FILTER_DESCRIPTOR per filter ({@link EnableFilters}); capture state:
 *       EVENT_CONTROL_CODE_CAPTURE_STATE with the same level and keywords and no parameters.</li>
 *   <li>TraceSetInformation: the information bytes copied to native memory, InformationLength their count.</li>
 *   <li>ControlTraceW QUERY/STOP/FLUSH/UPDATE: by name (TraceId 0), each with a fresh
 *       {@link TracePropertiesBuffer#forControl} buffer, never one Windows already wrote into; UPDATE's is filled by
 *       {@link #updateProperties} (LogFileNameOffset 0, Wnode.Flags WNODE_FLAG_TRACED_GUID, the settings as
 *       given).</li>
 *   <li>OpenTraceW: LoggerName, PROCESS_TRACE_MODE_REAL_TIME | PROCESS_TRACE_MODE_EVENT_RECORD (no RAW_TIMESTAMP,
 *       so TimeStamp arrives as FILETIME: {@link EventRecordCopier#systemTime()}); the error of an
 *       INVALID_PROCESSTRACE_HANDLE result comes from GetLastError.</li>
 *   <li>QueryAllTracesW and EnumerateTraceGuidsEx(TraceGuidQueryInfo): {@link TraceQueries}, the one listing
 *       implementation etw4j has (at most 64 sessions per QueryAllTracesW call, as its documentation requires).</li>
 * </ul>
 *
 * <p>Callbacks: each opened trace keeps its {@link NativeEventRecordCallback} (JNA, or an FFM upcall stub on JDK 22
 * and later: {@link EventRecordCallbacks}), its EVENT_TRACE_LOGFILEW and its name buffer in {@link #consumers} until both ProcessTrace has returned and CloseTrace has been called, so the
 * function pointer ETW holds never outlives its Java object (an FFM stub is freed only then). The callback copies the record before returning and
 * contains every exception (reported through {@link RecordSink#onCopyFailure}).
 *
 * <p>Thread-safe: no shared mutable state besides the concurrent consumer table.
 */
public final class WindowsEtwNative implements EtwNative {
    private final Advapi32 api;
    private final TraceQueries queries;
    private final Map<Long, Consumer> consumers = new ConcurrentHashMap<>();

    /**
     * The native layer over the real advapi32.dll.
     *
     * @throws UnsupportedPlatformException if the JVM is not a 64-bit Windows JVM
     */
    public WindowsEtwNative() {
        this(loadX64());
    }

    /** Over another binding (tests: a Java implementation of {@link Advapi32}). */
    WindowsEtwNative(Advapi32 api) {
        this.api = api;
        this.queries = new TraceQueries(api);
    }

    /** The 32-bit refusal comes before advapi32 is loaded. */
    private static Advapi32 loadX64() {
        WindowsLibraries.requireX64(Native.POINTER_SIZE, "etw4j live sessions");
        return Advapi32.instance();
    }

    // ------------------------------------------------------------------ pure builders (tested on any OS)

    /** The StartTraceW properties buffer for {@code sessionName} with {@code config}. */
    static TracePropertiesBuffer startProperties(String sessionName, SessionConfig config) {
        TracePropertiesBuffer b = TracePropertiesBuffer.forStart(sessionName, config.logFileName());
        EVENT_TRACE_PROPERTIES p = b.properties();
        p.BufferSize = config.bufferSizeKb();
        p.MinimumBuffers = config.minimumBuffers();
        p.MaximumBuffers = config.maximumBuffers();
        p.MaximumFileSize = config.maximumFileSizeMb();
        p.LogFileMode = config.logFileMode();
        p.FlushTimer = config.flushTimerSeconds();
        p.EnableFlags = config.enableFlags();
        p.Wnode.ClientContext = config.clockType();
        if (config.sessionGuid() != null) {
            p.Wnode.Guid = Guids.toStructure(config.sessionGuid());
        }
        return b.write();
    }

    /**
     * ENABLE_TRACE_PARAMETERS (version 2) for {@code provider}; {@code filters} are the filters it points to, or null
     * (the caller keeps them reachable until EnableTraceEx2 returns).
     */
    static ENABLE_TRACE_PARAMETERS enableParameters(ProviderConfig provider, EnableFilters filters) {
        ENABLE_TRACE_PARAMETERS params = new ENABLE_TRACE_PARAMETERS();
        params.Version = Advapi32.ENABLE_TRACE_PARAMETERS_VERSION_2;
        params.EnableProperty = provider.enableProperty();
        params.ControlFlags = 0;
        if (filters != null) {
            params.EnableFilterDesc = filters.descriptors();
            params.FilterDescCount = filters.count();
        }
        params.write();
        return params;
    }

    /** What a ControlTraceW / QueryAllTracesW buffer holds after the call. */
    static TraceStatus status(TracePropertiesBuffer b, String fallbackName) {
        b.read();
        EVENT_TRACE_PROPERTIES p = b.properties();
        String name = b.loggerName();
        return new TraceStatus(name.isEmpty() ? fallbackName : name, p.Wnode.HistoricalContext, p.LogFileMode,
                p.BufferSize, p.NumberOfBuffers, p.FreeBuffers, p.EventsLost, p.BuffersWritten, p.LogBuffersLost,
                p.RealTimeBuffersLost);
    }

    /** What a ControlTraceW QUERY buffer holds after the call: the settings and the statistics. */
    static TraceProperties properties(TracePropertiesBuffer b, String fallbackName) {
        TraceStatus status = status(b, fallbackName); // reads the buffer
        EVENT_TRACE_PROPERTIES p = b.properties();
        return new TraceProperties(status, Guids.toUuid(p.Wnode.Guid), p.Wnode.ClientContext, p.MinimumBuffers,
                p.MaximumBuffers, p.MaximumFileSize, p.FlushTimer, p.EnableFlags, p.AgeLimit,
                b.logFileName().orElse(""));
    }

    /**
     * The ControlTraceW(EVENT_TRACE_CONTROL_UPDATE) buffer for {@code t}: a fresh {@link TracePropertiesBuffer#forControl}
     * buffer with the settings of {@code t}, LogFileNameOffset 0 and Wnode.Flags WNODE_FLAG_TRACED_GUID, as
     * learn.microsoft.com "ControlTraceW function" asks of an update built from a query (see
     * {@link EtwNative#updateTrace}). The counters are left zero: UPDATE does not take them.
     */
    static TracePropertiesBuffer updateProperties(TraceProperties t) {
        TracePropertiesBuffer b = TracePropertiesBuffer.forControl();
        EVENT_TRACE_PROPERTIES p = b.properties();
        p.Wnode.Guid = Guids.toStructure(t.wnodeGuid());
        p.Wnode.ClientContext = t.clientContext();
        p.Wnode.Flags = Advapi32.WNODE_FLAG_TRACED_GUID;
        p.BufferSize = t.status().bufferSizeKb();
        p.MinimumBuffers = t.minimumBuffers();
        p.MaximumBuffers = t.maximumBuffers();
        p.MaximumFileSize = t.maximumFileSizeMb();
        p.LogFileMode = t.logFileMode();
        p.FlushTimer = t.flushTimerSeconds();
        p.EnableFlags = t.enableFlags();
        p.AgeLimit = t.ageLimit();
        p.LogFileNameOffset = 0; // "set LogFileNameOffset to 0 (unless you are changing the log file name)"
        return b.write();
    }

    // ------------------------------------------------------------------ EtwNative

    @Override
    public long startTrace(String sessionName, SessionConfig config) {
        TracePropertiesBuffer props = startProperties(sessionName, config);
        Memory name = WideStrings.allocate(sessionName);
        LongByReference handle = new LongByReference();
        int rc = api.StartTraceW(handle, name, props.pointer());
        Reference.reachabilityFence(props);
        Reference.reachabilityFence(name);
        check("StartTraceW", rc, sessionName);
        return handle.getValue();
    }

    @Override
    public void enableProvider(long sessionHandle, ProviderConfig provider) {
        EnableFilters filter = EnableFilters.of(provider);
        ENABLE_TRACE_PARAMETERS params = enableParameters(provider, filter);
        GUID guid = Guids.toStructure(provider.providerId());
        int rc = api.EnableTraceEx2(sessionHandle, guid, Advapi32.EVENT_CONTROL_CODE_ENABLE_PROVIDER,
                (byte) provider.level(), provider.matchAnyKeyword(), provider.matchAllKeyword(), 0, params);
        Reference.reachabilityFence(filter);
        Reference.reachabilityFence(params);
        Reference.reachabilityFence(guid);
        check("EnableTraceEx2", rc, "provider " + provider.providerId());
    }

    @Override
    public void captureState(long sessionHandle, ProviderConfig provider) {
        GUID guid = Guids.toStructure(provider.providerId());
        int rc = api.EnableTraceEx2(sessionHandle, guid, Advapi32.EVENT_CONTROL_CODE_CAPTURE_STATE,
                (byte) provider.level(), provider.matchAnyKeyword(), provider.matchAllKeyword(), 0, null);
        Reference.reachabilityFence(guid);
        check("EnableTraceEx2", rc, "capture state of provider " + provider.providerId());
    }

    @Override
    public void traceSetInformation(long sessionHandle, int informationClass, byte[] information) {
        Memory data = new Memory(Math.max(information.length, 1));
        data.write(0, information, 0, information.length);
        int rc = api.TraceSetInformation(sessionHandle, informationClass, data, information.length);
        Reference.reachabilityFence(data);
        check("TraceSetInformation", rc, "information class " + informationClass);
    }

    @Override
    public TraceStatus queryTrace(String sessionName) {
        return control(sessionName, Advapi32.EVENT_TRACE_CONTROL_QUERY);
    }

    @Override
    public TraceStatus stopTrace(String sessionName) {
        return control(sessionName, Advapi32.EVENT_TRACE_CONTROL_STOP);
    }

    @Override
    public void flushTrace(String sessionName) {
        control(sessionName, Advapi32.EVENT_TRACE_CONTROL_FLUSH);
    }

    @Override
    public TraceProperties queryProperties(String sessionName) {
        TracePropertiesBuffer props = TracePropertiesBuffer.forControl(); // fresh for every call
        Memory name = WideStrings.allocate(sessionName);
        int rc = api.ControlTraceW(0L, name, props.pointer(), Advapi32.EVENT_TRACE_CONTROL_QUERY);
        Reference.reachabilityFence(name);
        check("ControlTraceW", rc, sessionName);
        return properties(props, sessionName);
    }

    @Override
    public TraceStatus updateTrace(String sessionName, TraceProperties properties) {
        TracePropertiesBuffer props = updateProperties(properties); // fresh, filled from the properties
        Memory name = WideStrings.allocate(sessionName);
        int rc = api.ControlTraceW(0L, name, props.pointer(), Advapi32.EVENT_TRACE_CONTROL_UPDATE);
        Reference.reachabilityFence(name);
        check("ControlTraceW", rc, sessionName + " (update)");
        return status(props, sessionName);
    }

    private TraceStatus control(String sessionName, int code) {
        TracePropertiesBuffer props = TracePropertiesBuffer.forControl(); // fresh for every call
        Memory name = WideStrings.allocate(sessionName);
        int rc = api.ControlTraceW(0L, name, props.pointer(), code);
        Reference.reachabilityFence(name);
        check("ControlTraceW", rc, sessionName);
        return status(props, sessionName);
    }

    @Override
    public long openTrace(String sessionName, RecordSink sink) {
        Consumer consumer = new Consumer(sessionName, sink);
        long handle = api.OpenTraceW(consumer.logfile);
        if (handle == Advapi32.INVALID_PROCESSTRACE_HANDLE || handle == 0xFFFFFFFFL) {
            // 0x00000000FFFFFFFF: INVALID_HANDLE_VALUE truncated, as under WOW64 (inferred)
            int err = Native.getLastError();
            consumer.callback.close(); // ETW holds no pointer to it: free an FFM stub now
            throw new EtwCallException("OpenTraceW", err == 0 ? Win32Errors.ERROR_INVALID_HANDLE : err,
                    sessionName);
        }
        consumers.put(handle, consumer);
        return handle;
    }

    @Override
    public void processTrace(long traceHandle) {
        int rc;
        try {
            rc = api.ProcessTrace(new long[] {traceHandle}, 1, null, null);
        } finally {
            Consumer c = consumers.get(traceHandle);
            if (c != null) {
                c.processed = true;
                release(traceHandle, c);
            }
        }
        check("ProcessTrace", rc, null);
    }

    @Override
    public void closeTrace(long traceHandle) {
        int rc = api.CloseTrace(traceHandle);
        Consumer c = consumers.get(traceHandle);
        if (c != null) {
            c.closed = true;
            release(traceHandle, c);
        }
        check("CloseTrace", rc, null);
    }

    private void release(long handle, Consumer c) {
        if (c.processed && c.closed && consumers.remove(handle, c)) {
            c.callback.close(); // no callback can run any more: ProcessTrace returned, CloseTrace was called
        }
    }

    /** {@return the callback kind ("jna" or "ffm") of the open trace {@code handle}, or null (tests, benchmarks)} */
    String callbackKind(long handle) {
        Consumer c = consumers.get(handle);
        return c == null ? null : c.callback.kind();
    }

    /** Number of traces whose callback objects are still held (tests). */
    int heldConsumers() {
        return consumers.size();
    }

    /** {@link TraceQueries#queryAllTraces()}: at most 64 sessions, flagged when more run. */
    @Override
    public TraceList queryAllTraces() {
        return queries.queryAllTraces();
    }

    /** {@link TraceQueries#providerInstances(UUID)}. */
    @Override
    public List<ProviderInstance> providerInstances(UUID providerId) {
        return queries.providerInstances(providerId);
    }

    private static void check(String function, int rc, String context) {
        if (rc != Win32Errors.ERROR_SUCCESS) {
            throw new EtwCallException(function, rc, context);
        }
    }

    /** Everything native code may reach for one opened trace; strongly held until processed and closed. */
    static final class Consumer {
        final Memory name;
        final EVENT_TRACE_LOGFILEW logfile;
        final NativeEventRecordCallback callback;
        volatile boolean processed;
        volatile boolean closed;

        Consumer(String sessionName, RecordSink sink) {
            this.name = WideStrings.allocate(sessionName);
            this.callback = EventRecordCallbacks.create(EventRecordCopier.systemTime(), sink);
            this.logfile = new EVENT_TRACE_LOGFILEW();
            logfile.LoggerName = name;
            logfile.ProcessTraceMode = Advapi32.PROCESS_TRACE_MODE_REAL_TIME
                    | Advapi32.PROCESS_TRACE_MODE_EVENT_RECORD;
            logfile.EventRecordCallback = callback.functionPointer();
            logfile.write();
        }
    }
}
