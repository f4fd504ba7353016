package io.etw4j.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.etw4j.core.etl.EtlFile;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventDecoder;
import io.etw4j.json.schema.SharedSchemas;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link JsonLinesWriter#decodeCounts()} counts what {@code decoder.decode(record)} would have said for every record
 * it decoded, whichever path wrote the line (bytes from a flat payload, the generator, a {@code DecodedEvent}), on
 * every shared capture, in every format, over a stream (scan) and a {@code PrintWriter} (records).
 */
class DecodeCountsTest {
    private static final List<String> CAPTURES = List.of("AMSITrace.etl", "lxcore_kernel.etl", "powershell.etl",
            "ShutdownPerfDiagLogger.etl", "net.4.5.2.x64.etl");

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (String capture : CAPTURES) {
            for (JsonFormat format : JsonFormat.values()) {
                list.add(Arguments.of(capture, format, true));
                list.add(Arguments.of(capture, format, false));
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} {1} bytes={2}")
    @MethodSource("cases")
    void theWriterCountsWhatDecodeWouldSay(String capture, JsonFormat format, boolean bytes) {
        Optional<Path> p = SharedSchemas.etl(capture);
        assumeTrue(p.isPresent(), "shared/etl/" + capture + " is not beside the checkout");
        EtlFile etl = EtlFile.open(p.get());

        EventDecoder reference = MappingsMatchPublishedSchemasTest.decoder();
        long[] expected = new long[5];
        DecodedEvent[] firstWithErrors = new DecodedEvent[1];
        etl.records().doOnNext(r -> {
            DecodedEvent d = reference.decode(r);
            if (!d.isDecoded()) {
                expected[1]++;
                return;
            }
            expected[0]++;
            if (!d.errors().isEmpty() && expected[2]++ == 0) {
                firstWithErrors[0] = d;
            }
            if (d.trailingBytes() > 0) {
                expected[3]++;
            }
            if (d.isEarlierVersionSchema()) {
                expected[4]++;
            }
        }).blockLast();

        JsonLinesWriter w;
        if (bytes) {
            OutputStream out = new ByteArrayOutputStream();
            w = JsonLinesWriter.builder(out, format).logfileHeader(etl.header())
                    .decoder(MappingsMatchPublishedSchemasTest.decoder()).build();
            etl.scan(w::write);
        } else {
            w = JsonLinesWriter.builder(new PrintWriter(new StringWriter()), format).logfileHeader(etl.header())
                    .decoder(MappingsMatchPublishedSchemasTest.decoder()).build();
            etl.records().doOnNext(w::write).blockLast();
        }
        DecodeCounts c = w.decodeCounts();
        assertThat(c.decoded() + c.withoutSchema()).as("every line counted once").isEqualTo(w.written());
        assertThat(new long[] {c.decoded(), c.withoutSchema(), c.withFieldErrors(), c.withTrailingBytes(),
                c.withEarlierVersion()}).as("decoded, without schema, field errors, trailing, earlier version")
                .containsExactly(expected);
        assertThat(c.firstWithFieldErrors().map(d -> d.record().rawTimestamp() + "/" + d.errors()))
                .isEqualTo(Optional.ofNullable(firstWithErrors[0])
                        .map(d -> d.record().rawTimestamp() + "/" + d.errors()));
    }

    @org.junit.jupiter.api.Test
    void aWriterWithoutDecoderCountsNothing() {
        JsonLinesWriter w = JsonLinesWriter.nativeLines(new ByteArrayOutputStream()).build();
        assertThat(w.decodeCounts()).isEqualTo(new DecodeCounts(0, 0, 0, 0, 0, Optional.empty()));
    }
}
