package io.etw4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.testing.SyntheticEtl;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The lower end of a time filter skips, per partition, the buffers flushed before it (their header's TimeStamp): the
 * scan's {@code etw4jBuffersFilteredOut} metric counts them, and the rows equal an unfiltered {@link EtlFile} read
 * filtered in Java, in split and unsplit reads and on a wrapped circular file whose buffer times are out of order.
 */
class BufferSkippingTest {

    private static final int BUFFER = 0x1000;

    /** 40 buffers after the header buffer, alternating processors; buffer b's records lie at b * 1000 + 100..300. */
    private static Path sequential(Path dir) {
        SyntheticEtl etl = new SyntheticEtl().bufferSize(BUFFER).numberOfProcessors(2);
        long t0 = etl.startQpc();
        for (int b = 1; b <= 40; b++) {
            etl.newBuffer(b % 2);
            for (int d = 100; d <= 300; d += 100) {
                long t = t0 + b * 1000L + d;
                int id = b;
                etl.event(e -> e.id(id).timestamp(t));
            }
        }
        return etl.writeTo(dir.resolve("sequential.etl"));
    }

    /** A wrapped ring: slots hold buffers written 6, 7, 2, 3, 4, 5, so the newest come first in the file. */
    private static Path circular(Path dir) {
        SyntheticEtl etl = new SyntheticEtl().bufferSize(BUFFER).logFileMode(0x2).numberOfProcessors(2);
        long t0 = etl.startQpc();
        for (int k : new int[] {6, 7, 2, 3, 4, 5}) {
            etl.newBuffer(k % 2);
            for (int d : new int[] {10, 40, 70}) {
                int t = k * 100 + d;
                etl.event(e -> e.id(t).timestamp(t0 + t));
            }
        }
        return etl.writeTo(dir.resolve("circular.etl"));
    }

    private static Instant qpcInstant(EtlFile f, long raw) {
        return f.header().startTime().plusNanos((raw - f.header().headerTimestamp()) * 100); // PerfFreq 10 MHz
    }

    /** The raw timestamps of {@code file}'s records at or after {@code from}, in file order. */
    private static List<Long> expected(Path file, Instant from) {
        List<Long> out = new ArrayList<>();
        for (EventRecord r : EtlFile.open(file).records().toIterable()) {
            if (RecordsViewTest.micros(r.timestamp()) >= RecordsViewTest.micros(from)) {
                out.add(r.rawTimestamp());
            }
        }
        return out;
    }

    private static Dataset<Row> from(Path file, Instant from, long split) {
        return LocalSpark.session().read().format("etw4j").option("splitBytes", split).load(file.toString())
                .where("time >= timestamp_micros(" + RecordsViewTest.micros(from) + ")").select("raw_timestamp");
    }

    private static List<Long> raw(Dataset<Row> df) {
        List<Long> out = new ArrayList<>();
        for (Row r : df.collectAsList()) {
            out.add(r.getLong(0));
        }
        return out;
    }

    /** The sum over the scan's tasks of custom metric {@code name}, read from the plan that ran. */
    private static long metric(Dataset<Row> df, String name) {
        SparkPlan plan = df.queryExecution().executedPlan();
        long sum = 0;
        boolean found = false;
        for (SparkPlan leaf : CollectionConverters.asJava(plan.collectLeaves())) {
            Option<SQLMetric> m = leaf.metrics().get(name);
            if (m.isDefined()) {
                sum += m.get().value();
                found = true;
            }
        }
        assertThat(found).as("metric %s in %s", name, plan).isTrue();
        return sum;
    }

    @Test
    void aTimeFilterSkipsTheBuffersFlushedBeforeIt(@TempDir Path dir) {
        Path file = sequential(dir);
        EtlFile f = EtlFile.open(file);
        Instant bound = qpcInstant(f, f.header().headerTimestamp() + 25_200); // inside buffer 25
        List<Long> want = expected(file, bound);
        assertThat(want).hasSize(2 + 15 * 3);
        for (long split : new long[] {Long.MAX_VALUE, 5L * BUFFER}) {
            Dataset<Row> df = from(file, bound, split);
            assertThat(raw(df)).as("split %d", split).isEqualTo(want);
            // buffers 1-24 were flushed (at b * 1000 + 300) before the bound; buffer 0, the header's, is always read
            assertThat(metric(df, "etw4jBuffersFilteredOut")).isEqualTo(24);
            assertThat(metric(df, "etw4jBuffersRead")).isEqualTo(41 - 24);
            assertThat(metric(df, "etw4jBuffersSkipped")).isZero();
        }
    }

    @Test
    void anUpperBoundAloneSkipsNothing(@TempDir Path dir) {
        Path file = sequential(dir);
        EtlFile f = EtlFile.open(file);
        Instant to = qpcInstant(f, f.header().headerTimestamp() + 5_000);
        Dataset<Row> df = LocalSpark.session().read().format("etw4j").load(file.toString())
                .where("time < timestamp_micros(" + RecordsViewTest.micros(to) + ")").select("event_id");
        assertThat(df.collectAsList()).hasSize(1 + 4 * 3); // the header record and buffers 1-4
        assertThat(metric(df, "etw4jBuffersFilteredOut")).isZero();
        assertThat(metric(df, "etw4jBuffersRead")).isEqualTo(41);
    }

    @Test
    void aWrappedCircularFileStaysCorrect(@TempDir Path dir) {
        Path file = circular(dir);
        EtlFile f = EtlFile.open(file);
        Instant bound = qpcInstant(f, f.header().headerTimestamp() + 440);
        List<Long> want = expected(file, bound);
        assertThat(want).hasSize(11);
        for (long split : new long[] {Long.MAX_VALUE, 2L * BUFFER}) {
            Dataset<Row> df = from(file, bound, split);
            assertThat(raw(df)).as("split %d", split).isEqualTo(want);
            assertThat(metric(df, "etw4jBuffersFilteredOut")).isEqualTo(2); // written 2 and 3, in the middle
        }
    }
}
