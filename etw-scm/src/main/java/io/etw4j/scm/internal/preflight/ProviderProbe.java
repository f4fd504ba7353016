package io.etw4j.scm.internal.preflight;

import java.util.Set;
import java.util.UUID;

/** The trace providers registered right now (EnumerateTraceGuidsEx, TraceGuidQueryList). May throw. */
@FunctionalInterface
public interface ProviderProbe {
    /** The GUIDs of the providers that registered (RegisterTraceGuids or EventRegister) and have not unregistered. */
    Set<UUID> registeredProviders();
}
