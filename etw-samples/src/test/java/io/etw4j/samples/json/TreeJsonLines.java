package io.etw4j.samples.json;

import io.etw4j.json.JsonLinesWriter;
import io.etw4j.json.OutputClosedException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Test oracle: the tree-based line writer the samples used before the streaming writers (an ObjectMapper writes each
 * ObjectNode, then {@code \n}), kept verbatim to compare the streaming output with. Not the product.
 *
 * <p>Writes JSON objects as JSON lines: each object on one line, compact, ended by {@code \n}, nothing else. Strings are
 * escaped by Jackson, so a value holding a newline never splits a line. Not thread-safe: one writer per output.
 */
final class TreeJsonLines {
    private static final ObjectWriter WRITER = new ObjectMapper().writer();

    private final PrintWriter out;
    private final boolean flushEachLine;
    private long written;

    /**
     * @param out           where the lines go
     * @param flushEachLine flush after every line (for live streams that a reader follows); otherwise the caller
     *                      flushes, or {@link #flush()} is called at the end
     */
    TreeJsonLines(PrintWriter out, boolean flushEachLine) {
        this.out = out;
        this.flushEachLine = flushEachLine;
    }

    /** How many lines are written between checks that the output still accepts them. */
    private static final int CHECK_EVERY = 256;

    /**
     * Writes one object as one line.
     *
     * @param node the object to write as one line
     * @throws OutputClosedException if the output stopped accepting lines (e.g. the reader of a pipe exited), so that
     *                               a long dump stops instead of writing into nothing; checked every
     *                               {@value #CHECK_EVERY} lines and at every flush
     */
    void write(ObjectNode node) {
        try {
            out.write(WRITER.writeValueAsString(withSchema(node)));
        } catch (JsonProcessingException e) {
            // An ObjectNode of plain values always serialises; this is a bug, not bad input.
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        written++;
        if (flushEachLine || written % CHECK_EVERY == 0) {
            flush();
        }
    }

    /** {@return {@code node} with the schema marker every line carries, {@code "etw4j.schema"}, first} */
    static ObjectNode withSchema(ObjectNode node) {
        ObjectNode n = node.objectNode();
        n.put("etw4j.schema", JsonLinesWriter.SCHEMA_VERSION);
        n.setAll(node);
        return n;
    }

    /** {@return lines written so far} */
    long written() {
        return written;
    }

    /**
     * Flushes the underlying writer.
     *
     * @throws OutputClosedException if the output no longer accepts data
     */
    void flush() {
        // PrintWriter swallows IOExceptions; checkError() flushes and reports whether one happened.
        if (out.checkError()) {
            throw new OutputClosedException();
        }
    }
}
