package io.etw4j.decode;

import io.etw4j.core.EventRecord;
import io.etw4j.core.ExtendedDataItem;
import io.etw4j.core.internal.ReadOnlyBytes;
import io.etw4j.core.internal.RecordBytes;
import io.etw4j.decode.internal.SchemaSizes;
import io.etw4j.decode.internal.tracelogging.TlEventMetadata;
import io.etw4j.decode.internal.tracelogging.TlMetadataParser;
import io.etw4j.decode.internal.tracelogging.TlProviderTraits;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.UUID;

/**
 * The TraceLogging schema source: the schema of a TraceLogging event from its own self-describing metadata, the
 * record's extended data items EVENT_SCHEMA_TL (event name, field names and types; evntcons.h
 * EVENT_HEADER_EXT_TYPE_EVENT_SCHEMA_TL) and PROV_TRAITS (the provider name; EVENT_HEADER_EXT_TYPE_PROV_TRAITS).
 * Records without EVENT_SCHEMA_TL are not TraceLogging events: no schema. Malformed metadata gives no schema, never an
 * exception.
 *
 * <p>Every TraceLogging in-type and out-type is mapped onto the schema model; variable-count arrays get
 * {@link PropertyCount.PrefixedU16}, constant-count arrays {@link PropertyCount.Fixed}, structs their members. Arrays
 * of characters (TraceLoggingCharArray, TraceLoggingWCharArray) decode as strings.
 *
 * <p><b>Cache.</b> Schemas are cached by the exact bytes of the two items and the provider GUID, never by event id (a
 * TraceLogging event's id is usually 0 for all its provider's events). The cache holds at most {@link #capacity()}
 * entries and at most {@link #DEFAULT_MAX_BYTES} bytes by a simple estimate of what each entry retains (the items'
 * bytes, plus per property 96 bytes and two per character of its name), and drops the least recently used; an
 * entry estimated above that bound alone is returned but not cached. Malformed metadata is cached too (as no
 * schema).
 *
 * <p>Thread-safe: one instance may serve any number of decoders and threads.
 */
public final class TraceLoggingSchemas implements SchemaSource {
    /** The default cache capacity. */
    public static final int DEFAULT_CAPACITY = 4096;

    /** The most bytes the cache retains, by the estimate of the class comment. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;

    private final int capacity;
    /** Guarded by itself; access order (least recently used first). */
    private final LinkedHashMap<Key, Optional<EventSchema>> cache;
    /** Guarded by {@link #cache}. */
    private long cachedBytes;

    private TraceLoggingSchemas(int capacity) {
        this.capacity = capacity;
        this.cache = new LinkedHashMap<>(Math.min(capacity, 256), 0.75f, true);
    }

    /** A source caching up to {@link #DEFAULT_CAPACITY} schemas. */
    public static TraceLoggingSchemas create() {
        return new TraceLoggingSchemas(DEFAULT_CAPACITY);
    }

    /**
     * A source caching up to {@code capacity} schemas.
     *
     * @throws IllegalArgumentException if {@code capacity} is less than 1
     */
    public static TraceLoggingSchemas create(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " < 1");
        }
        return new TraceLoggingSchemas(capacity);
    }

    /** The most schemas the cache holds. */
    public int capacity() {
        return capacity;
    }

    /** How many schemas (and known-malformed metadata) the cache holds now. */
    public int cachedCount() {
        synchronized (cache) {
            return cache.size();
        }
    }

    /** {@return the estimated bytes the cache retains now (at most {@link #DEFAULT_MAX_BYTES})} */
    public long cachedBytes() {
        synchronized (cache) {
            return cachedBytes;
        }
    }

    @Override
    public SchemaOrigin origin() {
        return SchemaOrigin.TRACELOGGING;
    }

    @Override
    public Optional<EventSchema> schemaFor(EventRecord record) {
        try {
            Optional<ExtendedDataItem> meta = record.findExtendedData(ExtendedDataItem.EVENT_SCHEMA_TL);
            if (meta.isEmpty()) {
                return Optional.empty();
            }
            // Read-only views of the items' own bytes (no copy): compared and hashed, never changed.
            ReadOnlyBytes metaBytes = RecordBytes.data(meta.get());
            ReadOnlyBytes traitBytes = record.findExtendedData(ExtendedDataItem.PROV_TRAITS).map(RecordBytes::data)
                    .orElse(null);
            Key key = new Key(record.providerId(), metaBytes, traitBytes);
            synchronized (cache) {
                Optional<EventSchema> hit = cache.get(key);
                if (hit != null) {
                    return hit;
                }
            }
            Optional<EventSchema> schema = build(record.providerId(), metaBytes, traitBytes);
            key.retained = key.meta.length() + (key.traits == null ? 0 : key.traits.length()) + 64
                    + schema.map(sc -> SchemaSizes.estimate(sc.properties(), DEFAULT_MAX_BYTES)).orElse(0L);
            if (key.retained <= DEFAULT_MAX_BYTES) {
                synchronized (cache) {
                    Optional<EventSchema> old = cache.put(key, schema);
                    if (old == null) {
                        cachedBytes += key.retained;
                    }
                    Iterator<Key> eldest = cache.keySet().iterator();
                    while ((cache.size() > capacity || cachedBytes > DEFAULT_MAX_BYTES) && eldest.hasNext()) {
                        cachedBytes -= eldest.next().retained;
                        eldest.remove();
                    }
                }
            }
            return schema;
        } catch (RuntimeException e) {
            return Optional.empty(); // the contract of SchemaSource: never throw
        }
    }

    /** Parses the items (on a cache miss only: the parsers take copies). */
    private static Optional<EventSchema> build(UUID providerId, ReadOnlyBytes metaBytes, ReadOnlyBytes traitBytes) {
        Optional<TlEventMetadata> meta = TlMetadataParser.parse(metaBytes.copy());
        if (meta.isEmpty()) {
            return Optional.empty();
        }
        String providerName = traitBytes == null ? null
                : TlProviderTraits.parse(traitBytes.copy()).map(TlProviderTraits::providerName).orElse(null);
        return Optional.of(EventSchema.of(providerId, providerName, meta.get().eventName(), meta.get().properties(),
                SchemaOrigin.TRACELOGGING));
    }

    /** The cache key: provider GUID and the exact bytes of both items (views of the records' immutable bytes). */
    private static final class Key {
        final UUID providerId;
        final ReadOnlyBytes meta;
        final ReadOnlyBytes traits;
        final int hash;
        /** The entry's estimated retained bytes, set before it is cached. */
        long retained;

        Key(UUID providerId, ReadOnlyBytes meta, ReadOnlyBytes traits) {
            this.providerId = providerId;
            this.meta = meta;
            this.traits = traits;
            this.hash = (providerId.hashCode() * 31 + meta.contentHash()) * 31
                    + (traits == null ? 0 : traits.contentHash());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hash == k.hash && providerId.equals(k.providerId)
                    && meta.contentEquals(k.meta)
                    && (traits == null ? k.traits == null : traits.contentEquals(k.traits));
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
