package io.etw4j.decode.internal.manifest;

import java.util.Map;

/**
 * A {@code <task>} of a provider with the opcodes defined inside it. Immutable.
 *
 * @param name    the task's name
 * @param value   its number
 * @param opcodes its own opcodes, name to number
 */
public record ManifestTask(String name, long value, Map<String, Long> opcodes) {
    public ManifestTask {
        opcodes = Map.copyOf(opcodes);
    }
}
