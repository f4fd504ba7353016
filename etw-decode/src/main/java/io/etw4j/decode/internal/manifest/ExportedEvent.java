package io.etw4j.decode.internal.manifest;

import io.etw4j.decode.EventSchema;
import java.util.Objects;

/**
 * One event version to write into an instrumentation manifest ({@link ManifestWriter}): its EVENT_DESCRIPTOR numbers
 * and its schema. Immutable.
 *
 * @param id      EVENT_DESCRIPTOR.Id
 * @param version EVENT_DESCRIPTOR.Version
 * @param task    EVENT_DESCRIPTOR.Task
 * @param opcode  EVENT_DESCRIPTOR.Opcode
 * @param level   EVENT_DESCRIPTOR.Level
 * @param keyword EVENT_DESCRIPTOR.Keyword
 * @param schema  the event's schema (names, properties, maps)
 */
public record ExportedEvent(int id, int version, int task, int opcode, int level, long keyword, EventSchema schema) {
    public ExportedEvent {
        Objects.requireNonNull(schema, "schema");
    }
}
