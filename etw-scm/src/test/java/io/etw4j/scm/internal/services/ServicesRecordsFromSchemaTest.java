package io.etw4j.scm.internal.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etw4j.core.EventRecord;
import io.etw4j.decode.EventSchema;
import io.etw4j.decode.testing.RecordBuilder;
import io.etw4j.scm.internal.correlation.PublishedLayouts;
import io.etw4j.scm.internal.manifest.ShippedManifests;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Records built from the shipped Microsoft-Windows-Services manifest's own schema by name (etw-decode's
 * {@link RecordBuilder}) against the records the tests write by hand from the published field lists
 * ({@link PublishedLayouts}): two independent writers of one layout give the same bytes, and the adapter reads them.
 */
class ServicesRecordsFromSchemaTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private static EventSchema schema(int id) {
        return ShippedManifests.shared().schema(ServicesProvider.GUID, id, 0).orElseThrow();
    }

    @Test
    void sendControlBuiltByNameFromTheManifestIsTheHandWrittenLayout() {
        EventRecord byName = RecordBuilder.of(schema(200), 200, 0)
                .add("ServiceName", "WinDefend").add("DisplayName", "Microsoft Defender").add("ControlCode", 1)
                .add("ClientProcessStartKey", 9L).add("ClientProcessId", 4242).add("ParentProcessId", 1000)
                .build();
        EventRecord byHand = PublishedLayouts.sendControl200("WinDefend", "Microsoft Defender", 1, 9, 4242, 1000, T0);

        assertThat(byName.payload()).isEqualTo(byHand.payload());
        ServicesRecord.SendControl s = (ServicesRecord.SendControl) new ServicesRecords()
                .decode(byHand.toBuilder().payload(byName.payload()).build()).orElseThrow();
        assertThat(s.serviceName()).isEqualTo("WinDefend");
        assertThat(s.controlCode()).isEqualTo(1);
        assertThat(s.client()).isEqualTo(new ServicesRecord.Client(9, 4242, 1000));
    }

    @Test
    void serviceStartBuiltByNameFromTheManifestIsTheHandWrittenLayout() {
        EventRecord byName = RecordBuilder.of(schema(204), 204, 0)
                .add("ServiceName", "evil").add("ServiceHostName", "").add("ClientProcessStartKey", 0x2_0000_0000_1234L)
                .add("ClientProcessId", 4242).add("ParentProcessId", 1000).build();
        EventRecord byHand = PublishedLayouts.serviceStart204("evil", "", 0x2_0000_0000_1234L, 4242, 1000, T0);

        assertThat(byName.payload()).isEqualTo(byHand.payload());
    }

    @Test
    void aPropertyLeftOutIsRefusedByName() {
        RecordBuilder b = RecordBuilder.of(schema(200), 200, 0).add("ServiceName", "WinDefend");

        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("ControlCode");
        assertThat(b.missing()).contains("DisplayName", "ControlCode", "ClientProcessId");
    }
}
