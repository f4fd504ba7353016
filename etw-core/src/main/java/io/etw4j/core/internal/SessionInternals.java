package io.etw4j.core.internal;

import io.etw4j.core.session.EtwSession;
import io.etw4j.core.session.HandOffBuilder;

/**
 * The hook that lets code outside {@code io.etw4j.core} (tests of other modules, the etw-core test-jar's helpers) run
 * an {@link EtwSession} over another {@link SessionEnvironment}, typically {@code FakeEtwNative}. Not public API.
 */
public final class SessionInternals {
    /** Implemented by {@link EtwSession}, which installs it when its class initialises. */
    public interface Access {
        /**
         * Sets {@code environment} on {@code builder}.
         *
         * @param builder     any session builder
         * @param environment the environment its sessions run over
         * @return the builder
         */
        HandOffBuilder<?> environment(HandOffBuilder<?> builder, SessionEnvironment environment);
    }

    private static volatile Access access;

    private SessionInternals() {
    }

    /** Called once by {@link EtwSession}'s static initialiser. */
    public static void install(Access a) {
        if (access == null) {
            access = a;
        }
    }

    /** {@code builder} with {@code environment} instead of the production one. */
    public static <B extends HandOffBuilder<?>> B withEnvironment(B builder, SessionEnvironment environment) {
        access.environment(builder, environment);
        return builder;
    }
}
