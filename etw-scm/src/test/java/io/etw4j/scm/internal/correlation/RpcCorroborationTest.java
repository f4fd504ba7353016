package io.etw4j.scm.internal.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.decode.testing.RecordBuilder;
import io.etw4j.scm.AttributionSource;
import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.Evidence;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ServiceCallObserved;
import io.etw4j.scm.ServiceDeleted;
import io.etw4j.scm.internal.manifest.ShippedManifests;
import io.etw4j.scm.internal.rpc.RpcProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link RpcCorroboration} on its own: when it decides, its bound, and what a hostile stream of calls costs it. */
class RpcCorroborationTest {
    // svcctl ([MS-SCMR] 2.1), opnum 2 RDeleteService ([MS-SCMR] 3.1.4).
    static final UUID SVCCTL = UUID.fromString("367ABB81-9844-35F1-AD32-98F038001003");
    static final Instant T = Instant.parse("2024-05-01T10:00:00Z");
    static final Duration W = Duration.ofSeconds(1);
    static final Duration HOLD = Duration.ofSeconds(10);

    static EventRecord call(int opnum, int pid, Instant t) {
        return RecordBuilder.of(ShippedManifests.shared().schema(RpcProvider.GUID, 5, 1).orElseThrow(), 5, 1)
                .add("InterfaceUuid", SVCCTL).add("ProcNum", opnum).add("Protocol", 3).add("NetworkAddress", "")
                .add("Endpoint", "ntsvcs").add("Options", "").add("AuthenticationLevel", 6)
                .add("AuthenticationService", 10).add("ImpersonationLevel", 2)
                .header(h -> h.processId(pid).threadId(pid + 4).timestamp(t)).build();
    }

    static ServiceDeleted deleted(String name, int pid, Instant t) {
        return new ServiceDeleted(t, ClientProcess.ofPid(pid), name, OptionalInt.of(0), AttributionSource.SCM_WPP,
                Evidence.PUBLIC_DECOMPILATION, call(2, 700, t));
    }

    @Test
    void anActWaitsUntilEveryCompetitorCouldHaveArrivedThenGoesOutCorroborated() {
        RpcCorroboration stage = new RpcCorroboration(W, HOLD, 100);
        assertThat(stage.onRpcRecord(call(2, 1234, T))).isEmpty();
        assertThat(stage.onEvents(List.of(deleted("svc", 1234, T.plusMillis(5))), T.plusMillis(5))).isEmpty();

        assertThat(stage.advanceTo(T.plusMillis(5).plus(W.multipliedBy(2)).plus(HOLD).minusMillis(1)))
                .as("act + 2 windows + hold not reached").isEmpty();
        List<ScmEvent> out = stage.advanceTo(T.plusSeconds(13));

        assertThat(out).singleElement().isInstanceOf(ServiceDeleted.class)
                .satisfies(e -> assertThat(e.client().corroborated()).isTrue());
        assertThat(stage.pending()).as("the joined call is not emitted").isZero();
        assertThat(stage.stats().corroborated()).isEqualTo(1);
    }

    @Test
    void beyondTheBoundTheOldestIsDecidedAtOnceAndCounted() {
        RpcCorroboration stage = new RpcCorroboration(W, HOLD, 2);
        List<ScmEvent> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            out.addAll(stage.onRpcRecord(call(2, 1000 + 4 * i, T.plusMillis(i))));
        }

        assertThat(stage.pending()).isEqualTo(2);
        assertThat(out).hasSize(3).allSatisfy(e -> assertThat(e).isInstanceOf(ServiceCallObserved.class));
        assertThat(out).extracting(e -> e.client().pid()).containsExactly(1000, 1004, 1008);
        assertThat(stage.stats().releasedEarly()).isEqualTo(3);
        assertThat(stage.onComplete()).hasSize(2);
        assertThat(stage.stats().callsWithoutAct()).isEqualTo(5);
    }

    @Test
    void manyCallsOfOtherInterfacesKeepNothing() {
        RpcCorroboration stage = new RpcCorroboration(W, HOLD, 16);
        UUID other = UUID.fromString("12345778-1234-abcd-ef00-0123456789ab");
        for (int i = 0; i < 10_000; i++) {
            EventRecord r = call(2, 1000, T.plusMillis(i)).toBuilder().payload(
                    io.etw4j.core.testing.LeBytes.le().guid(other).raw(new byte[40]).bytes()).build();
            assertThat(stage.onRpcRecord(r)).isEmpty();
        }

        assertThat(stage.pending()).isZero();
        assertThat(stage.stats().otherCalls()).isEqualTo(10_000);
    }
}
