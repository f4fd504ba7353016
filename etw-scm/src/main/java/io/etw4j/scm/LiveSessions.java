package io.etw4j.scm;

import io.etw4j.core.internal.EtwNative;
import io.etw4j.core.internal.SessionEnvironment;
import io.etw4j.core.internal.SessionInternals;
import io.etw4j.core.session.AttachBuilder;
import io.etw4j.core.session.EtwSession;
import io.etw4j.core.session.SessionBuilder;
import io.etw4j.scm.internal.preflight.RegistryProbe;
import io.etw4j.scm.internal.session.ScmSessionPlan;
import io.etw4j.scm.internal.session.ScmSessionTracker;
import io.etw4j.scm.internal.win32.LocalMachineDwords;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The live sessions of {@link ScmMonitorBuilder#create()}: the {@link ScmSessionMode} chosen from what the "SCM"
 * session is doing now ({@link ScmSessionPlan}), the monitor's own session with the providers that mode enables, and
 * in share mode the attached "SCM" session. Stateless; not API.
 */
final class LiveSessions {
    private LiveSessions() {
    }

    /**
     * The live source. {@code env} and {@code registry} are test hooks (null: the production environment and the
     * registry through jna-platform, each loaded only on Windows).
     */
    static ScmSource assemble(String sessionName, boolean scmWpp, boolean services, boolean kernelProcess,
            boolean rpc, boolean privateScm, SessionEnvironment env, RegistryProbe registry) {
        SessionEnvironment environment = env != null ? env : SessionEnvironment.defaults();
        if (!scmWpp) {
            return ScmSource.live(ownSession(sessionName, false, 0, services, kernelProcess, rpc, env));
        }
        Supplier<EtwNative> natives = () -> environment.nativeLayer().get();
        ScmSessionPlan plan = ScmSessionPlan.probe(privateScm, load(natives),
                registry != null ? registry : LocalMachineDwords.lazy());
        boolean share = plan.mode() == ScmSessionMode.SHARE;
        Optional<EtwSession> own = share && !services && !kernelProcess && !rpc ? Optional.empty()
                : Optional.of(ownSession(sessionName, !share, plan.flags(), services, kernelProcess, rpc, env));
        Optional<EtwSession> shared = Optional.empty();
        if (share) {
            AttachBuilder a = EtwSession.attach(ScmProviders.SCM_SESSION_NAME).addRealTimeIfMissing();
            shared = Optional.of((env != null ? SessionInternals.withEnvironment(a, env) : a).build());
        }
        Optional<EtwSession> sharedSession = shared;
        ScmSessionTracker tracker = new ScmSessionTracker(plan, natives, () -> sharedSession,
                environment.shutdownHook());
        return ScmSource.live(own, shared, tracker);
    }

    private static EtwSession ownSession(String name, boolean wpp, long flags, boolean services,
            boolean kernelProcess, boolean rpc, SessionEnvironment env) {
        SessionBuilder b = EtwSession.builder(name).flushTimer(Duration.ofSeconds(1));
        if (wpp) {
            b.enable(ScmProviders.scmWpp(flags));
        }
        ScmProviders.enableOn(b, false, services, kernelProcess);
        if (rpc) {
            b.enable(ScmProviders.rpc());
        }
        return (env != null ? SessionInternals.withEnvironment(b, env) : b).build();
    }

    /** The native layer, or null where it cannot be loaded (not Windows, a 32-bit JVM): the plan then says so. */
    private static EtwNative load(Supplier<EtwNative> natives) {
        try {
            return natives.get();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
