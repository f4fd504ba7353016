package io.etw4j.scm.internal.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.scm.internal.kernel.KernelProcessRecord;
import io.etw4j.scm.internal.kernel.KernelProcessRecords;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProcessTableTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final String CMD = "\\Device\\HarddiskVolume3\\Windows\\System32\\cmd.exe";
    private static final String SC = "\\Device\\HarddiskVolume3\\Windows\\System32\\sc.exe";
    private final KernelProcessRecords decoder = new KernelProcessRecords();
    private final ProcessTable table = new ProcessTable(Duration.ofMinutes(10), 1000);

    @Test
    void aReusedPidIsAnsweredByTimeAndByStartKey() {
        // PID 4242 is cmd.exe (key 100) from T0 to T0+10s, then sc.exe (key 200) from T0+20s.
        start(4242, 100, T0, 1000, CMD);
        stop(4242, 100, T0, T0.plusSeconds(10));
        start(4242, 200, T0.plusSeconds(20), 1000, SC);

        assertThat(table.at(4242, T0.plusSeconds(5)).map(ProcessEntry::imageName)).hasValue(CMD);
        assertThat(table.at(4242, T0.plusSeconds(15))).as("between the two: nobody").isEmpty();
        assertThat(table.at(4242, T0.plusSeconds(25)).map(ProcessEntry::imageName)).hasValue(SC);
        assertThat(table.at(4242, T0.minusSeconds(1))).as("before the first").isEmpty();
        assertThat(table.byKey(100).map(ProcessEntry::imageName)).hasValue(CMD);
        assertThat(table.byKey(200).map(ProcessEntry::imageName)).hasValue(SC);
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void aLostStopIsClosedByTheNextStartOfThePid() {
        start(4242, 100, T0, 1000, CMD);
        start(4242, 200, T0.plusSeconds(20), 1000, SC); // the stop of the first was lost

        assertThat(table.at(4242, T0.plusSeconds(19)).map(ProcessEntry::imageName)).hasValue(CMD);
        assertThat(table.at(4242, T0.plusSeconds(21)).map(ProcessEntry::imageName)).hasValue(SC);
        assertThat(table.byKey(100).flatMap(ProcessEntry::exitTime)).hasValue(T0.plusSeconds(20));
    }

    @Test
    void aStopWithoutAStartStillTellsWhoWasThere() {
        stop(77, 5, T0.minusSeconds(3600), T0);

        assertThat(table.at(77, T0.minusSeconds(10))).hasValueSatisfying(e -> {
            assertThat(e.imageName()).isEqualTo("x.exe");
            assertThat(e.parentProcessId()).isEmpty();
        });
        assertThat(table.at(77, T0.plusSeconds(1))).isEmpty();
    }

    @Test
    void startsOutOfOrderAreKeptInCreationOrder() {
        start(9, 2, T0.plusSeconds(20), 1, SC);
        stop(9, 1, T0, T0.plusSeconds(10));   // the earlier instance's stop arrives late
        assertThat(table.at(9, T0.plusSeconds(5)).map(ProcessEntry::imageName)).hasValue("x.exe");
        assertThat(table.at(9, T0.plusSeconds(25)).map(ProcessEntry::imageName)).hasValue(SC);
    }

    @Test
    void startKeysAreLearnedOnceAndConflictsCounted() {
        start(50, 7, T0, 4, CMD);
        table.learnStartKey(50, T0.plusSeconds(1), 0x1_0000_0007L);
        table.learnStartKey(50, T0.plusSeconds(2), 0x1_0000_0008L);

        assertThat(table.byKey(0x1_0000_0007L).map(ProcessEntry::processId)).hasValue(50);
        assertThat(table.byKey(0x1_0000_0008L)).isEmpty();
        assertThat(table.keyConflicts()).isEqualTo(1);
        assertThat(table.at(50, T0.plusSeconds(3)).orElseThrow().conflictsWith(0x1_0000_0008L)).isTrue();
    }

    @Test
    void exitedProcessesAreEvictedAfterTheRetentionInTraceTime() {
        start(1, 1, T0, 4, CMD);
        stop(1, 1, T0, T0.plusSeconds(1));
        table.advance(T0.plusSeconds(1).plus(Duration.ofMinutes(10)));
        assertThat(table.size()).as("exactly at the retention: kept").isEqualTo(1);

        table.advance(T0.plusSeconds(2).plus(Duration.ofMinutes(10)));

        assertThat(table.size()).isZero();
        assertThat(table.at(1, T0)).isEmpty();
        assertThat(table.byKey(1)).isEmpty();
        assertThat(table.evictedExited()).isEqualTo(1);
    }

    @Test
    void theCapEvictsExitedProcessesFirstThenTheOldestRunning() {
        ProcessTable small = new ProcessTable(Duration.ofHours(1), 3);
        small.onStart(startRecord(1, 1, T0, 4, CMD));
        small.onStart(startRecord(2, 2, T0.plusSeconds(1), 4, CMD));
        small.onStart(startRecord(3, 3, T0.plusSeconds(2), 4, CMD));
        small.onStop(stopRecord(2, 2, T0.plusSeconds(1), T0.plusSeconds(3)));
        small.onStart(startRecord(4, 4, T0.plusSeconds(4), 4, CMD));

        assertThat(small.size()).isEqualTo(3);
        assertThat(small.byKey(2)).as("the exited one went first").isEmpty();
        assertThat(small.evictedExited()).isEqualTo(1);

        small.onStart(startRecord(5, 5, T0.plusSeconds(5), 4, CMD));

        assertThat(small.size()).isEqualTo(3);
        assertThat(small.byKey(1)).as("then the oldest running").isEmpty();
        assertThat(small.byKey(5)).isPresent();
        assertThat(small.evictedRunning()).isEqualTo(1);
    }

    @Test
    void ancestryFollowsParentsByKeyAndByPidAtCreation() {
        start(10, 10, T0, 4, "explorer.exe");
        start(20, 20, T0.plusSeconds(1), 10, "cmd.exe");
        start(30, 30, T0.plusSeconds(2), 20, "sc.exe");
        ProcessEntry sc = table.byKey(30).orElseThrow();

        assertThat(table.ancestry(sc, 8)).extracting(ProcessEntry::imageName).containsExactly("cmd.exe",
                "explorer.exe");
        assertThat(table.ancestry(sc, 1)).hasSize(1);
    }

    private void start(int pid, long key, Instant t, int ppid, String image) {
        table.onStart(startRecord(pid, key, t, ppid, image));
    }

    private void stop(int pid, long key, Instant created, Instant exited) {
        table.onStop(stopRecord(pid, key, created, exited));
    }

    private KernelProcessRecord.ProcessStart startRecord(int pid, long key, Instant t, int ppid, String image) {
        EventRecord r = PublishedLayouts.processStartV4(pid, key, t, ppid, ppid, image);
        return (KernelProcessRecord.ProcessStart) decoder.decode(r).orElseThrow();
    }

    private KernelProcessRecord.ProcessStop stopRecord(int pid, long key, Instant created, Instant exited) {
        EventRecord r = PublishedLayouts.processStopV2(pid, key, created, exited, 0, "x.exe");
        return (KernelProcessRecord.ProcessStop) decoder.decode(r).orElseThrow();
    }
}
