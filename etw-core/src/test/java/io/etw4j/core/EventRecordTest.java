package io.etw4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** {@link EventRecord#equals} (strict value equality) and {@link EventRecord#sameEventAs} (what decoders read). */
class EventRecordTest {
    private static final UUID PROVIDER = UUID.fromString("0063715b-eeda-4007-9429-ad526f62696e");

    private static EventRecordBuilder base() {
        return EventRecord.builder().providerId(PROVIDER)
                .descriptor(new EventDescriptor(7045, 1, 0x10, 4, 0, 0x20, 0x8000_0000_0000_0000L))
                .flags(EventRecord.FLAG_EXTENDED_INFO | EventRecord.FLAG_64_BIT_HEADER)
                .eventProperty(0x8).processId(664).threadId(1234)
                .rawTimestamp(133_590_312_000_000_000L).timestamp(Instant.parse("2024-05-01T10:00:00Z"))
                .activityId(UUID.fromString("01234567-89ab-cdef-0123-456789abcdef")).processorNumber(3)
                .addExtendedData(new ExtendedDataItem(ExtendedDataItem.PROCESS_START_KEY, new byte[8]))
                .payload(new byte[] {1, 2, 3});
    }

    @Test
    void aRecordAndItsCopyAreEqualAndTheSameEvent() {
        EventRecord a = base().build();
        EventRecord b = a.toBuilder().build();

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.sameEventAs(b)).isTrue();
        assertThat(a.sameEventAs(a)).isTrue();
        assertThat(a.sameEventAs(null)).isFalse();
    }

    @Test
    void aDifferentRawTimestampBreaksEqualityButNotTheSameEvent() {
        EventRecord live = base().build(); // FILETIME
        EventRecord replay = live.toBuilder().rawTimestamp(1_000_123_456L).build(); // QPC ticks, same Instant

        assertThat(live).isNotEqualTo(replay);
        assertThat(live.sameEventAs(replay)).isTrue();
        assertThat(replay.sameEventAs(live)).isTrue();
    }

    @Test
    void aDifferentInstantIsADifferentEventWhateverTheRawTimestamp() {
        EventRecord a = base().build();
        EventRecord b = a.toBuilder().timestamp(a.timestamp().plusNanos(100)).build();

        assertThat(a.sameEventAs(b)).isFalse();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void layoutOnlyFlagsAreIgnoredByTheSameEventButNotByEquals() {
        EventRecord a = base().build();
        EventRecord withIndex = a.toBuilder().flags(a.flags() | EventRecord.FLAG_PROCESSOR_INDEX).build();
        EventRecord without64 = a.toBuilder().flags(a.flags() & ~EventRecord.FLAG_64_BIT_HEADER).build();

        assertThat(a.sameEventAs(withIndex)).isTrue();
        assertThat(a.sameEventAs(without64)).isTrue();
        assertThat(a).isNotEqualTo(withIndex).isNotEqualTo(without64);
        assertThat(EventRecord.LAYOUT_ONLY_FLAGS).isEqualTo(0x0200 | 0x0040); // evntcons.h EVENT_HEADER_FLAG_*
    }

    @Test
    void everyComponentADecoderReadsMustMatch() {
        EventRecord a = base().build();
        List<UnaryOperator<EventRecordBuilder>> changes = List.of(
                b -> b.headerKind(HeaderKind.CLASSIC),
                b -> b.providerId(UUID.fromString("555908d1-a6d7-4695-8e1e-26931d2012f4")),
                b -> b.id(7036),
                b -> b.descriptor(new EventDescriptor(7045, 1, 0x10, 4, 0, 0x20, 0x1L)), // keyword of a non-WPP event
                b -> b.flags(a.flags() | EventRecord.FLAG_32_BIT_HEADER),
                b -> b.flags(a.flags() | EventRecord.FLAG_TRACE_MESSAGE),
                b -> b.flags(a.flags() & ~EventRecord.FLAG_EXTENDED_INFO),
                b -> b.eventProperty(0),
                b -> b.processId(665),
                b -> b.threadId(1235),
                b -> b.activityId(EventRecord.NULL_GUID),
                b -> b.processorNumber(2),
                b -> b.extendedData(List.of()),
                b -> b.payload(new byte[] {1, 2, 4}));
        for (int i = 0; i < changes.size(); i++) {
            EventRecord changed = changes.get(i).apply(a.toBuilder()).build();
            assertThat(a.sameEventAs(changed)).as("change %d", i).isFalse();
            assertThat(changed.sameEventAs(a)).as("change %d, reversed", i).isFalse();
            assertThat(a).as("change %d", i).isNotEqualTo(changed);
        }
    }

    @Test
    void aWppRecordsKeywordIsNotComparedButItsOtherDescriptorFieldsAre() {
        EventRecord wpp = base().flags(EventRecord.FLAG_TRACE_MESSAGE).headerKind(HeaderKind.MESSAGE)
                .descriptor(new EventDescriptor(0x28, 0, 0, 0, 0, 0, 0L)).build();
        EventRecord replayed = wpp.toBuilder().descriptor(new EventDescriptor(0x28, 0, 0, 0, 0, 0, 7L)).build();
        EventRecord otherLevel = wpp.toBuilder().descriptor(new EventDescriptor(0x28, 0, 0, 5, 0, 0, 0L)).build();

        assertThat(wpp.sameEventAs(replayed)).isTrue();
        assertThat(replayed.sameEventAs(wpp)).isTrue();
        assertThat(wpp).isNotEqualTo(replayed);
        assertThat(wpp.sameEventAs(otherLevel)).isFalse();
    }

    @Test
    void aLiveKernelRecordIsTheSameEventAsItsEtlReplayWhateverIdAndTaskTheReaderKept() {
        UUID process = UUID.fromString("3d6fa8d0-fe05-11d0-9dda-00c04fd7ba7c");
        int classic = EventRecord.FLAG_CLASSIC_HEADER | EventRecord.FLAG_64_BIT_HEADER;
        // EtlFile: SYSTEM header, id = hook id (group 0x03 << 8 | type 1), task = group
        EventRecord replay = EventRecord.builder().headerKind(HeaderKind.SYSTEM).providerId(process).flags(classic)
                .descriptor(new EventDescriptor(0x0301, 4, 0, 0, 1, 3, 0L)).processId(4).threadId(8)
                .payload(new byte[] {1, 2}).build();
        // a live consumer: CLASSIC, id 0 and task 0 (inferred), the same class GUID, version, type and level
        EventRecord live = replay.toBuilder().headerKind(HeaderKind.CLASSIC)
                .descriptor(new EventDescriptor(0, 4, 0, 0, 1, 0, 0L)).build();
        EventRecord compact = replay.toBuilder().headerKind(HeaderKind.COMPACT).build();

        assertThat(live.sameEventAs(replay)).isTrue();
        assertThat(replay.sameEventAs(live)).isTrue();
        assertThat(compact.sameEventAs(live)).isTrue();
        assertThat(compact.sameEventAs(replay)).isTrue();
        // what identifies a classic event still counts
        assertThat(live.sameEventAs(replay.toBuilder().descriptor(new EventDescriptor(0x0302, 4, 0, 0, 2, 3, 0L))
                .build())).as("another type").isFalse();
        assertThat(live.sameEventAs(replay.toBuilder().descriptor(new EventDescriptor(0x0301, 3, 0, 0, 1, 3, 0L))
                .build())).as("another version").isFalse();
        // a classic record is never the same event as a manifest (EVENT) one
        assertThat(live.sameEventAs(live.toBuilder().headerKind(HeaderKind.EVENT).build())).isFalse();
    }
}
