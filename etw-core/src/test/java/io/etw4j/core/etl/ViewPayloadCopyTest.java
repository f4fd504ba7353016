package io.etw4j.core.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.core.internal.RecordBytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@link RecordBytes#copyPayload}: the bytes of {@link RecordView#payloadBuffer()}, and only during the scan. */
class ViewPayloadCopyTest {
    @Test
    void copiesThePayloadOfEveryRecordOfACapture() {
        Path dir = EtlFileRealCapturesTest.findSharedEtl();
        Path file = dir == null ? null : dir.resolve("AMSITrace.etl");
        Assumptions.assumeTrue(file != null && Files.isRegularFile(file), "shared/etl/AMSITrace.etl");
        List<RecordView> kept = new ArrayList<>();
        int[] checked = {0};
        EtlFile.open(file).scan(v -> {
            int size = v.payloadSize();
            byte[] expected = new byte[size];
            v.payloadBuffer().get(0, expected);
            for (int n : new int[] {0, Math.min(size, 5), size}) {
                byte[] dst = new byte[size + 3];
                RecordBytes.copyPayload(v, dst, n);
                assertThat(Arrays.copyOf(dst, n)).isEqualTo(Arrays.copyOf(expected, n));
                assertThat(Arrays.copyOfRange(dst, n, size + 3)).containsOnly(0);
            }
            assertThat(v.toRecord().payload()).isEqualTo(expected);
            assertThatThrownBy(() -> RecordBytes.copyPayload(v, new byte[size + 1], size + 1))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            checked[0]++;
            if (kept.isEmpty()) {
                kept.add(v);
            }
        });
        assertThat(checked[0]).isGreaterThan(1);
        assertThatThrownBy(() -> RecordBytes.copyPayload(kept.get(0), new byte[8], 0))
                .isInstanceOf(IllegalStateException.class);
    }
}
