package io.etw4j.decode.internal.export;

import io.etw4j.decode.ManifestException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One build folder of exported schemas: its path, its build (the index's "# windows" line, else the folder's name)
 * and its index entries by GUID. Immutable.
 */
public record SchemaFolder(Path path, String build, Map<UUID, SchemaIndex.Entry> entries) {
    /** The most build folders looked at under one path. */
    static final int MAX_FOLDERS = 4096;

    /** The build folders at {@code p}: itself if it has an index, else its subfolders that have one. */
    public static List<SchemaFolder> find(Path p) {
        if (!Files.isDirectory(p)) {
            throw new ManifestException(p.toString(), -1, "not a folder of schemas", null);
        }
        List<SchemaFolder> out = new ArrayList<>();
        try {
            if (Files.isRegularFile(p.resolve(SchemaIndex.FILE), LinkOption.NOFOLLOW_LINKS)) {
                out.add(read(p));
                return out;
            }
            List<Path> subs;
            try (Stream<Path> s = Files.list(p)) {
                subs = s.filter(Files::isDirectory).sorted().limit(MAX_FOLDERS).toList();
            }
            for (Path sub : subs) {
                if (Files.isRegularFile(sub.resolve(SchemaIndex.FILE), LinkOption.NOFOLLOW_LINKS)) {
                    out.add(read(sub));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new ManifestException(p.toString(), -1, "cannot read the schema index: " + e, e);
        }
        if (out.isEmpty()) {
            throw new ManifestException(p.toString(), -1, "no " + SchemaIndex.FILE + " in it or in its subfolders",
                    null);
        }
        return out;
    }

    private static SchemaFolder read(Path dir) throws IOException {
        SchemaIndex.Read r = SchemaIndex.read(dir);
        Map<UUID, SchemaIndex.Entry> byGuid = new LinkedHashMap<>();
        for (SchemaIndex.Entry e : r.entries()) {
            byGuid.putIfAbsent(e.guid(), e);
        }
        return new SchemaFolder(dir, r.build().orElse(dir.getFileName().toString()), Map.copyOf(byGuid));
    }

    /** {@return the manifest file of {@code provider} in this folder} */
    public Path manifest(UUID provider) {
        SchemaIndex.Entry e = entries.get(provider);
        if (e == null || e.file().isEmpty()) {
            throw new IllegalArgumentException(path + ": no manifest for " + provider);
        }
        Path f = path.resolve(e.file().get());
        if (Files.isSymbolicLink(f)) {
            throw new IllegalArgumentException(f + " is a symbolic link: not read");
        }
        return f;
    }

    /** {@return true if this folder's build is {@code build} or a later revision of it ("10.0.9200" of 10.0.9200.5)} */
    public boolean matches(String build) {
        return this.build.equals(build) || this.build.startsWith(build + ".");
    }

    /** {@code folders} ranked: those matching {@code preferred} (if not null) first, then newest build first. */
    public static List<SchemaFolder> ranked(List<SchemaFolder> folders, String preferred) {
        Comparator<SchemaFolder> newest = (a, b) -> compareBuilds(b.build, a.build);
        Comparator<SchemaFolder> order = preferred == null ? newest
                : Comparator.comparing((SchemaFolder f) -> !f.matches(preferred)).thenComparing(newest);
        List<SchemaFolder> out = new ArrayList<>(folders);
        out.sort(order); // stable: equal builds keep the order they were given in
        return List.copyOf(out);
    }

    /** Compares dotted version numbers part by part (a name that is not one sorts below every version). */
    static int compareBuilds(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? number(x[i]) : 0;
            long q = i < y.length ? number(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
