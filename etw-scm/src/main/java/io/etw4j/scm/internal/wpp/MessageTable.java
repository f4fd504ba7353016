package io.etw4j.scm.internal.wpp;

import io.etw4j.scm.Evidence;
import io.etw4j.scm.MessageTableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SCM WPP message table: which message number (under which message GUID or services.exe source file) may report
 * which operation, with which payload layout, and on whose authority ({@link Evidence}). One number may have several
 * entries: the layouts of different Windows builds, or the messages of different source files that reuse the number
 * (numbers are per message GUID, and the GUIDs are not known until a capture shows them). Data, not code: the defaults
 * are the resource {@value #DEFAULT_RESOURCE} (whose header documents the syntax), and a user may replace or extend
 * them for their Windows build with a file in the same syntax ({@link #load(Optional)}), without recompiling.
 *
 * <p>An entry is pinned to a message GUID ({@code 0x28@{guid}}), tagged with the source file that logs it
 * ({@code 0x28@119db94a}, the hash of the file's {@code WPP_<hash>_Traceguids} symbol), or neither. A file tag becomes
 * a GUID once the table declares it ({@code file 119db94a = {guid}}) or a decoder learns it from a record that fits
 * a layout marked {@code identifies-file} ({@link #candidates(UUID, int, Function, Function)}).
 *
 * <p>Immutable and thread-safe once built. Parsing refuses the whole table at its first bad line with a
 * {@link MessageTableException} naming the table and the line.
 *
 * <pre>{@code
 * MessageTable table = MessageTable.load(Optional.of(Path.of("my-build-22631.properties")));
 * table.entries().forEach(e -> System.out.println(e.describe()));
 * }</pre>
 */
public final class MessageTable {
    /** Classpath location of the shipped defaults. */
    public static final String DEFAULT_RESOURCE = "/io/etw4j/scm/scm-wpp-messages.properties";
    /** System property naming a user table file, used when no path is given in code. */
    public static final String SYSTEM_PROPERTY = "etw4j.scm.messageTable";
    /** The directive by which a user table drops the defaults. */
    public static final String INCLUDE_DEFAULTS = "include-defaults";
    /** The flag of an entry whose layout no other source file logs under its number. */
    public static final String IDENTIFIES_FILE = "identifies-file";

    private static final String GUID_TEXT = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final Pattern KEY = Pattern.compile(
            "(0[xX][0-9a-fA-F]{1,4}|[0-9]{1,5})(?:@(?:\\{?(" + GUID_TEXT + ")\\}?|([0-9a-fA-F]{8,32})))?");
    private static final Pattern FILE_DIRECTIVE = Pattern.compile("file\\s+([0-9a-fA-F]{8,32})");
    private static final Pattern GUID = Pattern.compile("\\{?(" + GUID_TEXT + ")\\}?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /**
     * The evidence words of the table syntax. "confirmed" is the word of earlier tables for an entry its author saw on
     * a capture, so it means {@link Evidence#CAPTURE}; "seed-article" is the earlier word for "published-article".
     */
    private static final Map<String, Evidence> EVIDENCE_TOKENS = Map.of(
            "capture", Evidence.CAPTURE,
            "confirmed", Evidence.CAPTURE,
            "published-article", Evidence.PUBLISHED_ARTICLE,
            "seed-article", Evidence.PUBLISHED_ARTICLE,
            "public-decompilation", Evidence.PUBLIC_DECOMPILATION,
            "unconfirmed", Evidence.NONE);

    private final Map<MessageEntry.MessageKey, List<MessageEntry>> entries;
    private final Map<String, UUID> fileGuids;
    private final String description;

    private MessageTable(Map<MessageEntry.MessageKey, List<MessageEntry>> entries, Map<String, UUID> fileGuids,
            String description) {
        Map<MessageEntry.MessageKey, List<MessageEntry>> copy = new LinkedHashMap<>();
        entries.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.entries = Map.copyOf(copy);
        this.fileGuids = Map.copyOf(fileGuids);
        this.description = description;
    }

    /** The word that writes {@code e} in a table file. */
    public static String evidenceToken(Evidence e) {
        switch (e) {
            case CAPTURE:
                return "capture";
            case PUBLISHED_ARTICLE:
                return "published-article";
            case PUBLIC_DECOMPILATION:
                return "public-decompilation";
            case NONE:
                return "unconfirmed";
            default:
                return e.name().toLowerCase(Locale.ROOT);
        }
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
        Map<MessageEntry.MessageKey, List<MessageEntry>> merged = new LinkedHashMap<>();
        Map<String, UUID> files = new LinkedHashMap<>();
        String description = override.name + " without the defaults";
        if (override.includeDefaults) {
            merged.putAll(Parsed.DEFAULTS.entries);
            files.putAll(Parsed.DEFAULTS.fileGuids);
            description = "defaults overridden by " + override.name;
        }
        merged.putAll(override.entries);
        files.putAll(override.fileGuids);
        return new MessageTable(merged, files, description);
    }

    /** A table of exactly the lines given (no defaults), for tests and tools. */
    public static MessageTable of(String name, List<String> lines) {
        return parse(name, lines).toTable(name);
    }

    /**
     * The entries a record of message {@code id} logged under {@code messageGuid} may match. A record is decoded only
     * if exactly one of them fits.
     * <ol>
     *   <li>Entries pinned to {@code messageGuid}, if there are any: only those.</li>
     *   <li>Otherwise, if the GUID is known to belong to a source file (declared in the table, or learned:
     *       {@code learnedFileOf}), the entries tagged with that file and the entries with neither pin nor tag.</li>
     *   <li>Otherwise the entries tagged with a file whose GUID is not known yet ({@code learnedGuidOf} and the
     *       table's declarations) and the entries with neither pin nor tag.</li>
     * </ol>
     *
     * @param learnedFileOf the file a decoder learned for a GUID, or null
     * @param learnedGuidOf the GUID a decoder learned for a file, or null
     */
    public List<MessageEntry> candidates(UUID messageGuid, int id, Function<UUID, String> learnedFileOf,
            Function<String, UUID> learnedGuidOf) {
        List<MessageEntry> pinned = entries.get(MessageEntry.MessageKey.pinned(id, messageGuid));
        if (pinned != null) {
            return pinned;
        }
        String file = fileOf(messageGuid, learnedFileOf);
        List<MessageEntry> out = new ArrayList<>();
        for (Map.Entry<MessageEntry.MessageKey, List<MessageEntry>> e : entries.entrySet()) {
            MessageEntry.MessageKey k = e.getKey();
            if (k.id() != id || k.messageGuid().isPresent()) {
                continue;
            }
            boolean take;
            if (k.file().isEmpty()) {
                take = true;
            } else if (file != null) {
                take = k.file().get().equals(file);
            } else {
                String f = k.file().get();
                take = !fileGuids.containsKey(f) && learnedGuidOf.apply(f) == null;
            }
            if (take) {
                out.addAll(e.getValue());
            }
        }
        return out;
    }

    /** {@link #candidates(UUID, int, Function, Function)} with nothing learned. */
    public List<MessageEntry> candidates(UUID messageGuid, int id) {
        return candidates(messageGuid, id, g -> null, f -> null);
    }

    /** The source file the table declares for {@code guid}, else the learned one, else null. */
    public String fileOf(UUID guid, Function<UUID, String> learnedFileOf) {
        for (Map.Entry<String, UUID> e : fileGuids.entrySet()) {
            if (e.getValue().equals(guid)) {
                return e.getKey();
            }
        }
        return learnedFileOf.apply(guid);
    }

    /** The message GUIDs the table declares for source files ({@code file <hash> = {guid}} lines). */
    public Map<String, UUID> declaredFileGuids() {
        return fileGuids;
    }

    /** Entries for {@code id} pinned to GUIDs, whatever the GUID. */
    public List<MessageEntry> pinnedEntries(int id) {
        List<MessageEntry> out = new ArrayList<>();
        for (List<MessageEntry> list : entries.values()) {
            for (MessageEntry e : list) {
                if (e.id() == id && e.messageGuid().isPresent()) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** Every entry, in no particular order. */
    public Collection<MessageEntry> entries() {
        List<MessageEntry> all = new ArrayList<>();
        entries.values().forEach(all::addAll);
        return all;
    }

    /** True if some entry is pinned to a message GUID or some file is declared to have one. */
    public boolean pinsGuids() {
        return !fileGuids.isEmpty() || entries.keySet().stream().anyMatch(k -> k.messageGuid().isPresent());
    }

    /** Where the table came from, for logs: "defaults (...)" or "defaults overridden by /path". */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return "MessageTable[" + description + ", " + entries().size() + " entries]";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Parsing

    /** The result of parsing one table file. */
    static final class Parsed {
        static final Parsed DEFAULTS = readDefaults();

        final String name;
        final Map<MessageEntry.MessageKey, List<MessageEntry>> entries;
        final Map<String, UUID> fileGuids;
        final boolean includeDefaults;

        Parsed(String name, Map<MessageEntry.MessageKey, List<MessageEntry>> entries, Map<String, UUID> fileGuids,
                boolean includeDefaults) {
            this.name = name;
            this.entries = entries;
            this.fileGuids = fileGuids;
            this.includeDefaults = includeDefaults;
        }

        MessageTable toTable(String description) {
            return new MessageTable(entries, fileGuids, description);
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
        Map<MessageEntry.MessageKey, List<MessageEntry>> entries = new LinkedHashMap<>();
        Map<String, UUID> fileGuids = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
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
                throw new MessageTableException(name, lineNo, "expected '<id>[@<message GUID or file>] = <KIND>: "
                        + "<fields> | <evidence> | <source>' but found no '=' in: " + line);
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
            Matcher fileLine = FILE_DIRECTIVE.matcher(key);
            if (fileLine.matches()) {
                String file = fileLine.group(1).toLowerCase(Locale.ROOT);
                Matcher g = GUID.matcher(value);
                if (!g.matches()) {
                    throw new MessageTableException(name, lineNo, "expected 'file <hash> = {message GUID}', found '"
                            + value + "' after '='");
                }
                UUID guid = UUID.fromString(g.group(1).toLowerCase(Locale.ROOT));
                if (fileGuids.containsKey(file) || fileGuids.containsValue(guid)) {
                    throw new MessageTableException(name, lineNo, "file " + file + " or GUID " + guid
                            + " is already declared");
                }
                fileGuids.put(file, guid);
                continue;
            }
            MessageEntry entry = parseEntry(name, lineNo, key, value);
            Integer earlier = lineOf.putIfAbsent(entry.key() + " " + entry.layout(), lineNo);
            if (earlier != null) {
                throw new MessageTableException(name, lineNo, "message " + entry.key() + " with layout "
                        + entry.layout() + " is already defined on line " + earlier);
            }
            entries.computeIfAbsent(entry.key(), k -> new ArrayList<>()).add(entry);
        }
        return new Parsed(name, entries, fileGuids, includeDefaults == null || includeDefaults);
    }

    private static MessageEntry parseEntry(String name, int lineNo, String key, String value) {
        Matcher k = KEY.matcher(key);
        if (!k.matches()) {
            throw new MessageTableException(name, lineNo, "bad key '" + key + "': expected a message number (0x28 or "
                    + "40, at most 0xffff) optionally followed by @ and a message GUID or a source-file hash");
        }
        String idText = k.group(1);
        int id = idText.startsWith("0x") || idText.startsWith("0X")
                ? Integer.parseInt(idText.substring(2), 16) : Integer.parseInt(idText);
        if (id > 0xFFFF) {
            throw new MessageTableException(name, lineNo, "message number " + id + " is larger than 0xffff");
        }
        Optional<UUID> guid = Optional.ofNullable(k.group(2)).map(g -> UUID.fromString(g.toLowerCase(Locale.ROOT)));
        Optional<String> file = Optional.ofNullable(k.group(3)).map(f -> f.toLowerCase(Locale.ROOT));
        String[] parts = value.split("\\|", -1);
        if (parts.length < 3) {
            throw new MessageTableException(name, lineNo, "expected '<KIND>: <fields> | <evidence> | <source>' after "
                    + "'=' (and optionally '| " + IDENTIFIES_FILE + "'), found " + parts.length + " part(s)");
        }
        String layout = parts[0].strip();
        String status = parts[1].strip().toLowerCase(Locale.ROOT);
        int sourceEnd = parts.length;
        boolean identifies = false;
        if (parts.length > 3 && parts[parts.length - 1].strip().equals(IDENTIFIES_FILE)) {
            identifies = true;
            sourceEnd--;
        }
        // The source is free text and may hold '|' itself.
        String source = String.join("|", Arrays.asList(parts).subList(2, sourceEnd)).strip();
        if (identifies) {
            if (file.isEmpty()) {
                throw new MessageTableException(name, lineNo, IDENTIFIES_FILE + " needs a source-file tag in the key "
                        + "(0x28@119db94a)");
            }
        }
        Evidence evidence = EVIDENCE_TOKENS.get(status);
        if (evidence == null) {
            throw new MessageTableException(name, lineNo, "evidence must be capture, published-article, "
                    + "public-decompilation or unconfirmed (confirmed and seed-article, of earlier tables, mean capture "
                    + "and published-article), not '"
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
        for (FieldSpec f : fields) {
            FieldType expected = MessageFields.typeOf(f.name());
            if (expected != null && f.type() != expected) {
                throw new MessageTableException(name, lineNo, "field " + f.name() + " must be " + expected.token()
                        + ", not " + f.type().token());
            }
        }
        return new MessageEntry(id, guid, file, kind, fields, evidence, identifies, source, name + ":" + lineNo);
    }

    private static List<FieldSpec> parseFields(String name, int lineNo, String text) {
        List<FieldSpec> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new MessageTableException(name, lineNo, "no fields after ':' (write 'none' for an empty payload)");
        }
        if (trimmed.equals("none")) {
            return fields;
        }
        for (String part : trimmed.split(",", -1)) {
            String[] tokens = part.strip().split("\\s+");
            if (tokens.length != 2) {
                throw new MessageTableException(name, lineNo, "bad field '" + part.strip() + "': expected '<type> "
                        + "<name>' with type one of utf16z, u16, u32, u64, ptr");
            }
            Optional<FieldType> type = FieldType.ofToken(tokens[0]);
            if (type.isEmpty()) {
                throw new MessageTableException(name, lineNo, "unknown field type '" + tokens[0] + "' (known: utf16z, "
                        + "u16, u32, u64, ptr)");
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
