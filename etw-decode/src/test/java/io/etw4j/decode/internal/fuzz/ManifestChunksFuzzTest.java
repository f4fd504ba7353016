package io.etw4j.decode.internal.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.EventSourceSchemas;
import io.etw4j.decode.internal.manifest.ManifestChunkAssembler;
import io.etw4j.decode.internal.manifest.ManifestParser;
import io.etw4j.decode.testing.RetainedBytes;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * Fuzz target for the reassembly of EventSource ManifestData chunks ({@link ManifestChunkAssembler}) and
 * {@link EventSourceSchemas} end to end: a sequence of records, each ManifestData or an ordinary event.
 *
 * <p>Input layout: repeated items of byte 0 = selector (bits 0-1: provider 0..3; bit 2: an ordinary event (id from
 * byte 1) instead of ManifestData; bit 3: build a valid envelope with TotalChunks = byte 1 % 4 + 1, ChunkNumber =
 * byte 2 % TotalChunks instead of taking the envelope from the data), then a length byte, then that many payload
 * bytes (the chunk, or the raw payload).
 *
 * <p>Contract checked: nothing throws (SchemaSource: "must never throw"; EventDecoder: "never throws"); the
 * assembler with small bounds (3 providers, 64 bytes each, 100 pending) never holds more than its bounds; a
 * ManifestData record always decodes (as ManifestData); the source retains at most the parser's budget
 * ({@link ManifestParser#HEAP_PER_BYTE} per input byte + {@link ManifestParser#HEAP_CONSTANT}) beyond an empty one. Seeds in
 * {@code src/test/resources/io/etw4j/decode/internal/fuzz/ManifestChunksFuzzTestInputs/chunkSequences/}: a manifest
 * in three chunks out of order with a repeat, and a sequence with a missing chunk. Fuzz with
 * {@code ./mvnw -P fuzz -pl etw-decode -am test -Dtest=ManifestChunksFuzzTest#chunkSequences}.
 */
class ManifestChunksFuzzTest {
    static final UUID[] PROVIDERS = {UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"),
        UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-000000000001"), UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-000000000002"),
        UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-000000000003")};

    @FuzzTest(maxDuration = "2m")
    void chunkSequences(byte[] input) {
        ManifestChunkAssembler small = new ManifestChunkAssembler(3, 64, 100);
        EventSourceSchemas schemas = EventSourceSchemas.create();
        long empty = RetainedBytes.of(schemas);
        EventDecoder decoder = EventDecoder.builder().add(schemas).build();
        int pos = 0;
        while (pos + 2 <= input.length) {
            int sel = input[pos] & 0xFF;
            int a = input[pos + 1] & 0xFF;
            int b = pos + 2 < input.length ? input[pos + 2] & 0xFF : 0;
            int len = pos + 3 < input.length ? input[pos + 3] & 0xFF : 0;
            int start = Math.min(input.length, pos + 4);
            byte[] data = Arrays.copyOfRange(input, start, Math.min(input.length, start + len));
            pos = start + data.length;
            UUID provider = PROVIDERS[sel & 3];
            boolean ordinary = (sel & 4) != 0;
            byte[] payload = data;
            if (!ordinary && (sel & 8) != 0) {
                int total = a % 4 + 1;
                payload = new byte[8 + data.length];
                payload[0] = 1;
                payload[1] = 1;
                payload[3] = 0x5B;
                payload[4] = (byte) total;
                payload[6] = (byte) (b % total);
                System.arraycopy(data, 0, payload, 8, data.length);
            }
            EventRecord r = EventRecord.builder().headerKind(HeaderKind.EVENT).providerId(provider)
                    .descriptor(ordinary ? new EventDescriptor(a, b & 3, 0, 4, 0, 1, 0)
                            : new EventDescriptor(0xFFFE, 1, 0, 0, 0xFE, 0xFFFE, 0))
                    .flags(EventRecord.FLAG_64_BIT_HEADER).timestamp(Instant.EPOCH).payload(payload).build();
            small.offer(provider, payload);
            assertThat(small.pendingManifests()).isLessThanOrEqualTo(3);
            assertThat(small.pendingBytes()).isBetween(0L, 100L);
            var d = decoder.decode(r);
            if (!ordinary) {
                assertThat(d.eventName()).contains("ManifestData");
            }
            assertThat(d.errors()).noneMatch(err -> err.field().equals("<decoder>"));
        }
        assertThat(schemas.problems()).isNotNull();
        // The in-trace manifests' memory budget: what the source learned and holds is the parser's budget of the
        // input at most (the manifests and pending chunks are all from it).
        assertThat(RetainedBytes.of(schemas) - empty).isLessThanOrEqualTo(
                ManifestParser.HEAP_PER_BYTE * (long) input.length + ManifestParser.HEAP_CONSTANT);
    }
}
