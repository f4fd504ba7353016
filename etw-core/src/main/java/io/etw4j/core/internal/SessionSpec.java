package io.etw4j.core.internal;

import io.etw4j.core.ExistingSessionPolicy;
import io.etw4j.core.OverflowStrategy;
import java.time.Duration;
import java.util.List;

/**
 * Everything one run of an {@code EtwSession} is started with. Immutable.
 *
 * @param logicalName    the name given to the builder
 * @param etwName        the ETW session name ({@link SessionNames})
 * @param config         EVENT_TRACE_PROPERTIES settings
 * @param providers      EnableTraceEx2 calls, in order
 * @param policy         what to do with a live session of the same logical name
 * @param capacity       bound of the hand-off buffer between the ETW thread and the subscriber
 * @param overflow       what to drop when it is full
 * @param healthInterval period of ControlTrace QUERY polls
 */
public record SessionSpec(String logicalName, String etwName, SessionConfig config, List<ProviderConfig> providers,
                          ExistingSessionPolicy policy, int capacity, OverflowStrategy overflow,
                          Duration healthInterval) {
    public SessionSpec {
        providers = List.copyOf(providers);
    }
}
