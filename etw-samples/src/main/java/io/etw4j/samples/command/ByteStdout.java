package io.etw4j.samples.command;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The samples' stdout: a {@link PrintWriter} of UTF-8 text (64 KiB of characters buffered) over a 64 KiB byte buffer
 * over the raw stream, whose byte buffer a writer of whole UTF-8 lines may write into directly ({@link #bytes()}): the
 * JSON lines of {@code etl-dump} reach stdout without a trip through characters and an encoder, and both ways give
 * the same bytes. {@link #flush()} hands on both (what was printed and what was written as bytes), so the crash path
 * of {@code Etw4jSamples.main}, which flushes this writer, keeps every whole line written so far.
 *
 * <p>Not thread-safe: one command at a time writes to it.
 */
public final class ByteStdout extends PrintWriter {
    private static final int BUFFER = 1 << 16;
    private final BufferedOutputStream bytes;

    private ByteStdout(BufferedOutputStream bytes) {
        super(new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), BUFFER));
        this.bytes = bytes;
    }

    /** {@return the stdout writer over {@code raw} (file descriptor 1 in {@code main})} */
    public static ByteStdout over(OutputStream raw) {
        return new ByteStdout(new BufferedOutputStream(raw, BUFFER));
    }

    /**
     * {@return the byte stream under this writer} What was printed before is handed on first (flushed), so the bytes
     * written to the stream come after it. A writer of bytes must not interleave with printing: lines are either
     * printed or written as bytes, until the bytes are flushed.
     */
    public OutputStream bytes() {
        flush();
        return bytes;
    }
}
