package io.etw4j.spark.internal;

import io.etw4j.core.EventRecord;
import io.etw4j.core.ExtendedDataItem;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.etl.EtlReadOptions;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.KernelMofSchemas;
import io.etw4j.decode.ManifestSchemas;
import io.etw4j.decode.PropertySchema;
import io.etw4j.decode.TraceLoggingSchemas;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the rows of the records and decoded views of one partition (a buffer range of one file, {@link
 * EtlFile#records(long, long)}), in file order: buffer by buffer, each buffer's records in the order written. Only
 * the required columns are filled (an unselected payload is not copied); records the pushed filter rejects get no
 * row, and buffers flushed before the filter's earliest time are not even loaded ({@link RecordFilter#earliest()}).
 * The decoded view decodes with per-record sources only (TraceLogging metadata, the kernel MOF classes and the
 * manifests of option {@code schemas}), so a split file decodes the same as an unsplit one. Used by one task thread.
 */
final class RecordRowReader implements PartitionReader<InternalRow> {

    private final EtwInputPartition partition;
    private final String[] columns;
    private final RecordFilter filter;
    private final EtlFile file;
    private final Stream<EventRecord> stream;
    private final Iterator<EventRecord> records;
    private final EventDecoder decoder;
    private final String host;
    private InternalRow current;

    RecordRowReader(EtwInputPartition partition, ReadSettings settings, StructType required, RecordFilter filter) {
        this.partition = partition;
        this.columns = required.fieldNames();
        this.filter = filter;
        this.host = Rows.host(partition.file(), settings);
        // Spark already runs one task per core: a decompressing thread per task would only compete with the others.
        this.file = EtlFile.open(Path.of(partition.file()),
                EtlReadOptions.defaults().withSkipBuffersBefore(filter.earliest()).withDecompressAhead(false));
        boolean decode = false;
        for (String c : columns) {
            decode |= c.equals("decoded") || c.equals("event_name") || c.equals("fields") || c.equals("typed_fields")
                    || c.equals("provider_name");
        }
        this.decoder = decode && settings.view().equals("decoded") ? decoder(settings) : null;
        this.stream = file.records(partition.from(), partition.to()).toStream(256);
        this.records = stream.iterator();
    }

    private static EventDecoder decoder(ReadSettings settings) {
        EventDecoder.Builder b = EventDecoder.builder().add(TraceLoggingSchemas.create()).add(KernelMofSchemas.create());
        if (settings.schemas() != null) {
            b.add(ManifestSchemas.create(Path.of(settings.schemas())));
        }
        return b.build();
    }

    @Override
    public boolean next() {
        while (records.hasNext()) {
            EventRecord r = records.next();
            if (filter.accepts(r)) {
                current = row(r);
                return true;
            }
        }
        return false;
    }

    private InternalRow row(EventRecord r) {
        DecodedEvent d = decoder == null ? null : decoder.decode(r);
        Object[] v = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            v[i] = value(columns[i], r, d);
        }
        return new GenericInternalRow(v);
    }

    private Object value(String column, EventRecord r, DecodedEvent d) {
        switch (column) {
            case "file":
                return Rows.str(partition.file());
            case "host":
                return Rows.str(host);
            case "header_kind":
                return Rows.str(r.headerKind().name());
            case "time":
                return Rows.micros(r.timestamp());
            case "raw_timestamp":
                return r.rawTimestamp();
            case "pid":
                return r.processId();
            case "tid":
                return r.threadId();
            case "cpu":
                return r.processorNumber();
            case "provider_id":
                return Rows.str(r.providerId().toString());
            case "provider_name":
                return d == null ? null : Rows.str(d.providerName().orElse(null));
            case "event_id":
                return r.descriptor().id();
            case "version":
                return r.descriptor().version();
            case "channel":
                return r.descriptor().channel();
            case "level":
                return r.descriptor().level();
            case "opcode":
                return r.descriptor().opcode();
            case "task":
                return r.descriptor().task();
            case "keyword":
                return r.descriptor().keyword();
            case "flags":
                return r.flags();
            case "activity_id":
                return Rows.str(r.activityId().toString());
            case "payload":
                return r.payload(); // a copy (EventRecord hands out copies)
            case "extended_data":
                return extended(r.extendedData());
            case "decoded":
                return d != null && d.isDecoded();
            case "event_name":
                return d == null ? null : Rows.str(d.eventName().orElse(null));
            case "fields":
                return d == null || !d.isDecoded() ? null : fields(d.fields());
            case "typed_fields":
                return d == null || !d.isDecoded() ? null : typedFields(d);
            default:
                throw new IllegalStateException("unknown column " + column);
        }
    }

    private static GenericArrayData extended(List<ExtendedDataItem> items) {
        Object[] out = new Object[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new GenericInternalRow(new Object[] {items.get(i).type(), items.get(i).data()});
        }
        return new GenericArrayData(out);
    }

    static ArrayBasedMapData fields(Map<String, ?> fields) {
        Object[] keys = new Object[fields.size()];
        Object[] values = new Object[fields.size()];
        int i = 0;
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            keys[i] = Rows.str(e.getKey());
            values[i] = Rows.str(FieldText.of(e.getValue()));
            i++;
        }
        return new ArrayBasedMapData(new GenericArrayData(keys), new GenericArrayData(values));
    }

    /** The decoded fields as variants ({@link FieldVariant}), each typed by its property in the event's schema. */
    static ArrayBasedMapData typedFields(DecodedEvent d) {
        Map<String, PropertySchema> properties = new HashMap<>();
        d.schema().ifPresent(s -> s.properties().forEach(p -> properties.putIfAbsent(p.name(), p)));
        Object[] keys = new Object[d.fields().size()];
        Object[] values = new Object[keys.length];
        int i = 0;
        for (Map.Entry<String, ?> e : d.fields().entrySet()) {
            keys[i] = Rows.str(e.getKey());
            values[i] = FieldVariant.of(e.getValue(), properties.get(e.getKey()));
            i++;
        }
        return new ArrayBasedMapData(new GenericArrayData(keys), new GenericArrayData(values));
    }

    @Override
    public InternalRow get() {
        return current;
    }

    @Override
    public CustomTaskMetric[] currentMetricsValues() {
        return ReaderMetrics.of(file.statistics());
    }

    @Override
    public void close() {
        stream.close(); // cancels the read, which closes the file
    }
}
