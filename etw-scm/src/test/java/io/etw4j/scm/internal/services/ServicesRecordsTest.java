package io.etw4j.scm.internal.services;

import static io.etw4j.core.testing.LeBytes.le;
import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.scm.internal.correlation.PublishedLayouts;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServicesRecordsTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private final ServicesRecords decoder = new ServicesRecords();

    @Test
    void serviceStart204GivesNameHostAndClient() {
        EventRecord r = PublishedLayouts.serviceStart204("evil", "", 0x2_0000_0000_1234L, 4242, 1000, T0);

        ServicesRecord.ServiceStart s = (ServicesRecord.ServiceStart) decoder.decode(r).orElseThrow();

        assertThat(s.serviceName()).isEqualTo("evil");
        assertThat(s.details()).containsExactly(java.util.Map.entry("ServiceHostName", ""));
        assertThat(s.client()).isEqualTo(new ServicesRecord.Client(0x2_0000_0000_1234L, 4242, 1000));
    }

    @Test
    void serviceStart205ReadsThreeFourByteBooleans() {
        EventRecord r = PublishedLayouts.serviceStart205("Dnscache", "TDI", true, 55, 812, 700, T0);

        ServicesRecord.ServiceStart s = (ServicesRecord.ServiceStart) decoder.decode(r).orElseThrow();

        assertThat(s.details()).containsExactly(java.util.Map.entry("LoadOrderGroup", "TDI"),
                java.util.Map.entry("SvchostGroup", ""), java.util.Map.entry("IsCritical", "true"),
                java.util.Map.entry("IsUserService", "false"), java.util.Map.entry("IsOwnProcess", "true"));
        assertThat(s.client()).isEqualTo(new ServicesRecord.Client(55, 812, 700));
    }

    @Test
    void sendControlGivesTheControlCode() {
        EventRecord r = PublishedLayouts.sendControl200("WinDefend", "Microsoft Defender", 1, 9, 4242, 1000, T0);

        ServicesRecord.SendControl s = (ServicesRecord.SendControl) decoder.decode(r).orElseThrow();

        assertThat(s.serviceName()).isEqualTo("WinDefend");
        assertThat(s.displayName()).isEqualTo("Microsoft Defender");
        assertThat(s.controlCode()).isEqualTo(1);
        assertThat(s.client().processId()).isEqualTo(4242);
    }

    @Test
    void configChangesNameTheChangedField() {
        ServicesRecord.ConfigChange c201 = (ServicesRecord.ConfigChange) decoder
                .decode(PublishedLayouts.configChange201("WinDefend", 4, 9, 4242, 1000, T0)).orElseThrow();
        ServicesRecord.ConfigChange c203 = (ServicesRecord.ConfigChange) decoder
                .decode(PublishedLayouts.configChange202(203, "WinDefend", "ImagePath", 9, 4242, 1000, T0))
                .orElseThrow();

        assertThat(c201.changes()).containsExactly(java.util.Map.entry("NewStartType", "4"));
        assertThat(c203.changes()).containsExactly(java.util.Map.entry("NewValueName", "ImagePath"));
        assertThat(c203.client().parentProcessId()).isEqualTo(1000);
    }

    @Test
    void statusChangeReadsItsFourNumbersFirst() {
        EventRecord r = PublishedLayouts.statusChange105(2, 4, 3, 0, "evil", "\\??\\C:\\evil.sys", T0);

        ServicesRecord.StatusChange s = (ServicesRecord.StatusChange) decoder.decode(r).orElseThrow();

        assertThat(s.executionPhase()).isEqualTo(2);
        assertThat(s.currentState()).isEqualTo(4);
        assertThat(s.startType()).isEqualTo(3);
        assertThat(s.processId()).isZero();
        assertThat(s.serviceName()).isEqualTo("evil");
        assertThat(s.image()).hasValue("\\??\\C:\\evil.sys");
    }

    @Test
    void everyTruncationIsUndecodable() {
        List<EventRecord> all = List.of(
                PublishedLayouts.serviceStart204("s", "h", 1, 2, 3, T0),
                PublishedLayouts.serviceStart205("s", "g", false, 1, 2, 3, T0),
                PublishedLayouts.sendControl200("s", "d", 1, 1, 2, 3, T0),
                PublishedLayouts.configChange201("s", 2, 1, 2, 3, T0),
                PublishedLayouts.configChange202(202, "s", "v", 1, 2, 3, T0),
                PublishedLayouts.statusChange105(1, 2, 3, 4, "s", "i", T0));
        for (EventRecord full : all) {
            byte[] p = full.payload();
            for (int n = 0; n < p.length; n++) {
                EventRecord cut = full.toBuilder().payload(Arrays.copyOf(p, n)).build();
                assertThat(decoder.decode(cut).orElseThrow())
                        .as("event %d cut to %d bytes", full.id(), n)
                        .isInstanceOf(ServicesRecord.Undecodable.class);
            }
        }
    }

    @Test
    void aVersionOtherThanZeroOrTrailingBytesAreUndecodable() {
        EventRecord r = PublishedLayouts.serviceStart204("s", "h", 1, 2, 3, T0);
        EventDescriptor d = r.descriptor();
        EventRecord v1 = r.toBuilder().descriptor(new EventDescriptor(204, 1, 0, 4, 0, 202, d.keyword())).build();
        EventRecord longer = r.toBuilder().payload(le().raw(r.payload()).u32(0).bytes()).build();

        assertThat(decoder.decode(v1).orElseThrow()).isInstanceOf(ServicesRecord.Undecodable.class);
        assertThat(decoder.decode(longer).orElseThrow()).isInstanceOf(ServicesRecord.Undecodable.class);
    }

    @Test
    void unhandledServicesEventsAreIgnored() {
        EventRecord autostart = PublishedLayouts.serviceStart204("s", "h", 1, 2, 3, T0).toBuilder()
                .descriptor(new EventDescriptor(101, 0, 0, 4, 1, 101, 0x10000)).payload(new byte[0]).build();
        assertThat(decoder.decode(autostart)).isEmpty();
    }
}
