package io.etw4j.scm.internal.preflight;

import io.etw4j.core.session.ProviderContention;
import java.util.List;
import java.util.UUID;

/**
 * The trace sessions that have a provider enabled right now: EnumerateTraceGuidsEx(TraceGuidQueryInfo)
 * TRACE_ENABLE_INFO.LoggerId, named with QueryAllTracesW (etw-core's native layer). May throw.
 */
@FunctionalInterface
public interface ProviderHolderProbe {
    /** The sessions enabling {@code provider}, in the order Windows lists them; empty if none. */
    List<ProviderContention.Holder> sessionsEnabling(UUID provider);
}
