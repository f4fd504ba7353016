package io.etw4j.decode;

import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.decode.internal.KernelMofTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The schema source for the NT kernel logger's records (process, thread, image, disk and file I/O, TCP/UDP, registry,
 * page faults, PerfInfo samples, system configuration, stack walks, the EventTrace header ...): the MOF event classes
 * of {@code MSNT_SystemTrace}, shipped as the table {@code io/etw4j/decode/kernel-mof.tsv}, which etw4j generates
 * from microsoft/perfview's {@code kerneltraceeventparser.mof} (MIT; notice in {@code kernel-mof.NOTICE.txt} and
 * {@code META-INF/NOTICE-kernel-mof.txt}, both in the jar) and from MOF classes etw4j writes for what that file lacks:
 * the later versions Process v3/v4/v5, Thread v3, DiskIo v3, Image v3, SystemConfig CPU/Services v3 and PnP v4,
 * PerfInfo SampledProfileInterval v3, and the SysConfig records xperf's KernelTraceControl adds to merged traces
 * (BuildInfo, SystemPaths, UnknownVolume, VolumeMapping: the map from {@code \Device\HarddiskVolumeN\} to drive
 * letters), each class citing its learn.microsoft.com page or the offsets TraceEvent's KernelTraceEventParser.cs reads.
 *
 * <p><b>Stack walks.</b> A StackWalk/Stack record holds as many frames as were captured, not the MOF's fixed
 * Stack1..Stack32: its schema has EventTimeStamp, StackProcess, StackThread and one array {@code Stack} of pointers
 * that runs to the end of the payload ({@link PropertyCount.Remaining}; inferred from how TraceEvent counts the frames,
 * (payload length - 16) / pointer size).
 *
 * <p><b>Key.</b> A kernel record (any header but EVENT_HEADER and WPP messages: SYSTEM, COMPACT, PERFINFO, the logfile
 * header, or a classic EVENT_TRACE_HEADER from a live session) names its MOF event class by GUID in
 * {@link EventRecord#providerId()}, its event type in the opcode and its class version in the version; the schema is
 * the class with that GUID, version and type. A class the MOF states a version for ({@code EventVersion(n)}) serves
 * exactly that version: a record whose version has no class gets no schema, never the schema of a neighbouring
 * version. A class the MOF gives without {@code EventVersion} is, per "Event Tracing MOF Qualifiers"
 * (learn.microsoft.com), the latest version of that class; when it is the only unversioned class of its GUID
 * (DiskIo, PageFault, StackWalk, EventTrace, ALPC ...) it serves every version of the GUID that has no class of its
 * own (DiskIo version 3 has one), and bytes a newer version adds after its last
 * property are counted as trailing bytes, not a field error ({@link DecodedEvent#trailingBytes()}; inferred rule: the
 * MOF says nothing about later versions).
 *
 * <p><b>Names.</b> Provider name {@value #PROVIDER_NAME} (the MOF's provider class; TraceEvent calls the same provider
 * "Windows Kernel"). Task name: the event class's {@code DisplayName} ("Process", "Thread", "DiskIo", "PageFault" ...).
 * Opcode name: the event type's {@code EventTypeName} ("Start", "DCStart", "HardFault" ...). Event name
 * {@code "Task/Opcode"} ("Process/Start"), the shape of TraceEvent's names; TraceEvent's own task names differ for some
 * classes ("DiskIO", "Memory", "SysConfig").
 *
 * <p>Immutable and thread-safe; {@link #schemaFor} never throws.
 */
public final class KernelMofSchemas implements SchemaSource {
    /** The provider name of every schema: the kernel logger's MOF provider class. */
    public static final String PROVIDER_NAME = "MSNT_SystemTrace";
    /** The class-path resource of the shipped table. */
    public static final String RESOURCE = "/io/etw4j/decode/kernel-mof.tsv";

    private final Map<SchemaKey, EventSchema> versioned;
    private final Map<SchemaKey, EventSchema> anyVersion;

    private KernelMofSchemas(List<KernelMofTable.Entry> entries) {
        Map<SchemaKey, EventSchema> v = new HashMap<>();
        Map<SchemaKey, EventSchema> a = new HashMap<>();
        for (KernelMofTable.Entry e : entries) {
            for (Map.Entry<Integer, String> t : e.types().entrySet()) {
                EventSchema s = new EventSchema(e.classId(), Optional.of(PROVIDER_NAME),
                        Optional.of(e.task() + "/" + t.getValue()), Optional.of(e.task()), Optional.of(t.getValue()),
                        Optional.empty(), List.of(), e.properties(), SchemaOrigin.MOF);
                if (e.version().isPresent()) {
                    v.put(new SchemaKey(e.classId(), t.getKey(), e.version().get()), s);
                } else {
                    a.put(new SchemaKey(e.classId(), t.getKey(), 0), s);
                }
            }
        }
        this.versioned = Map.copyOf(v);
        this.anyVersion = Map.copyOf(a);
    }

    /**
     * {@return the schemas of the shipped table} The table is loaded once; being immutable, the one instance is
     * returned to every caller.
     */
    public static KernelMofSchemas create() {
        return Shipped.INSTANCE;
    }

    /**
     * {@return the schemas of a table in the shipped format} For tests and for users with their own MOF classes
     * converted the same way.
     *
     * @param table the table's text
     * @throws IllegalArgumentException if {@code table} is not in that format
     */
    public static KernelMofSchemas create(String table) {
        return new KernelMofSchemas(KernelMofTable.parse(Objects.requireNonNull(table, "table")));
    }

    @Override
    public SchemaOrigin origin() {
        return SchemaOrigin.MOF;
    }

    /** The schema of event type {@code type}, version {@code version} of event class {@code classId}, if known. */
    public Optional<EventSchema> schema(UUID classId, int type, int version) {
        EventSchema s = versioned.get(new SchemaKey(classId, type, version));
        if (s == null) {
            s = anyVersion.get(new SchemaKey(classId, type, 0));
        }
        return Optional.ofNullable(s);
    }

    @Override
    public Optional<EventSchema> schemaFor(EventRecord record) {
        if (record == null || record.headerKind() == HeaderKind.EVENT || record.headerKind() == HeaderKind.MESSAGE) {
            return Optional.empty();
        }
        return schema(record.providerId(), record.descriptor().opcode(), record.descriptor().version());
    }

    /** The number of (class GUID, version, type) schemas known; a class without version counts once per type. */
    public int size() {
        return versioned.size() + anyVersion.size();
    }

    private static final class Shipped {
        static final KernelMofSchemas INSTANCE = load();

        private static KernelMofSchemas load() {
            try (InputStream in = KernelMofSchemas.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " missing from the class path");
                }
                return create(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
