package io.etw4j.scm.internal.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.scm.ScmMonitorStatistics;
import io.etw4j.scm.ScmProviders;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The per-version counts of undecodable records stay bounded whatever versions hostile records choose. */
class UndecodableRecordsTest {
    @Test
    void versionsBeyondTheBoundAreCountedTogether() {
        UndecodableRecords u = new UndecodableRecords(LoggerFactory.getLogger(UndecodableRecordsTest.class));
        for (int version = 0; version < 256; version++) {
            u.kernelProcess(1, version, "no layout");
            u.kernelProcess(1, version, "no layout");
        }

        Map<ScmMonitorStatistics.EventVersion, Long> counts = u.byEventVersion();

        assertThat(counts).hasSize(UndecodableRecords.MAX_EVENT_VERSIONS + 1);
        assertThat(counts.get(new ScmMonitorStatistics.EventVersion(ScmProviders.KERNEL_PROCESS_NAME, 1, 0)))
                .isEqualTo(2L);
        assertThat(counts.get(new ScmMonitorStatistics.EventVersion(ScmProviders.KERNEL_PROCESS_NAME,
                UndecodableRecords.OTHER_VERSIONS, UndecodableRecords.OTHER_VERSIONS)))
                .isEqualTo(2L * (256 - UndecodableRecords.MAX_EVENT_VERSIONS));
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(512L);
        assertThat(u.kernelProcess()).isEqualTo(512L);
    }
}
