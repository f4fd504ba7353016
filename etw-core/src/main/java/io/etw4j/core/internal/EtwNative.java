package io.etw4j.core.internal;

import io.etw4j.core.EtwCallException;
import io.etw4j.core.EventRecord;
import java.util.List;
import java.util.UUID;

/**
 * The native ETW operations an {@code io.etw4j.core.session.EtwSession} needs, one method per Win32 call (evntrace.h),
 * with Java-level arguments and results. The Windows implementation is {@code
 * io.etw4j.core.internal.win32.WindowsEtwNative}; tests use
 * a scripted fake ({@code io.etw4j.core.testing.FakeEtwNative} in the etw-core test-jar).
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>Every failing Win32 call throws {@link EtwCallException} with the function name (e.g. {@code ControlTraceW})
 *       and the raw Win32 error code. Implementations report faithfully; the caller decides which codes are benign
 *       (ERROR_WMI_INSTANCE_NOT_FOUND on STOP, ERROR_CTX_CLOSE_PENDING on CloseTrace).</li>
 *   <li>Each ControlTrace call (QUERY, STOP, FLUSH, UPDATE) builds a fresh EVENT_TRACE_PROPERTIES buffer; a buffer written
 *       back by an earlier call is never reused.</li>
 *   <li>{@link #openTrace} keeps strong references to its callback objects until {@link #closeTrace} has returned and
 *       {@link #processTrace} has returned; the callback copies each EVENT_RECORD into an {@link EventRecord} before
 *       returning to ETW and never lets an exception escape into native code.</li>
 * </ul>
 * Implementations are thread-safe: {@link #processTrace} blocks one thread while another calls
 * {@link #stopTrace}/{@link #closeTrace}.
 */
public interface EtwNative {

    /**
     * StartTraceW for a session: real-time and/or to a file, plain, NT Kernel Logger or system logger, as
     * {@code config} says.
     *
     * @return the session handle (CONTROLTRACE_ID, Wnode.HistoricalContext on return)
     * @throws EtwCallException e.g. ERROR_ALREADY_EXISTS (183), ERROR_ACCESS_DENIED (5), ERROR_NO_SYSTEM_RESOURCES
     *                          (1450), ERROR_BAD_LENGTH (24), ERROR_INVALID_PARAMETER (87)
     */
    long startTrace(String sessionName, SessionConfig config);

    /**
     * EnableTraceEx2(EVENT_CONTROL_CODE_ENABLE_PROVIDER) with ENABLE_TRACE_PARAMETERS (version 2) carrying the enable
     * properties and one EVENT_FILTER_DESCRIPTOR per filter the provider has (event ids, process ids, executable
     * names), in that order.
     *
     * @throws EtwCallException e.g. ERROR_ACCESS_DENIED, ERROR_INVALID_PARAMETER, ERROR_NO_SYSTEM_RESOURCES
     */
    void enableProvider(long sessionHandle, ProviderConfig provider);

    /**
     * EnableTraceEx2(EVENT_CONTROL_CODE_CAPTURE_STATE) for a provider already enabled on the session: asks it to log
     * its state (rundown) now, with the provider's level and keywords and no enable parameters.
     *
     * @throws EtwCallException e.g. ERROR_INVALID_PARAMETER, ERROR_ACCESS_DENIED
     */
    void captureState(long sessionHandle, ProviderConfig provider);

    /**
     * TraceSetInformation (evntrace.h, Windows 8 and later for the classes etw4j uses): one information class
     * ({@code TraceStackTracingInfo} 3, {@code TraceSystemTraceEnableFlagsInfo} 4) and its bytes, little-endian, as
     * the function takes them.
     *
     * @throws EtwCallException e.g. ERROR_INVALID_PARAMETER, ERROR_NOT_SUPPORTED (50), ERROR_BAD_LENGTH
     */
    void traceSetInformation(long sessionHandle, int informationClass, byte[] information);

    /** TRACE_INFO_CLASS TraceStackTracingInfo (evntrace.h): an array of CLASSIC_EVENT_ID. */
    int TRACE_STACK_TRACING_INFO = 3;
    /** TRACE_INFO_CLASS TraceSystemTraceEnableFlagsInfo (evntrace.h): a PERFINFO_GROUPMASK (8 ULONGs). */
    int TRACE_SYSTEM_TRACE_ENABLE_FLAGS_INFO = 4;

    /**
     * ControlTraceW(EVENT_TRACE_CONTROL_QUERY) by session name.
     *
     * @throws EtwCallException ERROR_WMI_INSTANCE_NOT_FOUND (4201) if no such session runs
     */
    TraceStatus queryTrace(String sessionName);

    /**
     * ControlTraceW(EVENT_TRACE_CONTROL_QUERY) by session name, with the session's settings as well as its statistics:
     * what {@link #updateTrace} of a session someone else runs is built from.
     *
     * @throws EtwCallException ERROR_WMI_INSTANCE_NOT_FOUND (4201) if no such session runs, ERROR_ACCESS_DENIED (5)
     */
    TraceProperties queryProperties(String sessionName);

    /**
     * ControlTraceW(EVENT_TRACE_CONTROL_UPDATE) by session name, with a fresh EVENT_TRACE_PROPERTIES filled from
     * {@code properties}: BufferSize, Minimum/MaximumBuffers, MaximumFileSize, LogFileMode, FlushTimer, EnableFlags,
     * AgeLimit, Wnode.Guid and Wnode.ClientContext as given, LogFileNameOffset 0 and Wnode.Flags
     * WNODE_FLAG_TRACED_GUID. learn.microsoft.com "ControlTraceW function" (Properties): UPDATE changes only
     * EnableFlags (NT Kernel Logger only), FlushTimer (0: unchanged), LogFileNameOffset (0: unchanged; a non-zero
     * offset that names the same file is an error), LogFileMode ("to turn EVENT_TRACE_REAL_TIME_MODE on and off":
     * set it and "it will be OR'd with the current modes"; 0 turns real-time off) and MaximumBuffers (0: unchanged);
     * and "if you call ControlTrace to query the current session properties and then update those properties ...,
     * make sure you set LogFileNameOffset to 0 ... and set Wnode.Flags to WNODE_FLAG_TRACED_GUID", which is why
     * those two are not taken from the query.
     *
     * @return what UPDATE wrote back (the session's settings and statistics after the update)
     * @throws EtwCallException e.g. ERROR_WMI_INSTANCE_NOT_FOUND, ERROR_ACCESS_DENIED, ERROR_INVALID_PARAMETER
     *                          (a LogFileMode combination that is not valid), ERROR_BAD_LENGTH
     */
    TraceStatus updateTrace(String sessionName, TraceProperties properties);

    /**
     * ControlTraceW(EVENT_TRACE_CONTROL_STOP) by session name, with a freshly built properties buffer.
     *
     * @return the session's final statistics as STOP wrote them back
     * @throws EtwCallException ERROR_WMI_INSTANCE_NOT_FOUND (4201) if the session is not running (already stopped)
     */
    TraceStatus stopTrace(String sessionName);

    /**
     * ControlTraceW(EVENT_TRACE_CONTROL_FLUSH) by session name.
     *
     * @throws EtwCallException ERROR_WMI_INSTANCE_NOT_FOUND (4201) if no such session runs
     */
    void flushTrace(String sessionName);

    /**
     * OpenTraceW for real-time consumption (PROCESS_TRACE_MODE_REAL_TIME | PROCESS_TRACE_MODE_EVENT_RECORD) of the
     * named session. Each event is copied and handed to {@code sink} on the thread that runs {@link #processTrace}.
     *
     * @return the trace handle (PROCESSTRACE_HANDLE)
     * @throws EtwCallException if OpenTraceW returns INVALID_PROCESSTRACE_HANDLE (code from GetLastError)
     */
    long openTrace(String sessionName, RecordSink sink);

    /**
     * ProcessTrace on one trace handle: blocks the calling thread until the session stops or the handle is closed.
     *
     * @throws EtwCallException if ProcessTrace returns an error; ERROR_CANCELLED (1223) after CloseTrace is reported
     *                          as such and the caller decides
     */
    void processTrace(long traceHandle);

    /**
     * CloseTrace.
     *
     * @throws EtwCallException e.g. ERROR_CTX_CLOSE_PENDING (7007, benign: ProcessTrace drains and returns),
     *                          ERROR_INVALID_HANDLE (6)
     */
    void closeTrace(long traceHandle);

    /**
     * QueryAllTracesW: the running sessions of the system, at most 64 (the documented PropertyArrayCount limit),
     * with {@link TraceList#moreNotListed()} set when Windows answered ERROR_MORE_DATA because more run.
     *
     * @throws EtwCallException e.g. ERROR_ACCESS_DENIED
     */
    TraceList queryAllTraces();

    /**
     * EnumerateTraceGuidsEx(TraceGuidQueryInfo) for one provider GUID: every registration of the GUID
     * (TRACE_PROVIDER_INSTANCE_INFO) with the sessions that enable it (TRACE_ENABLE_INFO), in the order Windows lists
     * them. A buffer that is too small (ERROR_INSUFFICIENT_BUFFER, 122) is grown to the size Windows asks for and the
     * call repeated.
     *
     * @return the instances; empty if the GUID is neither registered nor enabled by any session
     *         (ERROR_WMI_GUID_NOT_FOUND, 4200)
     * @throws EtwCallException any other error, e.g. ERROR_ACCESS_DENIED, or a size that kept growing
     */
    List<ProviderInstance> providerInstances(UUID providerId);

    /**
     * Receives the copied records of one trace. Called only on the ProcessTrace thread; implementations must be fast
     * and must not throw (an implementation that throws anyway is contained by the native adapter).
     */
    interface RecordSink {
        /** One event, already copied out of ETW's memory. */
        void onRecord(EventRecord record);

        /** The adapter could not copy an EVENT_RECORD (malformed, out of memory...); the event is lost. */
        void onCopyFailure(Throwable failure);
    }
}
