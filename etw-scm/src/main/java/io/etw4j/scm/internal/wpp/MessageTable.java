package io.etw4j.scm.internal.wpp;

import io.etw4j.scm.MessageTableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SCM WPP message table: which message number (under which message GUID) reports which operation, with which
 * payload layout, and on whose authority. Data, not code: the defaults are the resource
 * {@value #DEFAULT_RESOURCE} (whose header documents the syntax), and a user may replace or extend them for their
 * Windows build with a file in the same syntax ({@link #load(Optional)}), without recompiling.
 *
 * <p>Immutable and thread-safe once built. Parsing refuses the whole table at its first bad line with a
 * {@link MessageTableException} naming the table and the line.
 *
 * <pre>{@code
 * MessageTable table = MessageTable.load(Optional.of(Path.of("my-build-22631.properties")));
 * table.find(messageGuid, 0x28).ifPresent(e -> System.out.println(e.layout()));
 * }</pre>
 */
public final class MessageTable {
    /** Classpath location of the shipped defaults. */
    public static final String DEFAULT_RESOURCE = "/io/etw4j/scm/scm-wpp-messages.properties";
    /** System property naming a user table file, used when no path is given in code. */
    public static final String SYSTEM_PROPERTY = "etw4j.scm.messageTable";
    /** The directive by which a user table drops the defaults. */
    public static final String INCLUDE_DEFAULTS = "include-defaults";

    private static final Pattern KEY = Pattern.compile(
            "(0[xX][0-9a-fA-F]{1,4}|[0-9]{1,5})(?:@\\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
                    + "-[0-9a-fA-F]{12})\\}?)?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<MessageEntry.MessageKey, MessageEntry> entries;
    private final String description;

    private MessageTable(Map<MessageEntry.MessageKey, MessageEntry> entries, String description) {
        this.entries = Map.copyOf(entries);
        this.description = description;
    }

    /** The shipped defaults. */
    public static MessageTable defaults() {
        return Parsed.DEFAULTS.toTable("defaults (" + DEFAULT_RESOURCE + ")");
    }

    /**
     * The table to use: the defaults, overridden by {@code override} if given, else by the file the system property
     * {@value #SYSTEM_PROPERTY} names, if set.
     *
     * @throws MessageTableException if the override cannot be read or has a bad line
     */
    public static MessageTable load(Optional<Path> override) {
        Optional<Path> file = override;
        if (file.isEmpty()) {
            String property = System.getProperty(SYSTEM_PROPERTY, "").trim();
            if (!property.isEmpty()) {
                file = Optional.of(Path.of(property));
            }
        }
        if (file.isEmpty()) {
            return defaults();
        }
        Path path = file.get();
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new MessageTableException(path.toString(), "cannot be read as a UTF-8 message table: " + e, e);
        }
        return withOverride(parse(path.toString(), lines));
    }

    /** The defaults with {@code override}'s entries on top (or {@code override} alone if it says so). */
    static MessageTable withOverride(Parsed override) {
        Map<MessageEntry.MessageKey, MessageEntry> merged = new LinkedHashMap<>();
        String description = override.name + " without the defaults";
        if (override.includeDefaults) {
            merged.putAll(Parsed.DEFAULTS.entries);
            description = "defaults overridden by " + override.name;
        }
        merged.putAll(override.entries);
        return new MessageTable(merged, description);
    }

    /** A table of exactly the lines given (no defaults), for tests and tools. */
    public static MessageTable of(String name, List<String> lines) {
        return parse(name, lines).toTable(name);
    }

    /**
     * The entry for message {@code id} logged under {@code messageGuid}: one pinned to that GUID, else one for any
     * GUID.
     */
    public Optional<MessageEntry> find(UUID messageGuid, int id) {
        MessageEntry pinned = entries.get(new MessageEntry.MessageKey(id, Optional.of(messageGuid)));
        if (pinned != null) {
            return Optional.of(pinned);
        }
        return Optional.ofNullable(entries.get(new MessageEntry.MessageKey(id, Optional.empty())));
    }

    /** Entries for {@code id} pinned to GUIDs, whatever the GUID. */
    public List<MessageEntry> pinnedEntries(int id) {
        List<MessageEntry> out = new ArrayList<>();
        for (MessageEntry e : entries.values()) {
            if (e.id() == id && e.messageGuid().isPresent()) {
                out.add(e);
            }
        }
        return out;
    }

    /** Every entry, in no particular order. */
    public Collection<MessageEntry> entries() {
        return entries.values();
    }

    /** True if some entry is pinned to a message GUID (otherwise the table accepts every GUID). */
    public boolean pinsGuids() {
        return entries.values().stream().anyMatch(e -> e.messageGuid().isPresent());
    }

    /** Where the table came from, for logs: "defaults (...)" or "defaults overridden by /path". */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return "MessageTable[" + description + ", " + entries.size() + " entries]";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Parsing

    /** The result of parsing one table file. */
    static final class Parsed {
        static final Parsed DEFAULTS = readDefaults();

        final String name;
        final Map<MessageEntry.MessageKey, MessageEntry> entries;
        final boolean includeDefaults;

        Parsed(String name, Map<MessageEntry.MessageKey, MessageEntry> entries, boolean includeDefaults) {
            this.name = name;
            this.entries = entries;
            this.includeDefaults = includeDefaults;
        }

        MessageTable toTable(String description) {
            return new MessageTable(entries, description);
        }

        private static Parsed readDefaults() {
            try (InputStream in = MessageTable.class.getResourceAsStream(DEFAULT_RESOURCE)) {
                if (in == null) {
                    throw new MessageTableException(DEFAULT_RESOURCE, 0, "resource missing from the classpath");
                }
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return parse(DEFAULT_RESOURCE, text.lines().toList());
            } catch (IOException e) {
                throw new MessageTableException(DEFAULT_RESOURCE, "cannot be read", e);
            }
        }
    }

    /**
     * Parses the lines of one table file.
     *
     * @throws MessageTableException at the first bad line
     */
    static Parsed parse(String name, List<String> lines) {
        Map<MessageEntry.MessageKey, MessageEntry> entries = new LinkedHashMap<>();
        Map<MessageEntry.MessageKey, Integer> lineOf = new LinkedHashMap<>();
        Boolean includeDefaults = null;
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new MessageTableException(name, lineNo, "expected '<id>[@<message GUID>] = <KIND>: <fields> | "
                        + "<confirmed|unconfirmed> | <source>' but found no '=' in: " + line);
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (key.equals(INCLUDE_DEFAULTS)) {
                if (includeDefaults != null) {
                    throw new MessageTableException(name, lineNo, INCLUDE_DEFAULTS + " given twice");
                }
                if (!value.equals("true") && !value.equals("false")) {
                    throw new MessageTableException(name, lineNo, INCLUDE_DEFAULTS + " must be true or false, not '"
                            + value + "'");
                }
                includeDefaults = Boolean.valueOf(value);
                continue;
            }
            MessageEntry entry = parseEntry(name, lineNo, key, value);
            Integer earlier = lineOf.putIfAbsent(entry.key(), lineNo);
            if (earlier != null) {
                throw new MessageTableException(name, lineNo, "message " + entry.key() + " is already defined on line "
                        + earlier);
            }
            entries.put(entry.key(), entry);
        }
        return new Parsed(name, entries, includeDefaults == null || includeDefaults);
    }

    private static MessageEntry parseEntry(String name, int lineNo, String key, String value) {
        Matcher k = KEY.matcher(key);
        if (!k.matches()) {
            throw new MessageTableException(name, lineNo, "bad key '" + key + "': expected a message number (0x28 or "
                    + "40, at most 0xffff) optionally followed by @ and a message GUID");
        }
        String idText = k.group(1);
        int id = idText.startsWith("0x") || idText.startsWith("0X")
                ? Integer.parseInt(idText.substring(2), 16) : Integer.parseInt(idText);
        if (id > 0xFFFF) {
            throw new MessageTableException(name, lineNo, "message number " + id + " is larger than 0xffff");
        }
        Optional<UUID> guid = Optional.ofNullable(k.group(2)).map(g -> UUID.fromString(g.toLowerCase(Locale.ROOT)));
        String[] parts = value.split("\\|", 3);
        if (parts.length != 3) {
            throw new MessageTableException(name, lineNo, "expected '<KIND>: <fields> | <confirmed|unconfirmed> | "
                    + "<source>' after '=', found " + parts.length + " part(s)");
        }
        String layout = parts[0].strip();
        String status = parts[1].strip().toLowerCase(Locale.ROOT);
        String source = parts[2].strip();
        boolean confirmed;
        if (status.equals("confirmed")) {
            confirmed = true;
        } else if (status.equals("unconfirmed")) {
            confirmed = false;
        } else {
            throw new MessageTableException(name, lineNo, "status must be 'confirmed' or 'unconfirmed', not '"
                    + parts[1].strip() + "'");
        }
        if (source.isEmpty()) {
            throw new MessageTableException(name, lineNo, "no source given: say where the entry comes from (a "
                    + "document, a capture and its Windows build)");
        }
        int colon = layout.indexOf(':');
        if (colon < 0) {
            throw new MessageTableException(name, lineNo, "expected ':' and the field layout after " + layout);
        }
        String kindText = layout.substring(0, colon).strip();
        MessageKind kind;
        try {
            kind = MessageKind.valueOf(kindText);
        } catch (IllegalArgumentException e) {
            throw new MessageTableException(name, lineNo, "unknown kind '" + kindText + "'; known: "
                    + List.of(MessageKind.values()));
        }
        List<FieldSpec> fields = parseFields(name, lineNo, layout.substring(colon + 1));
        for (FieldSpec required : kind.requiredFields()) {
            Optional<FieldSpec> given = fields.stream().filter(f -> f.name().equals(required.name())).findFirst();
            if (given.isEmpty()) {
                throw new MessageTableException(name, lineNo, kind + " needs the field '" + required + "'");
            }
            if (given.get().type() != required.type()) {
                throw new MessageTableException(name, lineNo, "field " + required.name() + " of " + kind + " must be "
                        + required.type().token() + ", not " + given.get().type().token());
            }
        }
        return new MessageEntry(id, guid, kind, fields, confirmed, source, name + ":" + lineNo);
    }

    private static List<FieldSpec> parseFields(String name, int lineNo, String text) {
        List<FieldSpec> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new MessageTableException(name, lineNo, "no fields after ':'");
        }
        for (String part : trimmed.split(",", -1)) {
            String[] tokens = part.strip().split("\\s+");
            if (tokens.length != 2) {
                throw new MessageTableException(name, lineNo, "bad field '" + part.strip() + "': expected '<type> "
                        + "<name>' with type one of utf16z, u16, u32, u64");
            }
            Optional<FieldType> type = FieldType.ofToken(tokens[0]);
            if (type.isEmpty()) {
                throw new MessageTableException(name, lineNo, "unknown field type '" + tokens[0] + "' (known: utf16z, "
                        + "u16, u32, u64)");
            }
            if (!NAME.matcher(tokens[1]).matches()) {
                throw new MessageTableException(name, lineNo, "bad field name '" + tokens[1] + "'");
            }
            if (!names.add(tokens[1])) {
                throw new MessageTableException(name, lineNo, "field '" + tokens[1] + "' appears twice");
            }
            fields.add(new FieldSpec(type.get(), tokens[1]));
        }
        return fields;
    }
}
