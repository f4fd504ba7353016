package io.etw4j.samples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Writes JSON objects as JSON lines: each object on one line, compact, ended by {@code \n}, nothing else. Strings are
 * escaped by Jackson, so a value holding a newline never splits a line. Not thread-safe: one writer per output.
 */
public final class JsonLines {
    private static final ObjectWriter WRITER = new ObjectMapper().writer();

    private final PrintWriter out;
    private final boolean flushEachLine;
    private long written;

    /**
     * @param out           where the lines go
     * @param flushEachLine flush after every line (for live streams that a reader follows); otherwise the caller
     *                      flushes, or {@link #flush()} is called at the end
     */
    public JsonLines(PrintWriter out, boolean flushEachLine) {
        this.out = out;
        this.flushEachLine = flushEachLine;
    }

    /** Writes one object as one line. */
    public void write(ObjectNode node) {
        try {
            out.write(WRITER.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            // An ObjectNode of plain values always serialises; this is a bug, not bad input.
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        written++;
        if (flushEachLine) {
            out.flush();
        }
    }

    /** Lines written so far. */
    public long written() {
        return written;
    }

    /** Flushes the underlying writer. */
    public void flush() {
        out.flush();
    }
}
