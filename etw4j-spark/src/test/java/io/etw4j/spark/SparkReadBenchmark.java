package io.etw4j.spark;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.sum;

import io.etw4j.core.EventRecord;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.testing.SyntheticEtl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A plain benchmark (not a test, not JMH): one large synthetic .etl file (64 KiB buffers of EVENT_HEADER records
 * with 64-byte payloads, four processors) read by the records view with local[1] and with local[2] (the speed-up
 * ratio), and by {@link EtlFile} alone on one thread (rows/s). Each figure is the best of a few runs after a warm-up
 * run. It runs only when asked, in surefire's JVM (which has Spark's JVM options), and asserts nothing; README
 * "Spark" has the figures and the command:
 * {@code ./mvnw -B -ntp -o -q -pl etw4j-spark -am test -Dtest=SparkReadBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Detw4j.spark.bench="64 3"} (file size in MiB, timed runs).
 */
public final class SparkReadBenchmark {

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "etw4j.spark.bench", matches = ".*")
    void measure() throws Exception {
        main(System.getProperty("etw4j.spark.bench").trim().split("\\s+"));
    }

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 && !args[0].isEmpty() ? Integer.parseInt(args[0]) : 96;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path file = Files.createTempFile("etw4j-spark-bench", ".etl");
        try {
            write(file, mib);
            long size = Files.size(file);
            long libRows = 0;
            double lib = Double.MAX_VALUE;
            for (int i = 0; i <= runs; i++) {
                long t0 = System.nanoTime();
                long n = 0;
                long bytes = 0;
                for (EventRecord r : EtlFile.open(file).records().toIterable(1024)) {
                    n++;
                    bytes += r.payload().length;
                }
                double s = (System.nanoTime() - t0) / 1e9;
                if (i > 0) {
                    lib = Math.min(lib, s);
                }
                libRows = n + (bytes < 0 ? 1 : 0);
            }
            double one = spark("local[1]", file, runs);
            double two = spark("local[2]", file, runs);
            System.out.printf("file: %.1f MiB, %d records; cores: %d%n", size / 1048576.0, libRows,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("EtlFile alone (1 thread):  %.2f s, %.0f records/s%n", lib, libRows / lib);
            System.out.printf("Spark local[1]:            %.2f s, %.0f rows/s%n", one, libRows / one);
            System.out.printf("Spark local[2]:            %.2f s, %.0f rows/s%n", two, libRows / two);
            System.out.printf("speed-up local[2] / local[1]: %.2fx%n", one / two);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static double spark(String master, Path file, int runs) {
        SparkSession spark = LocalSpark.builder(master).getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            double best = Double.MAX_VALUE;
            for (int i = 0; i <= runs; i++) {
                long t0 = System.nanoTime();
                Row r = spark.read().format("etw4j").option("splitBytes", 8L << 20).load(file.toString())
                        .select("time", "pid", "event_id", "payload")
                        .agg(count("time"), sum(length(org.apache.spark.sql.functions.col("payload")))).first();
                double s = (System.nanoTime() - t0) / 1e9;
                if (r.getLong(0) <= 0) {
                    throw new IllegalStateException("no rows");
                }
                if (i > 0) {
                    best = Math.min(best, s);
                }
            }
            return best;
        } finally {
            spark.stop();
        }
    }

    private static void write(Path file, int mib) throws Exception {
        UUID provider = UUID.fromString("22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716");
        byte[] payload = new byte[64];
        Arrays.fill(payload, (byte) 0x5a);
        // each record: EVENT_HEADER 0x50 + 64 bytes = 144 bytes; 64 KiB buffers hold about 450 each
        int perBuffer = 440;
        long records = (long) mib * 1024 * 1024 / (64 * 1024) * perBuffer;
        SyntheticEtl etl = new SyntheticEtl().bufferSize(64 * 1024).numberOfProcessors(4).loggerName("bench");
        for (long i = 0; i < records; i++) {
            if (i % perBuffer == 0) {
                etl.newBuffer((int) (i / perBuffer % 4));
            }
            int id = (int) (i % 50);
            etl.event(e -> e.provider(provider).id(id).processId(4000 + id).threadId(5000 + id).payload(payload));
        }
        etl.writeTo(file);
    }
}
