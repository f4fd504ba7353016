package io.etw4j.decode;

import io.etw4j.core.EventRecord;
import java.util.Objects;
import java.util.UUID;

/**
 * The identity of a manifest (or MOF) event kind: provider GUID, event id and version (for kernel MOF classes: class
 * GUID, event type as id, version). Not an identity for TraceLogging events, whose id is often 0 for every event: their
 * schemas are keyed by their metadata bytes. Immutable.
 *
 * @param providerId the provider (or event-class) GUID
 * @param id         the event id (for MOF: the event type, i.e. the opcode)
 * @param version    the event version
 */
public record SchemaKey(UUID providerId, int id, int version) {
    public SchemaKey {
        Objects.requireNonNull(providerId, "providerId");
    }

    /** The key of a manifest event record: provider, event id, version. */
    public static SchemaKey ofManifestEvent(EventRecord r) {
        return new SchemaKey(r.providerId(), r.id(), r.descriptor().version());
    }
}
