package io.etw4j.core.session;

import io.etw4j.core.internal.SessionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a private system logger ({@link EtwSession#systemLoggerBuilder(String)}, EVENT_TRACE_SYSTEM_LOGGER_MODE,
 * Windows 8 and later): the kernel groups of {@link KernelGroupsBuilder} under an etw4j name and, on Windows 11, the
 * {@link SystemProviders} enabled like providers. Not thread-safe; {@link #build()} may be called more than once.
 */
public final class SystemLoggerBuilder extends KernelGroupsBuilder<SystemLoggerBuilder> {
    private final List<Provider> providers = new ArrayList<>();

    SystemLoggerBuilder(String name) {
        super(name);
    }

    /**
     * Enables {@code provider} on the session (one EnableTraceEx2 call, in the order of the calls): on Windows 11, one
     * of the {@link SystemProviders}.
     *
     * @param provider the provider to enable
     * @return this builder
     */
    public SystemLoggerBuilder enable(Provider provider) {
        providers.add(Objects.requireNonNull(provider, "provider"));
        return this;
    }

    /**
     * {@return the session}
     *
     * @throws IllegalStateException if neither a kernel group nor a provider is set, if there is neither real time nor
     *                               a file, or if minimumBuffers &gt; maximumBuffers
     */
    @Override
    public EtwSession build() {
        if (providers.isEmpty() && !anyGroups()) {
            throw new IllegalStateException("set kernelFlags(...) or enable system providers");
        }
        checkStarted();
        return SessionAssembly.assemble(this, SessionSpec.Kind.SYSTEM_LOGGER, providers);
    }
}
