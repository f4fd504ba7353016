package io.etw4j.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The tests' Spark: one local session per test JVM (local[2], no UI, two shuffle partitions, bound to 127.0.0.1), so
 * the suite starts Spark once. Spark's own stop hook ends it with the JVM.
 */
final class LocalSpark {

    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = builder("local[2]").getOrCreate();
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }

    static SparkSession.Builder builder(String master) {
        return SparkSession.builder().master(master).appName("etw4j-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.adaptive.enabled", "false")
                .config("spark.sql.datetime.java8API.enabled", "true");
    }

    /** The shared captures folder ({@code ../shared/etl} beside the checkout), or null. */
    static Path sharedEtl() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("shared").resolve("etl");
            if (Files.isDirectory(p)) {
                return p;
            }
            Path q = d.resolve("..").resolve("shared").resolve("etl").normalize();
            if (Files.isDirectory(q)) {
                return q;
            }
        }
        return null;
    }
}
