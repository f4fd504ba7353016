package io.etw4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The records view on the shared captures equals {@link EtlFile#records()} record by record (file order, every
 * column compared), read whole and split into partitions of 64 KiB of file (so a buffer range per partition; the
 * compressed capture's buffers are of varying size on disk and fall across split points).
 */
class RecordsViewTest {

    static Path capture(String name) {
        Path dir = LocalSpark.sharedEtl();
        Assumptions.assumeTrue(dir != null, "shared/etl not found (CI places ../shared beside the checkout)");
        return dir.resolve(name);
    }

    static String key(EventRecord r) {
        return r.headerKind() + "|" + micros(r.timestamp()) + "|" + r.rawTimestamp() + "|" + r.processId() + "|"
                + r.threadId() + "|" + r.processorNumber() + "|" + r.providerId() + "|" + r.descriptor().id() + "|"
                + r.descriptor().version() + "|" + r.descriptor().channel() + "|" + r.descriptor().level() + "|"
                + r.descriptor().opcode() + "|" + r.descriptor().task() + "|" + r.descriptor().keyword() + "|"
                + r.flags() + "|" + r.activityId() + "|" + HexFormat.of().formatHex(r.payload()) + "|"
                + r.extendedData().size();
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    static String key(Row r) {
        Instant t = r.getAs("time");
        return r.getAs("header_kind") + "|" + micros(t) + "|" + r.getAs("raw_timestamp") + "|" + r.getAs("pid") + "|"
                + r.getAs("tid") + "|" + r.getAs("cpu") + "|" + r.getAs("provider_id") + "|" + r.getAs("event_id") + "|"
                + r.getAs("version") + "|" + r.getAs("channel") + "|" + r.getAs("level") + "|" + r.getAs("opcode") + "|"
                + r.getAs("task") + "|" + r.getAs("keyword") + "|" + r.getAs("flags") + "|" + r.getAs("activity_id")
                + "|" + HexFormat.of().formatHex((byte[]) r.getAs("payload")) + "|"
                + r.getList(r.fieldIndex("extended_data")).size();
    }

    static List<String> expected(Path file) {
        List<String> out = new ArrayList<>();
        for (EventRecord r : EtlFile.open(file).records().toIterable()) {
            out.add(key(r));
        }
        return out;
    }

    static List<String> viaSpark(Path file, long splitBytes) {
        Dataset<Row> df = LocalSpark.session().read().format("etw4j").option("view", "records")
                .option("splitBytes", splitBytes).load(file.toString());
        List<String> out = new ArrayList<>();
        for (Row r : df.collectAsList()) {
            out.add(key(r));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"lxcore_kernel.etl", "powershell.etl", "AMSITrace.etl", "net.4.5.2.x64.etl",
        "ShutdownPerfDiagLogger.etl"})
    void rowsEqualTheLibrarysRecordsWholeAndSplit(String name) {
        Path file = capture(name);
        List<String> expected = expected(file);

        List<String> whole = viaSpark(file, Long.MAX_VALUE);
        List<String> split = viaSpark(file, 64 * 1024);

        assertThat(whole).hasSize(expected.size()).isEqualTo(expected);
        assertThat(split).isEqualTo(expected);
        if (name.equals("net.4.5.2.x64.etl")) {
            // TraceEvent counts 41,386 events (../shared/etl/README.md); ours has the logfile header record too
            assertThat(expected).hasSizeGreaterThan(41_000);
        }
    }
}
