package io.etw4j.decode.internal.manifest;

import io.etw4j.decode.internal.manifest.ManifestDraft.Channel;
import io.etw4j.decode.internal.manifest.ManifestDraft.Event;
import io.etw4j.decode.internal.manifest.ManifestDraft.MapDraft;
import io.etw4j.decode.internal.manifest.ManifestDraft.MapEntry;
import io.etw4j.decode.internal.manifest.ManifestDraft.Member;
import io.etw4j.decode.internal.manifest.ManifestDraft.Named;
import io.etw4j.decode.internal.manifest.ManifestDraft.Provider;
import io.etw4j.decode.internal.manifest.ManifestDraft.Resources;
import io.etw4j.decode.internal.manifest.ManifestDraft.Task;
import io.etw4j.decode.internal.manifest.ManifestDraft.Template;
import java.util.ArrayList;
import java.util.List;

/**
 * The streaming pass of the manifest parser: reads a document with {@link ManifestXml} and keeps, in a
 * {@link ManifestDraft}, only the elements the parser uses, found where the event manifest schema puts them:
 * {@code <provider>} children of any {@code <events>} element; in a provider its first {@code channels},
 * {@code levels}, {@code tasks} (each task's first {@code opcodes}), {@code opcodes}, {@code keywords}, {@code maps},
 * {@code templates} (data and struct members, nested) and {@code events}; {@code <string>} elements of the
 * {@code <stringTable>} children of any {@code <resources>} element. Every other element costs one stack frame while
 * it is open and nothing after. One document, one thread.
 */
final class ManifestCollector implements ManifestXml.Handler {

    /** What an open element is to the parser. */
    private enum Kind {
        NONE, PROVIDER, CHANNELS, NAMED, TASKS, TASK, MAPS, MAP, TEMPLATES, MEMBERS, EVENTS, STRING_TABLE
    }

    /** An open element: whether its {@code <provider>} children are providers, its resources, what it holds. */
    private record Frame(int container, Resources resources, Kind kind, Object target) {
    }

    /** A level, opcode or keyword section being read: the element name of its entries and their value attribute. */
    private record NamedList(String element, String valueAttribute, List<Named> entries) {
    }

    private static final Frame IGNORED = new Frame(0, null, Kind.NONE, null);

    private final ManifestDraft draft = new ManifestDraft();
    private final List<Frame> open = new ArrayList<>();
    private int containers;

    private ManifestCollector() {
    }

    /** One pass over {@code xml}; throws what {@link ManifestXml#read} throws. */
    static ManifestDraft collect(byte[] xml, String source) {
        ManifestCollector c = new ManifestCollector();
        ManifestXml.read(xml, source, c);
        return c.draft;
    }

    @Override
    public void start(String name, ManifestXml.Attributes a, int line, int depth) {
        if (depth == 0) {
            draft.rootName = name;
            draft.rootLine = line;
            open.add(IGNORED); // the root itself is no events container and no resources
            return;
        }
        Frame parent = open.get(depth - 1);
        int container = name.equals("events") ? ++containers : 0;
        Resources resources = null;
        if (name.equals("resources")) {
            resources = new Resources("en-US".equalsIgnoreCase(a.get("culture")));
            draft.resources.add(resources);
        }
        Frame f = IGNORED;
        if (parent.container != 0 && name.equals("provider")) {
            Provider p = new Provider(parent.container, line, a.get("name"), a.get("guid"));
            draft.providers.add(p);
            f = new Frame(container, resources, Kind.PROVIDER, p);
        } else if (parent.resources != null && name.equals("stringTable")) {
            f = new Frame(container, resources, Kind.STRING_TABLE, parent.resources);
        } else {
            f = child(parent, name, a, line, container, resources);
        }
        open.add(f == IGNORED && (container != 0 || resources != null)
                ? new Frame(container, resources, Kind.NONE, null) : f);
    }

    @Override
    public void end() {
        open.remove(open.size() - 1);
    }

    /** The frame of element {@code name} inside {@code parent} by what the parent is; IGNORED when nothing. */
    private Frame child(Frame parent, String name, ManifestXml.Attributes a, int line, int container,
            Resources resources) {
        switch (parent.kind) {
            case PROVIDER:
                return section((Provider) parent.target, name, container, resources);
            case CHANNELS:
                ManifestCollector.<Channel>cast(parent.target).add(new Channel(line, a.get("chid"), a.get("name"),
                        a.get("value")));
                return IGNORED;
            case NAMED:
                NamedList nl = (NamedList) parent.target;
                if (name.equals(nl.element)) {
                    nl.entries.add(new Named(line, a.get("name"), a.get(nl.valueAttribute)));
                }
                return IGNORED;
            case TASKS:
                if (name.equals("task")) {
                    Task t = new Task(line, a.get("name"), a.get("value"));
                    ManifestCollector.<Task>cast(parent.target).add(t);
                    return new Frame(container, resources, Kind.TASK, t);
                }
                return IGNORED;
            case TASK:
                Task t = (Task) parent.target;
                if (name.equals("opcodes") && t.opcodes == null) {
                    t.opcodes = new ArrayList<>();
                    return new Frame(container, resources, Kind.NAMED, new NamedList("opcode", "value", t.opcodes));
                }
                return IGNORED;
            case MAPS:
                boolean bitmap = name.equals("bitMap");
                if (bitmap || name.equals("valueMap")) {
                    MapDraft m = new MapDraft(line, bitmap, a.get("name"), new ArrayList<>());
                    ManifestCollector.<MapDraft>cast(parent.target).add(m);
                    return new Frame(container, resources, Kind.MAP, m);
                }
                return IGNORED;
            case MAP:
                if (name.equals("map")) {
                    ((MapDraft) parent.target).entries().add(new MapEntry(line, a.get("value"), a.get("message")));
                }
                return IGNORED;
            case TEMPLATES:
                if (name.equals("template")) {
                    Template t2 = new Template(line, a.get("tid"), new ArrayList<>());
                    ManifestCollector.<Template>cast(parent.target).add(t2);
                    return new Frame(container, resources, Kind.MEMBERS, t2.members());
                }
                return IGNORED;
            case MEMBERS:
                return member(ManifestCollector.<Member>cast(parent.target), name, a, line, container, resources);
            case EVENTS:
                if (name.equals("event")) {
                    ManifestCollector.<Event>cast(parent.target).add(new Event(line, a.get("value"), a.get("version"),
                            a.get("template"), a.get("symbol"), a.get("task"), a.get("opcode"), a.get("level"),
                            a.get("keywords"), a.get("channel"), a.get("message")));
                }
                return IGNORED;
            case STRING_TABLE:
                if (name.equals("string")) {
                    String id = a.get("id");
                    String value = a.get("value");
                    if (id != null && value != null) {
                        ((Resources) parent.target).strings.putIfAbsent(id, value);
                    }
                }
                return IGNORED;
            default:
                return IGNORED;
        }
    }

    /** A direct child of a provider: the first of each section is read, later ones are not. */
    private Frame section(Provider p, String name, int container, Resources resources) {
        switch (name) {
            case "channels":
                if (p.channels == null) {
                    return new Frame(container, resources, Kind.CHANNELS, p.channels = new ArrayList<>());
                }
                break;
            case "levels":
                if (p.levels == null) {
                    return named(container, resources, "level", "value", p.levels = new ArrayList<>());
                }
                break;
            case "tasks":
                if (p.tasks == null) {
                    return new Frame(container, resources, Kind.TASKS, p.tasks = new ArrayList<>());
                }
                break;
            case "opcodes":
                if (p.opcodes == null) {
                    return named(container, resources, "opcode", "value", p.opcodes = new ArrayList<>());
                }
                break;
            case "keywords":
                if (p.keywords == null) {
                    return named(container, resources, "keyword", "mask", p.keywords = new ArrayList<>());
                }
                break;
            case "maps":
                if (p.maps == null) {
                    return new Frame(container, resources, Kind.MAPS, p.maps = new ArrayList<>());
                }
                break;
            case "templates":
                if (p.templates == null) {
                    return new Frame(container, resources, Kind.TEMPLATES, p.templates = new ArrayList<>());
                }
                break;
            case "events":
                if (p.events == null) {
                    return new Frame(container, resources, Kind.EVENTS, p.events = new ArrayList<>());
                }
                break;
            default:
                break;
        }
        return IGNORED;
    }

    private static Frame named(int container, Resources resources, String element, String attribute,
            List<Named> entries) {
        return new Frame(container, resources, Kind.NAMED, new NamedList(element, attribute, entries));
    }

    private static Frame member(List<Member> members, String name, ManifestXml.Attributes a, int line, int container,
            Resources resources) {
        boolean struct = name.equals("struct");
        if (!struct && !name.equals("data")) {
            return IGNORED; // UserData and other presentation elements carry no layout
        }
        Member m = new Member(line, a.get("name"), struct ? null : a.get("inType"), struct ? null : a.get("outType"),
                struct ? null : a.get("length"), struct ? null : a.get("map"), a.get("count"),
                struct ? new ArrayList<>() : null);
        members.add(m);
        return struct ? new Frame(container, resources, Kind.MEMBERS, m.members()) : IGNORED;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> cast(Object list) {
        return (List<T>) list;
    }
}
