package io.etw4j.decode;

import io.etw4j.core.EventRecord;
import io.etw4j.decode.internal.eventinfo.EventIdentity;
import io.etw4j.decode.internal.eventinfo.EventMapInfoParser;
import io.etw4j.decode.internal.eventinfo.ParsedEventInfo;
import io.etw4j.decode.internal.eventinfo.TraceEventInfoParser;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Schemas from the event information embedded in an .etl file: when xperf, WPR or PerfView merge a trace
 * (CreateMergedTraceFile with EVENT_TRACE_MERGE_EXTENDED_DATA_EVENT_METADATA), they append, for the providers in the
 * file, KernelTraceControl "MetaData" records: provider {@link #EVENT_METADATA_GUID}, opcode
 * {@link #OPCODE_EVENT_INFO} with TDH's TRACE_EVENT_INFO as payload, and opcode {@link #OPCODE_EVENT_MAP_INFO} with the
 * provider GUID followed by an EVENT_MAP_INFO (KernelTraceControl.h: EventMetadataGuid,
 * EVENT_METADATA_LOG_TYPE_TRACE_EVENT_INFO 0x20, EVENT_METADATA_LOG_TYPE_EVENT_MAP_INFO 0x21,
 * EVENT_METADATA_EVENT_MAP_INFO). That is how Windows' own providers (Kernel-File, Kernel-Process, DNS-Client ...)
 * decode with no manifest at hand.
 *
 * <p>Stateful: it learns from the MetaData records that {@link #observe(EventRecord)} sees, in stream order, and
 * describes the events they name: manifest events by provider, id and version; classic (MOF) events by event-class
 * GUID, opcode and version, as the TRACE_EVENT_INFO's DecodingSource says. TraceLogging and WPP descriptions are
 * ignored (TraceLogging events carry their own metadata). A later description of the same event replaces the earlier
 * one; a map that arrives after its event is used from then on. Bad MetaData payloads are skipped, never thrown.
 *
 * <p>Thread-safe. One instance per trace: descriptions from one file do not apply to another.
 */
public final class EmbeddedEventInfoSchemas implements SchemaSource {
    /** EventMetadataGuid (KernelTraceControl.h), the provider of the MetaData records. */
    public static final UUID EVENT_METADATA_GUID = UUID.fromString("bbccf6c1-6cd1-48c4-80ff-839482e37671");
    /** EVENT_METADATA_LOG_TYPE_TRACE_EVENT_INFO (KernelTraceControl.h): payload TRACE_EVENT_INFO. */
    public static final int OPCODE_EVENT_INFO = 0x20;
    /** EVENT_METADATA_LOG_TYPE_EVENT_MAP_INFO (KernelTraceControl.h): payload GUID ProviderId, EVENT_MAP_INFO. */
    public static final int OPCODE_EVENT_MAP_INFO = 0x21;

    private record MapKey(UUID provider, String name) {
    }

    /** A TRACE_EVENT_INFO and the provider its maps belong to. */
    private record Described(UUID provider, byte[] blob) {
    }

    private final Map<EventIdentity, Described> infos = new ConcurrentHashMap<>();
    private final Map<MapKey, ValueMap> maps = new ConcurrentHashMap<>();
    private final Map<EventIdentity, Optional<EventSchema>> built = new ConcurrentHashMap<>();
    private final Map<UUID, String> providerNames = new ConcurrentHashMap<>();

    private EmbeddedEventInfoSchemas() {
    }

    /** {@return an empty source, for one trace; it knows what it has observed} */
    public static EmbeddedEventInfoSchemas create() {
        return new EmbeddedEventInfoSchemas();
    }

    @Override
    public SchemaOrigin origin() {
        return SchemaOrigin.EVENT_INFO;
    }

    /** True if {@code r} is a KernelTraceControl MetaData record (event information or a map). */
    public static boolean isMetaData(EventRecord r) {
        int op = r.descriptor().opcode();
        return EVENT_METADATA_GUID.equals(r.providerId()) && (op == OPCODE_EVENT_INFO || op == OPCODE_EVENT_MAP_INFO);
    }

    /** {@return true: this source learns from the records it observes} */
    @Override
    public boolean observesRecords() {
        return true;
    }

    @Override
    public void observe(EventRecord record) {
        if (!isMetaData(record)) {
            return;
        }
        byte[] p = record.payload();
        if (record.descriptor().opcode() == OPCODE_EVENT_INFO) {
            Optional<ParsedEventInfo> info = TraceEventInfoParser.parse(p, 0, p.length, SchemaOrigin.EVENT_INFO,
                    name -> Optional.empty());
            if (info.isEmpty()) {
                return;
            }
            EventIdentity id = EventIdentity.of(info.get());
            if (id == null) {
                return;
            }
            infos.put(id, new Described(info.get().providerGuid(), p));
            built.remove(id);
            info.get().schema().providerName().ifPresent(n -> providerNames.put(info.get().providerGuid(), n));
        } else if (p.length >= 16) {
            UUID provider = io.etw4j.core.PayloadReader.of(p, 8).guid();
            EventMapInfoParser.parse(p, 16, p.length - 16).ifPresent(m -> {
                maps.put(new MapKey(provider, m.name()), m);
                built.clear(); // schemas built before the map arrived are rebuilt with it
            });
        }
    }

    @Override
    public Optional<EventSchema> schemaFor(EventRecord record) {
        EventIdentity id = EventIdentity.of(record);
        Described d = infos.get(id);
        if (d == null) {
            return Optional.empty();
        }
        return built.computeIfAbsent(id, k -> TraceEventInfoParser.parse(d.blob(), 0, d.blob().length,
                SchemaOrigin.EVENT_INFO, name -> mapFor(d.provider(), name)).map(ParsedEventInfo::schema));
    }

    private Optional<ValueMap> mapFor(UUID provider, String name) {
        return Optional.ofNullable(maps.get(new MapKey(provider, name)));
    }

    /** The providers described so far: GUID to name. A snapshot. */
    public Map<UUID, String> providerNames() {
        return Collections.unmodifiableMap(new java.util.HashMap<>(providerNames));
    }

    /** How many events are described so far. */
    public int describedEvents() {
        return infos.size();
    }
}
