package io.etw4j.core.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.testing.SyntheticEtl;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Timestamp-order reads of circular files (EVENT_TRACE_FILE_MODE_CIRCULAR, evntrace.h) whose ring has wrapped: the
 * newest buffers lie before the oldest in the file. The file is a header buffer followed by a ring of 6 slots into
 * which 8 buffers were written in turn, alternating processors 0 and 1: slots 0 and 1 hold the newest two (written
 * 6 and 7), slots 2 to 5 the buffers written 2 to 5; the first two written were overwritten.
 */
class EtlFileCircularTest {

    private static final int CIRCULAR = 0x00000002; // EVENT_TRACE_FILE_MODE_CIRCULAR
    private static final int SEQUENTIAL = 0x00000001; // EVENT_TRACE_FILE_MODE_SEQUENTIAL
    private static final int SLOTS = 6;
    private static final int WRITTEN = 8;

    /** Buffer k (written k-th) is processor k % 2's; its records lie at k / 2 * 100 + processor * 5 + 10, 40, 70. */
    private static byte[] wrappedRing(int logFileMode) {
        SyntheticEtl etl = new SyntheticEtl().bufferSize(0x1000).logFileMode(logFileMode).numberOfProcessors(2);
        long t0 = etl.startQpc();
        for (int slot = 0; slot < SLOTS; slot++) {
            int k = slot + SLOTS * ((WRITTEN - 1 - slot) / SLOTS); // the newest buffer written in this slot
            int proc = k % 2;
            etl.newBuffer(proc);
            for (int d : new int[] {10, 40, 70}) {
                int t = k / 2 * 100 + proc * 5 + d;
                etl.event(e -> e.id(t).timestamp(t0 + t));
            }
        }
        return etl.build();
    }

    private static List<EventRecord> read(byte[] image, boolean timestampOrder) {
        return EtlFile.of(ByteBuffer.wrap(image), EtlReadOptions.defaults().withTimestampOrder(timestampOrder))
                .records().collectList().block();
    }

    private static List<Integer> ids(List<EventRecord> rs) {
        return rs.stream().skip(1).map(EventRecord::id).collect(Collectors.toList());
    }

    @Test
    void theRingIsWrappedInFileOrder() {
        // written 6 and 7 (round 3) first, then 2..5 (rounds 1 and 2)
        assertThat(ids(read(wrappedRing(CIRCULAR), false))).containsExactly(310, 340, 370, 315, 345, 375,
                110, 140, 170, 115, 145, 175, 210, 240, 270, 215, 245, 275);
    }

    @Test
    void timestampOrderOfAWrappedCircularFileStartsAtTheOldestSurvivingBuffer() {
        List<EventRecord> rs = read(wrappedRing(CIRCULAR), true);
        assertThat(rs.get(0).headerKind()).isEqualTo(HeaderKind.LOGFILE_HEADER);
        assertThat(ids(rs)).containsExactly(110, 115, 140, 145, 170, 175, 210, 215, 240, 245, 270, 275,
                310, 315, 340, 345, 370, 375);
        assertThat(rs.stream().skip(1).map(EventRecord::rawTimestamp).collect(Collectors.toList())).isSorted();
        assertThat(rs.stream().skip(1).map(EventRecord::processorNumber).collect(Collectors.toList()))
                .containsExactly(0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1);
    }

    @Test
    void theStatisticsOfBothOrdersAreTheSame() {
        byte[] image = wrappedRing(CIRCULAR);
        EtlFile fileOrder = EtlFile.of(ByteBuffer.wrap(image));
        EtlFile merged = EtlFile.of(ByteBuffer.wrap(image), EtlReadOptions.defaults().withTimestampOrder(true));
        assertThat(fileOrder.records().count().block()).isEqualTo(19L);
        assertThat(merged.records().count().block()).isEqualTo(19L);
        EtlReaderStatistics s = merged.statistics();
        assertThat(s).isEqualTo(fileOrder.statistics());
        assertThat(s.records()).isEqualTo(19);
        assertThat(s.buffersRead()).isEqualTo(1 + SLOTS);
        assertThat(s.errors()).isEmpty();
        assertThat(s.lostRanges()).isEmpty();
    }

    @Test
    void aNonCircularFileWithTheSameBuffersKeepsEachProcessorsFileOrder() {
        byte[] image = wrappedRing(SEQUENTIAL);
        List<EventRecord> inFile = read(image, false);
        List<EventRecord> merged = read(image, true);
        // today's merge: each processor's buffers in file order, the heads merged by timestamp (ties: processor 0)
        assertThat(ids(merged)).containsExactlyElementsOf(ids(mergeInFileOrder(inFile)));
        assertThat(merged.stream().skip(1).map(EventRecord::rawTimestamp).collect(Collectors.toList()))
                .isNotEqualTo(merged.stream().skip(1).map(EventRecord::rawTimestamp).sorted()
                        .collect(Collectors.toList()));
    }

    @Test
    void aCircularFileThatDidNotWrapReadsAsBefore() {
        SyntheticEtl etl = new SyntheticEtl().bufferSize(0x1000).logFileMode(CIRCULAR).numberOfProcessors(2);
        long t0 = etl.startQpc();
        for (int k = 0; k < 4; k++) {
            int proc = k % 2;
            etl.newBuffer(proc);
            int t = k * 10 + 5;
            etl.event(e -> e.id(t).timestamp(t0 + t));
        }
        List<EventRecord> rs = read(etl.build(), true);
        assertThat(ids(rs)).containsExactly(5, 15, 25, 35);
    }

    /** The two-processor merge of each processor's records in file order, the header record first. */
    private static List<EventRecord> mergeInFileOrder(List<EventRecord> inFile) {
        List<List<EventRecord>> byProc = List.of(new ArrayList<>(), new ArrayList<>());
        inFile.stream().skip(1).forEach(r -> byProc.get(r.processorNumber()).add(r));
        List<EventRecord> out = new ArrayList<>();
        out.add(inFile.get(0));
        int[] at = {0, 0};
        while (at[0] < byProc.get(0).size() || at[1] < byProc.get(1).size()) {
            int pick;
            if (at[0] >= byProc.get(0).size()) {
                pick = 1;
            } else if (at[1] >= byProc.get(1).size()) {
                pick = 0;
            } else {
                pick = Comparator.<EventRecord>comparingLong(EventRecord::rawTimestamp)
                        .compare(byProc.get(0).get(at[0]), byProc.get(1).get(at[1])) <= 0 ? 0 : 1;
            }
            out.add(byProc.get(pick).get(at[pick]++));
        }
        return out;
    }
}
