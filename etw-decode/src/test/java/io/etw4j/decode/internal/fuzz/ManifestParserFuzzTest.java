package io.etw4j.decode.internal.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.ManifestException;
import io.etw4j.decode.ManifestSchemas;
import io.etw4j.decode.SchemaOrigin;
import io.etw4j.decode.internal.manifest.ManifestContent;
import io.etw4j.decode.internal.manifest.ManifestEvent;
import io.etw4j.decode.internal.manifest.ManifestParser;
import io.etw4j.decode.internal.manifest.ManifestProvider;
import io.etw4j.decode.testing.RetainedBytes;
import java.time.Instant;
import java.util.Arrays;

/**
 * Fuzz target for the manifest parser ({@link ManifestParser}) and {@link ManifestSchemas}: any bytes as a manifest.
 *
 * <p>Contract checked: parsing gives {@link ManifestContent} or a {@link ManifestException}, never another exception
 * (ManifestParser and ManifestSchemas javadoc); the content retains at most {@link ManifestParser#HEAP_PER_BYTE} bytes
 * of heap per input byte plus {@link ManifestParser#HEAP_CONSTANT}; every event read has an id 0..65535 and version 0..255 and its schema
 * names the provider; loading the same bytes into {@link ManifestSchemas} gives the same events; and each schema read
 * decodes a record built from the input's last bytes without throwing (EventDecoder: "never throws"). Seeds in
 * {@code src/test/resources/io/etw4j/decode/internal/fuzz/ManifestParserFuzzTestInputs/manifests/}: a small manifest
 * with every element kind, structs, length and count references and maps, and a DOCTYPE with an external entity. Fuzz
 * with {@code ./mvnw -P fuzz -pl etw-decode -am test -Dtest=ManifestParserFuzzTest#manifests}.
 */
class ManifestParserFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void manifests(byte[] input) {
        ManifestContent content;
        try {
            content = ManifestParser.parse(input, "fuzz.man", SchemaOrigin.MANIFEST);
        } catch (ManifestException e) {
            assertThat(e.source()).isEqualTo("fuzz.man");
            return;
        }
        // The parser's memory budget: what a parse retains, by a deterministic object-graph walk.
        assertThat(RetainedBytes.of(content)).isLessThanOrEqualTo(
                ManifestParser.HEAP_PER_BYTE * (long) input.length + ManifestParser.HEAP_CONSTANT);
        int events = 0;
        for (ManifestProvider p : content.providers()) {
            for (ManifestEvent e : p.events()) {
                events++;
                assertThat(e.value()).isBetween(0, 0xFFFF);
                assertThat(e.version()).isBetween(0, 0xFF);
                assertThat(e.schema().providerId()).isEqualTo(p.guid());
                assertThat(e.schema().providerName()).contains(p.name());
            }
        }
        ManifestSchemas schemas;
        try {
            schemas = ManifestSchemas.create().load(input, "fuzz.man");
        } catch (ManifestException e) {
            throw new AssertionError("parsed once, refused the second time", e);
        }
        assertThat(schemas.size()).isLessThanOrEqualTo(events);
        EventDecoder decoder = EventDecoder.builder().add(schemas).build();
        byte[] payload = Arrays.copyOfRange(input, Math.max(0, input.length - 64), input.length);
        for (ManifestProvider p : content.providers()) {
            for (ManifestEvent e : p.events()) {
                for (boolean is64 : new boolean[] {true, false}) {
                    EventRecord r = EventRecord.builder().headerKind(HeaderKind.EVENT).providerId(p.guid())
                            .descriptor(new EventDescriptor(e.value(), e.version(), 0, 4, 0, 0, 0))
                            .flags(is64 ? EventRecord.FLAG_64_BIT_HEADER : EventRecord.FLAG_32_BIT_HEADER)
                            .timestamp(Instant.EPOCH).payload(payload).build();
                    DecodedEvent d = decoder.decode(r);
                    assertThat(d.isDecoded()).isTrue();
                    assertThat(d.errors()).noneMatch(err -> err.field().equals("<decoder>"));
                }
            }
        }
    }
}
