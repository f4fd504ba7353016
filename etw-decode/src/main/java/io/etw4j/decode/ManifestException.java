package io.etw4j.decode;

import java.util.Optional;

/**
 * An instrumentation manifest (a {@code .man} / {@code .manifest.xml} file, a class-path resource, or an EventSource
 * manifest reassembled from a trace) that could not be read: not well-formed XML, a DTD (refused), or an I/O error.
 * Thrown by the load methods of {@link ManifestSchemas}, never by the schema lookups. Unchecked, like every etw4j
 * exception: catch it where a bad manifest is expected (a command line naming files). Immutable.
 */
public final class ManifestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;

    /**
     * @param source the file, resource or stream the manifest came from
     * @param line   the 1-based line where the problem was found, or -1 when unknown
     * @param reason what is wrong
     * @param cause  the underlying exception, or null
     */
    public ManifestException(String source, int line, String reason, Throwable cause) {
        super(source + (line > 0 ? ":" + line : "") + ": " + reason, cause);
        this.source = source;
        this.line = line;
    }

    /** The file, resource or stream the manifest came from. */
    public String source() {
        return source;
    }

    /** The 1-based line of the problem, when known. */
    public Optional<Integer> line() {
        return line > 0 ? Optional.of(line) : Optional.empty();
    }
}
