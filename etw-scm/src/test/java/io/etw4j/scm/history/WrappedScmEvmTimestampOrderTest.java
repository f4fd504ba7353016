package io.etw4j.scm.history;

import static io.etw4j.core.testing.LeBytes.le;
import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.etl.EtlReadOptions;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A timestamp-order read ({@code EtlReadOptions.withTimestampOrder(true)}) of a wrapped {@code SCM.EVM}
 * ({@link ScmEvmFile}: 128 KB buffers, 39 ring slots, 49 ring buffers written) starts at the oldest surviving buffer
 * and gives every record in time order, like the file-order read sorted by timestamp that {@code ScmHistory} does.
 */
class WrappedScmEvmTimestampOrderTest {

    @Test
    void aTimestampOrderReadOfAWrappedScmEvmStartsAtTheOldestSurvivingBuffer() {
        ScmEvmFile f = new ScmEvmFile(Instant.parse("2024-05-02T08:00:00Z"), Duration.ofSeconds(25))
                .ringBuffersWritten(49);
        UUID g = UUID.fromString("119db94a-0000-4000-8000-000000000002");
        f.wpp(10, 0, g, 0x28, 900, le().utf16z("first").u32(0).u32(1).bytes());
        f.wpp(38, 0, g, 0x28, 900, le().utf16z("beforeWrap").u32(0).u32(2).bytes());
        f.wpp(39, 0, g, 0x28, 900, le().utf16z("afterWrap").u32(0).u32(3).bytes());
        byte[] image = f.build();

        List<EventRecord> inFile = EtlFile.of(ByteBuffer.wrap(image)).records().collectList().block();
        EtlFile etl = EtlFile.of(ByteBuffer.wrap(image), EtlReadOptions.defaults().withTimestampOrder(true));
        List<EventRecord> merged = etl.records().collectList().block();

        assertThat(merged.get(0).headerKind()).isEqualTo(HeaderKind.LOGFILE_HEADER);
        assertThat(inFile.get(1).timestamp()).as("the file starts with the newest slots").isEqualTo(f.at(39, 0));
        assertThat(merged.get(1).timestamp()).isEqualTo(f.at(10, 0));
        assertThat(merged.get(merged.size() - 1).timestamp()).isEqualTo(f.at(48, 900));
        assertThat(merged.stream().skip(1).map(EventRecord::rawTimestamp).collect(Collectors.toList())).isSorted();
        List<EventRecord> sorted = inFile.stream().skip(1)
                .sorted(java.util.Comparator.comparingLong(EventRecord::rawTimestamp)).collect(Collectors.toList());
        assertThat(merged.subList(1, merged.size())).containsExactlyElementsOf(sorted);
        assertThat(merged).hasSize(1 + 3 + ScmEvmFile.RING_SLOTS);
    }
}
