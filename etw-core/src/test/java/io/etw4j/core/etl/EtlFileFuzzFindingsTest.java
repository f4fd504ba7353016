package io.etw4j.core.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Inputs that {@link EtlFileFuzzTest} found failing, replayed as regression tests. A new finding is committed here as
 * a {@code @Disabled} test naming the owner of the code (not in the fuzz test's inputs directory, which CI replays),
 * and the fix enables it.
 *
 * <p>Resources: {@code src/test/resources/io/etw4j/core/fuzz-findings/}; byte 0 is the fuzz target's option byte,
 * the rest the .etl image (see {@link EtlFileFuzzTest}).
 */
class EtlFileFuzzFindingsTest {

    /**
     * Found 2026-11-25 by {@code EtlFileFuzzTest} (Jazzer 0.24.0). Option byte 0x0b = strict + timestamp order. The
     * image is one 0x400-byte buffer: the logfile header record, a WPP MESSAGE record (message 0x28) and, at buffer
     * offset 0x200, an EVENT_HEADER record of 100 bytes whose extended data item claims 34,695 bytes. In file order
     * (strict or not) the MESSAGE record is emitted before the BAD_RECORD error; in strict timestamp order it is
     * decoded and counted ({@code statistics().records()} = 2) but never emitted (1 record, then the error). Fixed
     * in the reader by commit 12e1e93.
     */
    @Test
    void strictTimestampOrderEmitsTheRecordsBeforeTheError() throws IOException {
        byte[] input = finding("etl-strict-timestamp-order-drops-decoded-record");
        ByteBuffer image = ByteBuffer.wrap(input, 1, input.length - 1);
        EtlFile etl = EtlFile.of(image, EtlReadOptions.defaults().withStrict(true).withTimestampOrder(true));
        List<EventRecord> emitted = new ArrayList<>();

        assertThatThrownBy(() -> etl.records().doOnNext(emitted::add).blockLast())
                .isInstanceOf(EtlFormatException.class);
        assertThat(emitted).extracting(EventRecord::headerKind)
                .containsExactly(HeaderKind.LOGFILE_HEADER, HeaderKind.MESSAGE);
        assertThat(etl.statistics().records()).isEqualTo(emitted.size());
        new EtlFileFuzzTest().etlImage(input); // and the fuzz target's own checks
    }

    private static byte[] finding(String name) throws IOException {
        try (InputStream in = EtlFileFuzzFindingsTest.class.getResourceAsStream("fuzz-findings/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
