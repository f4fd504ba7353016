package io.etw4j.core.internal;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ETW sessions this JVM started and has not stopped yet, so that none is left behind:
 * <ul>
 *   <li>a JVM shutdown hook (thread "etw4j-shutdown", installed on first use) stops every registered session;</li>
 *   <li>a {@link Cleaner} stops the session of a run object that became unreachable without being stopped (a
 *       backstop: running sessions are reachable from their threads, so it fires only if those threads died without
 *       running their cleanup).</li>
 * </ul>
 * What neither can cover (the JVM killed, a power loss) is reclaimed at the next start by the orphan check of
 * {@code io.etw4j.core.session.EtwSession}. Thread-safe.
 */
public final class ActiveSessions {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveSessions.class);
    private static final Set<SessionStopper> ACTIVE = ConcurrentHashMap.newKeySet();
    private static final Cleaner CLEANER = Cleaner.create();
    private static volatile boolean hookInstalled;

    private ActiveSessions() {
    }

    /**
     * Registers {@code stopper} until it has stopped; {@code owner} is the object whose unreachability triggers the
     * Cleaner backstop (it must not be reachable from {@code stopper}).
     */
    public static Cleaner.Cleanable register(Object owner, SessionStopper stopper, boolean withShutdownHook) {
        ACTIVE.add(stopper);
        if (withShutdownHook) {
            installHook();
        }
        return CLEANER.register(owner, stopper);
    }

    static void unregister(SessionStopper stopper) {
        ACTIVE.remove(stopper);
    }

    /** The sessions registered now (a copy). */
    public static List<SessionStopper> active() {
        return new ArrayList<>(ACTIVE);
    }

    /** Stops every registered session (what the shutdown hook runs). */
    public static void stopAll() {
        for (SessionStopper s : active()) {
            try {
                s.stop();
            } catch (RuntimeException e) {
                LOG.warn("Stopping ETW session {} failed", s.sessionName(), e);
            }
        }
    }

    private static void installHook() {
        if (hookInstalled) {
            return;
        }
        synchronized (ActiveSessions.class) {
            if (!hookInstalled) {
                Thread hook = new Thread(ActiveSessions::stopAll, "etw4j-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                hookInstalled = true;
            }
        }
    }
}
