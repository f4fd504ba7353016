package io.etw4j.spark.internal;

import java.nio.file.Path;
import java.time.Instant;
import org.apache.spark.unsafe.types.UTF8String;

/** Conversions of Java values to Spark's internal row values. */
final class Rows {

    private Rows() {
    }

    /** Spark's TimestampType value: microseconds since the epoch, rounded down. */
    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    static UTF8String str(String s) {
        return s == null ? null : UTF8String.fromString(s);
    }

    /** The host column of {@code file}: its folder's name, when so configured. */
    static String host(String file, ReadSettings settings) {
        if (!settings.hostFromParentFolder()) {
            return null;
        }
        Path parent = Path.of(file).getParent();
        return parent == null || parent.getFileName() == null ? null : parent.getFileName().toString();
    }
}
