package io.etw4j.scm.internal.preflight;

import java.util.List;

/** The trace sessions running right now (QueryAllTracesW). May throw. */
@FunctionalInterface
public interface SessionProbe {

    /**
     * The running sessions.
     *
     * @param capacity how many sessions to ask about at most
     */
    RunningSessions runningSessions(int capacity);

    /**
     * @param names         the names of the sessions counted
     * @param moreNotListed true if there were more sessions than {@code capacity} (ERROR_MORE_DATA)
     */
    record RunningSessions(List<String> names, boolean moreNotListed) {
        public RunningSessions {
            names = List.copyOf(names);
        }
    }
}
