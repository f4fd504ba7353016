package io.etw4j.scm.internal.preflight;

import io.etw4j.core.session.ProviderContention;
import io.etw4j.scm.ScmProviders;
import io.etw4j.scm.ScmSessionMode;
import io.etw4j.scm.internal.session.ScmSessionPlan;
import io.etw4j.scm.internal.session.ScmSessionPlan.ScmState;
import io.etw4j.scm.preflight.ScmPreflight.Check;
import io.etw4j.scm.preflight.ScmPreflight.Finding;
import io.etw4j.scm.preflight.ScmPreflight.Status;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@link Check#SCM_SESSION_MODE} finding: which {@link ScmSessionMode} a monitor built now would use, by the rule
 * of {@link ScmSessionPlan#decide} over what the probes found (the session list names "SCM"; the holders of the SCM
 * WPP provider include it; the registry's {@code Flags}). Stateless.
 */
final class ScmModeFinding {
    private ScmModeFinding() {
    }

    /**
     * The finding; {@code running} or {@code holders} null when their probe failed.
     */
    static Finding of(SessionProbe.RunningSessions running, List<ProviderContention.Holder> holders,
            RegistryProbe registry) {
        if (running == null) {
            return new Finding(Check.SCM_SESSION_MODE, Status.UNKNOWN, "could not list the running sessions: a "
                    + "monitor would try SHARE mode (it never takes the provider when it cannot tell whose it is)",
                    Optional.empty());
        }
        ScmState state = state(running, holders);
        long flags = ScmProviders.SCM_SESSION_DEFAULT_FLAGS;
        String flagsSource = "default";
        try {
            OptionalInt v = registry.localMachineDword(ScmSessionPlan.SCM_TRACING_KEY, ScmSessionPlan.FLAGS_VALUE);
            if (v.isPresent()) {
                flags = Integer.toUnsignedLong(v.getAsInt());
                flagsSource = "HKLM\\" + ScmSessionPlan.SCM_TRACING_KEY + "\\" + ScmSessionPlan.FLAGS_VALUE;
            }
        } catch (RuntimeException e) {
            flagsSource = "default; Flags unreadable: " + e.getMessage();
        }
        ScmSessionPlan plan = ScmSessionPlan.decide(false, state, flags);
        String flagsText = "0x" + Long.toHexString(flags) + " (" + flagsSource + ")";
        if (plan.mode() == ScmSessionMode.SHARE) {
            return new Finding(Check.SCM_SESSION_MODE, Status.OK, "a monitor would use SHARE mode (" + plan.reason()
                    + "): it adds real-time delivery to the 'SCM' session (ControlTrace UPDATE, removed at the end "
                    + "if it added it) and consumes it; SCM.EVM keeps being written (inferred)", Optional.empty());
        }
        return new Finding(Check.SCM_SESSION_MODE, Status.WARNING, "a monitor would use PRIVATE mode (" + plan.reason()
                + "): it enables the SCM WPP provider in its own session with flags " + flagsText
                + (state == ScmState.WITHOUT_PROVIDER ? "; it takes the provider from whoever has it and gives "
                        + "nothing back to 'SCM', which did not have it" : ""),
                Optional.of(state == ScmState.NOT_RUNNING
                        ? "Windows' own SCM trace (LogFiles\\Scm\\SCM.EVM) is off: see " + Check.SCM_TRACING_DISABLED
                                + "; with it on (and a reboot), a monitor shares that session instead"
                        : "See " + Check.SCM_WPP_HOLDER + " for who has the provider"));
    }

    private static ScmState state(SessionProbe.RunningSessions running, List<ProviderContention.Holder> holders) {
        if (running == null) {
            return ScmState.QUERY_FAILED;
        }
        if (!running.names().contains(ScmProviders.SCM_SESSION_NAME)) {
            return running.moreNotListed() ? ScmState.QUERY_FAILED : ScmState.NOT_RUNNING;
        }
        if (holders == null) {
            return ScmState.HOLDER_UNKNOWN;
        }
        boolean held = holders.stream()
                .anyMatch(h -> h.sessionName().filter(ScmProviders.SCM_SESSION_NAME::equals).isPresent());
        return held ? ScmState.HOLDS_PROVIDER : ScmState.WITHOUT_PROVIDER;
    }
}
