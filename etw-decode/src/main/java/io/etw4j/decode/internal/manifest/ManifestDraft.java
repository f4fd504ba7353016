package io.etw4j.decode.internal.manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the streaming pass ({@link ManifestCollector}) keeps of a manifest until it is resolved into
 * {@link ManifestContent}: only the elements the parser reads, each with only the attributes it reads (as the
 * document spells them) and its line. References between them (an event's template, a data element's map, a message's
 * string id) are resolved afterwards by {@link ManifestParser}, because a manifest may define them after their use
 * (EventSource manifests put the events before the templates, and every manifest its string tables last). Lists are
 * in document order; a null list means the element was absent. Mutable while collected, dropped after resolution;
 * not thread-safe.
 */
final class ManifestDraft {
    /** The root element's local name and line. */
    String rootName;
    int rootLine;
    /** Every {@code <provider>} child of an {@code <events>} element, with the position of that element. */
    final List<Provider> providers = new ArrayList<>();
    /** Every {@code <resources>} element, in document order. */
    final List<Resources> resources = new ArrayList<>();

    /** A {@code <resources>} element: its culture and the strings of its string tables (the first of an id kept). */
    static final class Resources {
        final boolean enUs;
        final Map<String, String> strings = new LinkedHashMap<>();

        Resources(boolean enUs) {
            this.enUs = enUs;
        }
    }

    /** A provider; each section is the first such child of the provider element, null when absent. */
    static final class Provider {
        /** The document position of the {@code <events>} element holding it (providers are read in that order). */
        final int container;
        final int line;
        final String name;
        final String guid;
        List<Channel> channels;
        List<Named> levels;
        List<Task> tasks;
        List<Named> opcodes;
        List<Named> keywords;
        List<MapDraft> maps;
        List<Template> templates;
        List<Event> events;

        Provider(int container, int line, String name, String guid) {
            this.container = container;
            this.line = line;
            this.name = name;
            this.guid = guid;
        }
    }

    /** A child of {@code <channels>}. */
    record Channel(int line, String chid, String name, String value) {
    }

    /** A level, opcode or keyword: its name and its value (or mask) attribute. */
    record Named(int line, String name, String value) {
    }

    /** A {@code <task>}; {@code opcodes} is its first {@code <opcodes>} child's, null when absent. */
    static final class Task {
        final int line;
        final String name;
        final String value;
        List<Named> opcodes;

        Task(int line, String name, String value) {
            this.line = line;
            this.name = name;
            this.value = value;
        }
    }

    /** A {@code <valueMap>} or {@code <bitMap>} and its {@code <map>} entries. */
    record MapDraft(int line, boolean bitmap, String name, List<MapEntry> entries) {
    }

    /** A {@code <map>} entry: value and message as written. */
    record MapEntry(int line, String value, String message) {
    }

    /** A {@code <template>} and its data and struct members. */
    record Template(int line, String tid, List<Member> members) {
    }

    /** A {@code <data>} (members null) or {@code <struct>} (members in order) element of a template. */
    record Member(int line, String name, String inType, String outType, String length, String map, String count,
            List<Member> members) {
        boolean isStruct() {
            return members != null;
        }
    }

    /** An {@code <event>} element's attributes as written. */
    record Event(int line, String value, String version, String template, String symbol, String task, String opcode,
            String level, String keywords, String channel, String message) {
    }
}
