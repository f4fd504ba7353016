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
 * <p><b>What a bad manifest costs.</b> XML that is not well-formed, a DOCTYPE or an entity reference makes the whole
 * document fail with a {@link ManifestException} (nothing of it is used). Inside a well-formed document each problem
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
        XmlNode root = XmlNode.parse(xml, source);
        if (!root.name.equals("instrumentationManifest") && !root.name.equals("assembly")) {
            throw new ManifestException(source, root.line, "root element <" + root.name
                    + "> is not <instrumentationManifest>", null);
        }
        return new Reader(source, kind, root).read();
    }

    /** One document being read. */
    private static final class Reader {
        final String source;
        final SchemaOrigin kind;
        final XmlNode root;
        final ProblemList problems = new ProblemList();
        final Map<String, String> strings = new HashMap<>();

        Reader(String source, SchemaOrigin kind, XmlNode root) {
            this.source = source;
            this.kind = kind;
            this.root = root;
        }

        void problem(XmlNode at, String what) {
            problems.add(source + ":" + at.line + ": " + what);
        }

        ManifestContent read() {
            readStrings();
            List<ManifestProvider> providers = new ArrayList<>();
            for (XmlNode events : root.descendants("events")) {
                for (XmlNode p : events.children("provider")) {
                    ManifestProvider mp = provider(p);
                    if (mp != null) {
                        providers.add(mp);
                    }
                }
            }
            return new ManifestContent(source, providers, problems.lines());
        }

        /** The string table: en-US first, then the other cultures for ids en-US lacks. */
        void readStrings() {
            List<XmlNode> resources = root.descendants("resources");
            resources.sort((a, b) -> Boolean.compare(!"en-US".equalsIgnoreCase(a.attr("culture")),
                    !"en-US".equalsIgnoreCase(b.attr("culture"))));
            for (XmlNode res : resources) {
                for (XmlNode table : res.children("stringTable")) {
                    for (XmlNode s : table.children("string")) {
                        if (s.attr("id") != null && s.attr("value") != null) {
                            strings.putIfAbsent(s.attr("id"), s.attr("value"));
                        }
                    }
                }
            }
        }

        /** A message attribute with {@code $(string.id)} resolved; the reference itself if the id is unknown. */
        String message(String m) {
            if (m != null && m.startsWith("$(string.") && m.endsWith(")")) {
                String v = strings.get(m.substring(9, m.length() - 1));
                return v != null ? v : m;
            }
            return m;
        }

        ManifestProvider provider(XmlNode p) {
            String name = p.attr("name");
            UUID guid = guid(p.attr("guid"));
            if (name == null || guid == null) {
                problem(p, "provider skipped: " + (name == null ? "no name" : "guid '" + p.attr("guid")
                        + "' is not a GUID"));
                return null;
            }
            Map<String, Long> channels = new LinkedHashMap<>();
            XmlNode ch = p.child("channels");
            if (ch != null) {
                for (XmlNode c : ch.children) {
                    String key = c.attr("chid") != null ? c.attr("chid") : c.attr("name");
                    Long v = c.attr("value") != null ? number(c, c.attr("value"), "channel value")
                            : c.attr("name") == null ? null : WinMeta.CHANNELS.get(c.attr("name"));
                    if (key != null && v != null) {
                        channels.put(key, v);
                    }
                }
            }
            Map<String, Long> levels = named(p.child("levels"), "level", "value");
            Map<String, ManifestTask> tasks = new LinkedHashMap<>();
            XmlNode ts = p.child("tasks");
            if (ts != null) {
                for (XmlNode t : ts.children("task")) {
                    Long v = number(t, t.attr("value"), "task value");
                    if (t.attr("name") != null && v != null) {
                        tasks.put(t.attr("name"), new ManifestTask(t.attr("name"), v,
                                named(t.child("opcodes"), "opcode", "value")));
                    }
                }
            }
            Map<String, Long> opcodes = named(p.child("opcodes"), "opcode", "value");
            Map<String, Long> keywords = named(p.child("keywords"), "keyword", "mask");
            Map<String, ValueMap> maps = maps(p.child("maps"));
            Map<String, List<PropertySchema>> templates = new LinkedHashMap<>();
            Set<String> badTemplates = new HashSet<>();
            XmlNode tpl = p.child("templates");
            if (tpl != null) {
                for (XmlNode t : tpl.children("template")) {
                    String tid = t.attr("tid");
                    if (tid == null) {
                        problem(t, "template without tid skipped");
                        continue;
                    }
                    List<PropertySchema> props = members(t, maps, "template " + tid);
                    if (props == null) {
                        badTemplates.add(tid);
                    } else {
                        templates.put(tid, props);
                    }
                }
            }
            List<ManifestEvent> events = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            XmlNode evs = p.child("events");
            if (evs != null) {
                for (XmlNode e : evs.children("event")) {
                    ManifestEvent me = event(e, name, guid, tasks, opcodes, templates, badTemplates);
                    if (me == null) {
                        continue;
                    }
                    if (!seen.add(((long) me.value() << 8) | me.version())) {
                        problem(e, "event " + me.value() + " version " + me.version()
                                + " defined again: the first definition is kept");
                        continue;
                    }
                    events.add(me);
                }
            }
            return new ManifestProvider(name, guid, channels, levels, tasks, opcodes, keywords, maps, templates,
                    events);
        }

        Map<String, Long> named(XmlNode parent, String element, String valueAttr) {
            Map<String, Long> out = new LinkedHashMap<>();
            if (parent != null) {
                for (XmlNode n : parent.children(element)) {
                    Long v = number(n, n.attr(valueAttr), element + " " + valueAttr);
                    if (n.attr("name") != null && v != null) {
                        out.put(n.attr("name"), v);
                    }
                }
            }
            return out;
        }

        Map<String, ValueMap> maps(XmlNode parent) {
            Map<String, ValueMap> out = new LinkedHashMap<>();
            if (parent == null) {
                return out;
            }
            for (XmlNode m : parent.children) {
                boolean bitmap = m.name.equals("bitMap");
                if (!bitmap && !m.name.equals("valueMap")) {
                    continue;
                }
                if (m.attr("name") == null) {
                    problem(m, m.name + " without a name skipped");
                    continue;
                }
                Map<Long, String> entries = new LinkedHashMap<>();
                for (XmlNode e : m.children("map")) {
                    Long v = number(e, e.attr("value"), "map value");
                    if (v != null) {
                        String msg = message(e.attr("message"));
                        entries.put(v, msg == null ? "" : msg);
                    }
                }
                out.put(m.attr("name"), new ValueMap(m.attr("name"), bitmap, entries));
            }
            return out;
        }

        /** The data and struct children of {@code parent}, or null if one of them is unusable (reported). */
        List<PropertySchema> members(XmlNode parent, Map<String, ValueMap> maps, String where) {
            List<PropertySchema> out = new ArrayList<>();
            for (XmlNode d : parent.children) {
                if (!d.name.equals("data") && !d.name.equals("struct")) {
                    continue; // UserData and other presentation elements carry no layout
                }
                String name = d.attr("name");
                if (name == null) {
                    problem(d, where + " skipped: <" + d.name + "> without a name");
                    return null;
                }
                PropertySchema prop;
                if (d.name.equals("struct")) {
                    List<PropertySchema> members = members(d, maps, where);
                    if (members == null) {
                        return null;
                    }
                    prop = PropertySchema.struct(name, members);
                } else {
                    String in = d.attr("inType");
                    InType inType = in == null ? null : WinMeta.IN_TYPES.get(in);
                    if (inType == null) {
                        problem(d, where + " skipped: data " + name + (in == null ? " has no inType"
                                : " has unknown inType " + in));
                        return null;
                    }
                    prop = PropertySchema.of(name, inType);
                    String outName = d.attr("outType");
                    if (outName != null) {
                        OutType o = WinMeta.OUT_TYPES.get(outName);
                        if (o == null) {
                            problem(d, where + ": data " + name + " has unknown outType " + outName
                                    + "; shown as its inType");
                        } else {
                            prop = prop.withOutType(o);
                        }
                    }
                    String length = d.attr("length");
                    if (length != null) {
                        Long n = parseNumber(length);
                        if (n != null && Long.compareUnsigned(n, Integer.MAX_VALUE) > 0) {
                            problem(d, where + " skipped: data " + name + " length " + length + " is too large");
                            return null;
                        }
                        prop = prop.withSize(n != null ? new PropertySize.Fixed((int) (long) n)
                                : new PropertySize.FromProperty(length));
                    }
                    String mapName = d.attr("map");
                    if (mapName != null) {
                        ValueMap vm = maps.get(mapName);
                        if (vm == null) {
                            problem(d, where + ": data " + name + " names unknown map " + mapName
                                    + "; decoded without names");
                        } else {
                            prop = prop.withMap(vm);
                        }
                    }
                }
                String count = d.attr("count");
                if (count != null) {
                    Long n = parseNumber(count);
                    if (n != null && Long.compareUnsigned(n, Integer.MAX_VALUE) > 0) {
                        problem(d, where + " skipped: " + name + " count " + count + " is too large");
                        return null;
                    }
                    prop = prop.withCount(n != null ? new PropertyCount.Fixed((int) (long) n)
                            : new PropertyCount.FromProperty(count));
                }
                out.add(prop);
            }
            return out;
        }

        ManifestEvent event(XmlNode e, String providerName, UUID guid, Map<String, ManifestTask> tasks,
                Map<String, Long> opcodes, Map<String, List<PropertySchema>> templates, Set<String> badTemplates) {
            Long value = number(e, e.attr("value"), "event value");
            if (value == null || Long.compareUnsigned(value, 0xFFFF) > 0) {
                problem(e, "event skipped: value '" + e.attr("value") + "' is not an event id (0..65535)");
                return null;
            }
            Long version = e.attr("version") == null ? Long.valueOf(0) : number(e, e.attr("version"), "version");
            if (version == null || Long.compareUnsigned(version, 0xFF) > 0) {
                problem(e, "event " + value + " skipped: version '" + e.attr("version") + "' is not 0..255");
                return null;
            }
            String tid = e.attr("template");
            List<PropertySchema> props = List.of();
            if (tid != null) {
                props = templates.get(tid);
                if (props == null) {
                    problem(e, "event " + value + " version " + version + " skipped: template " + tid
                            + (badTemplates.contains(tid) ? " is unusable" : " is not defined"));
                    return null;
                }
            }
            Optional<String> symbol = Optional.ofNullable(e.attr("symbol"));
            Optional<String> task = Optional.ofNullable(e.attr("task"));
            Optional<String> opcode = Optional.ofNullable(e.attr("opcode"));
            if (opcode.isPresent() && !knownOpcode(opcode.get(), task, tasks, opcodes)) {
                problem(e, "event " + value + ": opcode " + opcode.get() + " is not defined (name kept)");
            }
            Optional<String> level = Optional.ofNullable(e.attr("level"));
            List<String> keywords = new ArrayList<>();
            if (e.attr("keywords") != null) {
                for (String k : e.attr("keywords").trim().split("\\s+")) {
                    if (!k.isEmpty()) {
                        keywords.add(WinMeta.shortName(k));
                    }
                }
            }
            Optional<String> opName = opcode.map(WinMeta::shortName);
            Optional<String> eventName = symbol;
            if (eventName.isEmpty() && task.isPresent()) {
                eventName = Optional.of(task.get() + (opcode.isEmpty() || opcode.get().equals("win:Info") ? ""
                        : "/" + opName.get()));
            } else if (eventName.isEmpty()) {
                eventName = opName;
            }
            EventSchema schema = new EventSchema(guid, Optional.of(providerName), eventName, task, opName,
                    level.map(WinMeta::shortName), keywords, props, kind);
            return new ManifestEvent((int) (long) value, (int) (long) version, symbol, task, opcode, level,
                    Optional.ofNullable(e.attr("channel")), keywords, Optional.ofNullable(tid),
                    Optional.ofNullable(message(e.attr("message"))), schema);
        }

        static boolean knownOpcode(String name, Optional<String> task, Map<String, ManifestTask> tasks,
                Map<String, Long> opcodes) {
            ManifestTask t = task.map(tasks::get).orElse(null);
            return (t != null && t.opcodes().containsKey(name)) || opcodes.containsKey(name)
                    || WinMeta.OPCODES.containsKey(name);
        }

        Long number(XmlNode at, String text, String what) {
            if (text == null) {
                return null;
            }
            Long v = parseNumber(text);
            if (v == null) {
                problem(at, what + " '" + text + "' is not a number: entry skipped");
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
