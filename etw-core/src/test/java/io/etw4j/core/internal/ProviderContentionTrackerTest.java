package io.etw4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import io.etw4j.core.session.ProviderContention.State;
import io.etw4j.core.session.ProviderContention;
import io.etw4j.core.testing.FakeEtwNative.Op;
import io.etw4j.core.testing.FakeEtwNative;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** {@link ProviderContentionTracker} over {@link FakeEtwNative}: states, naming, and which changes are logged. */
class ProviderContentionTrackerTest {
    private static final UUID SCM = UUID.fromString("ebcca1c2-ab46-4a1d-8c2a-906c2ff25f39");
    private static final UUID OTHER = UUID.fromString("0063715b-eeda-4007-9429-ad526f62696e");
    private static final int US = 0x1001;

    private final FakeEtwNative fake = new FakeEtwNative();
    private final Logger log = mock(Logger.class);
    private final ProviderContentionTracker tracker =
            new ProviderContentionTracker(List.of(SCM, OTHER, SCM), "etw4j-t~1-2", log);

    private void enableOurs(UUID provider) {
        fake.enableProvider(US, new ProviderConfig(provider, 0xFF, -1L, 0, 0, new int[0], true));
    }

    @Test
    void duplicatesAreCheckedOnceAndAnExclusiveStartLogsNothing() {
        enableOurs(SCM);
        enableOurs(OTHER);

        List<ProviderContention> c = tracker.check(fake, US);

        assertThat(c).extracting(ProviderContention::providerId).containsExactly(SCM, OTHER);
        assertThat(c).allSatisfy(x -> assertThat(x.state()).isEqualTo(State.EXCLUSIVE));
        assertThat(tracker.last()).isEqualTo(c);
        assertThat(fake.count(Op.QUERY_ALL)).as("no other holder: nothing to name").isZero();
        verifyNoInteractions(log);
    }

    @Test
    void nobodyHoldingItIsNotHeldAndAnUnlistedHolderKeepsItsLoggerId() {
        fake.registerProvider(OTHER, 4, true);
        enableOurs(SCM);
        fake.failNext(Op.QUERY_ALL, 5);
        fake.enableProvider(0x77, new ProviderConfig(SCM, 4, 1, 0, 0, new int[0], true)); // not a listed session

        List<ProviderContention> c = tracker.check(fake, US);

        assertThat(c.get(0).state()).isEqualTo(State.SHARED);
        assertThat(c.get(0).otherSessions()).containsExactly(new ProviderContention.Holder(0x77, Optional.empty()));
        assertThat(c.get(0).otherSessions().get(0)).hasToString("logger id 119");
        assertThat(c.get(1).state()).isEqualTo(State.NOT_HELD);
        assertThat(c.get(1).classicProvider()).isTrue();
        assertThat(c.get(1).detail()).contains("no session has it enabled");
        verify(log).warn(eq("ETW session {}: {}"), eq("etw4j-t~1-2"), eq(c.get(1).detail()));
    }

    @Test
    void aChangeIsLoggedOnceAndANameThatCannotBeReadIsNoChange() {
        fake.registerProvider(SCM, 612, true).addSession("SCM", 0x21);
        enableOurs(SCM);
        enableOurs(OTHER);
        tracker.check(fake, US);
        fake.enableFrom("SCM", SCM);

        ProviderContention taken = tracker.check(fake, US).get(0);
        fake.failNext(Op.QUERY_ALL, 5);
        ProviderContention again = tracker.check(fake, US).get(0);

        assertThat(taken.otherSessions()).containsExactly(new ProviderContention.Holder(0x21, Optional.of("SCM")));
        assertThat(again.otherSessions()).containsExactly(new ProviderContention.Holder(0x21, Optional.empty()));
        verify(log).warn("ETW session {}: {}", "etw4j-t~1-2", taken.detail());
        verify(log, never()).warn("ETW session {}: {}", "etw4j-t~1-2", again.detail());
        verify(log, never()).info(anyString(), (Object) org.mockito.ArgumentMatchers.any(),
                (Object) org.mockito.ArgumentMatchers.any());
    }

    @Test
    void aCheckThatEndsAfterTheSessionStartedStoppingIsNeitherKeptNorLogged() {
        enableOurs(SCM);
        enableOurs(OTHER);
        List<ProviderContention> first = tracker.check(fake, US);
        fake.disableFrom("unused", SCM); // no such session: nothing changes
        fake.enableProvider(0x50, new ProviderConfig(SCM, 1, 1, 0, 0, new int[0], true));

        List<ProviderContention> during = tracker.check(fake, US, () -> false);

        assertThat(during).isEqualTo(first);
        assertThat(tracker.last()).isEqualTo(first);
        verifyNoInteractions(log);
    }
}
