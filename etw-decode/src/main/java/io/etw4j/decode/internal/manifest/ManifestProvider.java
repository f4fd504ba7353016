package io.etw4j.decode.internal.manifest;

import io.etw4j.decode.PropertySchema;
import io.etw4j.decode.ValueMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A {@code <provider>} of a manifest: its names for channels, levels, tasks, opcodes and keywords (its own, not the
 * win: standard ones), its maps and templates, and its events. Immutable.
 *
 * @param name      the provider's name
 * @param guid      the provider's GUID
 * @param channels  channel chid (or name) to number
 * @param levels    level name to number
 * @param tasks     task name to task
 * @param opcodes   provider-wide opcode name to number
 * @param keywords  keyword name to mask
 * @param maps      value map and bit map name to map
 * @param templates template id to its properties
 * @param events    the events, in document order
 */
public record ManifestProvider(String name, UUID guid, Map<String, Long> channels, Map<String, Long> levels,
        Map<String, ManifestTask> tasks, Map<String, Long> opcodes, Map<String, Long> keywords,
        Map<String, ValueMap> maps, Map<String, List<PropertySchema>> templates, List<ManifestEvent> events) {
    public ManifestProvider {
        channels = Map.copyOf(channels);
        levels = Map.copyOf(levels);
        tasks = Map.copyOf(tasks);
        opcodes = Map.copyOf(opcodes);
        keywords = Map.copyOf(keywords);
        maps = Map.copyOf(maps);
        templates = Map.copyOf(templates);
        events = List.copyOf(events);
    }
}
