package io.etw4j.core.session;

import io.etw4j.core.EtwCallException;
import io.etw4j.core.EtwException;
import io.etw4j.core.EventRecord;
import io.etw4j.core.UnsupportedPlatformException;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * An ETW provider to enable on an {@link EtwSession}: its control GUID, the level and keyword masks that select its
 * events, the extended data ETW should attach to each event, and an optional event-id filter that ETW applies before
 * events reach the session (cheaper than filtering in Java).
 *
 * <p>Immutable and thread-safe: every {@code with}/setter-style method returns a new {@code Provider}.
 *
 * <pre>{@code
 * Provider scm = Provider.of(UUID.fromString("ebcca1c2-ab46-4a1d-8c2a-906c2ff25f39"))
 *         .level(TraceLevel.ALL)
 *         .matchAnyKeyword(-1L)
 *         .withProcessStartKey();
 * }</pre>
 *
 * <p>Defaults: level {@link TraceLevel#ALL}, MatchAnyKeyword 0 and MatchAllKeyword 0 (EnableTraceEx2: a zero
 * MatchAnyKeyword lets the provider decide, which for most providers means every event), no extended data, no
 * filter. Maps to one EnableTraceEx2(EVENT_CONTROL_CODE_ENABLE_PROVIDER) call (evntrace.h) with one
 * EVENT_FILTER_DESCRIPTOR per filter set (event ids, process ids, executable names), plus an
 * EVENT_CONTROL_CODE_CAPTURE_STATE call with {@link #captureStateOnStart()}. Every documented limit is checked here,
 * when the provider is configured, with the limit in the message.
 */
public final class Provider {
    private final UUID id;
    private final TraceLevel level;
    private final long matchAnyKeyword;
    private final long matchAllKeyword;
    private final boolean sid;
    private final boolean processStartKey;
    private final boolean stackTrace;
    private final int[] eventIds;
    private final boolean includeEventIds;
    private final int[] processIds;
    private final String executableNames;
    private final boolean captureState;

    private Provider(UUID id, TraceLevel level, long any, long all, boolean sid, boolean processStartKey,
                     boolean stackTrace, int[] eventIds, boolean includeEventIds) {
        this(id, level, any, all, sid, processStartKey, stackTrace, eventIds, includeEventIds, new int[0], "", false);
    }

    private Provider(UUID id, TraceLevel level, long any, long all, boolean sid, boolean processStartKey,
                     boolean stackTrace, int[] eventIds, boolean includeEventIds, int[] processIds,
                     String executableNames, boolean captureState) {
        this.processIds = processIds;
        this.executableNames = executableNames;
        this.captureState = captureState;
        this.id = id;
        this.level = level;
        this.matchAnyKeyword = any;
        this.matchAllKeyword = all;
        this.sid = sid;
        this.processStartKey = processStartKey;
        this.stackTrace = stackTrace;
        this.eventIds = eventIds;
        this.includeEventIds = includeEventIds;
    }

    /**
     * {@return the provider with control GUID {@code id} and the defaults above}
     *
     * @param id the provider's control GUID
     */
    public static Provider of(UUID id) {
        return new Provider(Objects.requireNonNull(id, "id"), TraceLevel.ALL, 0L, 0L, false, false, false,
                new int[0], true, new int[0], "", false);
    }

    /**
     * The provider registered on this host under {@code name}, with the defaults above: its control GUID is looked
     * up with TdhEnumerateProviders ({@link ProviderNames#live()}), ignoring case. Each call enumerates the registered
     * providers afresh; to resolve many names, or to add other sources, use {@link #named(String, ProviderNames)}.
     *
     * <pre>{@code
     * Provider kernelProcess = Provider.named("Microsoft-Windows-Kernel-Process").matchAnyKeyword(0x10L);
     * }</pre>
     *
     * @param name the provider's registered name, e.g. {@code Microsoft-Windows-Kernel-Process}
     * @return the provider with that name's control GUID
     * @throws UnknownProviderException     if no registered provider has that name (the message lists close ones)
     * @throws UnsupportedPlatformException unless the JVM runs on Windows
     * @throws EtwCallException             if TdhEnumerateProviders fails
     * @throws IllegalArgumentException     if {@code name} is blank
     */
    public static Provider named(String name) {
        Objects.requireNonNull(name, "name");
        return named(name, ProviderNames.live());
    }

    /**
     * The provider {@code names} knows as {@code name}, with the defaults above; e.g.
     * {@code Provider.named("System.Runtime", ProviderNames.live().orElse(ProviderNames.eventSource()))}.
     *
     * @param name  the provider name (matched as {@code names} matches it: without regard to case for the sources
     *              {@link ProviderNames} makes)
     * @param names where to look the name up
     * @return the provider with that name's control GUID
     * @throws UnknownProviderException if {@code names} does not know the name (the message lists close ones)
     * @throws IllegalArgumentException if {@code name} is blank
     * @throws EtwException             if the source fails (e.g. {@link EtwCallException} from TdhEnumerateProviders)
     */
    public static Provider named(String name, ProviderNames names) {
        return of(io.etw4j.core.internal.ProviderNameSources.resolve(name, names));
    }

    /**
     * {@return the same provider enabled at {@code level} (it delivers events of that level and more severe ones)}
     *
     * @param level the level to enable
     */
    public Provider level(TraceLevel level) {
        return new Provider(id, Objects.requireNonNull(level, "level"), matchAnyKeyword, matchAllKeyword, sid,
                processStartKey, stackTrace, eventIds, includeEventIds, processIds,
                executableNames, captureState);
    }

    /**
     * {@return the same provider with MatchAnyKeyword {@code mask} ({@code -1L}: every keyword)}
     *
     * @param mask the MatchAnyKeyword bit mask
     */
    public Provider matchAnyKeyword(long mask) {
        return new Provider(id, level, mask, matchAllKeyword, sid, processStartKey, stackTrace, eventIds,
                includeEventIds, processIds,
                executableNames, captureState);
    }

    /**
     * {@return the same provider with MatchAllKeyword {@code mask}}
     *
     * @param mask the MatchAllKeyword bit mask
     */
    public Provider matchAllKeyword(long mask) {
        return new Provider(id, level, matchAnyKeyword, mask, sid, processStartKey, stackTrace, eventIds,
                includeEventIds, processIds,
                executableNames, captureState);
    }

    /**
     * Asks ETW to attach the logging user's SID (EVENT_ENABLE_PROPERTY_SID); see {@link EventRecord#userSid()}.
     *
     * @return the same provider with the SID requested
     */
    public Provider withSid() {
        return new Provider(id, level, matchAnyKeyword, matchAllKeyword, true, processStartKey, stackTrace, eventIds,
                includeEventIds, processIds,
                executableNames, captureState);
    }

    /**
     * Asks ETW to attach the process start key (EVENT_ENABLE_PROPERTY_PROCESS_START_KEY, Windows 10 1507+); see
     * {@link EventRecord#processStartKey()}.
     *
     * @return the same provider with the process start key requested
     */
    public Provider withProcessStartKey() {
        return new Provider(id, level, matchAnyKeyword, matchAllKeyword, sid, true, stackTrace, eventIds,
                includeEventIds, processIds,
                executableNames, captureState);
    }

    /**
     * Asks ETW to attach a stack trace (EVENT_ENABLE_PROPERTY_STACK_TRACE); see {@link EventRecord#stackTrace()}.
     *
     * @return the same provider with stack traces requested
     */
    public Provider withStackTrace() {
        return new Provider(id, level, matchAnyKeyword, matchAllKeyword, sid, processStartKey, true, eventIds,
                includeEventIds, processIds,
                executableNames, captureState);
    }

    /**
     * Lets ETW deliver only events with these ids (EVENT_FILTER_TYPE_EVENT_ID, FilterIn = TRUE; Windows 8.1+).
     * Replaces any earlier include/exclude filter. An empty list removes the filter.
     *
     * @param ids the event ids to deliver (1 to {@value #MAX_FILTER_EVENT_IDS})
     * @return the same provider with the event-id filter
     * @throws IllegalArgumentException if an id is outside 0..65535 or there are more than 64 ids
     */
    public Provider includeEventIds(int... ids) {
        return new Provider(id, level, matchAnyKeyword, matchAllKeyword, sid, processStartKey, stackTrace,
                checkIds(ids), true, processIds,
                executableNames, captureState);
    }

    /**
     * Lets ETW deliver every event except those with these ids (EVENT_FILTER_TYPE_EVENT_ID, FilterIn = FALSE).
     * Replaces any earlier include/exclude filter. An empty list removes the filter.
     *
     * @param ids the event ids to suppress (1 to {@value #MAX_FILTER_EVENT_IDS})
     * @return the same provider with the event-id filter
     * @throws IllegalArgumentException if an id is outside 0..65535 or there are more than 64 ids
     */
    public Provider excludeEventIds(int... ids) {
        return new Provider(id, level, matchAnyKeyword, matchAllKeyword, sid, processStartKey, stackTrace,
                checkIds(ids), false, processIds,
                executableNames, captureState);
    }

    /** MAX_EVENT_FILTER_PID_COUNT (evntprov.h): the most process ids one PID filter may carry. */
    public static final int MAX_FILTER_PROCESS_IDS = 8;
    /**
     * MAX_EVENT_FILTER_DATA_SIZE (evntprov.h): the most bytes of an executable-name filter, as one NUL-terminated
     * UTF-16 string (so at most 511 characters with the ';' separators).
     */
    public static final int MAX_FILTER_DATA_BYTES = 1024;

    /**
     * Lets ETW deliver only events logged by these processes (EVENT_FILTER_TYPE_PID; Windows 8.1+; learn.microsoft.com
     * "EVENT_FILTER_DESCRIPTOR structure": at most MAX_EVENT_FILTER_PID_COUNT ids). The filter is applied by ETW
     * for providers enabled with EnableTraceEx2 (manifest and TraceLogging providers); it does not apply to the
     * NT Kernel Logger's groups. Replaces any earlier PID filter; an empty list removes it.
     *
     * @param pids the process ids (0 or more, at most {@value #MAX_FILTER_PROCESS_IDS}, none negative)
     * @return the same provider with the PID filter
     * @throws IllegalArgumentException if there are more than {@value #MAX_FILTER_PROCESS_IDS} ids or one is negative
     */
    public Provider processIds(int... pids) {
        int[] copy = pids.clone();
        if (copy.length > MAX_FILTER_PROCESS_IDS) {
            throw new IllegalArgumentException("a PID filter takes at most " + MAX_FILTER_PROCESS_IDS
                    + " process ids (MAX_EVENT_FILTER_PID_COUNT), got " + copy.length);
        }
        for (int pid : copy) {
            if (pid < 0) {
                throw new IllegalArgumentException("process id out of 0..2^31-1: " + pid);
            }
        }
        return new Provider(id, level, matchAnyKeyword, matchAllKeyword, sid, processStartKey, stackTrace, eventIds,
                includeEventIds, copy, executableNames, captureState);
    }

    /**
     * Lets ETW deliver only events logged by processes whose executable has one of these file names
     * (EVENT_FILTER_TYPE_EXECUTABLE_NAME, Windows 8.1+: one string of names separated by ';', at most
     * MAX_EVENT_FILTER_DATA_SIZE bytes with its NUL; learn.microsoft.com "EVENT_FILTER_DESCRIPTOR structure"). Names
     * are file names such as {@code "services.exe"}, matched by ETW (case-insensitively, inferred from the Windows
     * file system; not stated by the documentation). Replaces any earlier executable filter; no names remove it.
     *
     * @param names the executable file names
     * @return the same provider with the executable-name filter
     * @throws IllegalArgumentException if a name is empty or holds ';' or NUL, or the joined names need more than
     *                                  {@value #MAX_FILTER_DATA_BYTES} bytes
     */
    public Provider executableNames(String... names) {
        StringBuilder joined = new StringBuilder();
        for (String n : names) {
            Objects.requireNonNull(n, "name");
            if (n.isEmpty() || n.indexOf(';') >= 0 || n.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an executable name must be non-empty, without ';' or NUL: '" + n
                        + "'");
            }
            joined.append(joined.length() == 0 ? "" : ";").append(n);
        }
        int bytes = (joined.length() + 1) * 2;
        if (joined.length() > 0 && bytes > MAX_FILTER_DATA_BYTES) {
            throw new IllegalArgumentException("an executable-name filter takes at most " + MAX_FILTER_DATA_BYTES
                    + " bytes as UTF-16 with its NUL (MAX_EVENT_FILTER_DATA_SIZE); these names need " + bytes);
        }
        return new Provider(id, level, matchAnyKeyword, matchAllKeyword, sid, processStartKey, stackTrace, eventIds,
                includeEventIds, processIds, joined.toString(), captureState);
    }

    /**
     * Asks the provider to log its state right after it is enabled (EnableTraceEx2 with
     * EVENT_CONTROL_CODE_CAPTURE_STATE: a rundown, e.g. the processes, modules or connections that already exist).
     * What a provider logs is its own choice; many log nothing. More can be asked during a run with
     * {@link EtwSession#captureState(UUID)}.
     *
     * @return the same provider with capture state at start
     */
    public Provider captureStateOnStart() {
        return new Provider(id, level, matchAnyKeyword, matchAllKeyword, sid, processStartKey, stackTrace, eventIds,
                includeEventIds, processIds, executableNames, true);
    }

    /** {@return the process ids of the PID filter (empty: no filter)} */
    public int[] processIds() {
        return processIds.clone();
    }

    /** {@return the executable names of the filter, in order (empty: no filter)} */
    public java.util.List<String> executableNames() {
        return executableNames.isEmpty() ? java.util.List.of() : java.util.List.of(executableNames.split(";"));
    }

    /** {@return true if the provider captures its state when enabled} */
    public boolean capturesStateOnStart() {
        return captureState;
    }

    /** MAX_EVENT_FILTER_EVENT_ID_COUNT (evntprov.h): the most ids one event-id filter may carry. */
    public static final int MAX_FILTER_EVENT_IDS = 64;

    private static int[] checkIds(int[] ids) {
        int[] copy = ids.clone();
        if (copy.length > MAX_FILTER_EVENT_IDS) {
            throw new IllegalArgumentException("an event-id filter takes at most " + MAX_FILTER_EVENT_IDS
                    + " ids (MAX_EVENT_FILTER_EVENT_ID_COUNT), got " + copy.length);
        }
        for (int i : copy) {
            if (i < 0 || i > 0xFFFF) {
                throw new IllegalArgumentException("event id out of 0..65535: " + i);
            }
        }
        return copy;
    }

    /** {@return the provider's control GUID} */
    public UUID id() {
        return id;
    }

    /** {@return the level it is enabled at} */
    public TraceLevel traceLevel() {
        return level;
    }

    /**
     * MatchAnyKeyword.
     *
     * @return the MatchAnyKeyword mask
     */
    public long anyKeywords() {
        return matchAnyKeyword;
    }

    /**
     * MatchAllKeyword.
     *
     * @return the MatchAllKeyword mask
     */
    public long allKeywords() {
        return matchAllKeyword;
    }

    /** {@return true if the SID is requested} */
    public boolean sidRequested() {
        return sid;
    }

    /** {@return true if the process start key is requested} */
    public boolean processStartKeyRequested() {
        return processStartKey;
    }

    /** {@return true if stack traces are requested} */
    public boolean stackTraceRequested() {
        return stackTrace;
    }

    /** {@return the ids of the event-id filter (empty: no filter)} */
    public int[] eventIds() {
        return eventIds.clone();
    }

    /** {@return true if {@link #eventIds()} lists the events to deliver, false if it lists the events to suppress} */
    public boolean includesEventIds() {
        return includeEventIds;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Provider p && id.equals(p.id) && level == p.level && matchAnyKeyword == p.matchAnyKeyword
                && matchAllKeyword == p.matchAllKeyword && sid == p.sid && processStartKey == p.processStartKey
                && stackTrace == p.stackTrace && Arrays.equals(eventIds, p.eventIds)
                && includeEventIds == p.includeEventIds && Arrays.equals(processIds, p.processIds)
                && executableNames.equals(p.executableNames) && captureState == p.captureState;
    }

    @Override
    public int hashCode() {
        return (Objects.hash(id, level, matchAnyKeyword, matchAllKeyword, sid, processStartKey, stackTrace,
                includeEventIds, executableNames, captureState) * 31 + Arrays.hashCode(eventIds)) * 31
                + Arrays.hashCode(processIds);
    }

    @Override
    public String toString() {
        return "Provider[" + id + " level=" + level + " any=0x" + Long.toHexString(matchAnyKeyword) + " all=0x"
                + Long.toHexString(matchAllKeyword) + (sid ? " +sid" : "") + (processStartKey ? " +startKey" : "")
                + (stackTrace ? " +stack" : "")
                + (eventIds.length == 0 ? "" : (includeEventIds ? " include=" : " exclude=")
                + Arrays.toString(eventIds))
                + (processIds.length == 0 ? "" : " pids=" + Arrays.toString(processIds))
                + (executableNames.isEmpty() ? "" : " exe=" + executableNames)
                + (captureState ? " +captureState" : "") + "]";
    }
}
