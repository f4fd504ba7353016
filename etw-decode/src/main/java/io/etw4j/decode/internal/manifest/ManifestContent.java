package io.etw4j.decode.internal.manifest;

import java.util.List;

/**
 * What one manifest document gave: its providers, and the problems found in it that cost some of its content (an
 * event, a property's map, a provider) without making the whole document unreadable. Immutable.
 *
 * @param source    the file, resource or stream name
 * @param providers the providers read, in document order
 * @param problems  one line per skipped or degraded element: "source:line: what"
 */
public record ManifestContent(String source, List<ManifestProvider> providers, List<String> problems) {
    public ManifestContent {
        providers = List.copyOf(providers);
        problems = List.copyOf(problems);
    }
}
