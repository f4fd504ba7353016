package io.etw4j.decode.internal.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.ExtendedDataItem;
import io.etw4j.core.HeaderKind;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.TraceLoggingSchemas;
import io.etw4j.decode.internal.tracelogging.TlEventMetadata;
import io.etw4j.decode.internal.tracelogging.TlMetadataParser;
import io.etw4j.decode.internal.tracelogging.TlProviderTraits;
import io.etw4j.decode.testing.OutputUnits;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * Fuzz target for the TraceLogging metadata parser ({@link TlMetadataParser}, {@link TlProviderTraits}) and for the
 * decode of a payload with the schema it gives ({@link TraceLoggingSchemas} through {@link EventDecoder}).
 *
 * <p>Contract checked: no exception escapes for any input; the source gives a schema exactly when the parser accepts
 * the metadata; a decoded event keeps the record's payload; and a parse is a function of the bytes (a second parse of
 * a copy is equal).
 *
 * <p>Input layout: bytes 0-1 = metadata length L (little-endian), bit 0 of byte 2 = 32-bit record; then L bytes of
 * EVENT_SCHEMA_TL metadata (fewer if the input is shorter); the rest is the payload. The PROV_TRAITS item is the
 * metadata bytes too (the traits parser then sees every metadata shape). Seeds (the metadata of AMSITrace.etl and
 * lxcore_kernel.etl with one of their payloads, and a struct/array case built from the format) in
 * {@code src/test/resources/io/etw4j/decode/internal/fuzz/TlMetadataFuzzTestInputs/metadata/}. Fuzz with
 * {@code ./mvnw -P fuzz -pl etw-decode -am test -Dtest=TlMetadataFuzzTest -Dfuzz.seconds=60
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class TlMetadataFuzzTest {
    private static final UUID PROVIDER = UUID.fromString("0ba1c0de-0000-4000-8000-00000000c0de");

    @FuzzTest(maxDuration = "2m")
    void metadata(byte[] input) {
        if (input.length < 3) {
            return;
        }
        int len = (input[0] & 0xFF) | (input[1] & 0xFF) << 8;
        boolean is32 = (input[2] & 1) != 0;
        int metaEnd = Math.min(input.length, 3 + len);
        byte[] meta = Arrays.copyOfRange(input, 3, metaEnd);
        byte[] payload = Arrays.copyOfRange(input, metaEnd, input.length);

        Optional<TlEventMetadata> parsed = TlMetadataParser.parse(meta);
        assertThat(TlMetadataParser.parse(meta.clone())).isEqualTo(parsed);
        TlProviderTraits.parse(meta);

        EventRecord record = EventRecord.builder().headerKind(HeaderKind.EVENT).providerId(PROVIDER)
                .descriptor(EventDescriptor.ofId(0))
                .flags(is32 ? EventRecord.FLAG_32_BIT_HEADER : EventRecord.FLAG_64_BIT_HEADER)
                .timestamp(Instant.EPOCH).payload(payload)
                .addExtendedData(new ExtendedDataItem(ExtendedDataItem.PROV_TRAITS, meta))
                .addExtendedData(new ExtendedDataItem(ExtendedDataItem.EVENT_SCHEMA_TL, meta)).build();
        DecodedEvent e = EventDecoder.builder().add(TraceLoggingSchemas.create(4)).build().decode(record);

        assertThat(e.isDecoded()).isEqualTo(parsed.isPresent());
        assertThat(e.record().payload()).isEqualTo(payload);
        parsed.ifPresent(m -> assertThat(e.eventName()).contains(m.eventName()));
        // The output budget (EventDecoder), whatever the metadata declares.
        e.schema().ifPresent(s -> assertThat(OutputUnits.of(e)).isLessThanOrEqualTo(
                OutputUnits.budget(payload.length) + OutputUnits.lastValue(s.properties(), payload.length)));
    }
}
