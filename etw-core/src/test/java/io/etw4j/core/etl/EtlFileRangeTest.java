package io.etw4j.core.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.core.EventRecord;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link EtlFile#records(long, long)}: adjacent ranges covering a file read the records of {@link EtlFile#records()}
 * exactly once and in the same order, at split points that are buffer boundaries or not (the compressed capture's
 * buffers have varying sizes on disk), intact and damaged; their statistics add up to the whole file's.
 */
class EtlFileRangeTest {

    private static Path capture(String name) {
        Path dir = EtlFileRealCapturesTest.findSharedEtl();
        Assumptions.assumeTrue(dir != null, "shared/etl not found (CI places ../shared beside the checkout)");
        return dir.resolve(name);
    }

    private static List<EventRecord> ranges(EtlFile f, long size, long step, List<EtlReaderStatistics> stats) {
        List<EventRecord> out = new ArrayList<>();
        for (long from = 0; from < size; from += step) {
            long to = from + step >= size ? Long.MAX_VALUE : from + step;
            out.addAll(f.records(from, to).collectList().block());
            stats.add(f.statistics());
        }
        return out;
    }

    private static void check(EtlFile f, long size, long step) {
        List<EventRecord> whole = f.records().collectList().block();
        EtlReaderStatistics all = f.statistics();
        List<EtlReaderStatistics> stats = new ArrayList<>();

        List<EventRecord> split = ranges(f, size, step, stats);

        assertThat(split).hasSize(whole.size()).isEqualTo(whole);
        assertThat(stats.stream().mapToLong(EtlReaderStatistics::records).sum()).isEqualTo(all.records());
        assertThat(stats.stream().mapToLong(EtlReaderStatistics::buffersFound).sum()).isEqualTo(all.buffersFound());
        assertThat(stats.stream().mapToLong(EtlReaderStatistics::buffersRead).sum()).isEqualTo(all.buffersRead());
        assertThat(stats.stream().mapToLong(EtlReaderStatistics::buffersSkipped).sum())
                .isEqualTo(all.buffersSkipped());
        assertThat(stats.stream().mapToLong(s -> s.lostRanges().size()).sum()).isEqualTo(all.lostRanges().size());
        // a truncation belongs to the range holding the cut buffer, or (BuffersWritten) the last range
        assertThat(stats.stream().anyMatch(EtlReaderStatistics::truncated)).as("%s vs %s", all, stats)
                .isEqualTo(all.truncated());
        assertThat(stats.stream().mapToLong(EtlReaderStatistics::errorCount).sum()).isEqualTo(all.errorCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"powershell.etl", "net.4.5.2.x64.etl", "AMSITrace.etl"})
    void adjacentRangesReadEveryRecordOnceInOrder(String name) throws Exception {
        Path file = capture(name);
        long size = Files.size(file);
        EtlFile f = EtlFile.open(file);
        for (long step : new long[] {64 * 1024, 100_003, size / 3 + 1}) {
            check(f, size, step);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"powershell.etl", "net.4.5.2.x64.etl"})
    void aDamagedOrTruncatedFileSplitsTheSameWay(String name) throws Exception {
        byte[] bytes = Files.readAllBytes(capture(name));
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 0x48; i++) {
            b.put(bytes.length / 2 + i, (byte) 0xA5); // a garbage stretch in the middle of the file
        }
        EtlFile damaged = EtlFile.of(ByteBuffer.wrap(bytes));
        check(damaged, bytes.length, 50_000);
        damaged.records().then().block(); // the statistics are the last read's: read it whole
        assertThat(damaged.statistics().damaged()).isTrue();

        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length * 3 / 4 + 17);
        EtlFile truncated = EtlFile.of(ByteBuffer.wrap(cut));
        check(truncated, cut.length, 50_000);
        truncated.records().then().block();
        assertThat(truncated.statistics().truncated()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void aReversedRangeIsRefused() {
        EtlFile f = EtlFile.open(capture("lxcore_kernel.etl"));
        assertThatThrownBy(() -> f.records(10, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.records(-1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(f.records(1, 2).collectList().block()).isEmpty();
    }
}
