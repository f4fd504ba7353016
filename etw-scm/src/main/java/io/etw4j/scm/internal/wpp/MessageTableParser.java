package io.etw4j.scm.internal.wpp;

import static io.etw4j.scm.internal.wpp.MessageTable.IDENTIFIES_FILE;
import static io.etw4j.scm.internal.wpp.MessageTable.INCLUDE_DEFAULTS;

import io.etw4j.scm.Evidence;
import io.etw4j.scm.MessageTableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Parses message table files (the syntax {@link MessageTable} documents) into entries and file-GUID bindings; the
 * shipped defaults are parsed once. Stateless apart from those defaults; thread-safe.
 */
final class MessageTableParser {
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

    private MessageTableParser() {
    }

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
            try (InputStream in = MessageTable.class.getResourceAsStream(MessageTable.DEFAULT_RESOURCE)) {
                if (in == null) {
                    throw new MessageTableException(MessageTable.DEFAULT_RESOURCE, 0,
                            "resource missing from the classpath");
                }
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return parse(MessageTable.DEFAULT_RESOURCE, text.lines().toList());
            } catch (IOException e) {
                throw new MessageTableException(MessageTable.DEFAULT_RESOURCE, "cannot be read", e);
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
