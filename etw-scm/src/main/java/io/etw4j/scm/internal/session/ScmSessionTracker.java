package io.etw4j.scm.internal.session;

import io.etw4j.core.EtwCallException;
import io.etw4j.core.internal.EtwNative;
import io.etw4j.core.internal.ProviderConfig;
import io.etw4j.core.internal.ProviderInstance;
import io.etw4j.core.internal.TraceStatus;
import io.etw4j.core.internal.Win32Errors;
import io.etw4j.core.session.EtwSession;
import io.etw4j.scm.ScmProviders;
import io.etw4j.scm.ScmSessionMode;
import io.etw4j.scm.ScmSessionUse;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live monitor's use of the SCM session, run by run: {@link #begin()} before the monitor's sessions start,
 * {@link #observe()} whenever the statistics are read, {@link #end()} after they stopped. Thread-safe (its methods
 * are synchronized; each makes at most three quick ControlTrace/EnableTraceEx2 calls and none blocks the stream).
 *
 * <ul>
 *   <li>{@link #begin()}: QUERY of "SCM" (its BuffersWritten, and its handle: Wnode.HistoricalContext, whose low 16
 *       bits are its logger id, inferred), then EnumerateTraceGuidsEx for how it has the SCM WPP provider enabled
 *       (level, MatchAnyKeyword, MatchAllKeyword, EnableProperty), read before a private enable takes it (if the
 *       enumeration fails, a private run gives it back as services.exe enables it: level 0, the plan's flags); one
 *       log line (INFO) with the mode, the reason and the flags.</li>
 *   <li>{@link #end()}, {@link ScmSessionMode#PRIVATE}: if the SCM session had the provider at the start, a fresh
 *       QUERY gives its handle and EnableTraceEx2(EVENT_CONTROL_CODE_ENABLE_PROVIDER) on that handle enables the
 *       provider again with the level and keywords it had. Sources: learn.microsoft.com "ControlTraceW function"
 *       (TraceId: the handle of an existing session is the Wnode.HistoricalContext of a QUERY by name);
 *       "EnableTraceEx2 function" (TraceHandle). That EnableTraceEx2 accepts the handle of a session another process
 *       started, as {@code logman update trace SCM -p ... -ets} does by name, is inferred. A failure is logged (WARN)
 *       and reported as not given back. A JVM that exits normally gives it back from a shutdown hook (registered for
 *       the run, removed at its end); one that is killed gives nothing back: the SCM session then lacks the provider
 *       until services.exe restarts it (inferred).</li>
 *   <li>then a last {@link #observe()}: the SCM session's BuffersWritten after the run.</li>
 * </ul>
 */
public final class ScmSessionTracker {
    private static final Logger LOG = LoggerFactory.getLogger(ScmSessionTracker.class);

    private final ScmSessionPlan plan;
    private final Supplier<EtwNative> nativeLayer;
    private final Supplier<Optional<EtwSession>> shared;
    private EtwNative n;
    private OptionalLong atStart = OptionalLong.empty();
    private OptionalLong latest = OptionalLong.empty();
    private ProviderInstance.Enable scmEnable;
    private Optional<Boolean> givenBack = Optional.empty();
    private boolean begun;
    private boolean running;
    private final boolean shutdownHook;
    private Thread hook;

    /**
     * @param plan        the mode chosen when the monitor was built
     * @param nativeLayer the native layer (called once per run; a failure leaves the observations empty)
     * @param shared      the attached SCM session of a {@link ScmSessionMode#SHARE} run, for its realTimeAdded flag
     * @param shutdownHook whether a private run that took the provider also gives it back from a JVM shutdown hook
     */
    public ScmSessionTracker(ScmSessionPlan plan, Supplier<EtwNative> nativeLayer,
            Supplier<Optional<EtwSession>> shared, boolean shutdownHook) {
        this.shutdownHook = shutdownHook;
        this.plan = Objects.requireNonNull(plan, "plan");
        this.nativeLayer = Objects.requireNonNull(nativeLayer, "nativeLayer");
        this.shared = Objects.requireNonNull(shared, "shared");
    }

    /** {@return the plan} */
    public ScmSessionPlan plan() {
        return plan;
    }

    /** Before the monitor's sessions start: the SCM session as found. Never throws. */
    public synchronized void begin() {
        begun = true;
        running = true;
        atStart = OptionalLong.empty();
        latest = OptionalLong.empty();
        scmEnable = null;
        givenBack = Optional.empty();
        try {
            n = nativeLayer.get();
        } catch (RuntimeException | LinkageError e) {
            n = null; // the monitor's own session reports the failure (e.g. UnsupportedPlatformException)
        }
        TraceStatus scm = query();
        if (scm != null) {
            atStart = OptionalLong.of(Integer.toUnsignedLong(scm.buffersWritten()));
            try {
                scmEnable = ScmSessionPlan.enableOf(n, scm.loggerId());
            } catch (RuntimeException e) {
                LOG.debug("EnumerateTraceGuidsEx of the SCM WPP provider failed: {}", e.toString());
                if (plan.mode() == ScmSessionMode.PRIVATE) {
                    // Cannot read what the SCM session had: give it back at the end as services.exe enables it
                    // (level 0, the registry's Flags: a public decompilation of services.exe), rather than not at all.
                    scmEnable = new ProviderInstance.Enable(scm.loggerId(), true, 0, 0, plan.flags(), 0);
                }
            }
        }
        if (shutdownHook && plan.mode() == ScmSessionMode.PRIVATE && scmEnable != null && n != null) {
            Thread t = new Thread(this::end, "etw4j-scm-give-back");
            try {
                Runtime.getRuntime().addShutdownHook(t);
                hook = t;
            } catch (IllegalStateException e) {
                // the JVM is shutting down already
            }
        }
        LOG.info("SCM WPP provider: {} mode ({}), enable flags {}{}", plan.mode(), plan.reason(),
                describeFlags(wppFlags()), plan.mode() == ScmSessionMode.PRIVATE && scmEnable != null
                        ? "; taken from the SCM session, given back at the end (level " + scmEnable.level()
                        + ", flags 0x" + Long.toHexString(scmEnable.matchAnyKeyword()) + ")" : "");
    }

    /** A QUERY of the SCM session now, for its BuffersWritten; never throws. */
    public synchronized void observe() {
        if (!begun) {
            return;
        }
        TraceStatus scm = query();
        if (scm != null) {
            latest = OptionalLong.of(Integer.toUnsignedLong(scm.buffersWritten()));
        }
    }

    /** After the monitor's sessions stopped: the provider given back (private mode), a last observation. */
    public synchronized void end() {
        if (!running) {
            return;
        }
        running = false;
        Thread t = hook;
        hook = null;
        if (t != null && t != Thread.currentThread()) {
            try {
                Runtime.getRuntime().removeShutdownHook(t);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs, finds the run ended and returns
            }
        }
        if (plan.mode() == ScmSessionMode.PRIVATE && scmEnable != null && n != null) {
            givenBack = Optional.of(giveBack(scmEnable));
        }
        observe();
    }

    private boolean giveBack(ProviderInstance.Enable e) {
        try {
            TraceStatus scm = n.queryTrace(ScmProviders.SCM_SESSION_NAME);
            n.enableProvider(scm.sessionHandle(), new ProviderConfig(ScmProviders.SCM_WPP_CONTROL_GUID, e.level(),
                    e.matchAnyKeyword(), e.matchAllKeyword(), e.enableProperty(), new int[0], false));
            LOG.info("SCM WPP provider given back to the SCM session (level {}, flags 0x{})", e.level(),
                    Long.toHexString(e.matchAnyKeyword()));
            return true;
        } catch (EtwCallException ex) {
            LOG.warn("Could not give the SCM WPP provider back to the SCM session ({}): it stays without the "
                    + "provider until services.exe restarts its session; logman update trace SCM -p "
                    + "{} 0x{} {} -ets gives it back", ex.getMessage(), ScmProviders.SCM_WPP_CONTROL_GUID_TEXT,
                    Long.toHexString(e.matchAnyKeyword()), e.level());
            return false;
        } catch (RuntimeException ex) {
            LOG.warn("Could not give the SCM WPP provider back to the SCM session", ex);
            return false;
        }
    }

    private TraceStatus query() {
        if (n == null) {
            return null;
        }
        try {
            return n.queryTrace(ScmProviders.SCM_SESSION_NAME);
        } catch (EtwCallException e) {
            if (e.errorCode() != Win32Errors.ERROR_WMI_INSTANCE_NOT_FOUND) {
                LOG.debug("ControlTrace QUERY of the SCM session failed: {}", e.getMessage());
            }
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private long wppFlags() {
        if (plan.mode() == ScmSessionMode.PRIVATE) {
            return plan.flags();
        }
        return scmEnable != null ? scmEnable.matchAnyKeyword() : -1;
    }

    private static String describeFlags(long flags) {
        return flags < 0 ? "unknown" : "0x" + Long.toHexString(flags);
    }

    /** {@return the run's use of the SCM session so far; empty before the first run} */
    public synchronized Optional<ScmSessionUse> snapshot() {
        if (!begun) {
            return Optional.empty();
        }
        boolean added = plan.mode() == ScmSessionMode.SHARE
                && shared.get().map(s -> s.statistics().realTimeAdded()).orElse(false);
        return Optional.of(new ScmSessionUse(plan.mode(), plan.reason(), wppFlags(), added, givenBack, atStart,
                latest));
    }
}
