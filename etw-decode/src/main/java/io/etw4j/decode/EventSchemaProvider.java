package io.etw4j.decode;

import io.etw4j.core.EventRecord;
import java.util.Optional;
import java.util.UUID;

/**
 * One schema source for an {@link EventDecoder}: it knows the schemas of some events. Implementations must be
 * thread-safe, must never throw from these methods (a source that cannot answer returns empty), and should cache what
 * they build.
 *
 * <p>A stateful source (EventSource manifests, embedded event information) learns from the records that pass through
 * the decoder: {@link #observe(EventRecord)} is called for every record, in stream order, before any schema lookup
 * for it.
 */
public interface EventSchemaProvider {

    /** Which kind of source this is. */
    SchemaSource kind();

    /** The schema of {@code record}'s event, if this source knows it. */
    Optional<EventSchema> schemaFor(EventRecord record);

    /** The name of provider {@code providerId}, if this source knows it; the default knows none. */
    default Optional<String> providerName(UUID providerId) {
        return Optional.empty();
    }

    /** Lets a stateful source learn from {@code record}; the default does nothing. */
    default void observe(EventRecord record) {
    }
}
