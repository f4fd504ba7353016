package io.etw4j.scm.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.etl.EtlReadOptions;
import io.etw4j.scm.internal.correlation.PublishedLayouts;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo capture generator (its committed output is checked by etw-samples' DemoCaptureTest). */
class ScmDemoCaptureTest {

    @Test
    void theGeneratorIsDeterministic() {
        assertThat(ScmDemoCapture.build()).isEqualTo(ScmDemoCapture.build());
    }

    @Test
    void readBackTheCaptureHoldsTheScenarioRecordsWithTheirPublishedPayloads() {
        EtlFile etl = EtlFile.of(ByteBuffer.wrap(ScmDemoCapture.build()), EtlReadOptions.defaults().withStrict(true));

        List<EventRecord> records = etl.records().filter(r -> r.headerKind() != HeaderKind.LOGFILE_HEADER)
                .collectList().block();

        List<EventRecord> expected = List.of(
                PublishedLayouts.processStartV4(ScmDemoCapture.INSTALLER, ScmDemoCapture.INSTALLER_KEY,
                        ScmDemoCapture.at(100), ScmDemoCapture.EXPLORER, ScmDemoCapture.EXPLORER_KEY,
                        ScmDemoCapture.INSTALLER_IMAGE),
                PublishedLayouts.serviceStart204(ScmDemoCapture.SERVICE, "", ScmDemoCapture.INSTALLER_KEY,
                        ScmDemoCapture.INSTALLER, ScmDemoCapture.EXPLORER, ScmDemoCapture.at(1100)),
                PublishedLayouts.imageLoadV0(0xFFFFF80012340000L, 0x8000, 0, ScmDemoCapture.DRIVER_AS_LOADED,
                        ScmDemoCapture.at(1150)),
                PublishedLayouts.processStopV2(ScmDemoCapture.INSTALLER, ScmDemoCapture.INSTALLER_KEY,
                        ScmDemoCapture.at(100), ScmDemoCapture.at(3000), 0, "setup.exe"));
        assertThat(records).hasSize(5);
        assertThat(etl.header().loggerName()).isEqualTo("etw4j-scm-demo");
        EventRecord wpp = records.get(1);
        assertThat(wpp.isTraceMessage()).isTrue();
        assertThat(wpp.id()).isEqualTo(0x28);
        assertThat(wpp.providerId()).isEqualTo(ScmDemoCapture.DEMO_MESSAGE_GUID);
        assertThat(wpp.processId()).isEqualTo(ScmDemoCapture.SERVICES_EXE);
        assertThat(wpp.timestamp()).isEqualTo(ScmDemoCapture.at(1000));
        List<EventRecord> others = List.of(records.get(0), records.get(2), records.get(3), records.get(4));
        for (int i = 0; i < expected.size(); i++) {
            EventRecord got = others.get(i);
            EventRecord want = expected.get(i);
            assertThat(got.providerId()).as("record %d", i).isEqualTo(want.providerId());
            assertThat(got.descriptor()).as("record %d", i).isEqualTo(want.descriptor());
            assertThat(got.processId()).as("record %d", i).isEqualTo(want.processId());
            assertThat(got.timestamp()).as("record %d", i).isEqualTo(want.timestamp());
            assertThat(got.payload()).as("record %d", i).isEqualTo(want.payload());
        }
    }
}
