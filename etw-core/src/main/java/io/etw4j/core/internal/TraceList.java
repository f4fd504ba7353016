package io.etw4j.core.internal;

import java.util.List;

/**
 * What one QueryAllTracesW call listed: the sessions in the order Windows wrote them, and whether more sessions ran
 * than the call could list.
 *
 * <p>QueryAllTracesW takes at most 64 EVENT_TRACE_PROPERTIES ("QueryAllTracesW function (evntrace.h)",
 * learn.microsoft.com, PropertyArrayCount: "must be less than or equal to 64, the maximum number of event tracing
 * sessions that ETW supports"); on a host that runs more (EtwMaxLoggers raised above 64) it answers ERROR_MORE_DATA
 * after filling the 64. Such a listing is {@linkplain #moreNotListed() incomplete}: a session that is not in it may
 * still be running. Immutable.
 *
 * @param sessions      the sessions listed, at most 64
 * @param moreNotListed true if QueryAllTracesW answered ERROR_MORE_DATA: more sessions run than are listed
 */
public record TraceList(List<TraceStatus> sessions, boolean moreNotListed) {
    public TraceList {
        sessions = List.copyOf(sessions);
    }

    /** A complete listing of {@code sessions} (tests, fakes). */
    public static TraceList complete(List<TraceStatus> sessions) {
        return new TraceList(sessions, false);
    }
}
