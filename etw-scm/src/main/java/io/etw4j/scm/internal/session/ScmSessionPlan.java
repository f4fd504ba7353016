package io.etw4j.scm.internal.session;

import io.etw4j.core.EtwCallException;
import io.etw4j.core.internal.EtwNative;
import io.etw4j.core.internal.ProviderInstance;
import io.etw4j.core.internal.TraceStatus;
import io.etw4j.core.internal.Win32Errors;
import io.etw4j.scm.ScmProviders;
import io.etw4j.scm.ScmSessionMode;
import io.etw4j.scm.internal.preflight.RegistryProbe;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The choice a live monitor makes when it is built: share services.exe's "SCM" session or enable the SCM WPP provider
 * in its own, and with which flags. Immutable.
 *
 * <p>The rule ({@link #decide}), from what the SCM session is found doing ({@link ScmState}):
 * <ul>
 *   <li>the builder asked for a private session: {@link ScmSessionMode#PRIVATE};</li>
 *   <li>the SCM session runs and holds the provider, or runs and who holds it cannot be told:
 *       {@link ScmSessionMode#SHARE} (etw4j never takes the provider when it cannot tell whose it is);</li>
 *   <li>the SCM session cannot be queried for another reason than "not running" (e.g. ERROR_ACCESS_DENIED):
 *       {@link ScmSessionMode#SHARE}, whose own QUERY then fails the run with the typed error and changes
 *       nothing;</li>
 *   <li>no SCM session runs (TracingDisabled, or it stopped), or it runs without the provider (another session took
 *       it): {@link ScmSessionMode#PRIVATE}.</li>
 * </ul>
 *
 * <p>The flags of a private enable are the registry's {@code HKLM\Software\Microsoft\Windows NT\CurrentVersion\
 * Tracing\SCM\Regular\Flags}, which services.exe reads for its own enable, else
 * {@link ScmProviders#SCM_SESSION_DEFAULT_FLAGS} (a public decompilation of services.exe; see
 * {@code ../shared/notes/scm-session.md}). That services.exe uses this value as MatchAnyKeyword is read off that
 * decompilation, not documented.
 *
 * @param mode   share or private
 * @param reason why, in a sentence
 * @param flags  the enable flags a private enable uses
 */
public record ScmSessionPlan(ScmSessionMode mode, String reason, long flags) {
    /** The registry key services.exe reads its SCM trace settings from, under HKLM. */
    public static final String SCM_TRACING_KEY = "Software\\Microsoft\\Windows NT\\CurrentVersion\\Tracing\\SCM\\Regular";
    /** The value with the SCM WPP provider's enable flags. */
    public static final String FLAGS_VALUE = "Flags";

    /** What the SCM session was found doing. */
    public enum ScmState {
        /** It runs and has the SCM WPP provider enabled. */
        HOLDS_PROVIDER,
        /** It runs; who has the provider enabled could not be told. */
        HOLDER_UNKNOWN,
        /** It runs without the provider (another session has it, or none). */
        WITHOUT_PROVIDER,
        /** No session named SCM runs. */
        NOT_RUNNING,
        /** The QUERY failed for another reason (e.g. access denied). */
        QUERY_FAILED
    }

    public ScmSessionPlan {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(reason, "reason");
    }

    /** The rule of the type's documentation. */
    public static ScmSessionPlan decide(boolean privateRequested, ScmState state, long flags) {
        if (privateRequested) {
            return new ScmSessionPlan(ScmSessionMode.PRIVATE, "a private session was requested", flags);
        }
        switch (state) {
            case HOLDS_PROVIDER:
                return new ScmSessionPlan(ScmSessionMode.SHARE, "the SCM session holds the provider", flags);
            case HOLDER_UNKNOWN:
                return new ScmSessionPlan(ScmSessionMode.SHARE, "the SCM session runs (who holds the provider is "
                        + "unknown; etw4j does not take it)", flags);
            case QUERY_FAILED:
                return new ScmSessionPlan(ScmSessionMode.SHARE, "the SCM session could not be queried (etw4j does "
                        + "not take the provider when it cannot tell)", flags);
            case WITHOUT_PROVIDER:
                return new ScmSessionPlan(ScmSessionMode.PRIVATE, "the SCM session runs without the provider",
                        flags);
            default:
                return new ScmSessionPlan(ScmSessionMode.PRIVATE, "no SCM session runs (TracingDisabled, or "
                        + "stopped)", flags);
        }
    }

    /**
     * The plan for this host: {@code n} (may be null when the native layer cannot be loaded, e.g. not on Windows:
     * {@link ScmState#QUERY_FAILED}) answers QUERY of "SCM" and EnumerateTraceGuidsEx; {@code registry} the flags.
     * Never throws.
     */
    public static ScmSessionPlan probe(boolean privateRequested, EtwNative n, RegistryProbe registry) {
        long flags = flags(registry);
        if (privateRequested) {
            return decide(true, ScmState.QUERY_FAILED, flags);
        }
        return decide(false, state(n), flags);
    }

    /** What the SCM session is doing, as {@code n} tells; never throws. */
    public static ScmState state(EtwNative n) {
        if (n == null) {
            return ScmState.QUERY_FAILED;
        }
        TraceStatus scm;
        try {
            scm = n.queryTrace(ScmProviders.SCM_SESSION_NAME);
        } catch (EtwCallException e) {
            return e.errorCode() == Win32Errors.ERROR_WMI_INSTANCE_NOT_FOUND ? ScmState.NOT_RUNNING
                    : ScmState.QUERY_FAILED;
        } catch (RuntimeException e) {
            return ScmState.QUERY_FAILED;
        }
        try {
            return enableOf(n, scm.loggerId()) != null ? ScmState.HOLDS_PROVIDER : ScmState.WITHOUT_PROVIDER;
        } catch (RuntimeException e) {
            return ScmState.HOLDER_UNKNOWN;
        }
    }

    /**
     * How the session with {@code loggerId} has the SCM WPP provider enabled (EnumerateTraceGuidsEx
     * TRACE_ENABLE_INFO), or null if it has not.
     *
     * @throws RuntimeException if the enumeration fails
     */
    public static ProviderInstance.Enable enableOf(EtwNative n, int loggerId) {
        for (ProviderInstance i : n.providerInstances(ScmProviders.SCM_WPP_CONTROL_GUID)) {
            for (ProviderInstance.Enable e : i.enables()) {
                if (e.enabled() && e.loggerId() == loggerId) {
                    return e;
                }
            }
        }
        return null;
    }

    /** The registry's Flags, else the default; never throws. */
    static long flags(RegistryProbe registry) {
        if (registry == null) {
            return ScmProviders.SCM_SESSION_DEFAULT_FLAGS;
        }
        try {
            OptionalInt v = registry.localMachineDword(SCM_TRACING_KEY, FLAGS_VALUE);
            return v.isPresent() ? Integer.toUnsignedLong(v.getAsInt()) : ScmProviders.SCM_SESSION_DEFAULT_FLAGS;
        } catch (RuntimeException e) {
            return ScmProviders.SCM_SESSION_DEFAULT_FLAGS;
        }
    }
}
