package io.etw4j.spark.internal;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.types.StructType;

/** Makes the reader of each partition on the executors. Immutable, serializable. */
final class EtwReaderFactory implements PartitionReaderFactory {

    private static final long serialVersionUID = 1L;

    private final ReadSettings settings;
    private final StructType required;
    private final RecordFilter filter;

    EtwReaderFactory(ReadSettings settings, StructType required, RecordFilter filter) {
        this.settings = settings;
        this.required = required;
        this.filter = filter;
    }

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
        EtwInputPartition p = (EtwInputPartition) partition;
        switch (settings.view()) {
            case "scm":
                return new ScmRowReader(p, settings, required);
            case "files":
                return new FileStatisticsReader(p, settings, required);
            default:
                return new RecordRowReader(p, settings, required, filter);
        }
    }
}
