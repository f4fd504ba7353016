package io.etw4j.core.internal;

import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * One EnableTraceEx2 call: provider GUID, level, keywords, ENABLE_TRACE_PARAMETERS.EnableProperty and the filters ETW
 * applies before events reach the session (evntprov.h EVENT_FILTER_DESCRIPTOR): event ids
 * (EVENT_FILTER_TYPE_EVENT_ID with EVENT_FILTER_EVENT_ID.FilterIn), process ids (EVENT_FILTER_TYPE_PID) and executable
 * names (EVENT_FILTER_TYPE_EXECUTABLE_NAME). Immutable.
 *
 * @param providerId          the provider's control GUID
 * @param level               the UCHAR level (0..255)
 * @param matchAnyKeyword     MatchAnyKeyword
 * @param matchAllKeyword     MatchAllKeyword
 * @param enableProperty      EVENT_ENABLE_PROPERTY_* bits (evntcons.h)
 * @param eventIds            event ids of the filter; empty = no filter
 * @param includeEventIds     true: deliver only {@code eventIds} (FilterIn = TRUE); false: all but them
 * @param processIds          process ids of the PID filter; empty = no filter
 * @param executableNames     the executable-name filter: file names separated by ';'; empty = no filter
 * @param captureStateOnStart true: EnableTraceEx2(EVENT_CONTROL_CODE_CAPTURE_STATE) right after the enable
 */
public record ProviderConfig(UUID providerId, int level, long matchAnyKeyword, long matchAllKeyword,
                             int enableProperty, int[] eventIds, boolean includeEventIds, int[] processIds,
                             String executableNames, boolean captureStateOnStart) {

    /** EVENT_ENABLE_PROPERTY_SID (evntcons.h). */
    public static final int EVENT_ENABLE_PROPERTY_SID = 0x00000001;
    /** EVENT_ENABLE_PROPERTY_STACK_TRACE (evntcons.h). */
    public static final int EVENT_ENABLE_PROPERTY_STACK_TRACE = 0x00000004;
    /** EVENT_ENABLE_PROPERTY_PROCESS_START_KEY (evntcons.h). */
    public static final int EVENT_ENABLE_PROPERTY_PROCESS_START_KEY = 0x00000080;

    public ProviderConfig {
        Objects.requireNonNull(providerId, "providerId");
        if (level < 0 || level > 0xFF) {
            throw new IllegalArgumentException("level out of 0..255: " + level);
        }
        eventIds = eventIds.clone();
        for (int id : eventIds) {
            if (id < 0 || id > 0xFFFF) {
                throw new IllegalArgumentException("event id out of 0..65535: " + id);
            }
        }
        processIds = processIds.clone();
        executableNames = executableNames == null ? "" : executableNames;
    }

    /** An enable without PID or executable filter and without capture state. */
    public ProviderConfig(UUID providerId, int level, long matchAnyKeyword, long matchAllKeyword, int enableProperty,
                          int[] eventIds, boolean includeEventIds) {
        this(providerId, level, matchAnyKeyword, matchAllKeyword, enableProperty, eventIds, includeEventIds,
                new int[0], "", false);
    }

    /** A copy of the filter's event ids. */
    @Override
    public int[] eventIds() {
        return eventIds.clone();
    }

    /** A copy of the PID filter's process ids. */
    @Override
    public int[] processIds() {
        return processIds.clone();
    }

    /** True if an event-id filter is set. */
    public boolean hasEventIdFilter() {
        return eventIds.length > 0;
    }

    /** True if a PID filter is set. */
    public boolean hasProcessIdFilter() {
        return processIds.length > 0;
    }

    /** True if an executable-name filter is set. */
    public boolean hasExecutableNameFilter() {
        return !executableNames.isEmpty();
    }

    /** The number of EVENT_FILTER_DESCRIPTORs the enable passes. */
    public int filterCount() {
        return (hasEventIdFilter() ? 1 : 0) + (hasProcessIdFilter() ? 1 : 0) + (hasExecutableNameFilter() ? 1 : 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProviderConfig p && providerId.equals(p.providerId) && level == p.level
                && matchAnyKeyword == p.matchAnyKeyword && matchAllKeyword == p.matchAllKeyword
                && enableProperty == p.enableProperty && Arrays.equals(eventIds, p.eventIds)
                && includeEventIds == p.includeEventIds && Arrays.equals(processIds, p.processIds)
                && executableNames.equals(p.executableNames) && captureStateOnStart == p.captureStateOnStart;
    }

    @Override
    public int hashCode() {
        return (Objects.hash(providerId, level, matchAnyKeyword, matchAllKeyword, enableProperty, includeEventIds,
                executableNames, captureStateOnStart) * 31 + Arrays.hashCode(eventIds)) * 31
                + Arrays.hashCode(processIds);
    }

    @Override
    public String toString() {
        return "ProviderConfig[" + providerId + " level=" + level + " any=0x" + Long.toHexString(matchAnyKeyword)
                + " all=0x" + Long.toHexString(matchAllKeyword) + " props=0x" + Integer.toHexString(enableProperty)
                + (eventIds.length == 0 ? "" : (includeEventIds ? " include=" : " exclude=")
                + Arrays.toString(eventIds))
                + (processIds.length == 0 ? "" : " pids=" + Arrays.toString(processIds))
                + (executableNames.isEmpty() ? "" : " exe=" + executableNames)
                + (captureStateOnStart ? " captureState" : "") + "]";
    }
}
