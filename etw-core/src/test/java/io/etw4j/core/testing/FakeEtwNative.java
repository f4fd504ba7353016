package io.etw4j.core.testing;

import io.etw4j.core.EtwCallException;
import io.etw4j.core.EventRecord;
import io.etw4j.core.internal.EtwNative;
import io.etw4j.core.internal.ProviderConfig;
import io.etw4j.core.internal.ProviderInstance;
import io.etw4j.core.internal.SessionConfig;
import io.etw4j.core.internal.TraceList;
import io.etw4j.core.internal.TraceProperties;
import io.etw4j.core.internal.TraceStatus;
import io.etw4j.core.internal.Win32Errors;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scripted, in-memory {@link EtwNative} for tests on any OS: it keeps a table of "running" sessions, records every
 * call in order, fails calls with scripted Win32 error codes, and runs each {@link #processTrace} as a real blocking
 * loop that hands scripted records to the sink on the calling (ETW) thread until the session is stopped, the handle
 * closed, or the script ends it.
 *
 * <p>Semantics, modelled on the Win32 documentation: StartTrace of a running name fails with ERROR_ALREADY_EXISTS;
 * STOP/QUERY of an unknown name fail with ERROR_WMI_INSTANCE_NOT_FOUND; STOP and CloseTrace make ProcessTrace return
 * after the records already scripted (buffered) have been delivered. Thread-safe.
 *
 * <p>Providers (EnumerateTraceGuidsEx): every EnableProvider records an enable for the session's logger id (the low 16
 * bits of its handle); {@link #registerProvider} adds registrations, {@link #enableFrom} makes another session enable
 * a provider and {@link #disableFrom} drops an enable; a stopped session's enables disappear. A classic provider
 * (registered with {@code classic = true}) keeps one enable only: a later enable, ours or another session's, replaces
 * the earlier ones, modelling "the first session stops receiving events" (learn.microsoft.com "Configuring and
 * Starting an Event Tracing Session"); whether Windows' enumeration still lists the earlier session is not documented,
 * so this is a modelling choice. An unregistered provider with enables is listed as one TRACE_PROVIDER_FLAG_PRE_ENABLE
 * instance; one with neither gives an empty list (ERROR_WMI_GUID_NOT_FOUND).
 *
 * <p>Lives in the etw-core test-jar so that other modules can drive an {@code io.etw4j.core.session.EtwSession} through
 * {@code SessionInternals.withEnvironment(builder, SessionEnvironment.of(fake))}.
 */
public final class FakeEtwNative implements EtwNative {

    /** The operations, for scripting failures and counting calls. */
    public enum Op { START, ENABLE, QUERY, STOP, FLUSH, OPEN, PROCESS, CLOSE, QUERY_ALL, PROVIDER_INFO, CAPTURE_STATE,
        SET_INFORMATION, QUERY_PROPERTIES, UPDATE }

    private sealed interface Command permits Emit, End, Hold, Signal {
    }

    private record Emit(EventRecord record) implements Command {
    }

    private record End(int code) implements Command {
    }

    private record Hold(CountDownLatch release) implements Command {
    }

    private record Signal(CountDownLatch latch) implements Command {
    }

    /** One opened trace. */
    private static final class Trace {
        final String name;
        final EtwNative.RecordSink sink;
        final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();

        Trace(String name, RecordSink sink) {
            this.name = name;
            this.sink = sink;
        }
    }

    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, TraceStatus> sessions = new LinkedHashMap<>();
    /** How many sessions QueryAllTracesW lists (64 on Windows: its PropertyArrayCount limit); more are flagged. */
    private int listingLimit = Integer.MAX_VALUE;
    private final Map<Op, Deque<Integer>> failures = new EnumMap<>(Op.class);
    private final Map<Long, Trace> traces = new LinkedHashMap<>();
    private final List<Command> pending = new ArrayList<>();
    private final List<ProviderConfig> enabled = new ArrayList<>();
    private final List<SessionConfig> startConfigs = new ArrayList<>();
    private final List<ProviderConfig> captured = new ArrayList<>();
    private final List<SetInformation> setInformation = new ArrayList<>();
    /** Settings QUERY_PROPERTIES reports beyond the status, per session added with {@link #addSession(TraceProperties)}. */
    private final Map<String, TraceProperties> settings = new LinkedHashMap<>();
    private final List<TraceProperties> updates = new ArrayList<>();
    /** The strict reading of "ControlTraceW function": only LogFileMode 0 turns real-time delivery off. */
    private boolean realTimeOffOnlyWithZero;
    /** UPDATE succeeds but changes nothing (a Windows that ignores the mode: a failure mode to test). */
    private boolean updatesChangeNothing;
    private final Map<UUID, List<Long>> enableHandles = new LinkedHashMap<>();
    private final CountDownLatch processing = new CountDownLatch(1);
    private volatile Thread processThread;
    /** Provider GUID to its registrations (pid, flags) and its enables (logger id to enable, in order). */
    private final Map<UUID, ProviderState> providers = new LinkedHashMap<>();
    private long nextSessionHandle = 0x1001;
    private long nextTraceHandle = 0x5001;
    private Trace current;

    /** One provider GUID as the fake's ETW sees it. */
    private static final class ProviderState {
        final List<int[]> registrations = new ArrayList<>(); // {pid, flags}
        final Map<Integer, ProviderInstance.Enable> enables = new LinkedHashMap<>();

        boolean classic() {
            return registrations.stream().anyMatch(r -> (r[1] & ProviderInstance.TRACE_PROVIDER_FLAG_LEGACY) != 0);
        }
    }

    // ------------------------------------------------------------------ scripting

    /** Adds a running session (an orphan, a foreign session, another owner's). */
    public synchronized FakeEtwNative addSession(String name) {
        sessions.put(name, TraceStatus.named(name));
        return this;
    }

    /** Adds a running session with logger id {@code loggerId} (its handle), e.g. services.exe's "SCM" session. */
    public synchronized FakeEtwNative addSession(String name, int loggerId) {
        sessions.put(name, new TraceStatus(name, loggerId, 0, 0, 0, 0, 0, 0, 0, 0));
        return this;
    }

    /**
     * Adds a running session with these settings (its status names it; its handle's low 16 bits are its logger id),
     * e.g. services.exe's "SCM" session with LogFileMode 0x10000002: QUERY_PROPERTIES reports them with the current
     * counters, UPDATE changes them as {@link #updateTrace} describes.
     */
    public synchronized FakeEtwNative addSession(TraceProperties properties) {
        String name = properties.status().sessionName();
        sessions.put(name, properties.status());
        settings.put(name, properties);
        return this;
    }

    /**
     * Makes UPDATE follow the strict reading of "ControlTraceW function": only LogFileMode 0 turns real-time delivery
     * off; a non-zero mode without EVENT_TRACE_REAL_TIME_MODE changes nothing.
     */
    public synchronized FakeEtwNative realTimeOffOnlyWithZero() {
        realTimeOffOnlyWithZero = true;
        return this;
    }

    /** Makes UPDATE return success without changing the session (its status as before). */
    public synchronized FakeEtwNative updatesChangeNothing() {
        updatesChangeNothing = true;
        return this;
    }

    /** Sets the BuffersWritten QUERY and STOP report for {@code name} (which must be running). */
    public synchronized FakeEtwNative setBuffersWritten(String name, int buffersWritten) {
        TraceStatus s = sessions.get(name);
        if (s == null) {
            throw new IllegalStateException("not running: " + name + "; calls: " + calls());
        }
        sessions.put(name, new TraceStatus(name, s.sessionHandle(), s.logFileMode(), s.bufferSizeKb(),
                s.numberOfBuffers(), s.freeBuffers(), s.eventsLost(), buffersWritten, s.logBuffersLost(),
                s.realTimeBuffersLost()));
        return this;
    }

    /**
     * Session {@code sessionName} enables {@code provider} with this level and keywords, as services.exe's
     * EnableTraceEx2 does for its "SCM" session.
     */
    public synchronized FakeEtwNative enableFrom(String sessionName, UUID provider, int level, long any, long all) {
        TraceStatus s = sessions.get(sessionName);
        if (s == null) {
            throw new IllegalStateException("not running: " + sessionName);
        }
        recordEnable(provider, s.loggerId(), level, any, all, 0);
        return this;
    }

    /** Registers {@code provider} in process {@code pid}; {@code classic}: with RegisterTraceGuids (LEGACY flag). */
    public synchronized FakeEtwNative registerProvider(UUID provider, int pid, boolean classic) {
        providers.computeIfAbsent(provider, k -> new ProviderState()).registrations
                .add(new int[] {pid, classic ? ProviderInstance.TRACE_PROVIDER_FLAG_LEGACY : 0});
        return this;
    }

    /** Session {@code sessionName} (running, see {@link #addSession(String, int)}) enables {@code provider}. */
    public synchronized FakeEtwNative enableFrom(String sessionName, UUID provider) {
        TraceStatus s = sessions.get(sessionName);
        if (s == null) {
            throw new IllegalStateException("not running: " + sessionName);
        }
        recordEnable(provider, s.loggerId(), 0xFF, -1L, 0L, 0);
        return this;
    }

    /** Session {@code sessionName} no longer has {@code provider} enabled. */
    public synchronized FakeEtwNative disableFrom(String sessionName, UUID provider) {
        TraceStatus s = sessions.get(sessionName);
        ProviderState p = providers.get(provider);
        if (s != null && p != null) {
            p.enables.remove(s.loggerId());
        }
        return this;
    }

    private void recordEnable(UUID provider, int loggerId, int level, long any, long all, int props) {
        ProviderState p = providers.computeIfAbsent(provider, k -> new ProviderState());
        if (p.classic()) {
            p.enables.clear(); // a classic provider serves one session: the last to enable it
        }
        p.enables.remove(loggerId);
        p.enables.put(loggerId, new ProviderInstance.Enable(loggerId, true, level, props, any, all));
    }

    private void dropEnablesOf(TraceStatus s) {
        if (s != null) {
            for (ProviderState p : providers.values()) {
                p.enables.remove(s.loggerId());
            }
        }
    }

    /** Makes the next call of {@code op} fail with {@code win32Error} (calls queue up in order). */
    public synchronized FakeEtwNative failNext(Op op, int win32Error) {
        failures.computeIfAbsent(op, k -> new ArrayDeque<>()).add(win32Error);
        return this;
    }

    /** Sets the counters QUERY and STOP report for {@code name} (which must be running). */
    public synchronized FakeEtwNative setCounters(String name, int eventsLost, int realTimeBuffersLost) {
        TraceStatus s = sessions.get(name);
        if (s == null) {
            throw new IllegalStateException("not running: " + name + "; calls: " + calls());
        }
        sessions.put(name, new TraceStatus(name, s.sessionHandle(), s.logFileMode(), s.bufferSizeKb(),
                s.numberOfBuffers(), s.freeBuffers(), eventsLost, s.buffersWritten(), s.logBuffersLost(),
                realTimeBuffersLost));
        return this;
    }

    /** Queues records for the current (or next opened) trace; the ETW thread hands them to the sink in order. */
    public FakeEtwNative emit(EventRecord... records) {
        for (EventRecord r : records) {
            enqueue(new Emit(r));
        }
        return this;
    }

    /** Queues records and returns a latch the ETW thread counts down once it has handed all of them over. */
    public CountDownLatch emitAndSignal(List<EventRecord> records) {
        for (EventRecord r : records) {
            enqueue(new Emit(r));
        }
        CountDownLatch done = new CountDownLatch(1);
        enqueue(new Signal(done));
        return done;
    }

    /** Makes the ETW thread wait (inside ProcessTrace) until {@code release} is counted down. */
    public FakeEtwNative hold(CountDownLatch release) {
        enqueue(new Hold(release));
        return this;
    }

    /** Makes ProcessTrace return: normally if {@code win32Error} is 0, else with that error. */
    public FakeEtwNative endProcessing(int win32Error) {
        enqueue(new End(win32Error));
        return this;
    }

    /** Stops a session as {@code logman stop} would: it leaves the table and its ProcessTrace returns. */
    public synchronized FakeEtwNative stopExternally(String name) {
        dropEnablesOf(sessions.remove(name));
        settings.remove(name);
        endTracesOf(name);
        return this;
    }

    private synchronized void enqueue(Command c) {
        if (current != null) {
            current.commands.add(c);
        } else {
            pending.add(c);
        }
    }

    private synchronized void endTracesOf(String name) {
        for (Trace t : traces.values()) {
            if (t.name.equals(name)) {
                t.commands.add(new End(0));
            }
        }
    }

    // ------------------------------------------------------------------ observation

    /** Every call so far, in order, e.g. {@code "START etw4j-x~1-2"}, {@code "CLOSE 0x5001"}. */
    public List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** How many times {@code op} was called. */
    public long count(Op op) {
        return calls().stream().filter(c -> c.startsWith(op.name() + " ") || c.equals(op.name())).count();
    }

    /**
     * Lists at most {@code n} sessions per QueryAllTracesW, the first ones added, and flags the listing as incomplete
     * when more run (as Windows answers ERROR_MORE_DATA beyond its 64 structures).
     */
    public synchronized FakeEtwNative listAtMost(int n) {
        listingLimit = n;
        return this;
    }

    /** The names of the sessions running now. */
    public synchronized List<String> runningSessions() {
        return List.copyOf(sessions.keySet());
    }

    /** The providers enabled so far, in order. */
    public synchronized List<ProviderConfig> enabledProviders() {
        return List.copyOf(enabled);
    }

    /** The properties UPDATE was called with, in order. */
    public synchronized List<TraceProperties> updates() {
        return List.copyOf(updates);
    }

    /** The session handles EnableProvider was called with for {@code provider}, in order. */
    public synchronized List<Long> enableHandles(UUID provider) {
        return List.copyOf(enableHandles.getOrDefault(provider, List.of()));
    }

    /** The LogFileMode the running session {@code name} has now. */
    public synchronized int logFileMode(String name) {
        TraceStatus s = sessions.get(name);
        if (s == null) {
            throw new IllegalStateException("not running: " + name);
        }
        return s.logFileMode();
    }

    /** How the running session {@code name} has {@code provider} enabled now, if it does. */
    public synchronized java.util.Optional<ProviderInstance.Enable> enableOf(String name, UUID provider) {
        TraceStatus s = sessions.get(name);
        ProviderState p = providers.get(provider);
        if (s == null || p == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(p.enables.get(s.loggerId()));
    }

    /** The configurations StartTrace was called with, in order. */
    public synchronized List<SessionConfig> startConfigs() {
        return List.copyOf(startConfigs);
    }

    /** The providers asked to capture their state (EVENT_CONTROL_CODE_CAPTURE_STATE), in order. */
    public synchronized List<ProviderConfig> capturedProviders() {
        return List.copyOf(captured);
    }

    /** One TraceSetInformation call: the session handle, the information class and a copy of the bytes. */
    public record SetInformation(long sessionHandle, int informationClass, byte[] information) {
    }

    /** The TraceSetInformation calls, in order. */
    public synchronized List<SetInformation> setInformationCalls() {
        return List.copyOf(setInformation);
    }

    /** Waits until a ProcessTrace call has begun (bounded by {@code seconds}); true if it has. */
    public boolean awaitProcessing(long seconds) throws InterruptedException {
        return processing.await(seconds, TimeUnit.SECONDS);
    }

    /** The thread that ran the last ProcessTrace (null before). */
    public Thread processThread() {
        return processThread;
    }

    // ------------------------------------------------------------------ EtwNative

    private synchronized void failIfScripted(Op op, String function) {
        Deque<Integer> q = failures.get(op);
        if (q != null && !q.isEmpty()) {
            throw new EtwCallException(function, q.poll(), "scripted by FakeEtwNative");
        }
    }

    @Override
    public synchronized long startTrace(String sessionName, SessionConfig config) {
        calls.add("START " + sessionName);
        failIfScripted(Op.START, "StartTraceW");
        if (sessions.containsKey(sessionName)) {
            throw new EtwCallException("StartTraceW", Win32Errors.ERROR_ALREADY_EXISTS, sessionName);
        }
        long handle = nextSessionHandle++;
        sessions.put(sessionName, new TraceStatus(sessionName, handle, config.logFileMode(), config.bufferSizeKb(),
                0, 0, 0, 0, 0, 0));
        startConfigs.add(config);
        return handle;
    }

    @Override
    public synchronized void enableProvider(long sessionHandle, ProviderConfig provider) {
        calls.add("ENABLE " + provider.providerId());
        failIfScripted(Op.ENABLE, "EnableTraceEx2");
        enabled.add(provider);
        enableHandles.computeIfAbsent(provider.providerId(), k -> new ArrayList<>()).add(sessionHandle);
        recordEnable(provider.providerId(), (int) (sessionHandle & 0xFFFF), provider.level(),
                provider.matchAnyKeyword(), provider.matchAllKeyword(), provider.enableProperty());
    }

    @Override
    public synchronized void captureState(long sessionHandle, ProviderConfig provider) {
        calls.add("CAPTURE_STATE " + provider.providerId());
        failIfScripted(Op.CAPTURE_STATE, "EnableTraceEx2");
        captured.add(provider);
    }

    @Override
    public synchronized void traceSetInformation(long sessionHandle, int informationClass, byte[] information) {
        calls.add("SET_INFORMATION " + informationClass);
        failIfScripted(Op.SET_INFORMATION, "TraceSetInformation");
        setInformation.add(new SetInformation(sessionHandle, informationClass, information.clone()));
    }

    @Override
    public synchronized TraceStatus queryTrace(String sessionName) {
        calls.add("QUERY " + sessionName);
        failIfScripted(Op.QUERY, "ControlTraceW");
        TraceStatus s = sessions.get(sessionName);
        if (s == null) {
            throw new EtwCallException("ControlTraceW", Win32Errors.ERROR_WMI_INSTANCE_NOT_FOUND, sessionName);
        }
        return s;
    }

    @Override
    public synchronized TraceStatus stopTrace(String sessionName) {
        calls.add("STOP " + sessionName);
        failIfScripted(Op.STOP, "ControlTraceW");
        TraceStatus s = sessions.remove(sessionName);
        if (s == null) {
            throw new EtwCallException("ControlTraceW", Win32Errors.ERROR_WMI_INSTANCE_NOT_FOUND, sessionName);
        }
        settings.remove(sessionName);
        dropEnablesOf(s);
        endTracesOf(sessionName);
        return s;
    }

    /**
     * ControlTrace QUERY with the settings: those of {@link #addSession(TraceProperties)} (else zero) with the current
     * status. Recorded as {@code "QUERY_PROPERTIES <name>"}.
     */
    @Override
    public synchronized TraceProperties queryProperties(String sessionName) {
        calls.add("QUERY_PROPERTIES " + sessionName);
        failIfScripted(Op.QUERY_PROPERTIES, "ControlTraceW");
        TraceStatus s = sessions.get(sessionName);
        if (s == null) {
            throw new EtwCallException("ControlTraceW", Win32Errors.ERROR_WMI_INSTANCE_NOT_FOUND, sessionName);
        }
        TraceProperties p = settings.get(sessionName);
        return p == null ? TraceProperties.of(s) : new TraceProperties(s, p.wnodeGuid(), p.clientContext(),
                p.minimumBuffers(), p.maximumBuffers(), p.maximumFileSizeMb(), p.flushTimerSeconds(),
                p.enableFlags(), p.ageLimit(), p.logFileName());
    }

    /**
     * ControlTrace UPDATE, recorded as {@code "UPDATE <name> 0x<LogFileMode given>"}. Modelled on "ControlTraceW
     * function" (LogFileMode: "set this member to EVENT_TRACE_REAL_TIME_MODE and it will be OR'd with the current
     * modes"; 0 turns real-time off): EVENT_TRACE_REAL_TIME_MODE in the given mode adds real-time delivery, a given
     * mode without it removes it; no other mode bit changes (that a non-zero mode without the bit removes it, as 0
     * does, is this fake's modelling choice, inferred). Returns the session's status after the update.
     */
    @Override
    public synchronized TraceStatus updateTrace(String sessionName, TraceProperties properties) {
        calls.add("UPDATE " + sessionName + " 0x" + Integer.toHexString(properties.logFileMode()));
        failIfScripted(Op.UPDATE, "ControlTraceW");
        TraceStatus s = sessions.get(sessionName);
        if (s == null) {
            throw new EtwCallException("ControlTraceW", Win32Errors.ERROR_WMI_INSTANCE_NOT_FOUND, sessionName);
        }
        updates.add(properties);
        if (updatesChangeNothing) {
            return s;
        }
        int rt = SessionConfig.EVENT_TRACE_REAL_TIME_MODE;
        int given = properties.logFileMode();
        int mode = (given & rt) != 0 ? s.logFileMode() | rt
                : realTimeOffOnlyWithZero && given != 0 ? s.logFileMode() : s.logFileMode() & ~rt;
        TraceStatus updated = new TraceStatus(sessionName, s.sessionHandle(), mode, s.bufferSizeKb(),
                s.numberOfBuffers(), s.freeBuffers(), s.eventsLost(), s.buffersWritten(), s.logBuffersLost(),
                s.realTimeBuffersLost());
        sessions.put(sessionName, updated);
        return updated;
    }

    @Override
    public synchronized void flushTrace(String sessionName) {
        calls.add("FLUSH " + sessionName);
        failIfScripted(Op.FLUSH, "ControlTraceW");
        if (!sessions.containsKey(sessionName)) {
            throw new EtwCallException("ControlTraceW", Win32Errors.ERROR_WMI_INSTANCE_NOT_FOUND, sessionName);
        }
    }

    @Override
    public synchronized long openTrace(String sessionName, RecordSink sink) {
        calls.add("OPEN " + sessionName);
        failIfScripted(Op.OPEN, "OpenTraceW");
        long handle = nextTraceHandle++;
        Trace t = new Trace(sessionName, sink);
        t.commands.addAll(pending);
        pending.clear();
        traces.put(handle, t);
        current = t;
        return handle;
    }

    @Override
    public void processTrace(long traceHandle) {
        Trace t;
        synchronized (this) {
            calls.add("PROCESS 0x" + Long.toHexString(traceHandle));
            failIfScripted(Op.PROCESS, "ProcessTrace");
            t = traces.get(traceHandle);
            if (t == null) {
                throw new EtwCallException("ProcessTrace", Win32Errors.ERROR_INVALID_HANDLE);
            }
        }
        processThread = Thread.currentThread();
        processing.countDown();
        while (true) {
            Command c;
            try {
                c = t.commands.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EtwCallException("ProcessTrace", Win32Errors.ERROR_CANCELLED, "interrupted");
            }
            if (c instanceof Emit e) {
                t.sink.onRecord(e.record());
            } else if (c instanceof Signal s) {
                s.latch().countDown();
            } else if (c instanceof Hold h) {
                try {
                    h.release().await();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            } else if (c instanceof End end) {
                synchronized (this) {
                    if (current == t) {
                        current = null;
                    }
                }
                if (end.code() != 0) {
                    throw new EtwCallException("ProcessTrace", end.code());
                }
                return;
            }
        }
    }

    @Override
    public synchronized void closeTrace(long traceHandle) {
        calls.add("CLOSE 0x" + Long.toHexString(traceHandle));
        Trace t = traces.get(traceHandle);
        try {
            failIfScripted(Op.CLOSE, "CloseTrace");
        } catch (EtwCallException e) {
            if (e.errorCode() == Win32Errors.ERROR_CTX_CLOSE_PENDING && t != null) {
                t.commands.add(new End(0)); // close pending: ProcessTrace drains and returns
            }
            throw e;
        }
        if (t == null) {
            throw new EtwCallException("CloseTrace", Win32Errors.ERROR_INVALID_HANDLE);
        }
        t.commands.add(new End(0));
    }

    @Override
    public synchronized TraceList queryAllTraces() {
        calls.add("QUERY_ALL");
        failIfScripted(Op.QUERY_ALL, "QueryAllTracesW");
        List<TraceStatus> all = new ArrayList<>(sessions.values());
        return all.size() > listingLimit ? new TraceList(all.subList(0, listingLimit), true) : TraceList.complete(all);
    }

    @Override
    public synchronized List<ProviderInstance> providerInstances(UUID providerId) {
        calls.add("PROVIDER_INFO " + providerId);
        failIfScripted(Op.PROVIDER_INFO, "EnumerateTraceGuidsEx");
        ProviderState p = providers.get(providerId);
        if (p == null) {
            return List.of();
        }
        List<ProviderInstance.Enable> enables = List.copyOf(p.enables.values());
        if (p.registrations.isEmpty()) {
            return enables.isEmpty() ? List.of()
                    : List.of(new ProviderInstance(0, ProviderInstance.TRACE_PROVIDER_FLAG_PRE_ENABLE, enables));
        }
        List<ProviderInstance> out = new ArrayList<>();
        for (int[] r : p.registrations) {
            out.add(new ProviderInstance(r[0], r[1], enables));
        }
        return out;
    }
}
