package io.etw4j.scm.internal.manifest;

import io.etw4j.core.EventRecord;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.EventSchema;
import io.etw4j.decode.ManifestException;
import io.etw4j.decode.ManifestSchemas;
import io.etw4j.decode.SchemaKey;
import io.etw4j.decode.SchemaOrigin;
import io.etw4j.decode.SchemaSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The one place where etw-scm builds an etw-decode decoder: the instrumentation manifests etw-scm ships for
 * Microsoft-Windows-Services, Microsoft-Windows-Kernel-Process and Microsoft-Windows-RPC ({@link #RESOURCES}), loaded
 * once, and an {@link EventDecoder} over them. Immutable and thread-safe; {@link #shared()} is built on first use and lives as
 * long as the class.
 *
 * <p><b>Decode policy: exact versions only.</b> A record is decoded only with the schema declared for its own
 * (provider, event id, version). A version the manifests do not declare gets no schema ({@link DecodedEvent#undecoded})
 * and is never read with the layout of another version, even one its payload would fit: versions of these providers
 * insert fields in the middle (Kernel-Process ProcessStart v1 inserts Flags before ImageName), so a prefix reading
 * would give silently wrong fields. The policy is fixed here, in the schema source the decoder is built from
 * ({@link ExactVersions}), and not taken from any decoder default, so that an etw-decode option for reading newer
 * versions cannot apply to etw-scm by accident.
 */
public final class ShippedManifests {
    /** The class-path resources of the shipped manifests (their header comments cite the published field lists). */
    public static final List<String> RESOURCES = List.of(
            "io/etw4j/scm/manifests/Microsoft-Windows-Services.man",
            "io/etw4j/scm/manifests/Microsoft-Windows-Kernel-Process.man",
            "io/etw4j/scm/manifests/Microsoft-Windows-RPC.man");

    /** More layouts than the shipped manifests have schemas; a bound against schemas of other sources. */
    private static final int MAX_LAYOUTS = 256;

    private static final class Holder {
        static final ShippedManifests SHARED = new ShippedManifests();
    }

    private final ManifestSchemas schemas;
    private final EventDecoder decoder;
    /**
     * The layout of each schema seen so far, by the schema instance the manifests hand out: replaced, never changed,
     * when a schema is first seen (at most once per declared event version), so readers need no lock.
     */
    private volatile Map<EventSchema, SchemaLayout> layouts = new IdentityHashMap<>();

    private ShippedManifests() {
        ManifestSchemas loaded = ManifestSchemas.create();
        for (String resource : RESOURCES) {
            // Read through this module's own class, not a ClassLoader: on the module path a ClassLoader finds no
            // resource in a package the module does not open, and etw-scm opens none.
            try (InputStream in = ShippedManifests.class.getResourceAsStream("/" + resource)) {
                if (in == null) {
                    throw new IllegalStateException("etw-scm's shipped manifest " + resource + " is missing");
                }
                loaded.load(in.readAllBytes(), resource);
            } catch (ManifestException | IOException e) {
                throw new IllegalStateException("etw-scm's shipped manifest " + resource + " cannot be loaded", e);
            }
        }
        if (!loaded.problems().isEmpty()) {
            throw new IllegalStateException("etw-scm's shipped manifests have problems: " + loaded.problems());
        }
        this.schemas = loaded;
        // Exact versions only, twice over: the source answers exact keys, and the decoder never falls back to an
        // earlier version's fields (attribution must not rest on a guessed layout).
        this.decoder = EventDecoder.builder().add(new ExactVersions(loaded)).laterVersions(false).build();
    }

    /** The shipped manifests, loaded once. */
    public static ShippedManifests shared() {
        return Holder.SHARED;
    }

    /**
     * {@code record} decoded with the schema the shipped manifests declare for its exact provider, event id and
     * version; {@link DecodedEvent#isDecoded()} is false when they declare none. Never throws.
     */
    public DecodedEvent decode(EventRecord record) {
        return decoder.decode(record);
    }

    /** The layout of {@code schema}, worked out the first time it is asked for. */
    static SchemaLayout layout(EventSchema schema) {
        return shared().layoutOf(schema);
    }

    private SchemaLayout layoutOf(EventSchema schema) {
        SchemaLayout known = layouts.get(schema);
        if (known != null) {
            return known;
        }
        synchronized (this) {
            known = layouts.get(schema);
            if (known == null) {
                known = new SchemaLayout(schema);
                if (layouts.size() >= MAX_LAYOUTS) {
                    return known; // not one of the shipped schemas (they are far fewer): not kept
                }
                Map<EventSchema, SchemaLayout> next = new IdentityHashMap<>(layouts);
                next.put(schema, known);
                layouts = next;
            }
            return known;
        }
    }

    /** The schema the shipped manifests declare for {@code provider}'s event {@code id} at {@code version}. */
    public Optional<EventSchema> schema(UUID provider, int id, int version) {
        return schemas.schema(new SchemaKey(provider, id, version));
    }

    /**
     * The schema source etw-scm decodes with: the shipped manifests looked up by the record's exact (provider, id,
     * version) key, nothing else. Stateless (it never needs to observe records).
     */
    private static final class ExactVersions implements SchemaSource {
        /** Event ids below this are looked up in a table per provider (every id the shipped manifests declare). */
        private static final int TABLE_IDS = 256;
        private final ManifestSchemas schemas;
        private final UUID[] providers;
        /**
         * Per provider, per event id: the schemas of that id by version (null where none is declared), or null for an
         * id without any. Small and dense (a few KiB), so a lookup stays in the cache; a flat table of every (id,
         * version) pair was 64 Ki slots per provider and missed the cache on every record.
         */
        private final EventSchema[][][] tables;

        ExactVersions(ManifestSchemas schemas) {
            this.schemas = schemas;
            this.providers = schemas.providers().keySet().toArray(UUID[]::new);
            this.tables = new EventSchema[providers.length][][];
            for (int p = 0; p < providers.length; p++) {
                EventSchema[][] byId = new EventSchema[TABLE_IDS][];
                for (int id = 0; id < TABLE_IDS; id++) {
                    int top = -1;
                    EventSchema[] versions = new EventSchema[256];
                    for (int v = 0; v <= 0xFF; v++) {
                        versions[v] = schemas.schema(new SchemaKey(providers[p], id, v)).orElse(null);
                        if (versions[v] != null) {
                            top = v;
                        }
                    }
                    byId[id] = top < 0 ? null : Arrays.copyOf(versions, top + 1);
                }
                tables[p] = byId;
            }
        }

        @Override
        public SchemaOrigin origin() {
            return SchemaOrigin.MANIFEST;
        }

        @Override
        public Optional<EventSchema> schemaFor(EventRecord record) {
            if (record == null || record.isTraceMessage()) {
                return Optional.empty();
            }
            UUID provider = record.providerId();
            int id = record.id();
            int version = record.descriptor().version();
            for (int p = 0; p < providers.length; p++) {
                if (providers[p].equals(provider)) {
                    if (id >= 0 && id < TABLE_IDS && version >= 0 && version <= 0xFF) {
                        EventSchema[] versions = tables[p][id];
                        return versions == null || version >= versions.length ? Optional.empty()
                                : Optional.ofNullable(versions[version]);
                    }
                    break;
                }
            }
            return schemas.schema(new SchemaKey(provider, id, version));
        }

        @Override
        public Optional<String> providerName(UUID providerId) {
            return schemas.providerName(providerId);
        }
    }
}
