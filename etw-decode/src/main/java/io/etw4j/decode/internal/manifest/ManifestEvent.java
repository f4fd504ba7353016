package io.etw4j.decode.internal.manifest;

import io.etw4j.decode.EventSchema;
import java.util.List;
import java.util.Optional;

/**
 * An {@code <event>} of a provider as written (names as in the manifest, messages resolved from its string table),
 * with the {@link EventSchema} built from it. Immutable.
 *
 * @param value    the event id
 * @param version  the event version (0 when absent)
 * @param symbol   the symbol attribute
 * @param task     the task name
 * @param opcode   the opcode name
 * @param level    the level name
 * @param channel  the channel reference
 * @param keywords the keyword names
 * @param template the template id
 * @param message  the message, resolved from the string table when it is a {@code $(string.id)} reference
 * @param schema   the schema built from it
 */
public record ManifestEvent(int value, int version, Optional<String> symbol, Optional<String> task,
        Optional<String> opcode, Optional<String> level, Optional<String> channel, List<String> keywords,
        Optional<String> template, Optional<String> message, EventSchema schema) {
    public ManifestEvent {
        keywords = List.copyOf(keywords);
    }
}
