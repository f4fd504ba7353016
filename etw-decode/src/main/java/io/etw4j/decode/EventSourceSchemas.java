package io.etw4j.decode;

import io.etw4j.core.EventRecord;
import io.etw4j.decode.internal.ProblemList;
import io.etw4j.decode.internal.manifest.ManifestChunkAssembler;
import io.etw4j.decode.internal.manifest.ManifestContent;
import io.etw4j.decode.internal.manifest.ManifestEvent;
import io.etw4j.decode.internal.manifest.ManifestParser;
import io.etw4j.decode.internal.manifest.ManifestProvider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Event schemas from the manifests .NET EventSources write into the trace itself: the {@link SchemaOrigin#EVENTSOURCE}
 * source of an {@link EventDecoder}. It is stateful: {@link #observe(EventRecord)} collects the ManifestData events
 * (event id 0xFFFE, opcode 0xFE; .NET EventSource.cs SendManifest), reassembles each provider's manifest from its
 * chunks (any order, repeats, missing chunks: see {@code ManifestChunkAssembler}), and reads it with the same parser
 * as {@link ManifestSchemas}. From then on the provider's events are known; a later complete manifest of the same
 * provider replaces the earlier one. The ManifestData events themselves decode as {@code Format, MajorVersion,
 * MinorVersion, Magic, TotalChunks, ChunkNumber} and {@code Data} (the chunk's text).
 *
 * <p>Schemas are keyed by the provider GUID of the ManifestData records (the GUID an EventSource logs with), event id
 * and version. A manifest naming one provider applies to the records' provider whatever GUID it states; a manifest
 * naming several applies only its provider with the records' GUID.
 *
 * <p><b>Bounds.</b> At most 64 manifests pending at once, each at most 16 MiB, 64 MiB pending in all (the oldest
 * pending manifest is dropped beyond), and at most 4096 providers learned (later ones are ignored); counted in
 * {@link #problems()}. A manifest that does not parse is reported there and ignored. Never throws.
 *
 * <p><b>Thread-safety.</b> Thread-safe. Records must be observed in stream order (an {@link EventDecoder} does this)
 * for a provider's events to decode after its manifest.
 */
public final class EventSourceSchemas implements SchemaSource {
    /** Event id of ManifestData (EventSource.cs: the manifest's EventDescriptor, id 0xFFFE, task 0xFFFE). */
    public static final int MANIFEST_DATA_ID = 0xFFFE;
    /** Opcode of ManifestData (EventSource.cs: opcode 0xFE). */
    public static final int MANIFEST_DATA_OPCODE = 0xFE;

    static final int MAX_PROVIDERS = 4096;

    private final ManifestChunkAssembler chunks = new ManifestChunkAssembler(64, 16 << 20, 64L << 20);
    private final Map<UUID, Learned> learned = new ConcurrentHashMap<>();
    private final ProblemList problems = new ProblemList();
    private long ignoredProviders;

    /** One provider's schemas from its latest complete manifest. */
    private record Learned(String name, Map<Long, EventSchema> events) {
    }

    private EventSourceSchemas() {
    }

    /** {@return a source that knows nothing until it observes ManifestData events} */
    public static EventSourceSchemas create() {
        return new EventSourceSchemas();
    }

    @Override
    public SchemaOrigin origin() {
        return SchemaOrigin.EVENTSOURCE;
    }

    /** True if {@code r} is an EventSource ManifestData event. */
    public static boolean isManifestData(EventRecord r) {
        return r.id() == MANIFEST_DATA_ID && r.descriptor().opcode() == MANIFEST_DATA_OPCODE && !r.isTraceMessage();
    }

    /** {@return true: this source learns from the records it observes} */
    @Override
    public boolean observesRecords() {
        return true;
    }

    @Override
    public void observe(EventRecord record) {
        if (record == null || !isManifestData(record)) {
            return;
        }
        Optional<byte[]> xml;
        synchronized (chunks) {
            xml = chunks.offer(record.providerId(), record.payload());
        }
        xml.ifPresent(bytes -> learn(record.providerId(), bytes));
    }

    private void learn(UUID provider, byte[] xml) {
        String source = "EventSource manifest of " + provider;
        ManifestContent content;
        try {
            content = ManifestParser.parse(xml, source, SchemaOrigin.EVENTSOURCE);
        } catch (ManifestException e) {
            problems.add(e.getMessage());
            return;
        } catch (RuntimeException e) {
            problems.add(source + ": parser failure: " + e);
            return;
        }
        problems.addAll(content.problems());
        ManifestProvider chosen = null;
        for (ManifestProvider p : content.providers()) {
            if (content.providers().size() == 1 || p.guid().equals(provider)) {
                chosen = p;
                break;
            }
        }
        if (chosen == null) {
            problems.add(source + ": no provider in it has the records' GUID");
            return;
        }
        Map<Long, EventSchema> events = new HashMap<>();
        for (ManifestEvent e : chosen.events()) {
            EventSchema s = e.schema();
            if (!s.providerId().equals(provider)) {
                s = new EventSchema(provider, s.providerName(), s.eventName(), s.taskName(), s.opcodeName(),
                        s.levelName(), s.keywordNames(), s.properties(), s.origin());
            }
            events.put(key(e.value(), e.version()), s);
        }
        synchronized (learned) {
            if (!learned.containsKey(provider) && learned.size() >= MAX_PROVIDERS) {
                ignoredProviders++;
                return;
            }
            learned.put(provider, new Learned(chosen.name(), Map.copyOf(events)));
        }
    }

    private static long key(int id, int version) {
        return ((long) id << 8) | version;
    }

    @Override
    public Optional<EventSchema> schemaFor(EventRecord record) {
        if (record == null) {
            return Optional.empty();
        }
        Learned l = learned.get(record.providerId());
        if (isManifestData(record)) {
            return Optional.of(manifestDataSchema(record.providerId(), l == null ? null : l.name()));
        }
        if (l == null || record.isTraceMessage()) {
            return Optional.empty();
        }
        return Optional.ofNullable(l.events().get(key(record.id(), record.descriptor().version())));
    }

    /**
     * {@inheritDoc} EventSource's documented convention (learn.microsoft.com, "EventSource Class", Remarks,
     * Conventions): change an event's version whenever its payload changes, and always add new payload properties
     * at the end of the event declaration.
     */
    @Override
    public Optional<VersionedSchema> newestEarlierVersion(EventRecord record) {
        if (record == null || record.isTraceMessage() || isManifestData(record)) {
            return Optional.empty();
        }
        Learned l = learned.get(record.providerId());
        if (l == null) {
            return Optional.empty();
        }
        for (int v = record.descriptor().version() - 1; v >= 0; v--) {
            EventSchema s = l.events().get(key(record.id(), v));
            if (s != null) {
                return Optional.of(new VersionedSchema(v, s));
            }
        }
        return Optional.empty();
    }

    /** The layout of a ManifestData event: the envelope, then the chunk (see ManifestChunkAssembler). */
    static EventSchema manifestDataSchema(UUID provider, String providerName) {
        return EventSchema.of(provider, providerName, "ManifestData", List.of(
                PropertySchema.of("Format", InType.UINT8),
                PropertySchema.of("MajorVersion", InType.UINT8),
                PropertySchema.of("MinorVersion", InType.UINT8),
                PropertySchema.of("Magic", InType.UINT8),
                PropertySchema.of("TotalChunks", InType.UINT16),
                PropertySchema.of("ChunkNumber", InType.UINT16),
                PropertySchema.of("Data", InType.NONNULLTERMINATEDANSISTRING).withOutType(OutType.UTF8)),
                SchemaOrigin.EVENTSOURCE);
    }

    /** The providers whose manifest was learned: GUID to name (a snapshot). */
    public Map<UUID, String> providers() {
        Map<UUID, String> out = new HashMap<>();
        learned.forEach((k, v) -> out.put(k, v.name()));
        return Map.copyOf(out);
    }

    /** The name of provider {@code guid}, if its manifest was learned. */
    public Optional<String> providerName(UUID guid) {
        Learned l = guid == null ? null : learned.get(guid);
        return l == null ? Optional.empty() : Optional.of(l.name());
    }

    /**
     * What went wrong so far: manifests that did not parse, problems inside manifests, and the counts of rejected
     * envelopes, dropped pending manifests and ignored providers (when non-zero). Of the problems, the first 100 are
     * listed, then one line counting the rest (a hostile trace cannot grow this list without bound).
     */
    public List<String> problems() {
        List<String> out;
        out = new ArrayList<>(problems.lines());
        synchronized (chunks) {
            if (chunks.rejected() > 0) {
                out.add(chunks.rejected() + " ManifestData payload(s) rejected: not a ManifestEnvelope");
            }
            if (chunks.dropped() > 0) {
                out.add(chunks.dropped() + " pending manifest(s) dropped to stay within the memory bounds");
            }
        }
        synchronized (learned) {
            if (ignoredProviders > 0) {
                out.add(ignoredProviders + " provider manifest(s) ignored beyond " + MAX_PROVIDERS + " providers");
            }
        }
        return List.copyOf(out);
    }
}
