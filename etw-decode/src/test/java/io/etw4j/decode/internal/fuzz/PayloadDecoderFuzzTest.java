package io.etw4j.decode.internal.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventSchema;
import io.etw4j.decode.InType;
import io.etw4j.decode.OutType;
import io.etw4j.decode.PropertyCount;
import io.etw4j.decode.PropertySchema;
import io.etw4j.decode.PropertySize;
import io.etw4j.decode.SchemaOrigin;
import io.etw4j.decode.ValueMap;
import io.etw4j.decode.internal.PayloadDecoder;
import io.etw4j.decode.testing.OutputUnits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fuzz target for the decoder itself ({@link PayloadDecoder}): a schema built from the input (up to 8 properties of
 * any in-type and out-type, fixed or referenced sizes and counts, counts to the end of the payload, structs two levels
 * deep, maps) and the rest of the
 * input as payload, at 32 or 64 bits.
 *
 * <p>Contract checked: {@code decode} never throws; the event keeps its record; every error names a field and an
 * offset within the payload (or its end); a payload the schema's fixed-size integers consume exactly decodes with no
 * error; the decoded output stays within the decoder's budget (64 units per payload byte + 65,536, plus the value
 * crossing it and the names holding it: {@link OutputUnits}). Input layout: byte 0 = flags (bit 0: 32-bit record; bit 1: the last property's count is
 * {@link PropertyCount.Remaining}), byte 1 = property count, then 4 bytes per property
 * (in-type index, out-type index, size/count selector, reference/struct selector), then the payload. Seeds in
 * {@code src/test/resources/io/etw4j/decode/internal/fuzz/PayloadDecoderFuzzTestInputs/schemasAndPayloads/}.
 */
class PayloadDecoderFuzzTest {
    private static final InType[] IN = InType.values();
    private static final OutType[] OUT = OutType.values();
    private static final ValueMap MAP = new ValueMap("m", false, Map.of(1L, "one", 2L, "two"));
    private static final ValueMap BITS = new ValueMap("b", true, Map.of(1L, "r", 2L, "w", 4L, "x"));

    @FuzzTest(maxDuration = "2m")
    void schemasAndPayloads(byte[] input) {
        int pos = 0;
        int flags = input.length > pos ? input[pos++] & 0xFF : 0;
        int n = input.length > pos ? (input[pos++] & 0xFF) % 9 : 0;
        List<PropertySchema> props = new ArrayList<>();
        for (int i = 0; i < n && pos + 4 <= input.length; i++, pos += 4) {
            props.add(property(i, input[pos] & 0xFF, input[pos + 1] & 0xFF, input[pos + 2] & 0xFF,
                    input[pos + 3] & 0xFF, props));
        }
        if ((flags & 2) != 0 && !props.isEmpty()) {
            int last = props.size() - 1;
            props.set(last, props.get(last).withCount(new PropertyCount.Remaining()));
        }
        byte[] payload = Arrays.copyOfRange(input, Math.min(pos, input.length), input.length);
        EventRecord record = EventRecord.builder().headerKind(HeaderKind.EVENT).providerId(new UUID(1, 2))
                .descriptor(new EventDescriptor(1, 0, 0, 4, 0, 0, 0))
                .flags((flags & 1) != 0 ? EventRecord.FLAG_32_BIT_HEADER : EventRecord.FLAG_64_BIT_HEADER)
                .timestamp(Instant.EPOCH).payload(payload).build();
        EventSchema schema = EventSchema.of(record.providerId(), "P", "E", props, SchemaOrigin.MANIFEST);

        DecodedEvent e = PayloadDecoder.decode(record, schema);

        assertThat(e.record()).isSameAs(record);
        assertThat(e.schema()).contains(schema);
        // The output budget (EventDecoder): what was decoded stays within it, past it only the value crossing it.
        assertThat(OutputUnits.of(e)).isLessThanOrEqualTo(OutputUnits.budget(payload.length)
                + OutputUnits.lastValue(props, payload.length));
        e.errors().forEach(x -> {
            assertThat(x.field()).isNotEmpty();
            assertThat(x.offset()).isBetween(0, payload.length);
        });
        boolean fixedIntegers = !props.isEmpty() && props.stream().allMatch(p -> p.inType().isInteger()
                && p.inType().fixedSize() > 0 && p.count() instanceof PropertyCount.Single && !p.isStruct());
        if (fixedIntegers && props.stream().mapToInt(p -> p.inType().fixedSize()).sum() == payload.length) {
            assertThat(e.errors()).isEmpty();
            assertThat(e.fields()).hasSize((int) props.stream().map(PropertySchema::name).distinct().count());
        }
    }

    private static PropertySchema property(int i, int in, int out, int sizeSel, int refSel,
            List<PropertySchema> earlier) {
        String name = "p" + i;
        PropertySchema p = PropertySchema.of(name, IN[in % IN.length]).withOutType(OUT[out % OUT.length]);
        String ref = earlier.isEmpty() ? "missing" : earlier.get(refSel % earlier.size()).name();
        switch (sizeSel % 6) {
            case 1:
                p = p.withSize(new PropertySize.Fixed(sizeSel % 17));
                break;
            case 2:
                p = p.withSize(new PropertySize.FromProperty(ref));
                break;
            case 3:
                p = p.withCount(new PropertyCount.Fixed(sizeSel % 5));
                break;
            case 4:
                p = p.withCount(new PropertyCount.FromProperty(ref));
                break;
            case 5:
                p = p.withCount(new PropertyCount.PrefixedU16());
                break;
            default:
                break;
        }
        if ((refSel & 0x30) == 0x10) {
            p = p.withMap((refSel & 0x40) != 0 ? BITS : MAP);
        }
        if ((refSel & 0x80) != 0 && i % 3 == 0) {
            List<PropertySchema> members = List.of(PropertySchema.of("a", IN[(in + 1) % IN.length]),
                    PropertySchema.struct("s", List.of(PropertySchema.of("b", IN[(in + 2) % IN.length]))));
            p = PropertySchema.struct(name, members).withCount(p.count());
        }
        return p;
    }
}
