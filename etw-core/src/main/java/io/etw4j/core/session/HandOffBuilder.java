package io.etw4j.core.session;

import io.etw4j.core.internal.SessionEnvironment;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings every kind of {@link EtwSession} shares, an attached one included: how records are handed from the ETW
 * thread to the subscriber ({@link #bufferCapacity(int)}, {@link #overflow(OverflowStrategy)}) and how often the run
 * is polled for {@link EtwSession#health()}. Declared once here; each kind's builder ({@link SessionBuilder},
 * {@link KernelLoggerBuilder}, {@link SystemLoggerBuilder}, {@link AttachBuilder}) adds only what its kind accepts, so
 * a combination ETW refuses does not compile.
 *
 * <p>Defaults: {@link OverflowStrategy#DROP_NEWEST}, hand-off capacity {@value EtwSession#DEFAULT_BUFFER_CAPACITY}
 * records, health polls every 5 seconds. Builders are not thread-safe; {@code build()} may be called more than once,
 * each call giving an independent {@link EtwSession}.
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
public abstract sealed class HandOffBuilder<B extends HandOffBuilder<B>> permits StartedSessionBuilder, AttachBuilder {

    /** Largest {@link #bufferCapacity(int)}: the hand-off's slot array is a power of two (2^30). */
    public static final int MAX_BUFFER_CAPACITY = 1 << 30;

    final String name;
    OverflowStrategy overflow = OverflowStrategy.DROP_NEWEST;
    int capacity = EtwSession.DEFAULT_BUFFER_CAPACITY;
    Duration healthInterval = EtwSession.DEFAULT_HEALTH_INTERVAL;
    SessionEnvironment environment;

    HandOffBuilder(String name) {
        this.name = name;
    }

    /**
     * What to drop when the hand-off buffer is full ({@link OverflowStrategy#DROP_NEWEST} by default).
     *
     * @param strategy which record to drop when the hand-off buffer is full
     * @return this builder
     */
    public B overflow(OverflowStrategy strategy) {
        overflow = Objects.requireNonNull(strategy, "strategy");
        return self();
    }

    /**
     * Bound of the hand-off buffer, in records. Memory cost: up to this many copied records per running session.
     *
     * @param records capacity of the hand-off buffer, in records
     * @return this builder
     * @throws IllegalArgumentException unless between 1 and {@value #MAX_BUFFER_CAPACITY}
     */
    public B bufferCapacity(int records) {
        if (records < 1 || records > MAX_BUFFER_CAPACITY) {
            throw new IllegalArgumentException(
                    "bufferCapacity must be between 1 and " + MAX_BUFFER_CAPACITY + ": " + records);
        }
        capacity = records;
        return self();
    }

    /**
     * Period of the ControlTrace QUERY polls behind {@link EtwSession#health()}; zero disables polling.
     *
     * @param interval the polling period; zero disables polling
     * @return this builder
     */
    public B healthInterval(Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("healthInterval < 0: " + interval);
        }
        healthInterval = interval;
        return self();
    }

    /**
     * {@return the session}
     *
     * @throws IllegalStateException if the settings do not fit the kind of session (each builder names what it needs)
     */
    public abstract EtwSession build();

    /** Test hook: runs the session over another environment (see {@code SessionInternals}). */
    final B environment(SessionEnvironment env) {
        environment = Objects.requireNonNull(env, "environment");
        return self();
    }

    final SessionEnvironment environmentOrDefault() {
        return environment != null ? environment : SessionEnvironment.defaults();
    }

    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }
}
