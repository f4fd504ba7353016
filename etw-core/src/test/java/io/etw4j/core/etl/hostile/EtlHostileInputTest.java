package io.etw4j.core.etl.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlErrorKind;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.etl.EtlLostRange;
import io.etw4j.core.etl.EtlReadOptions;
import io.etw4j.core.etl.EtlReaderStatistics;
import io.etw4j.core.testing.SyntheticEtl;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 19 items 1 and 7 for the .etl reader: hostile files built by {@link HostileEtl} cost no more than the budget
 * {@link EtlFile} states, and every refusal is counted ({@link EtlErrorKind#LIMIT_EXCEEDED}, a lost range).
 */
class EtlHostileInputTest {

    private static final int MIB64 = 64 << 20;

    private static List<EventRecord> read(EtlFile etl) {
        return etl.records().collectList().block();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aCompressedBufferDeclaringMoreThanTheHeadersBufferSizeIsRefusedAndCounted(boolean timestampOrder) {
        HostileEtl f = new HostileEtl(1).event(0);
        for (int i = 0; i < 40; i++) {
            f.bomb(MIB64, 0); // 87 bytes each, 64 MiB declared: 2.5 GiB in all before the fix
        }
        f.event(0);
        byte[] image = f.build();
        assertThat(image.length).isLessThan(HostileEtl.BUFFER_SIZE + 2 * f.eventBufferSize() + 40 * 87 + 1);

        EtlFile etl = EtlFile.of(ByteBuffer.wrap(image), EtlReadOptions.defaults().withTimestampOrder(timestampOrder));
        List<EventRecord> records = read(etl);
        EtlReaderStatistics s = etl.statistics();

        // the header record, then the events before and after the bombs
        assertThat(records).hasSize(3);
        assertThat(records.stream().skip(1).map(r -> r.descriptor().id())).containsOnly(7);
        assertThat(s.errors(EtlErrorKind.LIMIT_EXCEEDED)).isEqualTo(40);
        assertThat(s.buffersSkipped()).isEqualTo(40);
        // 40 adjacent refused buffers are one lost range of their 40 lengths, right after the first event buffer
        long first = HostileEtl.BUFFER_SIZE + f.eventBufferSize();
        assertThat(s.lostRanges()).containsExactly(new EtlLostRange(first, first + 40 * 87));
        assertThat(s.bytesSkipped()).isEqualTo(40 * 87);
        // Output budget: only buffers that were read count, and they are the file's own bytes.
        assertThat(s.bytesRead()).isLessThanOrEqualTo(image.length - 40L * 87);
        assertThat(s.anyLoss()).isTrue();
    }

    @Test
    void aCompressedBufferUpToTheHeadersBufferSizeIsStillRead() {
        HostileEtl f = new HostileEtl(1).bomb(HostileEtl.BUFFER_SIZE, 0).event(0);
        EtlFile etl = EtlFile.of(ByteBuffer.wrap(f.build()));
        List<EventRecord> records = read(etl);

        assertThat(etl.statistics().errors(EtlErrorKind.LIMIT_EXCEEDED)).isZero();
        assertThat(etl.statistics().buffersCompressed()).isEqualTo(2);
        assertThat(records.get(records.size() - 1).descriptor().id()).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aCompressedBufferExpandingMoreThan256TimesIsRefusedEvenWithinTheBufferSize(boolean timestampOrder) {
        // The header claims 1 MiB buffers and 64 processors: 64 bombs of 87 bytes, one per processor, each within
        // BufferSize, would make a timestamp-order read hold 64 MiB from 5.5 KB without the ratio cap.
        int mib = 1 << 20;
        HostileEtl f = new HostileEtl(64, mib).event(0);
        for (int p = 0; p < 64; p++) {
            f.bomb(mib, p);
        }
        f.event(1);
        byte[] image = f.build();

        EtlFile etl = EtlFile.of(ByteBuffer.wrap(image), EtlReadOptions.defaults().withTimestampOrder(timestampOrder));
        List<EventRecord> records = read(etl);
        EtlReaderStatistics s = etl.statistics();

        assertThat(records).hasSize(3);
        assertThat(s.errors(EtlErrorKind.LIMIT_EXCEEDED)).isEqualTo(64);
        assertThat(s.buffersCompressed()).isEqualTo(2); // the two event buffers, each well under 256:1
        assertThat(s.lostRanges()).singleElement().satisfies(r -> assertThat(r.length()).isEqualTo(64 * 87));
    }

    @Test
    void strictModeEndsAtTheFirstBombWithItsKind() {
        HostileEtl f = new HostileEtl(1).bomb(MIB64, 0).event(0);
        EtlFile etl = EtlFile.of(ByteBuffer.wrap(f.build()), EtlReadOptions.defaults().withStrict(true));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(etl))
                .hasMessageContaining("times its 87 bytes on disk");
        assertThat(etl.statistics().errors(EtlErrorKind.LIMIT_EXCEEDED)).isEqualTo(1);

        // Within the ratio (8 KiB from 87 bytes) but above the header's BufferSize (4 KiB).
        HostileEtl g = new HostileEtl(1).bomb(2 * HostileEtl.BUFFER_SIZE, 0).event(0);
        EtlFile etl2 = EtlFile.of(ByteBuffer.wrap(g.build()), EtlReadOptions.defaults().withStrict(true));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(etl2))
                .hasMessageContaining("exceeds the logfile header's BufferSize");
        assertThat(etl2.statistics().errors(EtlErrorKind.LIMIT_EXCEEDED)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void processorIndicesBeyondTheHeadersCountAreRefusedAndCounted(boolean timestampOrder) {
        // One full-size buffer per bogus index: before the fix a timestamp-order read held one decoded buffer each.
        HostileEtl f = new HostileEtl(2).event(1);
        int bogus = 300;
        for (int i = 0; i < bogus; i++) {
            f.bomb(HostileEtl.BUFFER_SIZE, 2 + i);
        }
        f.event(0);
        EtlFile etl = EtlFile.of(ByteBuffer.wrap(f.build()),
                EtlReadOptions.defaults().withTimestampOrder(timestampOrder));
        List<EventRecord> records = read(etl);
        EtlReaderStatistics s = etl.statistics();

        assertThat(records).hasSize(3);
        assertThat(records.stream().map(EventRecord::processorNumber)).allMatch(p -> p < 2);
        assertThat(s.errors(EtlErrorKind.LIMIT_EXCEEDED)).isEqualTo(bogus);
        // Memory budget: only buffers of indices below NumberOfProcessors were decoded.
        assertThat(s.buffersRead()).isEqualTo(3);
        assertThat(s.lostRanges().stream().mapToLong(EtlLostRange::length).sum())
                .isEqualTo(bogus * (long) (0x48 + 15));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void manyAdjacentLossesAreOneRangeAndDistinctOnesAreCappedWithACount(boolean timestampOrder) {
        // 3,000 adjacent bombs, then 1,200 bombs each between two event buffers: 1 + 1,200 distinct gaps.
        HostileEtl f = new HostileEtl(1).event(0);
        for (int i = 0; i < 3000; i++) {
            f.bomb(MIB64, 0);
        }
        for (int i = 0; i < 1200; i++) {
            f.event(0).bomb(MIB64, 0);
        }
        f.event(0);
        EtlFile etl = EtlFile.of(ByteBuffer.wrap(f.build()),
                EtlReadOptions.defaults().withTimestampOrder(timestampOrder));
        read(etl);
        EtlReaderStatistics s = etl.statistics();

        assertThat(s.errors(EtlErrorKind.LIMIT_EXCEEDED)).isEqualTo(4200);
        long first = HostileEtl.BUFFER_SIZE + f.eventBufferSize();
        assertThat(s.lostRanges()).hasSize(1000);
        assertThat(s.lostRanges().get(0)).isEqualTo(new EtlLostRange(first, first + 3000 * 87));
        assertThat(s.lostRanges().subList(1, 1000)).allSatisfy(r -> assertThat(r.length()).isEqualTo(87));
        assertThat(s.lostRanges()).isSortedAccordingTo(java.util.Comparator.comparingLong(EtlLostRange::start));
        assertThat(s.lostRangesNotListed()).isEqualTo(1 + 1200 - 1000);
        assertThat(s.bytesSkipped()).isEqualTo(4200L * 87);
    }

    @Test
    void anUncompressedBufferOnAnIndexBeyondTheHeadersCountIsRefused() {
        byte[] image = new SyntheticEtl().numberOfProcessors(1)
                .newBuffer(5).event(e -> e.id(9))
                .newBuffer(0).event(e -> e.id(10))
                .build();
        EtlFile etl = EtlFile.of(ByteBuffer.wrap(image), EtlReadOptions.defaults().withTimestampOrder(true));
        List<EventRecord> records = read(etl);

        assertThat(records.stream().skip(1).map(r -> r.descriptor().id())).containsExactly(10);
        assertThat(etl.statistics().errors(EtlErrorKind.LIMIT_EXCEEDED)).isEqualTo(1);
        assertThat(etl.statistics().lostRanges()).hasSize(1);
    }
}
