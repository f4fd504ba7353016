package io.etw4j.scm.internal.preflight;

import java.util.List;

/** The trace sessions running right now (QueryAllTracesW, at most 64 per call). May throw. */
@FunctionalInterface
public interface SessionProbe {

    /** The running sessions, as far as one QueryAllTracesW call lists them. */
    RunningSessions runningSessions();

    /**
     * @param names         the names of the sessions listed
     * @param moreNotListed true if more sessions run than are listed (QueryAllTracesW answered ERROR_MORE_DATA)
     */
    record RunningSessions(List<String> names, boolean moreNotListed) {
        public RunningSessions {
            names = List.copyOf(names);
        }
    }
}
