package io.etw4j.decode.internal.tracelogging;

import io.etw4j.decode.PropertySchema;
import java.util.List;
import java.util.Objects;

/**
 * What a TraceLogging event's metadata (extended data item EVENT_SCHEMA_TL) says: its name, its tag and its fields.
 * Immutable.
 *
 * @param eventName  the event's name
 * @param eventTag   the event tag (28 bits at most), 0 if none
 * @param properties the fields in payload order, structs nested
 */
public record TlEventMetadata(String eventName, int eventTag, List<PropertySchema> properties) {
    public TlEventMetadata {
        Objects.requireNonNull(eventName, "eventName");
        properties = List.copyOf(properties);
    }
}
