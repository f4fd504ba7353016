package io.etw4j.decode.internal.manifest;

import io.etw4j.decode.EventSchema;
import io.etw4j.decode.InType;
import io.etw4j.decode.ManifestException;
import io.etw4j.decode.OutType;
import io.etw4j.decode.PropertyCount;
import io.etw4j.decode.PropertySchema;
import io.etw4j.decode.PropertySize;
import io.etw4j.decode.SchemaOrigin;
import io.etw4j.decode.ValueMap;
import io.etw4j.decode.internal.ProblemList;
import io.etw4j.decode.internal.PropertyList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads an instrumentation manifest (the event manifest schema of learn.microsoft.com "Writing an Instrumentation
 * Manifest" / "EventManifest schema": {@code instrumentationManifest/instrumentation/events/provider}) into
 * {@link ManifestContent}: providers with their channels, levels, tasks (and their opcodes), opcodes, keywords, value
 * and bit maps, templates ({@code data} elements with inType, outType, length and count as a number or the name of
 * another data element, map; nested {@code struct} elements with count) and events, each with an {@link EventSchema}.
 * The same parser reads EventSource manifests reassembled from a trace. Stateless and thread-safe.
 *
 * <p><b>How.</b> One streaming StAX pass ({@link ManifestCollector} over {@link ManifestXml}, no element tree) keeps
 * only the elements and attributes read here ({@link ManifestDraft}); references are then resolved (a manifest may
 * use a template, a map or a string before it defines it), each draft provider dropped once resolved. Names repeated
 * across events (tasks, opcodes, levels, keywords, channels, template ids) are kept once per document, and the events
 * of a template share its property list. What a parse retains, and its peak, are stated in the README ("Hostile
 * input: what each reader may cost") and measured by {@code ManifestParserBudgetTest}.
 *
 * <p><b>What a bad manifest costs.</b> XML that is not well-formed, a DOCTYPE or an entity reference, or a document
 * passing one of {@link ManifestXml}'s bounds (nesting, attributes per element, elements) makes the whole document fail with a {@link ManifestException} (nothing of it is used). Inside a well-formed document each problem
 * costs the smallest unit that contains it, and is listed in {@link ManifestContent#problems()}:
 * <ul>
 *   <li>a provider without a name or a valid GUID: that provider;</li>
 *   <li>a data element with an unknown or missing inType, or without a name: its template, hence the events using
 *       it;</li>
 *   <li>an event without a valid value, with a bad version, with an unknown template, or repeating an earlier
 *       (value, version): that event (the first one stays);</li>
 *   <li>an unknown outType: the property keeps its in-type's default rendering (out-type NULL);</li>
 *   <li>an unknown map: the property is decoded without names;</li>
 *   <li>a map entry, level, task, opcode, keyword or channel with a bad number: that entry.</li>
 * </ul>
 *
 * <p><b>Names.</b> Level and opcode names of the win: set are given without their prefix ("win:Start" -> "Start").
 * The event name is the event's {@code symbol}; without one, the task name, then "/" and the opcode name unless the
 * opcode is absent or win:Info; without a task, the opcode name; else none. (Microsoft's TraceEvent names the CLR
 * events "Provider/Task/Opcode" with names of its own, e.g. "Microsoft-Windows-DotNETRuntime/GC/Start" for symbol
 * GCStart_V1 of task GarbageCollection; the schema keeps the manifest's names.)
 */
public final class ManifestParser {
    /**
     * The budget of a parse, per input byte: what the {@link ManifestContent} retains, and what the draft holds at
     * its peak (each at most this many bytes per input byte plus {@link #HEAP_CONSTANT}; measured: at most 5.5, for
     * documents of nothing but empty events; 0.7 retained for ClrEtwAll.man).
     */
    public static final int HEAP_PER_BYTE = 8;
    /** The constant part of the budget of {@link #HEAP_PER_BYTE}. */
    public static final int HEAP_CONSTANT = 64 << 10;

    private ManifestParser() {
    }

    /**
     * Parses {@code xml} (UTF-8 or as its XML declaration says).
     *
     * @param xml    the document
     * @param source its name, for messages
     * @param kind   the schema source the schemas are marked with (MANIFEST or EVENTSOURCE)
     * @throws ManifestException if it is not well-formed XML, has a DOCTYPE or an entity reference, or has no
     *                           instrumentation manifest root
     */
    public static ManifestContent parse(byte[] xml, String source, SchemaOrigin kind) {
        ManifestDraft draft = ManifestCollector.collect(xml, source);
        if (!draft.rootName.equals("instrumentationManifest") && !draft.rootName.equals("assembly")) {
            throw new ManifestException(source, draft.rootLine, "root element <" + draft.rootName
                    + "> is not <instrumentationManifest>", null);
        }
        return new Reader(source, kind, draft).read();
    }

    /** One document being resolved from its draft. */
    private static final class Reader {
        final String source;
        final SchemaOrigin kind;
        final ManifestDraft draft;
        final ProblemList problems = new ProblemList();
        final Map<String, String> strings = new HashMap<>();
        /** One instance of each name repeated across events and templates. */
        final Map<String, String> names = new HashMap<>();

        Reader(String source, SchemaOrigin kind, ManifestDraft draft) {
            this.source = source;
            this.kind = kind;
            this.draft = draft;
        }

        void problem(int line, String what) {
            problems.add(source + ":" + line + ": " + what);
        }

        ManifestContent read() {
            readStrings();
            List<ManifestDraft.Provider> drafts = new ArrayList<>(draft.providers);
            // in the order of the <events> elements holding them, then in document order (a stable sort)
            drafts.sort((a, b) -> Integer.compare(a.container, b.container));
            draft.providers.clear();
            List<ManifestProvider> providers = new ArrayList<>();
            for (int i = 0; i < drafts.size(); i++) {
                ManifestProvider mp = provider(drafts.set(i, null)); // each draft dropped once resolved
                if (mp != null) {
                    providers.add(mp);
                }
            }
            return new ManifestContent(source, providers, problems.lines());
        }

        /** The string table: en-US first, then the other cultures for ids en-US lacks. */
        void readStrings() {
            for (boolean enUs : new boolean[] {true, false}) {
                for (ManifestDraft.Resources res : draft.resources) {
                    if (res.enUs == enUs) {
                        res.strings.forEach(strings::putIfAbsent);
                    }
                }
            }
            draft.resources.clear();
        }

        /** {@code s} as the one instance kept for equal names; null for null. */
        String name(String s) {
            if (s == null) {
                return null;
            }
            String kept = names.putIfAbsent(s, s);
            return kept != null ? kept : s;
        }

        /** A message attribute with {@code $(string.id)} resolved; the reference itself if the id is unknown. */
        String message(String m) {
            if (m != null && m.startsWith("$(string.") && m.endsWith(")")) {
                String v = strings.get(m.substring(9, m.length() - 1));
                return v != null ? v : m;
            }
            return m;
        }

        ManifestProvider provider(ManifestDraft.Provider p) {
            String name = p.name;
            UUID guid = guid(p.guid);
            if (name == null || guid == null) {
                problem(p.line, "provider skipped: " + (name == null ? "no name" : "guid '" + p.guid
                        + "' is not a GUID"));
                return null;
            }
            Map<String, Long> channels = new LinkedHashMap<>();
            if (p.channels != null) {
                for (ManifestDraft.Channel c : p.channels) {
                    String key = c.chid() != null ? c.chid() : c.name();
                    Long v = c.value() != null ? number(c.line(), c.value(), "channel value")
                            : c.name() == null ? null : WinMeta.CHANNELS.get(c.name());
                    if (key != null && v != null) {
                        channels.put(name(key), v);
                    }
                }
            }
            Map<String, Long> levels = named(p.levels, "level value");
            Map<String, ManifestTask> tasks = new LinkedHashMap<>();
            if (p.tasks != null) {
                for (ManifestDraft.Task t : p.tasks) {
                    Long v = number(t.line, t.value, "task value");
                    if (t.name != null && v != null) {
                        tasks.put(name(t.name), new ManifestTask(name(t.name), v, named(t.opcodes, "opcode value")));
                    }
                }
            }
            Map<String, Long> opcodes = named(p.opcodes, "opcode value");
            Map<String, Long> keywords = named(p.keywords, "keyword mask");
            Map<String, ValueMap> maps = maps(p.maps);
            Map<String, List<PropertySchema>> templates = new LinkedHashMap<>();
            Set<String> badTemplates = new HashSet<>();
            if (p.templates != null) {
                for (ManifestDraft.Template t : p.templates) {
                    String tid = t.tid();
                    if (tid == null) {
                        problem(t.line(), "template without tid skipped");
                        continue;
                    }
                    List<PropertySchema> props = members(t.members(), maps, "template " + tid);
                    if (props == null) {
                        badTemplates.add(tid);
                    } else {
                        templates.put(name(tid), PropertyList.of(props));
                    }
                }
            }
            List<ManifestEvent> events = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            if (p.events != null) {
                Optional<String> providerName = Optional.of(name);
                for (ManifestDraft.Event e : p.events) {
                    ManifestEvent me = event(e, providerName, guid, tasks, opcodes, templates, badTemplates);
                    if (me == null) {
                        continue;
                    }
                    if (!seen.add(((long) me.value() << 8) | me.version())) {
                        problem(e.line(), "event " + me.value() + " version " + me.version()
                                + " defined again: the first definition is kept");
                        continue;
                    }
                    events.add(me);
                }
            }
            return new ManifestProvider(name, guid, channels, levels, tasks, opcodes, keywords, maps, templates,
                    events);
        }

        /** Name to number of level, opcode or keyword entries ({@code what}: "level value" ...; null: none). */
        Map<String, Long> named(List<ManifestDraft.Named> entries, String what) {
            Map<String, Long> out = new LinkedHashMap<>();
            if (entries != null) {
                for (ManifestDraft.Named n : entries) {
                    Long v = number(n.line(), n.value(), what);
                    if (n.name() != null && v != null) {
                        out.put(name(n.name()), v);
                    }
                }
            }
            return out;
        }

        Map<String, ValueMap> maps(List<ManifestDraft.MapDraft> drafts) {
            Map<String, ValueMap> out = new LinkedHashMap<>();
            if (drafts == null) {
                return out;
            }
            for (ManifestDraft.MapDraft m : drafts) {
                if (m.name() == null) {
                    problem(m.line(), (m.bitmap() ? "bitMap" : "valueMap") + " without a name skipped");
                    continue;
                }
                Map<Long, String> entries = new LinkedHashMap<>();
                for (ManifestDraft.MapEntry e : m.entries()) {
                    Long v = number(e.line(), e.value(), "map value");
                    if (v != null) {
                        String msg = message(e.message());
                        entries.put(v, msg == null ? "" : msg);
                    }
                }
                out.put(m.name(), new ValueMap(m.name(), m.bitmap(), entries));
            }
            return out;
        }

        /** The properties of {@code drafts}, or null if one of them is unusable (reported). */
        List<PropertySchema> members(List<ManifestDraft.Member> drafts, Map<String, ValueMap> maps, String where) {
            List<PropertySchema> out = new ArrayList<>();
            for (ManifestDraft.Member d : drafts) {
                String name = name(d.name());
                String element = d.isStruct() ? "struct" : "data";
                if (name == null) {
                    problem(d.line(), where + " skipped: <" + element + "> without a name");
                    return null;
                }
                PropertySchema prop;
                if (d.isStruct()) {
                    List<PropertySchema> members = members(d.members(), maps, where);
                    if (members == null) {
                        return null;
                    }
                    prop = PropertySchema.struct(name, members);
                } else {
                    String in = d.inType();
                    InType inType = in == null ? null : WinMeta.IN_TYPES.get(in);
                    if (inType == null) {
                        problem(d.line(), where + " skipped: data " + name + (in == null ? " has no inType"
                                : " has unknown inType " + in));
                        return null;
                    }
                    prop = PropertySchema.of(name, inType);
                    String outName = d.outType();
                    if (outName != null) {
                        OutType o = WinMeta.OUT_TYPES.get(outName);
                        if (o == null) {
                            problem(d.line(), where + ": data " + name + " has unknown outType " + outName
                                    + "; shown as its inType");
                        } else {
                            prop = prop.withOutType(o);
                        }
                    }
                    String length = d.length();
                    if (length != null) {
                        Long n = parseNumber(length);
                        if (n != null && Long.compareUnsigned(n, Integer.MAX_VALUE) > 0) {
                            problem(d.line(), where + " skipped: data " + name + " length " + length
                                    + " is too large");
                            return null;
                        }
                        prop = prop.withSize(n != null ? new PropertySize.Fixed((int) (long) n)
                                : new PropertySize.FromProperty(length));
                    }
                    String mapName = d.map();
                    if (mapName != null) {
                        ValueMap vm = maps.get(mapName);
                        if (vm == null) {
                            problem(d.line(), where + ": data " + name + " names unknown map " + mapName
                                    + "; decoded without names");
                        } else {
                            prop = prop.withMap(vm);
                        }
                    }
                }
                String count = d.count();
                if (count != null) {
                    Long n = parseNumber(count);
                    if (n != null && Long.compareUnsigned(n, Integer.MAX_VALUE) > 0) {
                        problem(d.line(), where + " skipped: " + name + " count " + count + " is too large");
                        return null;
                    }
                    prop = prop.withCount(n != null ? new PropertyCount.Fixed((int) (long) n)
                            : new PropertyCount.FromProperty(count));
                }
                out.add(prop);
            }
            return out;
        }

        ManifestEvent event(ManifestDraft.Event e, Optional<String> providerName, UUID guid,
                Map<String, ManifestTask> tasks, Map<String, Long> opcodes, Map<String, List<PropertySchema>> templates,
                Set<String> badTemplates) {
            Long value = number(e.line(), e.value(), "event value");
            if (value == null || Long.compareUnsigned(value, 0xFFFF) > 0) {
                problem(e.line(), "event skipped: value '" + e.value() + "' is not an event id (0..65535)");
                return null;
            }
            Long version = e.version() == null ? Long.valueOf(0) : number(e.line(), e.version(), "version");
            if (version == null || Long.compareUnsigned(version, 0xFF) > 0) {
                problem(e.line(), "event " + value + " skipped: version '" + e.version() + "' is not 0..255");
                return null;
            }
            String tid = e.template();
            List<PropertySchema> props = List.of();
            if (tid != null) {
                props = templates.get(tid);
                if (props == null) {
                    problem(e.line(), "event " + value + " version " + version + " skipped: template " + tid
                            + (badTemplates.contains(tid) ? " is unusable" : " is not defined"));
                    return null;
                }
            }
            Optional<String> symbol = Optional.ofNullable(e.symbol());
            Optional<String> task = optionalName(e.task());
            Optional<String> opcode = optionalName(e.opcode());
            if (opcode.isPresent() && !knownOpcode(opcode.get(), task, tasks, opcodes)) {
                problem(e.line(), "event " + value + ": opcode " + opcode.get() + " is not defined (name kept)");
            }
            Optional<String> level = optionalName(e.level());
            List<String> keywords = new ArrayList<>();
            if (e.keywords() != null) {
                for (String k : e.keywords().trim().split("\\s+")) {
                    if (!k.isEmpty()) {
                        keywords.add(name(WinMeta.shortName(k)));
                    }
                }
            }
            Optional<String> opName = opcode.map(o -> name(WinMeta.shortName(o)));
            Optional<String> eventName = symbol;
            if (eventName.isEmpty() && task.isPresent()) {
                eventName = Optional.of(name(task.get() + (opcode.isEmpty() || opcode.get().equals("win:Info")
                        ? "" : "/" + opName.get())));
            } else if (eventName.isEmpty()) {
                eventName = opName;
            }
            EventSchema schema = new EventSchema(guid, providerName, eventName, task, opName,
                    level.map(l -> name(WinMeta.shortName(l))), keywords, props, kind);
            return new ManifestEvent((int) (long) value, (int) (long) version, symbol, task, opcode, level,
                    optionalName(e.channel()), schema.keywordNames(), optionalName(tid),
                    Optional.ofNullable(message(e.message())), schema);
        }

        /** {@code s} as a shared instance, or empty. */
        Optional<String> optionalName(String s) {
            return Optional.ofNullable(name(s));
        }

        static boolean knownOpcode(String name, Optional<String> task, Map<String, ManifestTask> tasks,
                Map<String, Long> opcodes) {
            ManifestTask t = task.map(tasks::get).orElse(null);
            return (t != null && t.opcodes().containsKey(name)) || opcodes.containsKey(name)
                    || WinMeta.OPCODES.containsKey(name);
        }

        Long number(int line, String text, String what) {
            if (text == null) {
                return null;
            }
            Long v = parseNumber(text);
            if (v == null) {
                problem(line, what + " '" + text + "' is not a number: entry skipped");
            }
            return v;
        }

        static UUID guid(String text) {
            if (text == null) {
                return null;
            }
            String t = text.trim();
            if (t.startsWith("{") && t.endsWith("}")) {
                t = t.substring(1, t.length() - 1);
            }
            if (t.length() != 36) {
                return null;
            }
            try {
                return UUID.fromString(t);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** A decimal or 0x-hexadecimal unsigned 64-bit number, or null. */
    static Long parseNumber(String text) {
        String t = text.trim();
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return t.length() > 2 ? Long.parseUnsignedLong(t.substring(2), 16) : null;
            }
            return t.isEmpty() || t.charAt(0) == '+' ? null : Long.parseUnsignedLong(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
