package io.etw4j.scm.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.internal.Win32Errors;
import io.etw4j.core.testing.FakeEtwNative;
import io.etw4j.core.testing.FakeEtwNative.Op;
import io.etw4j.scm.ScmProviders;
import io.etw4j.scm.ScmSessionMode;
import io.etw4j.scm.internal.session.ScmSessionPlan.ScmState;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The mode rule of {@link ScmSessionPlan} and the facts it is fed from the native layer and the registry. */
class ScmSessionPlanTest {
    private final FakeEtwNative fake = new FakeEtwNative();

    @Test
    void theRule() {
        assertThat(ScmSessionPlan.decide(false, ScmState.HOLDS_PROVIDER, 1).mode()).isEqualTo(ScmSessionMode.SHARE);
        assertThat(ScmSessionPlan.decide(false, ScmState.HOLDER_UNKNOWN, 1).mode()).isEqualTo(ScmSessionMode.SHARE);
        assertThat(ScmSessionPlan.decide(false, ScmState.QUERY_FAILED, 1).mode()).isEqualTo(ScmSessionMode.SHARE);
        assertThat(ScmSessionPlan.decide(false, ScmState.WITHOUT_PROVIDER, 1).mode())
                .isEqualTo(ScmSessionMode.PRIVATE);
        assertThat(ScmSessionPlan.decide(false, ScmState.NOT_RUNNING, 1).mode()).isEqualTo(ScmSessionMode.PRIVATE);
        for (ScmState s : ScmState.values()) {
            assertThat(ScmSessionPlan.decide(true, s, 1).mode()).as("requested: %s", s)
                    .isEqualTo(ScmSessionMode.PRIVATE);
        }
    }

    @Test
    void theStateComesFromAQueryOfScmAndTheProvidersEnables() {
        assertThat(ScmSessionPlan.state(fake)).isEqualTo(ScmState.NOT_RUNNING);
        fake.addSession("SCM", 0x21);
        assertThat(ScmSessionPlan.state(fake)).isEqualTo(ScmState.WITHOUT_PROVIDER);
        fake.registerProvider(ScmProviders.SCM_WPP_CONTROL_GUID, 612, true)
                .enableFrom("SCM", ScmProviders.SCM_WPP_CONTROL_GUID);
        assertThat(ScmSessionPlan.state(fake)).isEqualTo(ScmState.HOLDS_PROVIDER);
        fake.failNext(Op.PROVIDER_INFO, Win32Errors.ERROR_ACCESS_DENIED);
        assertThat(ScmSessionPlan.state(fake)).isEqualTo(ScmState.HOLDER_UNKNOWN);
        fake.failNext(Op.QUERY, Win32Errors.ERROR_ACCESS_DENIED);
        assertThat(ScmSessionPlan.state(fake)).isEqualTo(ScmState.QUERY_FAILED);
        assertThat(ScmSessionPlan.state(null)).as("no native layer").isEqualTo(ScmState.QUERY_FAILED);
    }

    @Test
    void theFlagsAreTheRegistrysElseServicesExesDefault() {
        assertThat(ScmSessionPlan.flags((k, v) -> OptionalInt.of(0x104))).isEqualTo(0x104);
        assertThat(ScmSessionPlan.flags((k, v) -> OptionalInt.of(-1))).as("a DWORD, unsigned").isEqualTo(0xFFFF_FFFFL);
        assertThat(ScmSessionPlan.flags((k, v) -> OptionalInt.empty())).isEqualTo(0x0FF3F7FFL);
        assertThat(ScmSessionPlan.flags((k, v) -> {
            throw new IllegalStateException("unreadable");
        })).isEqualTo(0x0FF3F7FFL);
        assertThat(ScmSessionPlan.flags(null)).isEqualTo(0x0FF3F7FFL);
        assertThat(ScmSessionPlan.probe(true, fake, (k, v) -> OptionalInt.of(7)))
                .isEqualTo(new ScmSessionPlan(ScmSessionMode.PRIVATE, "a private session was requested", 7));
    }
}
