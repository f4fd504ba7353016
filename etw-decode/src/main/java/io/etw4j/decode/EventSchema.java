package io.etw4j.decode;

import io.etw4j.decode.internal.PropertyList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What the fields of one kind of event are, and what its provider, event, task, opcode, level and keywords are
 * called, as one schema source describes it. Immutable and thread-safe; a source may hand the same instance to any
 * number of threads.
 *
 * @param providerId   the provider GUID the schema applies to (for kernel MOF classes: the event-class GUID)
 * @param providerName the provider's name, when the source knows it
 * @param eventName    the event's name (manifest symbol or message, TraceLogging name, MOF class/type name)
 * @param taskName     the task's name, when known
 * @param opcodeName   the opcode's name, when known
 * @param levelName    the level's name, when known
 * @param keywordNames the names of the keyword bits, when known
 * @param properties   the payload's properties, in order
 * @param origin       where the schema came from
 */
public record EventSchema(UUID providerId, Optional<String> providerName, Optional<String> eventName,
        Optional<String> taskName, Optional<String> opcodeName, Optional<String> levelName, List<String> keywordNames,
        List<PropertySchema> properties, SchemaOrigin origin) {
    public EventSchema {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(providerName, "providerName");
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(opcodeName, "opcodeName");
        Objects.requireNonNull(levelName, "levelName");
        keywordNames = List.copyOf(keywordNames);
        properties = PropertyList.of(properties); // immutable; knows its names for the decoder
        Objects.requireNonNull(origin, "origin");
    }

    /** A schema with names for the provider and the event only. */
    public static EventSchema of(UUID providerId, String providerName, String eventName,
            List<PropertySchema> properties, SchemaOrigin origin) {
        return new EventSchema(providerId, Optional.ofNullable(providerName), Optional.ofNullable(eventName),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), properties, origin);
    }
}
