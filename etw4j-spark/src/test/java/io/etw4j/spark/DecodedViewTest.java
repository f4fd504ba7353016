package io.etw4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.KernelMofSchemas;
import io.etw4j.decode.TraceLoggingSchemas;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decoded view equals {@link EventDecoder} (TraceLogging metadata and the kernel MOF classes, the view's
 * per-record sources) over {@link EtlFile}'s records: whether each record decodes, its event and provider names and
 * its fields as text, read whole and split into 64 KiB ranges.
 */
class DecodedViewTest {

    private static String text(Object v) {
        if (v instanceof byte[] b) {
            return java.util.HexFormat.of().formatHex(b);
        }
        return v == null ? null : String.valueOf(v);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AMSITrace.etl", "ShutdownPerfDiagLogger.etl"})
    void decodedRowsEqualTheLibrarysDecoder(String name) {
        Path file = RecordsViewTest.capture(name);
        EventDecoder decoder = EventDecoder.builder().add(TraceLoggingSchemas.create()).add(KernelMofSchemas.create())
                .build();
        List<String> expected = new ArrayList<>();
        int decodedCount = 0;
        for (EventRecord r : EtlFile.open(file).records().toIterable()) {
            DecodedEvent d = decoder.decode(r);
            Map<String, String> fields = new TreeMap<>();
            d.fields().forEach((k, v) -> fields.put(k, text(v)));
            decodedCount += d.isDecoded() ? 1 : 0;
            expected.add(d.isDecoded() + "|" + d.eventName().orElse(null) + "|" + d.providerName().orElse(null) + "|"
                    + (d.isDecoded() ? fields : null));
        }

        for (long split : new long[] {Long.MAX_VALUE, 64 * 1024}) {
            List<String> got = new ArrayList<>();
            for (Row r : LocalSpark.session().read().format("etw4j").option("view", "decoded")
                    .option("splitBytes", split).load(file.toString())
                    .select("decoded", "event_name", "provider_name", "fields").collectAsList()) {
                Map<String, String> fields = r.isNullAt(3) ? null : new TreeMap<>(r.getJavaMap(3));
                got.add(r.getBoolean(0) + "|" + r.getString(1) + "|" + r.getString(2) + "|" + fields);
            }
            assertThat(got).isEqualTo(expected);
        }
        assertThat(decodedCount).isPositive();
    }
}
