package io.etw4j.decode;

import java.util.Objects;

/**
 * A schema and the event version it was declared for: what a {@link SchemaSource} answers when asked for the newest
 * version of an event below a record's own ({@link SchemaSource#newestEarlierVersion}). Immutable.
 *
 * @param version the version the schema declares (0..255), lower than the record's
 * @param schema  the schema of that version
 */
public record VersionedSchema(int version, EventSchema schema) {
    public VersionedSchema {
        if (version < 0 || version > 0xFF) {
            throw new IllegalArgumentException("an event version is 0..255: " + version);
        }
        Objects.requireNonNull(schema, "schema");
    }
}
