package io.etw4j.scm;

import static io.etw4j.core.testing.LeBytes.le;

import io.etw4j.core.testing.SyntheticEtl;
import java.util.UUID;

/**
 * Test fixture: an .etl image with both the SCM WPP provider and Microsoft-Windows-RPC client calls (event 5 built by
 * name from the shipped manifest's schema), for the JSON writers and the samples. Not a capture from a host.
 *
 * <p>Timeline (s after the trace start, 10 MHz clock): at 1, 2 and 3 {@link #OTHER} calls RStartServiceW,
 * RDeleteService and RChangeServiceConfigW with no act ({@link ServiceCallObserved}s); at 5 {@link #INSTALLER} calls
 * RCreateServiceW and 1 ms later the SCM logs the create of {@code evilsvc} by it (a corroborated
 * {@link ServiceCreated}); at 8 OTHER calls RCreateServiceW and 1 ms later the SCM logs a create of {@code othersvc}
 * by INSTALLER (an uncorroborated create and a conflicting call); at 9 OTHER calls an lsarpc procedure (not svcctl,
 * ignored). Replayed with {@code rpcCorroboration(true)}: 2 creates and 4 calls observed, 1 conflicting. (The scenes
 * are close together and the calls without act come first: a create the attribution stage holds is released by the
 * next SCM record or the end of the trace, and a call is given up as without act once trace time passes its window.)
 */
public final class RpcCorroborationRunFixture {
    public static final int INSTALLER = ScmMonitorTest.INSTALLER;
    public static final int OTHER = ScmMonitorRpcCorroborationTest.OTHER;
    private static final UUID RPC = ScmMonitorRpcCorroborationTest.RPC;
    private static final long SECOND = 10_000_000L;

    private RpcCorroborationRunFixture() {
    }

    /** {@return the .etl image} */
    public static byte[] etl() {
        SyntheticEtl etl = new SyntheticEtl();
        long t0 = etl.startQpc();
        call(etl, 19, OTHER, t0 + SECOND);
        call(etl, 2, OTHER, t0 + 2 * SECOND);
        call(etl, 11, OTHER, t0 + 3 * SECOND);
        call(etl, 12, INSTALLER, t0 + 5 * SECOND);
        create(etl, 1, "evilsvc", t0 + 5 * SECOND + 10_000);
        call(etl, 12, OTHER, t0 + 8 * SECOND);
        create(etl, 2, "othersvc", t0 + 8 * SECOND + 10_000);
        byte[] lsarpc = ScmMonitorRpcCorroborationTest.rpcCall(ScmMonitorRpcCorroborationTest.LSARPC, 0, OTHER,
                ScmMonitorTest.T).payload();
        etl.event(e -> e.provider(RPC).id(5).version(1).level(4).opcode(1).processId(OTHER).threadId(OTHER + 4)
                .timestamp(t0 + 9 * SECOND).payload(lsarpc));
        return etl.build();
    }

    private static void call(SyntheticEtl etl, int opnum, int pid, long qpc) {
        byte[] payload = ScmMonitorRpcCorroborationTest.svcctl(opnum, pid, ScmMonitorTest.T).payload();
        etl.event(e -> e.provider(RPC).id(5).version(1).level(4).opcode(1).processId(pid).threadId(pid + 4)
                .timestamp(qpc).payload(payload));
    }

    private static void create(SyntheticEtl etl, int sequence, String service, long qpc) {
        etl.message(m -> m.guid(ScmMonitorTest.MESSAGE_GUID).number(0x28).sequence(sequence).timestamp(qpc)
                .systemInfo(700, 708).payload(le().utf16z(service).u32(INSTALLER)
                        .utf16z("C:\\drv\\" + service + ".sys").bytes()));
    }
}
