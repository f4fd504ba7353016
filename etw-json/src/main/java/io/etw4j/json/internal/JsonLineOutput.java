package io.etw4j.json.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.etw4j.json.JsonEscapes;
import io.etw4j.json.OutputClosedException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The one JSON-lines output every writer of this package streams into: a Jackson {@link JsonGenerator}, each value
 * compact on one line ended by {@code \n}, strings JSON-escaped with {@link JsonEscapes} (a value holding a newline,
 * a C1 control, U+2028 or U+2029 never splits a line nor reaches the output raw), nothing else written.
 *
 * <p><b>Whole lines only.</b> The generator writes into a buffer of this object, never into the output: a line is
 * handed to the output in one {@code write} when it is complete ({@link #writeLine}), so that a failure while a value
 * is written (a crash, an exception from a value) leaves no partial line behind: what was written of the line is
 * dropped and a fresh generator started. The output is
 * checked every {@value #CHECK_EVERY} lines (or after every line when flushing each one) and at {@link #flush()}:
 * when it stopped accepting data an {@link OutputClosedException} is thrown.
 *
 * <p><b>Two outputs.</b> A {@link PrintWriter} gets the characters of each line. An {@link OutputStream} gets its
 * UTF-8 bytes, encoded here exactly as an {@code OutputStreamWriter(out, UTF_8)} encodes them (the same encoder,
 * malformed input replaced by {@code ?}), so both give the same bytes; a stream can also take lines written as
 * bytes directly ({@link #bytesLine()}, {@link #endBytesLine()}), without a generator. An {@code IOException} from
 * the stream ends the writing with an {@link OutputClosedException} at once.
 *
 * <p>Not thread-safe: one instance per output.
 */
public final class JsonLineOutput {
    /** How many lines are written between checks that the output still accepts them. */
    public static final int CHECK_EVERY = 256;

    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .characterEscapes(JsonEscapes.INSTANCE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    private final PrintWriter out;
    private final OutputStream stream;
    private final boolean flushEachLine;
    private final LineBuffer line = new LineBuffer();
    /** The UTF-8 bytes of the line (stream output only). */
    private final JsonBytes bytes;
    private final CharsetEncoder encoder;
    private CharBuffer encoderInput;
    private ByteBuffer encoderOutput;
    /** The generator {@link #writeLine} writes into; replaced by {@link #discardLine()}. */
    private JsonGenerator gen;
    /** Reused buffers for the formatted values of the line being written. */
    public final JsonChars chars = new JsonChars();
    private long written;

    /**
     * @param out           where the lines go
     * @param flushEachLine flush after every line (live streams a reader follows); else every
     *                      {@value #CHECK_EVERY} lines and at {@link #flush()}
     */
    public JsonLineOutput(PrintWriter out, boolean flushEachLine) {
        this.out = out;
        this.stream = null;
        this.bytes = null;
        this.encoder = null;
        this.flushEachLine = flushEachLine;
        this.gen = newGenerator();
    }

    /**
     * @param out           where the lines go, as UTF-8 bytes
     * @param flushEachLine flush after every line (live streams a reader follows); else every
     *                      {@value #CHECK_EVERY} lines and at {@link #flush()}
     */
    public JsonLineOutput(OutputStream out, boolean flushEachLine) {
        this.out = null;
        this.stream = out;
        this.bytes = new JsonBytes();
        // What OutputStreamWriter(out, UTF_8) uses: malformed input (a lone surrogate) becomes the replacement, '?'.
        this.encoder = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        this.flushEachLine = flushEachLine;
        this.gen = newGenerator();
    }

    /** {@return true if the output takes bytes ({@link #bytesLine()} may be used)} */
    public boolean takesBytes() {
        return stream != null;
    }

    /**
     * {@return the empty byte buffer of a line written as bytes, ended by {@link #endBytesLine()}} What is appended is
     * the line's JSON without its {@code \n}; if writing it fails, nothing of it reaches the output (the next call
     * empties it). Stream output only.
     */
    public JsonBytes bytesLine() {
        bytes.reset();
        return bytes;
    }

    /** Ends the line written into {@link #bytesLine()}, hands it to the output whole, checks the output when it is time. */
    public void endBytesLine() {
        bytes.add('\n');
        handOn();
    }

    private JsonGenerator newGenerator() {
        try {
            JsonGenerator g = FACTORY.createGenerator(line);
            // Root values are separated by the '\n' written after each, not by Jackson's default space.
            g.setRootValueSeparator(null);
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a writer puts on one line: one JSON value, written into {@code g}. */
    public interface LineBody {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * Writes one line: {@code body}'s value then {@code \n}, handed to the output whole; if {@code body} fails
     * (any exception or error), nothing of the line reaches the output ({@link #discardLine()}) and the failure is
     * rethrown, an {@link IOException} wrapped in an {@link UncheckedIOException}.
     */
    public void writeLine(LineBody body) {
        boolean complete = false;
        try {
            body.write(gen);
            complete = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!complete) {
                discardLine();
            }
        }
        endLine();
    }

    /** Ends the value just written as one line, hands it to the output whole, and checks the output when it is time. */
    private void endLine() {
        try {
            gen.flush(); // into the line buffer only (FLUSH_PASSED_TO_STREAM is off)
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the line buffer never throws
        }
        line.write('\n');
        if (stream == null) {
            out.write(line.chars, 0, line.length);
            line.reset();
            counted();
        } else {
            encode();
            line.reset();
            handOn();
        }
    }

    /** The chars of {@link #line} as UTF-8 into {@link #bytes}, as OutputStreamWriter's encoder writes them. */
    private void encode() {
        bytes.reset();
        byte[] b = bytes.room(line.length * 3); // at most 3 bytes per UTF-16 unit: no overflow
        if (encoderInput == null || encoderInput.array() != line.chars) {
            encoderInput = CharBuffer.wrap(line.chars);
        }
        if (encoderOutput == null || encoderOutput.array() != b) {
            encoderOutput = ByteBuffer.wrap(b);
        }
        encoderInput.limit(line.length).position(0);
        encoderOutput.clear();
        encoder.reset();
        CoderResult r = encoder.encode(encoderInput, encoderOutput, true);
        if (!r.isUnderflow()) {
            throw new IllegalStateException("UTF-8 encoding of a line: " + r); // cannot happen: room for 3 per char
        }
        encoder.flush(encoderOutput);
        bytes.length = encoderOutput.position();
    }

    /** Writes {@link #bytes} (a whole line) to the stream. */
    private void handOn() {
        try {
            stream.write(bytes.bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new OutputClosedException();
        } finally {
            bytes.reset();
        }
        counted();
    }

    private void counted() {
        written++;
        if (flushEachLine || written % CHECK_EVERY == 0) {
            flush();
        }
    }

    /**
     * Drops what was written of the current line (nothing of it reached the output) and replaces the generator, whose
     * state is unknown after a failure inside a value. Called by the writers when writing a line failed.
     */
    public void discardLine() {
        gen = newGenerator();
        line.reset();
        if (bytes != null) {
            bytes.reset();
        }
    }

    public long written() {
        return written;
    }

    /** Hands every line written to the output, flushes it, and throws {@link OutputClosedException} if it is closed. */
    public void flush() {
        if (stream != null) {
            try {
                stream.flush();
            } catch (IOException e) {
                throw new OutputClosedException();
            }
            return;
        }
        // PrintWriter swallows IOExceptions; checkError() flushes and reports whether one happened.
        if (out.checkError()) {
            throw new OutputClosedException();
        }
    }

    /** The characters of the line being written; reused. */
    private static final class LineBuffer extends Writer {
        char[] chars = new char[1024];
        int length;

        @Override
        public void write(int c) {
            ensure(1);
            chars[length++] = (char) c;
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            ensure(len);
            System.arraycopy(cbuf, off, chars, length, len);
            length += len;
        }

        @Override
        public void write(String s, int off, int len) {
            ensure(len);
            s.getChars(off, off + len, chars, length);
            length += len;
        }

        /** Empties the buffer; one that grew past 1 MiB for a long line is given back. */
        void reset() {
            length = 0;
            if (chars.length > 1 << 20) {
                chars = new char[1024];
            }
        }

        private void ensure(int more) {
            if (chars.length - length < more) {
                chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + more));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
