package io.etw4j.decode.internal.manifest;

import io.etw4j.decode.EventSchema;
import io.etw4j.decode.InType;
import io.etw4j.decode.OutType;
import io.etw4j.decode.PropertyCount;
import io.etw4j.decode.PropertySchema;
import io.etw4j.decode.PropertySize;
import io.etw4j.decode.ValueMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes one provider's event schemas as an instrumentation manifest (learn.microsoft.com "EventManifest Schema":
 * {@code instrumentationManifest/instrumentation/events/provider} with levels, tasks and their opcodes, opcodes,
 * keywords, maps, templates and events, and the map names in an en-US string table) that {@link ManifestParser}
 * reads back into the same schemas: the same event, task, opcode, level and keyword names, the same properties
 * (in-type, out-type, length, count, struct members, map).
 *
 * <p><b>Portable and diffable.</b> UTF-8, no host paths (no resourceFileName or messageFileName), no time stamps;
 * everything in a fixed order (events by id then version, tasks, opcodes, levels, keywords and maps by name, one
 * template per event named {@code t<id>v<version>}), two-space indentation, one element per line: the same schemas
 * give the same bytes. Every name is attacker-controlled text (a provider chooses it) and is escaped
 * ({@link XmlText}); a character XML 1.0 cannot carry becomes U+FFFD and is listed as a problem.
 *
 * <p>Names TDH gives with the win: prefix (TRACE_EVENT_INFO says "win:Info" for the standard opcode) read back
 * without it, as every win: level and opcode name does ({@link ManifestParser}'s rule).
 *
 * <p><b>What is not a manifest.</b> The names are TDH's: an event's {@code symbol} is its name as TDH gives it (not
 * necessarily a C identifier), and levels and opcodes that are not the win: ones with the same number are defined
 * in the provider even below 16; such a file loads in etw4j, mc.exe may refuse it (inferred from the schema's
 * restrictions, not tried). An event with a property no manifest can describe (an in-type without a win: name, a
 * count that is not a number or a property) is left out and listed as a problem. Stateless and thread-safe.
 */
public final class ManifestWriter {
    private static final Map<InType, String> IN_NAMES = reverse(WinMeta.IN_TYPES, InType.class);
    private static final Map<OutType, String> OUT_NAMES = reverse(WinMeta.OUT_TYPES, OutType.class);

    /** What {@link #write} made: the document and the problems met (events left out, names changed). */
    public record Written(byte[] xml, int events, List<String> problems) {
    }

    private ManifestWriter() {
    }

    private static <E extends Enum<E>> Map<E, String> reverse(Map<String, E> names, Class<E> type) {
        Map<E, String> out = new EnumMap<>(type);
        new TreeMap<>(names).forEach((n, t) -> out.merge(t, n, (a, b) -> a.startsWith("win:") ? a : b));
        return out;
    }

    /**
     * The manifest of provider {@code guid} named {@code name} with {@code events}.
     *
     * @param comment a line for the comment at the top (where the schemas came from), escaped
     */
    public static Written write(UUID guid, String name, List<ExportedEvent> events, String comment) {
        return new Writer().write(guid, name, events, comment);
    }

    private static final class Writer {
        final List<String> problems = new ArrayList<>();
        final Map<String, Long> levels = new TreeMap<>();
        final Map<String, Long> tasks = new TreeMap<>();
        final Map<String, Map<String, Long>> taskOpcodes = new TreeMap<>();
        final Map<String, Long> opcodes = new TreeMap<>();
        final Map<String, Long> keywords = new TreeMap<>();
        final Map<String, ValueMap> maps = new TreeMap<>();
        final StringBuilder eventsXml = new StringBuilder();
        final StringBuilder templatesXml = new StringBuilder();
        int written;

        Written write(UUID guid, String name, List<ExportedEvent> events, String comment) {
            List<ExportedEvent> sorted = new ArrayList<>(events);
            sorted.sort(Comparator.comparingInt(ExportedEvent::id).thenComparingInt(ExportedEvent::version));
            for (ExportedEvent e : sorted) {
                event(e);
            }
            StringBuilder x = new StringBuilder(4096);
            x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            x.append("<!-- ").append(XmlText.comment(comment)).append(" -->\n");
            x.append("<instrumentationManifest xmlns=\"http://schemas.microsoft.com/win/2004/08/events\"")
                    .append(" xmlns:win=\"http://manifests.microsoft.com/win/2004/08/windows/events\"")
                    .append(" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n");
            x.append("  <instrumentation>\n    <events>\n");
            x.append("      <provider name=\"");
            text(x, name, "provider name").append("\" guid=\"{").append(guid.toString().toUpperCase(Locale.ROOT))
                    .append("}\">\n");
            named(x, "levels", "level", "value", levels);
            if (!tasks.isEmpty()) {
                x.append("        <tasks>\n");
                tasks.forEach((t, v) -> {
                    x.append("          <task name=\"");
                    text(x, t, "task").append("\" value=\"").append(v).append('"');
                    Map<String, Long> ops = taskOpcodes.getOrDefault(t, Map.of());
                    if (ops.isEmpty()) {
                        x.append("/>\n");
                    } else {
                        x.append(">\n            <opcodes>\n");
                        ops.forEach((o, ov) -> {
                            x.append("              <opcode name=\"");
                            text(x, o, "opcode").append("\" value=\"").append(ov).append("\"/>\n");
                        });
                        x.append("            </opcodes>\n          </task>\n");
                    }
                });
                x.append("        </tasks>\n");
            }
            named(x, "opcodes", "opcode", "value", opcodes);
            if (!keywords.isEmpty()) {
                x.append("        <keywords>\n");
                keywords.forEach((k, m) -> {
                    x.append("          <keyword name=\"");
                    text(x, k, "keyword").append("\" mask=\"0x").append(Long.toHexString(m)).append("\"/>\n");
                });
                x.append("        </keywords>\n");
            }
            List<String[]> strings = new ArrayList<>();
            if (!maps.isEmpty()) {
                x.append("        <maps>\n");
                int i = 0;
                for (ValueMap m : maps.values()) {
                    String kind = m.bitmap() ? "bitMap" : "valueMap";
                    x.append("          <").append(kind).append(" name=\"");
                    text(x, m.name(), "map").append("\">\n");
                    int j = 0;
                    for (Map.Entry<Long, String> e : m.entries().entrySet()) {
                        String id = "map" + i + "." + j++;
                        strings.add(new String[] {id, e.getValue()});
                        x.append("            <map value=\"0x").append(Long.toHexString(e.getKey()))
                                .append("\" message=\"$(string.").append(id).append(")\"/>\n");
                    }
                    x.append("          </").append(kind).append(">\n");
                    i++;
                }
                x.append("        </maps>\n");
            }
            if (templatesXml.length() > 0) {
                x.append("        <templates>\n").append(templatesXml).append("        </templates>\n");
            }
            if (eventsXml.length() > 0) {
                x.append("        <events>\n").append(eventsXml).append("        </events>\n");
            }
            x.append("      </provider>\n    </events>\n  </instrumentation>\n");
            if (!strings.isEmpty()) {
                x.append("  <localization>\n    <resources culture=\"en-US\">\n      <stringTable>\n");
                for (String[] s : strings) {
                    x.append("        <string id=\"").append(s[0]).append("\" value=\"");
                    text(x, s[1], "map entry").append("\"/>\n");
                }
                x.append("      </stringTable>\n    </resources>\n  </localization>\n");
            }
            x.append("</instrumentationManifest>\n");
            return new Written(x.toString().getBytes(StandardCharsets.UTF_8), written, List.copyOf(problems));
        }

        void named(StringBuilder x, String list, String element, String attr, Map<String, Long> entries) {
            if (entries.isEmpty()) {
                return;
            }
            x.append("        <").append(list).append(">\n");
            entries.forEach((n, v) -> {
                x.append("          <").append(element).append(" name=\"");
                text(x, n, element).append("\" ").append(attr).append("=\"").append(v).append("\"/>\n");
            });
            x.append("        </").append(list).append(">\n");
        }

        StringBuilder text(StringBuilder x, String s, String what) {
            if (!XmlText.representable(s)) {
                problems.add(what + " '" + s.replaceAll("\\p{Cntrl}", "?") + "': characters XML 1.0 cannot carry "
                        + "written as U+FFFD");
            }
            return XmlText.attribute(x, s);
        }

        void event(ExportedEvent e) {
            EventSchema s = e.schema();
            String where = "event " + e.id() + " version " + e.version();
            StringBuilder tpl = new StringBuilder();
            Map<String, ValueMap> used = new LinkedHashMap<>();
            String bad = members(tpl, s.properties(), "            ", used);
            if (bad != null) {
                problems.add(where + " left out: " + bad);
                return;
            }
            for (ValueMap m : used.values()) {
                ValueMap known = maps.putIfAbsent(m.name(), m);
                if (known != null && !known.equals(m)) {
                    problems.add(where + ": map " + m.name() + " differs from the provider's first map of that name,"
                            + " which is kept");
                }
            }
            String tid = "t" + e.id() + "v" + e.version();
            if (!s.properties().isEmpty()) {
                templatesXml.append("          <template tid=\"").append(tid).append("\">\n").append(tpl)
                        .append("          </template>\n");
            }
            StringBuilder x = eventsXml;
            x.append("          <event value=\"").append(e.id()).append("\" version=\"").append(e.version())
                    .append('"');
            if (s.eventName().isPresent()) {
                x.append(" symbol=\"");
                text(x, s.eventName().get(), "event name").append('"');
            }
            String task = s.taskName().orElse(null);
            if (task != null) {
                define(tasks, task, e.task(), where + ": task");
                x.append(" task=\"");
                text(x, task, "task").append('"');
            }
            if (s.opcodeName().isPresent()) {
                String op = s.opcodeName().get();
                Long win = WinMeta.OPCODES.get(op.startsWith("win:") ? op : "win:" + op);
                String attr = op;
                if (win != null && win == e.opcode()) {
                    attr = op.startsWith("win:") ? op : "win:" + op;
                } else if (task != null) {
                    define(taskOpcodes.computeIfAbsent(task, k -> new TreeMap<>()), op, e.opcode(), where
                            + ": opcode");
                } else {
                    define(opcodes, op, e.opcode(), where + ": opcode");
                }
                x.append(" opcode=\"");
                text(x, attr, "opcode").append('"');
            }
            if (s.levelName().isPresent()) {
                String level = s.levelName().get();
                Long win = WinMeta.LEVELS.get(level.startsWith("win:") ? level : "win:" + level);
                String attr = level;
                if (win != null && win == e.level()) {
                    attr = level.startsWith("win:") ? level : "win:" + level;
                } else {
                    define(levels, level, e.level(), where + ": level");
                }
                x.append(" level=\"");
                text(x, attr, "level").append('"');
            }
            keywords(x, e, s.keywordNames(), where);
            if (!s.properties().isEmpty()) {
                x.append(" template=\"").append(tid).append('"');
            }
            x.append("/>\n");
            written++;
        }

        void keywords(StringBuilder x, ExportedEvent e, List<String> names, String where) {
            List<String> usable = new ArrayList<>();
            for (String k : names) {
                if (k.isBlank() || !k.strip().equals(k) || k.chars().anyMatch(Character::isWhitespace)) {
                    problems.add(where + ": keyword name '" + k + "' has blanks: left out");
                } else {
                    usable.add(k);
                }
            }
            if (usable.isEmpty()) {
                return;
            }
            // TDH lists the names of the set bits in bit order (inferred): each name gets its bit when the counts
            // agree, else the names stay undefined (the parser keeps an event's keyword names either way).
            if (Long.bitCount(e.keyword()) == usable.size()) {
                long bits = e.keyword();
                for (String k : usable) {
                    long bit = Long.lowestOneBit(bits);
                    bits &= ~bit;
                    if (!WinMeta.KEYWORDS.containsKey("win:" + k)) {
                        define(keywords, k, bit, where + ": keyword");
                    }
                }
            }
            x.append(" keywords=\"");
            for (int i = 0; i < usable.size(); i++) {
                String k = usable.get(i);
                Long win = WinMeta.KEYWORDS.get("win:" + k);
                text(x.append(i == 0 ? "" : " "), win != null ? "win:" + k : k, "keyword");
            }
            x.append('"');
        }

        void define(Map<String, Long> names, String name, long value, String where) {
            Long known = names.putIfAbsent(name, value);
            if (known != null && known != value) {
                problems.add(where + " " + name + " is " + value + " here but " + known + " before: " + known
                        + " kept");
            }
        }

        /** Writes {@code props} into {@code out}; returns why they cannot be written, or null. */
        String members(StringBuilder out, List<PropertySchema> props, String indent, Map<String, ValueMap> used) {
            for (PropertySchema p : props) {
                String count = count(p.count());
                if (count == null) {
                    return "property " + p.name() + " has a count no manifest can state (" + p.count() + ")";
                }
                if (p.isStruct()) {
                    out.append(indent).append("<struct name=\"");
                    text(out, p.name(), "property").append('"');
                    if (!count.isEmpty()) {
                        out.append(" count=\"");
                        text(out, count, "count").append('"');
                    }
                    out.append(">\n");
                    String bad = members(out, p.members(), indent + "  ", used);
                    if (bad != null) {
                        return bad;
                    }
                    out.append(indent).append("</struct>\n");
                    continue;
                }
                String in = IN_NAMES.get(p.inType());
                if (in == null) {
                    return "property " + p.name() + " has in-type " + p.inType() + ", which has no manifest name";
                }
                out.append(indent).append("<data name=\"");
                text(out, p.name(), "property").append("\" inType=\"").append(in).append('"');
                String outName = OUT_NAMES.get(p.outType());
                if (p.outType() != OutType.NULL && outName != null) {
                    out.append(" outType=\"").append(outName).append('"');
                } else if (p.outType() != OutType.NULL) {
                    problems.add("property " + p.name() + ": out-type " + p.outType() + " has no manifest name: "
                            + "left out");
                }
                PropertySize size = p.size();
                if (size instanceof PropertySize.Fixed f) {
                    out.append(" length=\"").append(f.value()).append('"');
                } else if (size instanceof PropertySize.FromProperty r) {
                    out.append(" length=\"");
                    text(out, r.property(), "length").append('"');
                }
                if (!count.isEmpty()) {
                    out.append(" count=\"");
                    text(out, count, "count").append('"');
                }
                if (p.map().isPresent()) {
                    ValueMap m = p.map().get();
                    used.putIfAbsent(m.name(), m);
                    out.append(" map=\"");
                    text(out, m.name(), "map").append('"');
                }
                out.append("/>\n");
            }
            return null;
        }

        /** The count attribute ("" for one element), or null when a manifest cannot state it. */
        static String count(PropertyCount c) {
            if (c instanceof PropertyCount.Single) {
                return "";
            }
            if (c instanceof PropertyCount.Fixed f) {
                return Integer.toString(f.value());
            }
            if (c instanceof PropertyCount.FromProperty r) {
                return r.property();
            }
            return null;
        }
    }
}
