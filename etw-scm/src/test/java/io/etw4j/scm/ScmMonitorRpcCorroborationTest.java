package io.etw4j.scm;

import static io.etw4j.core.testing.LeBytes.le;
import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.testing.SyntheticEtl;
import io.etw4j.decode.EventSchema;
import io.etw4j.decode.testing.RecordBuilder;
import io.etw4j.scm.internal.correlation.PublishedLayouts;
import io.etw4j.scm.internal.manifest.ShippedManifests;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

/**
 * The optional Microsoft-Windows-RPC corroboration over synthetic records: event 5 records built by name from the
 * shipped manifest's schema (etw-decode's {@link RecordBuilder}), SCM WPP creates in the seed layout, and
 * Microsoft-Windows-Services starts.
 */
class ScmMonitorRpcCorroborationTest {
    // Sources: Microsoft-Windows-RPC {6AD52B32-D609-4BE9-AE07-CE8DAE937E39} as the TSS provider lists name it; svcctl
    // 367ABB81-9844-35F1-AD32-98F038001003 and its opnums (12 RCreateServiceW, 19 RStartServiceW, 16 ROpenServiceW)
    // from "[MS-SCMR]" 2.1 and 3.1.4.
    static final UUID RPC = UUID.fromString("6AD52B32-D609-4BE9-AE07-CE8DAE937E39");
    static final UUID SVCCTL = UUID.fromString("367ABB81-9844-35F1-AD32-98F038001003");
    static final UUID LSARPC = UUID.fromString("12345778-1234-abcd-ef00-0123456789ab");
    static final Instant T = ScmMonitorTest.T;
    static final int INSTALLER = ScmMonitorTest.INSTALLER;
    static final int OTHER = 4244; // PIDs are multiples of 4 (the WPP layout checks it)

    @TempDir
    Path dir;

    static EventSchema schema() {
        return ShippedManifests.shared().schema(RPC, 5, 1).orElseThrow();
    }

    static EventRecord rpcCall(UUID iface, int opnum, int pid, Instant t) {
        return RecordBuilder.of(schema(), 5, 1).add("InterfaceUuid", iface).add("ProcNum", opnum).add("Protocol", 3)
                .add("NetworkAddress", "").add("Endpoint", "ntsvcs").add("Options", "")
                .add("AuthenticationLevel", 6).add("AuthenticationService", 10).add("ImpersonationLevel", 2)
                .header(h -> h.processId(pid).threadId(pid + 4).timestamp(t)).build();
    }

    static EventRecord svcctl(int opnum, int pid, Instant t) {
        return rpcCall(SVCCTL, opnum, pid, t);
    }

    static EventRecord installerStart() {
        return PublishedLayouts.processStartV4(INSTALLER, ScmMonitorTest.INSTALLER_KEY, T, 2000, 0x2_0000_07D0L,
                ScmMonitorTest.INSTALLER_IMAGE);
    }

    static EventRecord create(String name, int pid, Instant t) {
        return ScmMonitorTest.create(name, pid, "C:\\drv\\" + name + ".sys", t);
    }

    static EventRecord start204(String name, int pid, Instant t) {
        return PublishedLayouts.serviceStart204(name, "", ScmMonitorTest.INSTALLER_KEY, pid, 2000, t);
    }

    private static ScmMonitor monitor(boolean rpc, List<EventRecord> records) {
        return ScmMonitor.builder().rpcCorroboration(rpc).from(Flux.fromIterable(records));
    }

    private static List<ScmEvent> events(ScmMonitor m) {
        return m.events().collectList().block();
    }

    private static <T extends ScmEvent> List<T> of(List<ScmEvent> events, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (ScmEvent e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    private static RpcCorroborationStatistics stats(ScmMonitor m) {
        return m.statistics().rpcCorroboration().orElseThrow();
    }

    @Test
    void aCreateAndAStartWhoseCallsCameFromTheSameProcessAreCorroborated() {
        ScmMonitor m = monitor(true, List.of(installerStart(),
                svcctl(12, INSTALLER, T.plusMillis(99)), create("evilsvc", INSTALLER, T.plusMillis(100)),
                svcctl(19, INSTALLER, T.plusMillis(300)), start204("evilsvc", INSTALLER, T.plusMillis(301))));

        List<ScmEvent> events = events(m);

        assertThat(of(events, ServiceCreated.class)).singleElement().satisfies(c -> {
            assertThat(c.client().pid()).isEqualTo(INSTALLER);
            assertThat(c.client().corroborated()).isTrue();
            assertThat(c.corroborated()).as("the event says so too (ScmEvent.corroborated)").isTrue();
            assertThat(c.client().resolution()).isEqualTo(ClientProcess.Resolution.PROCESS_TABLE);
        });
        assertThat(of(events, ServiceStarted.class)).singleElement()
                .satisfies(s -> assertThat(s.client().corroborated()).isTrue())
                .satisfies(s -> assertThat(s.corroborated()).isTrue());
        assertThat(of(events, ServiceCallObserved.class)).isEmpty();
        assertThat(events).extracting(ScmEvent::timestamp).isSorted();
        RpcCorroborationStatistics s = stats(m);
        assertThat(s.clientCalls()).isEqualTo(2);
        assertThat(s.svcctlCalls()).isEqualTo(2);
        assertThat(s.corroborated()).isEqualTo(2);
        assertThat(s.callsWithoutAct()).isZero();
        assertThat(s.ambiguous()).isZero();
        assertThat(s.disagreements()).isZero();
    }

    @Test
    void aCallFartherThanTheWindowFromTheActDoesNotCorroborateIt() {
        List<ScmEvent> events = events(monitor(true, List.of(installerStart(),
                svcctl(12, INSTALLER, T.plusMillis(100)), create("evilsvc", INSTALLER, T.plusMillis(1_200)))));

        assertThat(of(events, ServiceCreated.class)).singleElement()
                .satisfies(c -> assertThat(c.client().corroborated()).isFalse())
                .satisfies(c -> assertThat(c.corroborated()).isFalse());
        assertThat(of(events, ServiceCallObserved.class)).singleElement()
                .satisfies(o -> assertThat(o.conflicting()).isFalse());
    }

    @Test
    void aSvcctlCallWithNoWppActYieldsServiceCallObserved() {
        // The build's WPP create is not in the table (an unknown message number): only the RPC call names the act.
        EventRecord unknownCreate = ScmMonitorTest.wpp(0x7a, le().utf16z("evilsvc").u32(OTHER).bytes(),
                T.plusMillis(101));
        EventRecord call = svcctl(12, OTHER, T.plusMillis(100));
        ScmMonitor m = monitor(true, List.of(call, unknownCreate));

        List<ScmEvent> events = events(m);

        assertThat(of(events, UnknownScmMessage.class)).hasSize(1);
        ServiceCallObserved o = of(events, ServiceCallObserved.class).get(0);
        assertThat(of(events, ServiceCallObserved.class)).hasSize(1);
        assertThat(o.client().pid()).isEqualTo(OTHER);
        assertThat(o.procedure()).isEqualTo("RCreateServiceW");
        assertThat(o.opnum()).isEqualTo(12);
        assertThat(o.timestamp()).isEqualTo(T.plusMillis(100));
        assertThat(o.evidence()).isEqualTo(Evidence.PUBLISHED_MANIFEST);
        assertThat(o.conflicting()).isFalse();
        assertThat(o.source()).isEqualTo(call);
        assertThat(stats(m).callsWithoutAct()).isEqualTo(1);
    }

    @Test
    void callsToOtherInterfacesAndSvcctlCallsThatAreNoActsAreIgnored() {
        ScmMonitor m = monitor(true, List.of(rpcCall(LSARPC, 12, OTHER, T), svcctl(16, OTHER, T.plusMillis(1)),
                rpcCall(LSARPC, 19, INSTALLER, T.plusMillis(2))));

        assertThat(events(m)).isEmpty();
        RpcCorroborationStatistics s = stats(m);
        assertThat(s.clientCalls()).isEqualTo(3);
        assertThat(s.otherCalls()).isEqualTo(3);
        assertThat(s.svcctlCalls()).isZero();
    }

    @Test
    void twoCandidateActsForOneCallJoinNothing() {
        ScmMonitor m = monitor(true, List.of(installerStart(), svcctl(12, INSTALLER, T.plusMillis(100)),
                create("svca", INSTALLER, T.plusMillis(101)), create("svcb", INSTALLER, T.plusMillis(102))));

        List<ScmEvent> events = events(m);

        assertThat(of(events, ServiceCreated.class)).hasSize(2)
                .allSatisfy(c -> assertThat(c.client().corroborated()).isFalse());
        assertThat(of(events, ServiceCallObserved.class)).as("the call belongs to one of them: not emitted alone")
                .isEmpty();
        assertThat(stats(m).ambiguous()).isEqualTo(2);
        assertThat(stats(m).corroborated()).isZero();
    }

    @Test
    void twoCandidateCallsForOneActJoinNothing() {
        ScmMonitor m = monitor(true, List.of(installerStart(), svcctl(12, INSTALLER, T.plusMillis(100)),
                svcctl(12, INSTALLER, T.plusMillis(150)), create("svca", INSTALLER, T.plusMillis(160))));

        List<ScmEvent> events = events(m);

        assertThat(of(events, ServiceCreated.class)).singleElement()
                .satisfies(c -> assertThat(c.client().corroborated()).isFalse());
        assertThat(of(events, ServiceCallObserved.class)).isEmpty();
        assertThat(stats(m).ambiguous()).isEqualTo(1);
    }

    @Test
    void aDisagreementIsCountedAndBothClientsAreShown() {
        ScmMonitor m = monitor(true, List.of(installerStart(), svcctl(12, OTHER, T.plusMillis(99)),
                create("evilsvc", INSTALLER, T.plusMillis(100))));

        List<ScmEvent> events = events(m);

        ServiceCreated c = of(events, ServiceCreated.class).get(0);
        assertThat(c.client().pid()).as("the act keeps the SCM's client").isEqualTo(INSTALLER);
        assertThat(c.client().corroborated()).isFalse();
        ServiceCallObserved o = of(events, ServiceCallObserved.class).get(0);
        assertThat(o.client().pid()).isEqualTo(OTHER);
        assertThat(o.conflicting()).isTrue();
        assertThat(stats(m).disagreements()).isEqualTo(1);
    }

    @Test
    void aCallOfAnotherProcessThatJoinedItsOwnActIsNoDisagreement() {
        ScmMonitor m = monitor(true, List.of(installerStart(), svcctl(12, OTHER, T.plusMillis(99)),
                create("evilsvc", INSTALLER, T.plusMillis(100)), create("othersvc", OTHER, T.plusMillis(101))));

        List<ScmEvent> events = events(m);

        assertThat(of(events, ServiceCreated.class)).extracting(e -> e.client().corroborated())
                .containsExactly(false, true);
        assertThat(of(events, ServiceCallObserved.class)).isEmpty();
        assertThat(stats(m).disagreements()).isZero();
    }

    @Test
    void anEvent5OfAnUndeclaredVersionIsCountedNotGuessed() {
        EventRecord v0 = svcctl(12, OTHER, T).toBuilder()
                .descriptor(new io.etw4j.core.EventDescriptor(5, 0, 0, 4, 1, 0, 0L)).build();
        ScmMonitor m = monitor(true, List.of(v0));

        assertThat(events(m)).isEmpty();
        assertThat(stats(m).undecodable()).isEqualTo(1);
    }

    @Test
    void withTheOptionOffRpcRecordsChangeNothing() {
        List<EventRecord> records = List.of(installerStart(), svcctl(12, INSTALLER, T.plusMillis(99)),
                create("evilsvc", INSTALLER, T.plusMillis(100)), svcctl(19, OTHER, T.plusMillis(200)));
        ScmMonitor off = monitor(false, records);

        List<ScmEvent> events = events(off);

        assertThat(events).singleElement().isInstanceOf(ServiceCreated.class)
                .satisfies(c -> assertThat(c.client().corroborated()).isFalse());
        assertThat(off.statistics().rpcCorroboration()).isEmpty();
        List<ScmEvent> without = events(monitor(false, List.of(installerStart(),
                create("evilsvc", INSTALLER, T.plusMillis(100)))));
        assertThat(events).isEqualTo(without);
    }

    @Test
    void aReplayOfAFileWithBothProvidersCorroboratesTheCreate() {
        SyntheticEtl etl = new SyntheticEtl();
        long t0 = etl.startQpc() + 50_000_000L; // 5 s after the start at 10 MHz
        byte[] call = svcctl(12, INSTALLER, T).payload();
        etl.event(e -> e.provider(RPC).id(5).version(1).level(4).opcode(1).processId(INSTALLER).threadId(3560)
                .timestamp(t0).payload(call));
        etl.message(msg -> msg.guid(ScmMonitorTest.MESSAGE_GUID).number(0x28).sequence(1).timestamp(t0 + 1_000)
                .systemInfo(700, 708).payload(le().utf16z("evilsvc").u32(INSTALLER).utf16z("C:\\drv\\evil.sys")
                        .bytes()));
        etl.event(e -> e.provider(RPC).id(5).version(1).level(4).opcode(1).processId(OTHER).threadId(4246)
                .timestamp(t0 + 2_000).payload(rpcCall(LSARPC, 0, OTHER, T).payload()));
        Path file = etl.writeTo(dir.resolve("both.etl"));

        ScmMonitor m = ScmMonitor.builder().rpcCorroboration(true).replay(file);
        List<ScmEvent> events = events(m);

        assertThat(events).singleElement().isInstanceOf(ServiceCreated.class).satisfies(c -> {
            assertThat(c.client().pid()).isEqualTo(INSTALLER);
            assertThat(c.client().corroborated()).isTrue();
        });
        assertThat(stats(m).corroborated()).isEqualTo(1);
        assertThat(stats(m).otherCalls()).isEqualTo(1);
        List<ScmEvent> off = events(ScmMonitor.builder().replay(file));
        assertThat(off).singleElement().satisfies(c -> assertThat(c.client().corroborated()).isFalse());
    }
    @Test
    void theFixtureRunYieldsWhatItsDescriptionSays() {
        ScmMonitor m = ScmMonitor.builder().rpcCorroboration(true)
                .replay(java.nio.ByteBuffer.wrap(RpcCorroborationRunFixture.etl()));
        List<ScmEvent> events = events(m);

        assertThat(of(events, ServiceCreated.class)).extracting(c -> c.client().corroborated())
                .containsExactly(true, false);
        assertThat(of(events, ServiceCallObserved.class)).extracting(c -> c.procedure() + " " + c.conflicting())
                .containsExactly("RStartServiceW false", "RDeleteService false", "RChangeServiceConfigW false",
                        "RCreateServiceW true");
        assertThat(stats(m).corroborated()).isEqualTo(1);
        assertThat(stats(m).disagreements()).isEqualTo(1);
    }
}
