package io.etw4j.decode.internal;

import io.etw4j.decode.InType;
import io.etw4j.decode.OutType;
import io.etw4j.decode.PropertyCount;
import io.etw4j.decode.PropertySchema;
import io.etw4j.decode.PropertySize;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reader of etw-decode's kernel MOF table ({@code io/etw4j/decode/kernel-mof.tsv}, written by the test-scope
 * {@code KernelMofConverter} from the kernel logger's MOF classes). Format: {@code #} comment lines; a {@code C} line
 * per event-type class ({@code C <class GUID> <version|*> <MOF class> <task> <type:name,...>}) followed by its
 * {@code P} lines ({@code P <name> <in-type> <out-type> <length> <count>}; length and count are {@code -}, a number,
 * or {@code @property}; a count may also be {@code *}: elements until the payload ends
 * ({@link PropertyCount.Remaining}), only on a class's last property), tab-separated. Any other text is a
 * {@link TableFormatException}, the only exception {@link #parse} throws. Stateless.
 */
public final class KernelMofTable {
    /** The largest length or fixed count a table may state (a bound against bad text). */
    static final int MAX_NUMBER = 1 << 16;

    /**
     * One event-type class.
     *
     * @param classId    the event-class GUID
     * @param version    the version it describes, or empty: the MOF gives no version (the only layout for the GUID)
     * @param className  the MOF class name
     * @param task       the task name (the event class's DisplayName)
     * @param types      event type to its EventTypeName, in MOF order
     * @param properties the payload's properties, in WmiDataId order
     */
    public record Entry(UUID classId, Optional<Integer> version, String className, String task,
            Map<Integer, String> types, List<PropertySchema> properties) {
        public Entry {
            types = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(types));
            properties = List.copyOf(properties);
        }
    }

    /** Table text that is not in the format. */
    public static final class TableFormatException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        TableFormatException(int line, String message) {
            super("kernel MOF table line " + line + ": " + message);
        }
    }

    private KernelMofTable() {
    }

    /** The entries of {@code text}, in order; no (GUID, version, type) twice. */
    public static List<Entry> parse(String text) {
        List<Entry> out = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        String[] lines = text.split("\n", -1);
        UUID guid = null;
        Optional<Integer> version = Optional.empty();
        String cls = null;
        String task = null;
        Map<Integer, String> types = null;
        List<PropertySchema> props = null;
        Set<String> names = null;
        int remainingAt = 0; // the line of the current class's '*' count, if any: no property may follow it
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int no = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f[0].equals("C")) {
                if (f.length != 6) {
                    throw new TableFormatException(no, "a class line has 6 cells, not " + f.length);
                }
                if (cls != null) {
                    out.add(new Entry(guid, version, cls, task, types, props));
                }
                remainingAt = 0;
                guid = guid(no, f[1]);
                version = f[2].equals("*") ? Optional.empty() : Optional.of(number(no, f[2], 255));
                cls = name(no, f[3]);
                task = name(no, f[4]);
                types = new LinkedHashMap<>();
                for (String t : f[5].split(",", -1)) {
                    int colon = t.indexOf(':');
                    if (colon < 0) {
                        throw new TableFormatException(no, "event type '" + t + "' has no name");
                    }
                    int type = number(no, t.substring(0, colon), 255);
                    if (types.put(type, name(no, t.substring(colon + 1))) != null
                            || !keys.add(guid + "/" + f[2] + "/" + type)) {
                        throw new TableFormatException(no, "event type " + type + " defined twice");
                    }
                }
                props = new ArrayList<>();
                names = new HashSet<>();
            } else if (f[0].equals("P")) {
                if (cls == null) {
                    throw new TableFormatException(no, "a property line before any class line");
                }
                if (f.length != 6) {
                    throw new TableFormatException(no, "a property line has 6 cells, not " + f.length);
                }
                if (remainingAt != 0) {
                    throw new TableFormatException(remainingAt, "a count of '*' is only for a class's last property");
                }
                String name = name(no, f[1]);
                if (!names.add(name)) {
                    throw new TableFormatException(no, "property " + name + " defined twice");
                }
                InType in;
                OutType ot;
                try {
                    in = InType.valueOf(f[2]);
                    ot = OutType.valueOf(f[3]);
                } catch (IllegalArgumentException e) {
                    throw new TableFormatException(no, "unknown in-type or out-type " + f[2] + "/" + f[3]);
                }
                PropertySize size = f[4].equals("-") ? PropertySize.natural()
                        : f[4].startsWith("@") ? new PropertySize.FromProperty(reference(no, f[4], names, name))
                        : new PropertySize.Fixed(number(no, f[4], MAX_NUMBER));
                PropertyCount count = f[5].equals("-") ? PropertyCount.single()
                        : f[5].equals("*") ? new PropertyCount.Remaining()
                        : f[5].startsWith("@") ? new PropertyCount.FromProperty(reference(no, f[5], names, name))
                        : new PropertyCount.Fixed(number(no, f[5], MAX_NUMBER));
                props.add(new PropertySchema(name, in, ot, size, count, List.of(), Optional.empty()));
                if (count instanceof PropertyCount.Remaining) {
                    remainingAt = no;
                }
            } else {
                throw new TableFormatException(no, "unknown line kind '" + f[0] + "'");
            }
        }
        if (cls != null) {
            out.add(new Entry(guid, version, cls, task, types, props));
        }
        return out;
    }

    private static String reference(int no, String cell, Set<String> earlier, String self) {
        String ref = cell.substring(1);
        if (ref.equals(self) || !earlier.contains(ref)) {
            throw new TableFormatException(no, "reference to " + ref + ", not an earlier property");
        }
        return ref;
    }

    private static String name(int no, String s) {
        if (s.isEmpty() || s.length() > 256 || s.chars().anyMatch(c -> c < 0x20 || c == ',' || c == ':' || c == '@')) {
            throw new TableFormatException(no, "not a name: '" + s + "'");
        }
        return s;
    }

    private static int number(int no, String s, int max) {
        if (s.isEmpty() || s.length() > 6 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new TableFormatException(no, "not a number: '" + s + "'");
        }
        int v = Integer.parseInt(s);
        if (v > max) {
            throw new TableFormatException(no, "number " + v + " above " + max);
        }
        return v;
    }

    private static UUID guid(int no, String s) {
        if (s.length() != 38 || s.charAt(0) != '{' || s.charAt(37) != '}'
                || !s.substring(1, 37).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            throw new TableFormatException(no, "not a braced lower-case GUID: '" + s + "'");
        }
        return UUID.fromString(s.substring(1, 37));
    }
}
