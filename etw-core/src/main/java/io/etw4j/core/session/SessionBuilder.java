package io.etw4j.core.session;

import io.etw4j.core.internal.SessionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a session of its own ({@link EtwSession#builder(String)}): an etw4j-named real-time (and/or file) session
 * with the {@link Provider}s it enables (EnableTraceEx2). It offers no kernel settings: those belong to
 * {@link KernelLoggerBuilder} and {@link SystemLoggerBuilder}. Not thread-safe; {@link #build()} may be called more
 * than once.
 */
public final class SessionBuilder extends StartedSessionBuilder<SessionBuilder> {
    private final List<Provider> providers = new ArrayList<>();

    SessionBuilder(String name) {
        super(name);
    }

    /**
     * Enables {@code provider} on the session (one EnableTraceEx2 call, in the order of the calls).
     *
     * @param provider the provider to enable
     * @return this builder
     */
    public SessionBuilder enable(Provider provider) {
        providers.add(Objects.requireNonNull(provider, "provider"));
        return this;
    }

    /**
     * {@return the session}
     *
     * @throws IllegalStateException if no provider is enabled, if there is neither real time nor a file, or if
     *                               minimumBuffers &gt; maximumBuffers
     */
    @Override
    public EtwSession build() {
        if (providers.isEmpty()) {
            throw new IllegalStateException("enable at least one Provider");
        }
        checkStarted();
        return SessionAssembly.assemble(this, SessionSpec.Kind.PRIVATE, providers);
    }
}
