package io.etw4j.spark.internal;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.StructType;

/**
 * The batch scan: records and decoded views split each file into ranges of {@code splitBytes} file bytes (a buffer
 * belongs to the range its header starts in); scm and files views read one partition per file, because the SCM
 * correlation state is per file and boot and the statistics are per file. Immutable.
 */
final class EtwScan implements Scan, Batch {

    private final ReadSettings settings;
    private final List<String> files;
    private final StructType required;
    private final RecordFilter filter;

    EtwScan(ReadSettings settings, List<String> files, StructType required, RecordFilter filter) {
        this.settings = settings;
        this.files = files;
        this.required = required;
        this.filter = filter;
    }

    @Override
    public StructType readSchema() {
        return required;
    }

    @Override
    public String description() {
        return "etw4j " + settings.view() + " of " + files.size() + " file(s)" + (filter.isEmpty() ? "" : ", " + filter);
    }

    @Override
    public Batch toBatch() {
        return this;
    }

    @Override
    public InputPartition[] planInputPartitions() {
        List<InputPartition> out = new ArrayList<>();
        boolean split = settings.view().equals("records") || settings.view().equals("decoded");
        for (String f : files) {
            long size = new File(f).length();
            if (!split || size <= settings.splitBytes()) {
                out.add(new EtwInputPartition(f, 0, Long.MAX_VALUE));
                continue;
            }
            for (long from = 0; from < size; from += settings.splitBytes()) {
                long to = from + settings.splitBytes() >= size ? Long.MAX_VALUE : from + settings.splitBytes();
                out.add(new EtwInputPartition(f, from, to));
            }
        }
        return out.toArray(new InputPartition[0]);
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        return new EtwReaderFactory(settings, required, filter);
    }

    @Override
    public CustomMetric[] supportedCustomMetrics() {
        return ReaderMetrics.supported();
    }
}
