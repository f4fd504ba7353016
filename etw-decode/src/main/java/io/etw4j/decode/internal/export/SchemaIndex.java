package io.etw4j.decode.internal.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The index of a schema folder, {@value #FILE}: one line per provider the export saw, tab-separated: GUID, kind
 * ({@code manifest} or {@code mof}), number of event versions written, the manifest's file name ({@code -} for none)
 * and the provider's name (backslash, tab, line feed and carriage return escaped as {@code \\ \t \n \r}); lines
 * starting with {@code #} are comments (the first says the format, the second the Windows build). Sorted by name
 * without regard to case, then GUID, so reruns diff cleanly. Reading is bounded ({@link #MAX_BYTES}) and skips
 * malformed lines. Immutable values; stateless methods.
 */
public final class SchemaIndex {
    /** The index's file name in a schema folder. */
    public static final String FILE = "index.txt";
    /** The first line. */
    static final String HEADER = "# etw4j schema index 1";
    /** The largest index read. */
    static final long MAX_BYTES = 32L << 20;

    /** One provider of the index. */
    public record Entry(UUID guid, String kind, int events, Optional<String> file, String name) {
    }

    /** An index read: the Windows build it names (if any) and its entries. */
    public record Read(Optional<String> build, List<Entry> entries) {
    }

    private SchemaIndex() {
    }

    /** The index text of {@code entries} for {@code build}. */
    public static byte[] text(String build, Collection<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing((Entry e) -> e.name().toLowerCase(Locale.ROOT))
                .thenComparing(e -> e.guid().toString()));
        StringBuilder b = new StringBuilder(HEADER).append('\n').append("# windows ").append(escape(build))
                .append('\n');
        for (Entry e : sorted) {
            b.append(e.guid()).append('\t').append(e.kind()).append('\t').append(e.events()).append('\t')
                    .append(e.file().orElse("-")).append('\t').append(escape(e.name())).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads the index of {@code folder}; empty entries when it has none. */
    public static Read read(Path folder) throws IOException {
        Path f = folder.resolve(FILE);
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
            return new Read(Optional.empty(), List.of());
        }
        if (Files.size(f) > MAX_BYTES) {
            throw new IOException(f + " is larger than " + MAX_BYTES + " bytes");
        }
        Optional<String> build = Optional.empty();
        List<Entry> out = new ArrayList<>();
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            if (line.startsWith("# windows ")) {
                build = Optional.of(unescape(line.substring(10)));
                continue;
            }
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            String[] c = line.split("\t", 5);
            if (c.length != 5) {
                continue;
            }
            try {
                UUID guid = UUID.fromString(c[0]);
                String file = c[3].equals("-") ? null : c[3];
                if (file != null && !file.equals(guid + ".man")) {
                    continue; // an index names only its own files: nothing else is ever opened
                }
                out.add(new Entry(guid, c[1], Integer.parseInt(c[2]), Optional.ofNullable(file), unescape(c[4])));
            } catch (IllegalArgumentException e) {
                // a malformed line: skipped
            }
        }
        return new Read(build, out);
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
