package io.etw4j.core.internal;

import io.etw4j.core.UnsupportedPlatformException;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * What an {@code io.etw4j.core.session.EtwSession} run depends on besides its settings: the native layer, the owner
 * probe, the clock that stamps health reports, the scheduler that polls ControlTrace QUERY, and whether a JVM shutdown
 * hook guards running sessions. {@link #defaults()} is the production environment; tests pass a fake native layer.
 * Immutable.
 *
 * @param nativeLayer     creates (or returns) the native layer; called once per run, on subscription
 * @param owners          owner probe for orphan detection
 * @param clock           timestamps of health reports
 * @param healthScheduler where periodic QUERY polls run; null = a shared daemon single-thread scheduler
 * @param shutdownHook    register running sessions with the JVM shutdown hook
 * @param contentionLog   where provider contention changes are logged ({@link ProviderContentionTracker})
 */
public record SessionEnvironment(Supplier<EtwNative> nativeLayer, OwnerProbe owners, Clock clock,
                                 Scheduler healthScheduler, boolean shutdownHook, Logger contentionLog) {

    public SessionEnvironment {
        Objects.requireNonNull(nativeLayer, "nativeLayer");
        Objects.requireNonNull(owners, "owners");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(contentionLog, "contentionLog");
    }

    /** The SLF4J logger provider contention changes go to by default. */
    public static final Logger DEFAULT_CONTENTION_LOG = LoggerFactory.getLogger(ProviderContentionTracker.class);

    /** The production environment: the Windows native layer, created lazily and only on Windows. */
    public static SessionEnvironment defaults() {
        return new SessionEnvironment(SessionEnvironment::windowsNative, OwnerProbe.system(), Clock.systemUTC(),
                null, true, DEFAULT_CONTENTION_LOG);
    }

    /** An environment over {@code nativeLayer} (for tests), with the system owner probe and no shutdown hook. */
    public static SessionEnvironment of(EtwNative nativeLayer) {
        Objects.requireNonNull(nativeLayer, "nativeLayer");
        return new SessionEnvironment(() -> nativeLayer, OwnerProbe.system(), Clock.systemUTC(), null, false,
                DEFAULT_CONTENTION_LOG);
    }

    public SessionEnvironment withOwners(OwnerProbe probe) {
        return new SessionEnvironment(nativeLayer, probe, clock, healthScheduler, shutdownHook, contentionLog);
    }

    public SessionEnvironment withClock(Clock c) {
        return new SessionEnvironment(nativeLayer, owners, c, healthScheduler, shutdownHook, contentionLog);
    }

    public SessionEnvironment withHealthScheduler(Scheduler s) {
        return new SessionEnvironment(nativeLayer, owners, clock, s, shutdownHook, contentionLog);
    }

    public SessionEnvironment withShutdownHook(boolean on) {
        return new SessionEnvironment(nativeLayer, owners, clock, healthScheduler, on, contentionLog);
    }

    public SessionEnvironment withContentionLog(Logger log) {
        return new SessionEnvironment(nativeLayer, owners, clock, healthScheduler, shutdownHook, log);
    }

    /** The scheduler to poll on. */
    public Scheduler pollScheduler() {
        return healthScheduler != null ? healthScheduler : DefaultScheduler.INSTANCE;
    }

    /**
     * The Windows native layer. Checks the OS before any JNA class is touched, so elsewhere the failure is an
     * {@link UnsupportedPlatformException}, not a linkage error.
     */
    static EtwNative windowsNative() {
        UnsupportedPlatformException.requireWindows("EtwSession.records()");
        return WindowsNativeHolder.get();
    }

    private static final class DefaultScheduler {
        static final Scheduler INSTANCE = Schedulers.newSingle("etw4j-health", true);
    }
}
