package io.etw4j.samples.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The one JSON-lines output every writer of this package streams into: a Jackson {@link JsonGenerator} over a
 * {@link PrintWriter}, each value compact on one line ended by {@code \n}, strings JSON-escaped (a value holding a
 * newline never splits a line), nothing else written. The output is checked every {@value #CHECK_EVERY} lines (or
 * after every line when flushing each one) and at {@link #flush()}: when it stopped accepting data an
 * {@link OutputClosedException} is thrown.
 *
 * <p>Not thread-safe: one instance per output.
 */
final class JsonLineOutput {
    /** How many lines are written between checks that the output still accepts them. */
    static final int CHECK_EVERY = 256;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    private final PrintWriter out;
    private final boolean flushEachLine;
    /** The generator the writers write one value into before {@link #endLine()}. */
    final JsonGenerator gen;
    /** Reused buffers for the formatted values of the line being written. */
    final JsonChars chars = new JsonChars();
    private long written;

    /**
     * @param out           where the lines go
     * @param flushEachLine flush after every line (live streams a reader follows); else every
     *                      {@value #CHECK_EVERY} lines and at {@link #flush()}
     */
    JsonLineOutput(PrintWriter out, boolean flushEachLine) {
        this.out = out;
        this.flushEachLine = flushEachLine;
        try {
            this.gen = FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Root values are separated by the '\n' written after each, not by Jackson's default space.
        gen.setRootValueSeparator(null);
    }

    /** Ends the value just written as one line, and checks the output when it is time to. */
    void endLine() throws IOException {
        gen.writeRaw('\n');
        written++;
        if (flushEachLine || written % CHECK_EVERY == 0) {
            flush();
        }
    }

    long written() {
        return written;
    }

    /** Hands every line written to the output, flushes it, and throws {@link OutputClosedException} if it is closed. */
    void flush() {
        try {
            gen.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // PrintWriter swallows IOExceptions; checkError() flushes and reports whether one happened.
        if (out.checkError()) {
            throw new OutputClosedException();
        }
    }
}
