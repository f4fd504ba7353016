package io.etw4j.spark.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The files a read covers, found on the driver: option {@code path} or {@code paths} (what
 * {@code DataFrameReader.load(...)} sets: one path, or a JSON array of them), each a file, a folder (its .etl and
 * SCM.EVM files) or a glob. Sorted, without duplicates.
 */
public final class PathExpansion {

    private PathExpansion() {
    }

    /** {@return the files named by the options, sorted} */
    public static List<String> files(CaseInsensitiveStringMap options) {
        List<String> given = new ArrayList<>();
        if (options.containsKey("path")) {
            given.add(options.get("path"));
        }
        if (options.containsKey("paths")) {
            try {
                for (String p : new ObjectMapper().readValue(options.get("paths"), String[].class)) {
                    given.add(p);
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("etw4j: option paths is not a JSON array of strings", e);
            }
        }
        if (given.isEmpty()) {
            throw new IllegalArgumentException("etw4j: no path given (load(path) or option path)");
        }
        TreeSet<String> out = new TreeSet<>();
        for (String g : given) {
            out.addAll(expand(g));
        }
        return new ArrayList<>(out);
    }

    static boolean traceFileName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".etl") || n.matches("scm\\.evm(\\.\\d+)?");
    }

    static List<String> expand(String given) {
        String s = given.startsWith("file:") ? Path.of(java.net.URI.create(given)).toString() : given;
        List<String> out = new ArrayList<>();
        int glob = firstGlobChar(s);
        if (glob < 0) {
            Path p = Path.of(s);
            if (Files.isDirectory(p)) {
                try (Stream<Path> list = Files.list(p)) {
                    list.filter(Files::isRegularFile).filter(PathExpansion::traceFileName)
                            .forEach(f -> out.add(f.toAbsolutePath().normalize().toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p.toAbsolutePath().normalize().toString());
            } else {
                throw new IllegalArgumentException("etw4j: path not found: " + given);
            }
            return out;
        }
        int cut = s.lastIndexOf('/', glob);
        Path root = Path.of(cut <= 0 ? (cut == 0 ? "/" : ".") : s.substring(0, cut)).toAbsolutePath().normalize();
        String pattern = root.toString() + (root.toString().endsWith("/") ? "" : "/") + s.substring(cut + 1);
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        if (Files.isDirectory(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).map(f -> f.toAbsolutePath().normalize()).filter(m::matches)
                        .forEach(f -> out.add(f.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("etw4j: no file matches " + given);
        }
        return out;
    }

    private static int firstGlobChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return i;
            }
        }
        return -1;
    }
}
