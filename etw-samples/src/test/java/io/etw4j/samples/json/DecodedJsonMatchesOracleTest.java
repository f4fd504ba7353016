package io.etw4j.samples.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EmbeddedEventInfoSchemas;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.EventSourceSchemas;
import io.etw4j.decode.KernelMofSchemas;
import io.etw4j.decode.TraceLoggingSchemas;
import io.etw4j.json.JsonLinesWriter;
import io.etw4j.samples.command.SharedEtl;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code decoded} objects {@code etl-dump --decode} streams (every schema source of {@code --decode}, every shared
 * capture) equal, value for value, those of {@link TreeDecodedJson}, the writer before it formatted times, GUIDs and
 * binary into reused buffers; and they carry {@code schemaVersion} and {@code trailingBytes} (JSON-FORMAT.md).
 */
class DecodedJsonMatchesOracleTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_RECORDS = 60_000;

    static EventDecoder decoder() {
        return EventDecoder.builder().add(TraceLoggingSchemas.create()).add(EmbeddedEventInfoSchemas.create())
                .add(EventSourceSchemas.create()).add(KernelMofSchemas.create()).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"net.4.5.2.x64.etl", "powershell.etl", "lxcore_kernel.etl", "AMSITrace.etl",
        "ShutdownPerfDiagLogger.etl"})
    void decodedObjectsEqualTheOracle(String capture) throws Exception {
        Optional<Path> file = SharedEtl.find(capture);
        assumeTrue(file.isPresent(), () -> SharedEtl.absent(capture));
        List<EventRecord> records = EtlFile.open(file.get()).records().take(MAX_RECORDS).collectList().block();
        EventDecoder decoder = decoder();
        StringWriter streamed = new StringWriter();
        JsonLinesWriter lines = JsonLinesWriter.nativeLines(new PrintWriter(streamed)).build();
        List<DecodedEvent> decoded = new java.util.ArrayList<>();
        for (EventRecord r : records) {
            DecodedEvent d = decoder.decode(r);
            decoded.add(d);
            lines.write(r, d);
        }
        lines.flush();
        String[] out = streamed.toString().split("\n");
        assertThat(out).hasSize(records.size());
        for (int i = 0; i < out.length; i++) {
            JsonNode line = MAPPER.readTree(out[i]);
            // as text: the tree read back from the TokenBuffer holds longs where the parsed line holds ints
            assertThat(line.get("decoded").toString()).as("line %d of %s", i + 1, capture)
                    .isEqualTo(TreeRecordJson.decoded(decoded.get(i)).toString());
        }
    }

    @Test
    void theCapturesHoldTheValueTypesFormattedInBuffers() {
        // Guards the test above: times, GUIDs and binary values are among the values compared.
        boolean[] seen = new boolean[3];
        for (String capture : new String[] {"net.4.5.2.x64.etl", "powershell.etl", "ShutdownPerfDiagLogger.etl"}) {
            Optional<Path> file = SharedEtl.find(capture);
            assumeTrue(file.isPresent(), () -> SharedEtl.absent(capture));
            EventDecoder decoder = decoder();
            EtlFile.open(file.get()).records().take(MAX_RECORDS).map(decoder::decode)
                    .doOnNext(d -> d.fields().values().forEach(v -> mark(v, seen))).blockLast();
        }
        assertThat(seen).as("Instant, UUID, byte[] seen").containsOnly(true);
    }

    private static void mark(Object v, boolean[] seen) {
        if (v instanceof Instant) {
            seen[0] = true;
        } else if (v instanceof UUID) {
            seen[1] = true;
        } else if (v instanceof byte[]) {
            seen[2] = true;
        } else if (v instanceof List<?> l) {
            l.forEach(o -> mark(o, seen));
        } else if (v instanceof java.util.Map<?, ?> m) {
            m.values().forEach(o -> mark(o, seen));
        }
    }

    @Test
    void decodedObjectsCarrySchemaVersionAndTrailingBytes() throws Exception {
        String capture = "net.4.5.2.x64.etl";
        Optional<Path> file = SharedEtl.find(capture);
        assumeTrue(file.isPresent(), () -> SharedEtl.absent(capture));
        EventDecoder decoder = decoder();
        StringWriter streamed = new StringWriter();
        JsonLinesWriter lines = JsonLinesWriter.nativeLines(new PrintWriter(streamed)).decoder(decoder).build();
        EtlFile.open(file.get()).records().take(MAX_RECORDS).doOnNext(lines::write).blockLast();
        lines.flush();
        long decodedLines = 0;
        long withTrailing = 0;
        for (String text : streamed.toString().split("\n")) {
            JsonNode line = MAPPER.readTree(text);
            JsonNode d = line.get("decoded");
            if (d.isNull()) {
                continue;
            }
            decodedLines++;
            assertThat(d.get("schemaVersion").isInt()).as(text).isTrue();
            assertThat(d.get("trailingBytes").isInt()).as(text).isTrue();
            int trailing = d.get("trailingBytes").asInt();
            assertThat(trailing).isBetween(0, line.get("payloadSize").asInt());
            if (trailing > 0) {
                withTrailing++;
            }
            assertThat(d.get("schemaVersion").asInt()).isBetween(0, 255);
        }
        assertThat(decodedLines).isPositive();
        System.out.println(capture + ": " + decodedLines + " decoded lines, " + withTrailing + " with trailing bytes");
    }
}
