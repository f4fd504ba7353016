package io.etw4j.spark.internal;

import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.history.HistoryEvent;
import io.etw4j.scm.history.HistoryScmEvent;
import io.etw4j.scm.history.ScmBoot;
import io.etw4j.scm.history.ScmHistory;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the scm view of one file: {@link ScmHistory} over that file alone (the library's own decoders and
 * correlation, fresh state per file and boot), so one partition is one file and its rows are the file's events in
 * the order ScmHistory emits them (timestamp order within the boot). Each typed event's record components other than
 * the client, evidence, source and timestamp become the {@code fields} map (as text). Used by one task thread.
 */
final class ScmRowReader implements PartitionReader<InternalRow> {

    private static final Set<String> OWN_COLUMNS = Set.of("client", "evidence", "source", "timestamp");

    private final EtwInputPartition partition;
    private final String[] columns;
    private final String host;
    private final Stream<HistoryEvent> stream;
    private final Iterator<HistoryEvent> events;
    private InternalRow current;

    ScmRowReader(EtwInputPartition partition, ReadSettings settings, StructType required) {
        this.partition = partition;
        this.columns = required.fieldNames();
        this.host = Rows.host(partition.file(), settings);
        this.stream = ScmHistory.open(List.of(Path.of(partition.file()))).events().toStream(64);
        this.events = stream.iterator();
    }

    @Override
    public boolean next() {
        while (events.hasNext()) {
            if (events.next() instanceof HistoryScmEvent s) {
                current = row(s.boot(), s.event());
                return true;
            }
        }
        return false;
    }

    private InternalRow row(ScmBoot boot, ScmEvent e) {
        Map<String, Object> fields = components(e);
        ClientProcess c = e.client();
        Object[] v = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            switch (columns[i]) {
                case "file" -> v[i] = Rows.str(partition.file());
                case "host" -> v[i] = Rows.str(host);
                case "boot_time" -> v[i] = boot.bootTime() == null ? null : Rows.micros(boot.bootTime());
                case "session_start" -> v[i] = boot.startTime() == null ? null : Rows.micros(boot.startTime());
                case "type" -> v[i] = Rows.str(e.getClass().getSimpleName());
                case "time" -> v[i] = Rows.micros(e.timestamp());
                case "service_name" -> v[i] = Rows.str(FieldText.of(fields.get("serviceName")));
                case "client_pid" -> v[i] = c.pid();
                case "client_image" -> v[i] = Rows.str(c.imagePath().orElse(null));
                case "client_command_line" -> v[i] = Rows.str(c.commandLine().orElse(null));
                case "client_parent_pid" -> v[i] = c.parentPid().isPresent() ? c.parentPid().getAsInt() : null;
                case "client_resolution" -> v[i] = Rows.str(c.resolution().name());
                case "evidence" -> v[i] = Rows.str(e.evidence().name());
                case "fields" -> v[i] = RecordRowReader.fields(fields);
                case "provider_id" -> v[i] = Rows.str(e.source().providerId().toString());
                case "event_id" -> v[i] = e.source().descriptor().id();
                default -> throw new IllegalStateException("unknown column " + columns[i]);
            }
        }
        return new GenericInternalRow(v);
    }

    /** The event's own record components (not client, evidence, source, timestamp), by name. */
    private static Map<String, Object> components(ScmEvent e) {
        Map<String, Object> out = new LinkedHashMap<>();
        RecordComponent[] rc = e.getClass().getRecordComponents();
        if (rc == null) {
            return out;
        }
        for (RecordComponent c : rc) {
            if (OWN_COLUMNS.contains(c.getName())) {
                continue;
            }
            try {
                out.put(c.getName(), c.getAccessor().invoke(e));
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + e.getClass(), ex);
            }
        }
        return out;
    }

    @Override
    public InternalRow get() {
        return current;
    }

    @Override
    public void close() {
        stream.close();
    }
}
