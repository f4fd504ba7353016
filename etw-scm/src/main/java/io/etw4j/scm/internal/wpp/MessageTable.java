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
import java.util.Collections;
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

    private final Map<MessageEntry.MessageKey, List<MessageEntry>> entries;
    private final Map<String, UUID> fileGuids;
    private final String description;

    MessageTable(Map<MessageEntry.MessageKey, List<MessageEntry>> entries, Map<String, UUID> fileGuids,
            String description) {
        Map<MessageEntry.MessageKey, List<MessageEntry>> copy = new LinkedHashMap<>();
        entries.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        // In table order, not Map.copyOf's (which differs from one JVM run to the next): the candidates of a record,
        // and so the reasons an unknown message lists, come in the same order in every run.
        this.entries = Collections.unmodifiableMap(copy);
        this.fileGuids = Collections.unmodifiableMap(new LinkedHashMap<>(fileGuids));
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
        return MessageTableParser.Parsed.DEFAULTS.toTable("defaults (" + DEFAULT_RESOURCE + ")");
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
        return withOverride(MessageTableParser.parse(path.toString(), lines));
    }

    /** The defaults with {@code override}'s entries on top (or {@code override} alone if it says so). */
    static MessageTable withOverride(MessageTableParser.Parsed override) {
        Map<MessageEntry.MessageKey, List<MessageEntry>> merged = new LinkedHashMap<>();
        Map<String, UUID> files = new LinkedHashMap<>();
        String description = override.name + " without the defaults";
        if (override.includeDefaults) {
            merged.putAll(MessageTableParser.Parsed.DEFAULTS.entries);
            files.putAll(MessageTableParser.Parsed.DEFAULTS.fileGuids);
            description = "defaults overridden by " + override.name;
        }
        merged.putAll(override.entries);
        files.putAll(override.fileGuids);
        return new MessageTable(merged, files, description);
    }

    /** A table of exactly the lines given (no defaults), for tests and tools. */
    public static MessageTable of(String name, List<String> lines) {
        return MessageTableParser.parse(name, lines).toTable(name);
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
}
