package io.etw4j.decode;

import io.etw4j.core.EventRecord;
import io.etw4j.core.ExtendedDataItem;
import io.etw4j.core.UnsupportedPlatformException;
import io.etw4j.core.internal.win32.Tdh;
import io.etw4j.decode.internal.eventinfo.EventIdentity;
import io.etw4j.decode.internal.eventinfo.ParsedEventInfo;
import io.etw4j.decode.internal.tdh.TdhEventInfoReader;
import io.etw4j.decode.internal.tdh.TdhLoader;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Schemas from TDH on the live Windows host: TdhGetEventInformation and TdhGetEventMapInformation (tdh.dll) describe
 * every event whose provider's manifest or MOF class is registered on the machine, and the TRACE_EVENT_INFO they
 * return goes through the same parser as the event information embedded in .etl files
 * ({@link EmbeddedEventInfoSchemas}), so the live path runs on bytes the tests prove.
 *
 * <p>Cache: one answer (a schema or "unknown") per manifest event (provider, id, version), per classic event
 * (event-class GUID, opcode, version), and per TraceLogging event (provider and its metadata bytes, never the id
 * alone), for the life of the instance; a provider registered after its first "unknown" stays unknown here. WPP
 * records are not asked (TDH needs TMF files for them). At most {@link #MAX_CACHED} answers are cached.
 *
 * <p>Windows only: {@link #create()} elsewhere throws {@link UnsupportedPlatformException} before any native library is
 * loaded. Thread-safe; {@link #schemaFor(EventRecord)} never throws.
 */
public final class TdhSchemas implements SchemaSource {
    /** The most answers cached (a bound against unbounded TraceLogging metadata). */
    public static final int MAX_CACHED = 100_000;

    private record TraceLoggingKey(UUID provider, ByteBuffer metadata) {
    }

    private final TdhEventInfoReader reader;
    private final Map<Object, Optional<EventSchema>> cache = new ConcurrentHashMap<>();

    /**
     * {@return a source over TDH of this host, with an empty cache}
     *
     * @throws UnsupportedPlatformException unless the JVM runs on Windows
     */
    public static TdhSchemas create() {
        return new TdhSchemas(TdhLoader.load());
    }

    /** Over {@code tdh} (tests use a Java stand-in). */
    TdhSchemas(Tdh tdh) {
        this.reader = new TdhEventInfoReader(Objects.requireNonNull(tdh, "tdh"));
    }

    @Override
    public SchemaOrigin origin() {
        return SchemaOrigin.TDH;
    }

    @Override
    public Optional<EventSchema> schemaFor(EventRecord record) {
        if (record.isTraceMessage()) {
            return Optional.empty();
        }
        Object key = key(record);
        Optional<EventSchema> cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Optional<EventSchema> schema;
        try {
            schema = reader.read(record).map(ParsedEventInfo::schema);
        } catch (RuntimeException e) {
            schema = Optional.empty();
        }
        if (cache.size() < MAX_CACHED) {
            cache.putIfAbsent(key, schema);
        }
        return schema;
    }

    /** How many answers are cached. */
    public int cachedAnswers() {
        return cache.size();
    }

    private static Object key(EventRecord r) {
        Optional<ExtendedDataItem> tl = r.findExtendedData(ExtendedDataItem.EVENT_SCHEMA_TL);
        if (tl.isPresent()) {
            return new TraceLoggingKey(r.providerId(), ByteBuffer.wrap(tl.get().data()));
        }
        return EventIdentity.of(r);
    }
}
