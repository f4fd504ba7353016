package io.etw4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.etl.EtlReaderStatistics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged copy (0x48 garbage bytes in the middle, over a buffer header or inside a buffer) and a truncated copy of
 * a shared capture: the records view gives the rows of the intact buffers (exactly those the lenient {@link EtlFile}
 * read gives, split or not), and the files view reports the damage as the library counts it.
 */
class DamagedFileTest {

    @TempDir
    Path tmp;

    @Test
    void aDamagedFileGivesTheRowsOfItsIntactBuffersAndReportsTheDamage() throws Exception {
        byte[] bytes = Files.readAllBytes(RecordsViewTest.capture("net.4.5.2.x64.etl"));
        int at = bytes.length / 2;
        Arrays.fill(bytes, at, at + 0x48, (byte) 0xA5);
        Path damaged = Files.write(tmp.resolve("damaged.etl"), bytes);
        Path truncated = Files.write(tmp.resolve("truncated.etl"), Arrays.copyOf(bytes, bytes.length * 3 / 4 + 17));

        int intact = RecordsViewTest.expected(RecordsViewTest.capture("net.4.5.2.x64.etl")).size();
        for (Path file : List.of(damaged, truncated)) {
            List<String> expected = RecordsViewTest.expected(file);
            EtlFile lib = EtlFile.open(file);
            lib.records().then().block();
            EtlReaderStatistics s = lib.statistics();

            assertThat(RecordsViewTest.viaSpark(file, 256 * 1024)).isEqualTo(expected);
            assertThat(RecordsViewTest.viaSpark(file, Long.MAX_VALUE)).isEqualTo(expected);
            assertThat(expected.size()).isLessThan(intact).isGreaterThan(intact / 2);

            Row r = LocalSpark.session().read().format("etw4j").option("view", "files").load(file.toString())
                    .collectAsList().get(0);
            assertThat((Boolean) r.getAs("damaged")).isTrue();
            assertThat((Long) r.getAs("records")).isEqualTo(s.records());
            assertThat((Long) r.getAs("buffers_skipped")).isEqualTo(s.buffersSkipped());
            assertThat((Long) r.getAs("bytes_skipped")).isEqualTo(s.bytesSkipped());
            assertThat(r.getList(r.fieldIndex("lost_ranges"))).hasSize(s.lostRanges().size());
            assertThat((Boolean) r.getAs("truncated")).isEqualTo(s.truncated());
            assertThat((String) r.getAs("error")).isNull();
        }
        Row t = LocalSpark.session().read().format("etw4j").option("view", "files").load(truncated.toString())
                .collectAsList().get(0);
        assertThat((Boolean) t.getAs("truncated")).isTrue();
    }

    @Test
    void anIntactFileIsNotDamagedAndAFileWithoutHeaderSaysWhy() throws Exception {
        Path bad = Files.write(tmp.resolve("empty.etl"), new byte[0]);
        Path good = RecordsViewTest.capture("powershell.etl");
        List<Row> rows = LocalSpark.session().read().format("etw4j").option("view", "files")
                .load(bad.toString(), good.toString()).orderBy("file").collectAsList();

        assertThat(rows).hasSize(2);
        Row empty = rows.get(0).getAs("file").toString().endsWith("empty.etl") ? rows.get(0) : rows.get(1);
        Row ps = empty == rows.get(0) ? rows.get(1) : rows.get(0);
        assertThat((String) empty.getAs("error")).isNotNull();
        assertThat((Boolean) empty.getAs("damaged")).isTrue();
        assertThat((Boolean) ps.getAs("damaged")).isFalse();
        assertThat((Long) ps.getAs("records")).isEqualTo(RecordsViewTest.expected(good).size());
    }
}
