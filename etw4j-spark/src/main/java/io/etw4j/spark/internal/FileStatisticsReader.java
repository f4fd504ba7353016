package io.etw4j.spark.internal;

import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.etl.EtlLostRange;
import io.etw4j.core.etl.EtlReadOptions;
import io.etw4j.core.etl.EtlReaderStatistics;
import io.etw4j.core.etl.LogfileHeader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the files view of one file: the file is read whole (lenient, file order) and its {@link EtlReaderStatistics}
 * become one row. A file without a readable logfile header gives a row with {@code error} set and zero counts. Used
 * by one task thread.
 */
final class FileStatisticsReader implements PartitionReader<InternalRow> {

    private final EtwInputPartition partition;
    private final String[] columns;
    private final String host;
    private boolean done;
    private InternalRow current;

    FileStatisticsReader(EtwInputPartition partition, ReadSettings settings, StructType required) {
        this.partition = partition;
        this.columns = required.fieldNames();
        this.host = Rows.host(partition.file(), settings);
    }

    @Override
    public boolean next() {
        if (done) {
            return false;
        }
        done = true;
        LogfileHeader h = null;
        EtlReaderStatistics s = EtlReaderStatistics.EMPTY;
        String error = null;
        try {
            // one task per core already: no decompressing thread of its own (as RecordRowReader)
            EtlFile f = EtlFile.open(Path.of(partition.file()), EtlReadOptions.defaults().withDecompressAhead(false));
            h = f.header();
            f.records().then().block();
            s = f.statistics();
        } catch (RuntimeException e) {
            error = e.getMessage();
        }
        current = row(h, s, error);
        return true;
    }

    private InternalRow row(LogfileHeader h, EtlReaderStatistics s, String error) {
        Object[] v = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            switch (columns[i]) {
                case "file" -> v[i] = Rows.str(partition.file());
                case "host" -> v[i] = Rows.str(host);
                case "logger" -> v[i] = h == null ? null : Rows.str(h.loggerName());
                case "start_time" -> v[i] = h == null || h.startTime() == null ? null : Rows.micros(h.startTime());
                case "buffers_expected" -> v[i] = s.buffersExpected();
                case "buffers_found" -> v[i] = s.buffersFound();
                case "buffers_read" -> v[i] = s.buffersRead();
                case "buffers_skipped" -> v[i] = s.buffersSkipped();
                case "records" -> v[i] = s.records();
                case "records_skipped" -> v[i] = s.recordsSkipped();
                case "bytes_skipped" -> v[i] = s.bytesSkipped();
                case "lost_ranges" -> v[i] = lost(s.lostRanges());
                case "truncated" -> v[i] = s.truncated();
                case "damaged" -> v[i] = s.damaged() || error != null;
                case "errors" -> v[i] = errors(s.errors());
                case "error" -> v[i] = Rows.str(error);
                default -> throw new IllegalStateException("unknown column " + columns[i]);
            }
        }
        return new GenericInternalRow(v);
    }

    private static GenericArrayData lost(List<EtlLostRange> ranges) {
        Object[] out = new Object[ranges.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new GenericInternalRow(new Object[] {ranges.get(i).start(), ranges.get(i).end()});
        }
        return new GenericArrayData(out);
    }

    private static ArrayBasedMapData errors(Map<?, Long> errors) {
        Object[] k = new Object[errors.size()];
        Object[] v = new Object[errors.size()];
        int i = 0;
        for (Map.Entry<?, Long> e : errors.entrySet()) {
            k[i] = Rows.str(e.getKey().toString());
            v[i] = e.getValue();
            i++;
        }
        return new ArrayBasedMapData(new GenericArrayData(k), new GenericArrayData(v));
    }

    @Override
    public InternalRow get() {
        return current;
    }

    @Override
    public void close() {
        // nothing held between rows: the read is over when next() returns
    }
}
