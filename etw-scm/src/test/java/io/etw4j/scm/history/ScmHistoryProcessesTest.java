package io.etw4j.scm.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.core.EventRecord;
import io.etw4j.core.testing.SyntheticEtl;
import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.internal.correlation.PublishedLayouts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Process information added for one boot of SCM history: another .etl of the same boot with Kernel-Process records
 * (written byte by byte with {@link SyntheticEtl}, payloads in the published layouts of {@link PublishedLayouts}), or
 * a caller's list. The SCM.EVM files are {@link ScmHistoryTest}'s three boots, where PID 5124 is a client in every
 * boot.
 */
class ScmHistoryProcessesTest {
    static final int PID = ScmHistoryTest.PID;
    static final Instant BOOT_MID = ScmHistoryTest.BOOT_MID;
    static final String IMAGE_A = "\\Device\\HarddiskVolume3\\Tools\\a.exe";
    static final String IMAGE_B = "\\Device\\HarddiskVolume3\\Tools\\b.exe";

    @TempDir
    Path dir;

    private final ScmHistoryTest boots = new ScmHistoryTest();

    @BeforeEach
    void writeFolder() throws Exception {
        boots.dir = dir;
        boots.writeFolder();
    }

    /**
     * A Kernel-Process trace of the middle boot: PID 5124 is a.exe (started 40 s after boot, exited at 50 s), then
     * b.exe (from 60 s); PID 7000 starts 80 s after boot. The middle boot's acts (ScmHistoryTest): create midsvc by
     * 5124 at 46 s, start request by 5124 at 64 s, control by 5124 at 65 s, create lastsvc by 7000 at 74 s.
     */
    private Path processTrace(Instant bootTime, Instant traceStart, String name) {
        SyntheticEtl etl = new SyntheticEtl().bootTime(bootTime).startTime(traceStart).loggerName("procs");
        Instant b = bootTime;
        List<EventRecord> records = List.of(
                PublishedLayouts.processStartV4(PID, 11, b.plusSeconds(40), 600, 9, IMAGE_A),
                PublishedLayouts.processStopV2(PID, 11, b.plusSeconds(40), b.plusSeconds(50), 0, "a.exe"),
                PublishedLayouts.processStartV4(PID, 12, b.plusSeconds(60), 600, 9, IMAGE_B),
                PublishedLayouts.processStartV4(7000, 13, b.plusSeconds(80), 600, 9, "\\Device\\HarddiskVolume3\\late.exe"));
        for (EventRecord r : records) {
            long qpc = etl.startQpc() + Duration.between(traceStart, r.timestamp()).toNanos() / 100; // 10 MHz
            etl.event(e -> e.provider(r.providerId()).id(r.id()).version(r.descriptor().version())
                    .opcode(r.descriptor().opcode()).task(r.descriptor().task()).keyword(r.descriptor().keyword())
                    .processId(r.processId()).threadId(r.threadId()).timestamp(qpc).payload(r.payload()));
        }
        return etl.writeTo(dir.resolve(name));
    }

    private static Instant at(long secondsAfterMidBoot) {
        return BOOT_MID.plusSeconds(secondsAfterMidBoot);
    }

    private static List<ScmEvent> acts(ScmHistory h, int boot) {
        List<ScmEvent> out = new ArrayList<>();
        for (HistoryEvent e : h.events().collectList().block()) {
            if (e.boot().index() == boot && e instanceof HistoryScmEvent s) {
                out.add(s.event());
            }
        }
        return out;
    }

    @Test
    void aKernelProcessTraceOfTheSameBootNamesItsClientsAndPidReuseFollowsStartTimes() {
        Path trace = processTrace(BOOT_MID, BOOT_MID.plusSeconds(30), "procs.etl");
        ScmHistory h = ScmHistory.builder().processes(BootProcesses.fromEtl(trace)).open(List.of(dir));

        List<ScmEvent> mid = acts(h, 1);

        assertThat(mid).extracting(ScmHistoryTest::describe).containsExactly("ServiceStartResult oldstart -1",
                "ServiceCreated midsvc 5124",
                "ServiceStarted midsvc 5124", "ServiceStartResult midsvc 5124", "ServiceControlSent midsvc 5124",
                "ServiceCreated lastsvc 7000");
        assertThat(mid.get(1).client().imagePath()).as("a.exe held 5124 at 46 s").contains(IMAGE_A);
        assertThat(mid.get(1).client().resolution()).isEqualTo(ClientProcess.Resolution.BOOT_PROCESSES);
        assertThat(mid.get(1).client().startTime()).contains(at(40));
        assertThat(mid.get(1).client().parentPid()).isEqualTo(OptionalInt.of(600));
        assertThat(mid.get(2).client().imagePath()).as("b.exe reused 5124 from 60 s").contains(IMAGE_B);
        assertThat(mid.get(3).client().imagePath()).contains(IMAGE_B);
        assertThat(mid.get(4).client().imagePath()).contains(IMAGE_B);
        assertThat(mid.get(5).client().resolution()).as("7000 started after the act: not its client")
                .isEqualTo(ClientProcess.Resolution.PID_ONLY);
        assertThat(h.processes(h.boots().get(1)).map(BootProcesses::origin)).contains("procs.etl");
        for (int other : new int[] {0, 2}) {
            assertThat(acts(h, other)).as("boot %d: never named by the middle boot's processes", other)
                    .isNotEmpty().allSatisfy(e -> assertThat(e.client().resolution())
                            .isEqualTo(ClientProcess.Resolution.PID_ONLY));
        }
    }

    @Test
    void anActBetweenTheExitAndTheNextStartOfAPidIsNotNamed() {
        BootProcesses list = BootProcesses.of(BOOT_MID, List.of(
                new KnownProcess(PID, at(10), "x.exe", Optional.of(at(20)), OptionalInt.empty())));
        ScmHistory h = ScmHistory.builder().processes(list).open(List.of(dir));

        assertThat(acts(h, 1).get(1).client().resolution()).as("x.exe had exited before 46 s")
                .isEqualTo(ClientProcess.Resolution.PID_ONLY);
    }

    @Test
    void aCallersProcessListNamesTheClientsOfItsBoot() {
        BootProcesses list = BootProcesses.of(ScmHistoryTest.BOOT_NEW.plusMillis(300),
                List.of(new KnownProcess(PID, ScmHistoryTest.BOOT_NEW.plusSeconds(5), "C:\\tools\\new.exe")));
        ScmHistory h = ScmHistory.builder().processes(list).open(List.of(dir));

        assertThat(acts(h, 2)).isNotEmpty().allSatisfy(e -> {
            assertThat(e.client().imagePath()).contains("C:\\tools\\new.exe");
            assertThat(e.client().resolution()).isEqualTo(ClientProcess.Resolution.BOOT_PROCESSES);
        });
        assertThat(acts(h, 1)).allSatisfy(e -> assertThat(e.client().imagePath()).isEmpty());
    }

    @Test
    void aTraceOfAnotherBootIsRefusedWithTheReason() {
        Path other = processTrace(BOOT_MID.plusSeconds(3600), BOOT_MID.plusSeconds(3630), "other.etl");
        ScmHistory.Builder b = ScmHistory.builder().processes(BootProcesses.fromEtl(other));

        assertThatThrownBy(() -> b.open(List.of(dir))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("other.etl").hasMessageContaining("of no boot read")
                .hasMessageContaining("BootTime 2024-05-02T09:00:00Z");
    }

    @Test
    void aTraceThatStartedAfterTheNextBootIsRefused() {
        Path late = processTrace(BOOT_MID, ScmHistoryTest.BOOT_NEW.plusSeconds(60), "late.etl");
        ScmHistory.Builder b = ScmHistory.builder().processes(BootProcesses.fromEtl(late));

        assertThatThrownBy(() -> b.open(List.of(dir))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("after the next boot");
    }

    @Test
    void twoSourcesForOneBootOrAListOlderThanItsBootAreRefused() {
        Path trace = processTrace(BOOT_MID, BOOT_MID.plusSeconds(30), "procs.etl");
        ScmHistory.Builder b = ScmHistory.builder().processes(BootProcesses.fromEtl(trace))
                .processes(BootProcesses.of(BOOT_MID, List.of()));

        assertThatThrownBy(() -> b.open(List.of(dir))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("are both of SCM.EVM.2");
        assertThatThrownBy(() -> BootProcesses.of(BOOT_MID, List.of(new KnownProcess(PID, BOOT_MID.minusSeconds(60),
                "x.exe")))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before the boot");
    }

    @Test
    void aTraceWithoutKernelProcessRecordsIsRefused() throws Exception {
        Path scmOnly = dir.resolve("SCM.EVM");
        Path copy = Files.copy(scmOnly, dir.resolve("copy.etl"));

        assertThatThrownBy(() -> BootProcesses.fromEtl(copy)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("copy.etl holds no Microsoft-Windows-Kernel-Process");
    }
}
