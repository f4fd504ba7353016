package io.etw4j.spark.internal;

import io.etw4j.core.etl.EtlReaderStatistics;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/**
 * The reader's statistics as Spark custom metrics (summed over the tasks of a scan, shown in the SQL tab of the
 * Spark UI): buffers read, skipped (damaged) and filtered out (not loaded: flushed before the time filter), records
 * skipped, bytes lost. The per-file figures are the {@code files} view.
 */
public final class ReaderMetrics {

    private ReaderMetrics() {
    }

    static final String BUFFERS_READ = "etw4jBuffersRead";
    static final String BUFFERS_SKIPPED = "etw4jBuffersSkipped";
    static final String RECORDS_SKIPPED = "etw4jRecordsSkipped";
    static final String BYTES_SKIPPED = "etw4jBytesSkipped";
    static final String BUFFERS_FILTERED_OUT = "etw4jBuffersFilteredOut";

    /** The sum metric of buffers read. */
    public static final class BuffersRead extends CustomSumMetric {
        @Override
        public String name() {
            return BUFFERS_READ;
        }

        @Override
        public String description() {
            return "etw4j buffers read";
        }
    }

    /** The sum metric of buffers skipped (damaged). */
    public static final class BuffersSkipped extends CustomSumMetric {
        @Override
        public String name() {
            return BUFFERS_SKIPPED;
        }

        @Override
        public String description() {
            return "etw4j buffers skipped";
        }
    }

    /** The sum metric of records skipped. */
    public static final class RecordsSkipped extends CustomSumMetric {
        @Override
        public String name() {
            return RECORDS_SKIPPED;
        }

        @Override
        public String description() {
            return "etw4j records skipped";
        }
    }

    /** The sum metric of file bytes skipped. */
    public static final class BytesSkipped extends CustomSumMetric {
        @Override
        public String name() {
            return BYTES_SKIPPED;
        }

        @Override
        public String description() {
            return "etw4j bytes skipped";
        }
    }

    /** The sum metric of buffers not loaded because the time filter excludes them (not damage). */
    public static final class BuffersFilteredOut extends CustomSumMetric {
        @Override
        public String name() {
            return BUFFERS_FILTERED_OUT;
        }

        @Override
        public String description() {
            return "etw4j buffers filtered out";
        }
    }

    static CustomMetric[] supported() {
        return new CustomMetric[] {new BuffersRead(), new BuffersSkipped(), new RecordsSkipped(), new BytesSkipped(),
            new BuffersFilteredOut()};
    }

    static CustomTaskMetric[] of(EtlReaderStatistics s) {
        return new CustomTaskMetric[] {task(BUFFERS_READ, s.buffersRead()), task(BUFFERS_SKIPPED, s.buffersSkipped()),
            task(RECORDS_SKIPPED, s.recordsSkipped()), task(BYTES_SKIPPED, s.bytesSkipped()),
            task(BUFFERS_FILTERED_OUT, s.buffersFilteredOut())};
    }

    private static CustomTaskMetric task(String name, long value) {
        return new CustomTaskMetric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long value() {
                return value;
            }
        };
    }
}
