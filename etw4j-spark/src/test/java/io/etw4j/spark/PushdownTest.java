package io.etw4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Column pruning and the time and provider filters: the scan reads only the columns a query selects, the filters
 * are pushed (the scan's description names them) and the results equal the same filter applied to {@link EtlFile}'s
 * records in Java, for inclusive and exclusive bounds.
 */
class PushdownTest {

    private static Dataset<Row> records(Path file) {
        return LocalSpark.session().read().format("etw4j").option("splitBytes", 512 * 1024).load(file.toString());
    }

    @Test
    void onlyTheSelectedColumnsAreRead() {
        Dataset<Row> df = records(RecordsViewTest.capture("powershell.etl")).select("time", "event_id");
        String plan = df.queryExecution().executedPlan().toString();

        assertThat(plan).contains("etw4j").doesNotContain("payload").doesNotContain("extended_data");
        assertThat(df.collectAsList()).hasSize(RecordsViewTest.expected(RecordsViewTest.capture("powershell.etl"))
                .size());
    }

    @Test
    void timeAndProviderFiltersGiveTheRowsOfTheSameFilterInJava() {
        Path file = RecordsViewTest.capture("net.4.5.2.x64.etl");
        List<EventRecord> all = EtlFile.open(file).records().collectList().block();
        EventRecord mid = all.get(all.size() / 2);
        Instant from = mid.timestamp();
        Instant to = all.get(all.size() * 3 / 4).timestamp();
        UUID provider = mid.providerId();
        List<Long> expected = new ArrayList<>();
        for (EventRecord r : all) {
            long t = RecordsViewTest.micros(r.timestamp());
            if (t >= RecordsViewTest.micros(from) && t < RecordsViewTest.micros(to) && r.providerId().equals(provider)) {
                expected.add(r.rawTimestamp());
            }
        }

        Dataset<Row> df = records(file).where("time >= timestamp_micros(" + RecordsViewTest.micros(from)
                + ") and time < timestamp_micros(" + RecordsViewTest.micros(to) + ") and provider_id = '" + provider
                + "'").select("raw_timestamp");
        List<Long> got = new ArrayList<>();
        for (Row r : df.collectAsList()) {
            got.add(r.getLong(0));
        }

        assertThat(expected).isNotEmpty();
        assertThat(got).isEqualTo(expected);
        assertThat(df.queryExecution().executedPlan().toString()).contains("RecordFilter[time");
    }

    @Test
    void aProviderSpelledOtherwiseIsLeftToSparkAndMatchesNothing() {
        Path file = RecordsViewTest.capture("powershell.etl");
        EventRecord any = EtlFile.open(file).records().skip(1).blockFirst();
        String upper = any.providerId().toString().toUpperCase(java.util.Locale.ROOT);

        assertThat(records(file).where("provider_id = '" + upper + "'").count()).isZero();
        assertThat(records(file).where("provider_id in ('" + any.providerId() + "')").count()).isPositive();
    }
}
