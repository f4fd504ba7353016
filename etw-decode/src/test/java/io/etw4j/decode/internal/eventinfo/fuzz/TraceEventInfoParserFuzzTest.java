package io.etw4j.decode.internal.eventinfo.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventSchema;
import io.etw4j.decode.PropertySchema;
import io.etw4j.decode.SchemaOrigin;
import io.etw4j.decode.ValueMap;
import io.etw4j.decode.internal.PayloadDecoder;
import io.etw4j.decode.internal.eventinfo.EventMapInfoParser;
import io.etw4j.decode.internal.eventinfo.ParsedEventInfo;
import io.etw4j.decode.internal.eventinfo.TraceEventInfoParser;
import io.etw4j.decode.testing.OutputUnits;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fuzz target for the TRACE_EVENT_INFO and EVENT_MAP_INFO parsers and the payload walk over the schemas they give.
 *
 * <p>Input layout: bytes 0-1 = length L of the TRACE_EVENT_INFO blob (little-endian, clipped to what is there), then
 * the blob, then the rest split in two halves: an EVENT_MAP_INFO (every map name resolves to it) and a payload.
 * Contract: no exception escapes the parsers or the decoder; a parsed schema's properties are the top-level count at
 * most; decoding gives the record back. Seeds (a TRACE_EVENT_INFO of net.4.5.2.x64.etl with its map, and blobs from
 * the unit tests) in {@code src/test/resources/io/etw4j/decode/internal/eventinfo/fuzz/TraceEventInfoParserFuzzTestInputs/blobs/}.
 * Fuzz with {@code ./mvnw -P fuzz -pl etw-decode -am test -Dtest=TraceEventInfoParserFuzzTest -Dfuzz.seconds=60}.
 */
class TraceEventInfoParserFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void blobs(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int len = Math.min((input[0] & 0xFF) | (input[1] & 0xFF) << 8, input.length - 2);
        int rest = input.length - 2 - len;
        int mapLen = rest / 2;
        byte[] mapBytes = Arrays.copyOfRange(input, 2 + len, 2 + len + mapLen);
        byte[] payload = Arrays.copyOfRange(input, 2 + len + mapLen, input.length);
        Optional<ValueMap> map = EventMapInfoParser.parse(mapBytes, 0, mapBytes.length);
        Optional<ParsedEventInfo> info = TraceEventInfoParser.parse(input, 2, len, SchemaOrigin.EVENT_INFO,
                name -> map);
        if (info.isEmpty()) {
            return;
        }
        long topLevel = len >= 108 ? (input[2 + 104] & 0xFFL) | (input[2 + 105] & 0xFFL) << 8
                | (input[2 + 106] & 0xFFL) << 16 | (input[2 + 107] & 0xFFL) << 24 : 0;
        assertThat((long) info.get().schema().properties().size()).isLessThanOrEqualTo(topLevel);
        EventRecord r = EventRecord.builder().headerKind(HeaderKind.EVENT).providerId(info.get().schema().providerId())
                .descriptor(EventDescriptor.EMPTY).flags((len & 1) == 0 ? EventRecord.FLAG_64_BIT_HEADER
                        : EventRecord.FLAG_32_BIT_HEADER)
                .timestamp(Instant.EPOCH).payload(payload).build();
        DecodedEvent d = PayloadDecoder.decode(r, info.get().schema());
        assertThat(d.record()).isSameAs(r);
        assertThat(d.errors()).noneMatch(e -> e.field().equals("<decoder>"));
        // Budgets: the blob's strings, each decoded once, at most 4 characters per blob byte + 32 Ki (Blob); the
        // decoded output within the decoder's budget (EventDecoder).
        Set<String> strings = Collections.newSetFromMap(new IdentityHashMap<>());
        EventSchema s = info.get().schema();
        s.providerName().ifPresent(strings::add);
        s.eventName().ifPresent(strings::add);
        s.taskName().ifPresent(strings::add);
        s.opcodeName().ifPresent(strings::add);
        s.levelName().ifPresent(strings::add);
        strings.addAll(s.keywordNames());
        names(s.properties(), strings);
        assertThat(strings.stream().mapToLong(String::length).sum()).isLessThanOrEqualTo(4L * len + (32 << 10));
        assertThat(OutputUnits.of(d)).isLessThanOrEqualTo(OutputUnits.budget(payload.length)
                + OutputUnits.lastValue(s.properties(), payload.length));
    }

    private static void names(List<PropertySchema> props, Set<String> out) {
        for (PropertySchema p : props) {
            out.add(p.name());
            names(p.members(), out);
        }
    }
}
