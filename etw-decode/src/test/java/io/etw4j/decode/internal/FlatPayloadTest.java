package io.etw4j.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.testing.LeBytes;
import io.etw4j.decode.EventSchema;
import io.etw4j.decode.InType;
import io.etw4j.decode.PropertyCount;
import io.etw4j.decode.PropertySchema;
import io.etw4j.decode.SchemaOrigin;
import io.etw4j.decode.testing.RecordBuilder;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link FlatPayload}: which schemas and payloads it takes (the rest is {@link PayloadDecoder}'s), and its word-at-a-time
 * NUL test. That its fields equal PayloadDecoder's is shown over the shared captures by etw-json's
 * DecodedJsonMatchesPreviousWriterTest.
 */
class FlatPayloadTest {
    private static final UUID PROVIDER = UUID.fromString("0b2a7f4e-51d3-4c8e-9f60-2a6d1e3c5b70");

    @Test
    void theWordTestFindsEveryZeroLaneAndNoneElse() {
        SplittableRandom random = new SplittableRandom(21);
        for (int i = 0; i < 200_000; i++) {
            long x = random.nextLong();
            // lanes forced to 0, 1, 0x8000 or 0xFFFF in some draws: the borrow cases
            for (int lane = 0; lane < 4; lane++) {
                int pick = random.nextInt(8);
                long v = pick == 0 ? 0 : pick == 1 ? 1 : pick == 2 ? 0x8000 : pick == 3 ? 0xFFFF : -1;
                if (v >= 0) {
                    x = (x & ~(0xFFFFL << (16 * lane))) | (v << (16 * lane));
                }
            }
            boolean zero = false;
            for (int lane = 0; lane < 4; lane++) {
                zero |= ((x >>> (16 * lane)) & 0xFFFF) == 0;
            }
            assertThat(FlatPayload.hasZeroUnit(x)).as("%016x", x).isEqualTo(zero);
        }
    }

    private static EventSchema schema(List<PropertySchema> props) {
        return EventSchema.of(PROVIDER, "P", "E", props, SchemaOrigin.MOF);
    }

    @Test
    void takesFlatSchemasWithPayloadsThatFitWhole() {
        EventSchema s = schema(List.of(PropertySchema.of("Pid", InType.UINT32),
                PropertySchema.of("Name", InType.UNICODESTRING)));
        EventRecord r = RecordBuilder.of(s).add("Pid", 4).add("Name", "System and more than eight").build();
        FlatPayload flat = new FlatPayload();
        assertThat(flat.measure(r, s)).isTrue();
        assertThat(flat.trailingBytes()).isZero();
        EventRecord longer = r.toBuilder().payload(LeBytes.le().raw(r.payload()).raw(1, 2, 3).bytes()).build();
        assertThat(flat.measure(longer, s)).isTrue();
        assertThat(flat.trailingBytes()).isEqualTo(3);
        assertThat(flat.measure(r.toBuilder().payload(new byte[3]).build(), s)).as("runs short").isFalse();
    }

    @Test
    void leavesOtherSchemasToThePayloadDecoder() {
        FlatPayload flat = new FlatPayload();
        List<EventSchema> others = List.of(
                schema(List.of(PropertySchema.of("A", InType.UINT32), PropertySchema.of("A", InType.UINT32))),
                schema(List.of(PropertySchema.struct("S", List.of(PropertySchema.of("A", InType.UINT32))))),
                schema(List.of(PropertySchema.of("A", InType.UINT32).withCount(new PropertyCount.Fixed(2)))),
                schema(List.of(PropertySchema.of("Sid", InType.SID))),
                schema(List.of(PropertySchema.of("F", InType.FLOAT))));
        EventRecord r = RecordBuilder.of(schema(List.of())).build().toBuilder().payload(new byte[64]).build();
        for (EventSchema s : others) {
            assertThat(flat.measure(r, s)).as("%s", s.properties()).isFalse();
        }
        // a FILETIME out of range is a field error: the decoder's to report
        EventSchema time = schema(List.of(PropertySchema.of("T", InType.FILETIME)));
        assertThat(flat.measure(r.toBuilder().payload(LeBytes.le().u64(-1L).bytes()).build(), time)).isFalse();
        assertThat(flat.measure(r.toBuilder().payload(LeBytes.le().u64(1L).bytes()).build(), time)).isTrue();
    }
}
