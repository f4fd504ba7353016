package io.etw4j.core.internal;

import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * One EnableTraceEx2 call: provider GUID, level, keywords, ENABLE_TRACE_PARAMETERS.EnableProperty and an optional
 * event-id filter (EVENT_FILTER_TYPE_EVENT_ID with EVENT_FILTER_EVENT_ID.FilterIn, evntprov.h). Immutable.
 *
 * @param providerId       the provider's control GUID
 * @param level            the UCHAR level (0..255)
 * @param matchAnyKeyword  MatchAnyKeyword
 * @param matchAllKeyword  MatchAllKeyword
 * @param enableProperty   EVENT_ENABLE_PROPERTY_* bits (evntcons.h)
 * @param eventIds         event ids of the filter; empty = no filter
 * @param includeEventIds  true: deliver only {@code eventIds} (FilterIn = TRUE); false: all but them
 */
public record ProviderConfig(UUID providerId, int level, long matchAnyKeyword, long matchAllKeyword,
                             int enableProperty, int[] eventIds, boolean includeEventIds) {

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
    }

    /** A copy of the filter's event ids. */
    @Override
    public int[] eventIds() {
        return eventIds.clone();
    }

    /** True if an event-id filter is set. */
    public boolean hasEventIdFilter() {
        return eventIds.length > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProviderConfig p && providerId.equals(p.providerId) && level == p.level
                && matchAnyKeyword == p.matchAnyKeyword && matchAllKeyword == p.matchAllKeyword
                && enableProperty == p.enableProperty && Arrays.equals(eventIds, p.eventIds)
                && includeEventIds == p.includeEventIds;
    }

    @Override
    public int hashCode() {
        return Objects.hash(providerId, level, matchAnyKeyword, matchAllKeyword, enableProperty, includeEventIds)
                * 31 + Arrays.hashCode(eventIds);
    }

    @Override
    public String toString() {
        return "ProviderConfig[" + providerId + " level=" + level + " any=0x" + Long.toHexString(matchAnyKeyword)
                + " all=0x" + Long.toHexString(matchAllKeyword) + " props=0x" + Integer.toHexString(enableProperty)
                + (eventIds.length == 0 ? "" : (includeEventIds ? " include=" : " exclude=")
                + Arrays.toString(eventIds)) + "]";
    }
}
