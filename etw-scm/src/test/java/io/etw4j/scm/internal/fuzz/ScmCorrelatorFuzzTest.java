package io.etw4j.scm.internal.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.etw4j.core.EventRecord;
import io.etw4j.core.internal.FileTimes;
import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.internal.correlation.CorrelatorOptions;
import io.etw4j.scm.internal.correlation.CorrelatorStats;
import io.etw4j.scm.internal.correlation.FakeWppDecoder;
import io.etw4j.scm.internal.correlation.LiveProcessLookup;
import io.etw4j.scm.internal.correlation.ScmCorrelator;
import io.etw4j.scm.internal.kernel.KernelProcessProvider;
import io.etw4j.scm.internal.services.ServicesProvider;
import io.etw4j.scm.internal.wpp.ScmWppDecoder;
import io.etw4j.scm.internal.wpp.WppMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;

/**
 * Fuzz target for the correlation stage {@link ScmCorrelator}, fed sequences of fuzzer-built records of the three
 * providers it routes (Kernel-Process, Microsoft-Windows-Services, and SCM WPP through the test stand-in
 * {@link FakeWppDecoder} or the real {@link ScmWppDecoder}) with fuzzer-chosen ids, versions, payloads, logger PIDs (few distinct values, so PIDs are
 * reused) and timestamps (small steps both ways, and now and then any FILETIME), under small fuzzer-chosen bounds.
 *
 * <p>Contract checked: {@code onRecord}, {@code advanceTo} and {@code onComplete} never throw (an exception would end
 * the monitor's Flux); memory stays within the options (held items at most {@code maxPending}, the process table at
 * most {@code maxProcesses}); no event is invented (at most one event per record) and none is lost at the end
 * (nothing is held after {@code onComplete}).
 *
 * <p>Input layout: byte 0 = options (bounds 1..8, windows 0..3 s, live lookup on/off); then records, each: kind byte
 * (bits 0-1: 0 Kernel-Process, 1 Services, 2 SCM WPP, 3 a bare {@code advanceTo}; bit 2: 32-bit logger; bit 3:
 * process start key follows; bit 4: absolute FILETIME follows instead of a step), id selector u16, version byte,
 * logger PID byte, time step i16 in milliseconds (or FILETIME u64), [start key u64], payload length byte, payload.
 * Seeds: {@code src/test/resources/io/etw4j/scm/internal/fuzz/ScmCorrelatorFuzzTestInputs/<method>/} (the same
 * sequences for both methods; WPP ids are picked by index, so index 0 is message 0x28 in both).
 */
class ScmCorrelatorFuzzTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final int MAX_RECORDS = 64;

    /** With the correlator's test stand-in for the WPP decoder (its ids 0x28, 0x7001-0x7003). */
    @FuzzTest(maxDuration = "3m")
    void recordSequences(byte[] input) {
        run(input, new FakeWppDecoder(), FuzzRecords.WPP_IDS, FakeWppDecoder.MESSAGE_GUID);
    }

    /**
     * With the real {@link ScmWppDecoder} over {@link ScmWppDecoderFuzzTest}'s test table (one entry per message kind,
     * ids 0x28-0x2F, GUID-pinned 0x2E), so that every kind of WPP event reaches the correlator.
     */
    @FuzzTest(maxDuration = "3m")
    void recordSequencesThroughScmWppDecoder(byte[] input) {
        run(input, new ScmWppDecoder(ScmWppDecoderFuzzTest.TEST_TABLE), ScmWppDecoderFuzzTest.IDS,
                ScmWppDecoderFuzzTest.PINNED_GUID);
    }

    private static void run(byte[] input, Function<EventRecord, Optional<WppMessage>> wppDecoder, int[] wppIds,
            UUID wppGuid) {
        FuzzInput in = new FuzzInput(input);
        int o = in.u8();
        CorrelatorOptions options = CorrelatorOptions.defaults()
                .withJoinWindow(Duration.ofMillis(1000L * (o & 3)))
                .withDuplicateWindow(Duration.ofMillis(500L * ((o >> 2) & 3)))
                .withExitedRetention(Duration.ofSeconds(1 + ((o >> 4) & 3)))
                .withMaxPending(1 + ((o >> 1) & 7))
                .withMaxProcesses(1 + ((o >> 3) & 7))
                .withMatchByFileName((o & 0x40) != 0)
                .withDeviceToDrive(Map.of("\\Device\\HarddiskVolume3", "C:"))
                .withKnownServiceImages(Map.of("svc", "\\SystemRoot\\System32\\drivers\\svc.sys"));
        LiveProcessLookup lookup = (o & 0x80) != 0 ? ScmCorrelatorFuzzTest::fakeLiveLookup : LiveProcessLookup.none();
        ScmCorrelator correlator = new ScmCorrelator(wppDecoder, lookup, options);

        Instant t = T0;
        int records = 0;
        int emitted = 0;
        while (in.hasRemaining() && records < MAX_RECORDS) {
            int kind = in.u8();
            int idSelector = in.u16();
            int version = FuzzRecords.version(in.u8());
            int pid = in.u8() % 16;
            if ((kind & 0x10) != 0) {
                t = FileTimes.toInstant(in.u64());
            } else {
                t = t.plusMillis(in.i16());
            }
            long startKey = (kind & 0x08) != 0 ? in.u64() : 0;
            byte[] payload = in.take(in.u8());
            int bits = ((kind & 0x04) != 0 ? FuzzRecords.BIT_32 : 0) | ((kind & 0x08) != 0 ? FuzzRecords.BIT_START_KEY : 0);
            List<ScmEvent> out;
            switch (kind & 3) {
                case 0:
                    out = correlator.onRecord(FuzzRecords.record(KernelProcessProvider.GUID, false,
                            FuzzRecords.id(idSelector, FuzzRecords.KERNEL_IDS), version, bits, startKey, pid, t,
                            payload));
                    records++;
                    break;
                case 1:
                    out = correlator.onRecord(FuzzRecords.record(ServicesProvider.GUID, false,
                            FuzzRecords.id(idSelector, FuzzRecords.SERVICES_IDS), version, bits, startKey, pid, t,
                            payload));
                    records++;
                    break;
                case 2:
                    out = correlator.onRecord(FuzzRecords.record(wppGuid, true, FuzzRecords.id(idSelector, wppIds),
                            0, bits, startKey, pid, t, payload));
                    records++;
                    break;
                default:
                    out = correlator.advanceTo(t);
                    break;
            }
            emitted += check(out, correlator.stats(), options);
            assertThat(emitted).as("at most one event per record").isLessThanOrEqualTo(records);
        }
        emitted += check(correlator.onComplete(), correlator.stats(), options);
        assertThat(emitted).as("at most one event per record").isLessThanOrEqualTo(records);
        assertThat(correlator.stats().pending()).as("nothing held after onComplete").isZero();
        assertThat(correlator.onComplete()).as("onComplete is idempotent").isEmpty();
    }

    private static int check(List<ScmEvent> out, CorrelatorStats stats, CorrelatorOptions options) {
        assertThat(out).doesNotContainNull();
        assertThat(stats.pending()).isLessThanOrEqualTo(options.maxPending());
        assertThat(stats.processes()).isLessThanOrEqualTo(options.maxProcesses());
        for (ScmEvent e : out) {
            assertThat(e.timestamp()).isNotNull();
            assertThat(e.client()).isNotNull();
        }
        return out.size();
    }

    /** A live lookup that answers by PID: some running (with a start key and time), some exited, some failed. */
    private static ClientProcess fakeLiveLookup(int pid) {
        switch (pid % 3) {
            case 0:
                return new ClientProcess(pid, OptionalLong.of(1000L + pid), Optional.of("C:\\x\\p" + pid + ".exe"),
                        Optional.empty(), OptionalInt.of(1), Optional.empty(), Optional.of(T0.minusSeconds(pid)),
                        ClientProcess.Resolution.LIVE_LOOKUP);
            case 1:
                return new ClientProcess(pid, OptionalLong.empty(), Optional.empty(), Optional.empty(),
                        OptionalInt.empty(), Optional.empty(), Optional.empty(), ClientProcess.Resolution.EXITED);
            default:
                throw new IllegalStateException("lookup failed (allowed by LiveProcessLookup's contract)");
        }
    }
}
