package io.etw4j.samples.json;

import io.etw4j.scm.preflight.ScmPreflight;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Writes the findings of {@code scm-preflight --json}: one JSON line per {@link ScmPreflight.Finding} with
 * {@code check}, {@code status}, {@code detail} and {@code remedy} (null when there is none), flushed after every
 * line. Not thread-safe: one instance per output.
 */
public final class PreflightJsonLines {
    private final JsonLineOutput out;

    /** @param out where the lines go */
    public PreflightJsonLines(PrintWriter out) {
        this.out = new JsonLineOutput(out, true);
    }

    /**
     * Writes one finding as one line.
     *
     * @param f the finding
     * @throws OutputClosedException if the output stopped accepting lines
     */
    public void write(ScmPreflight.Finding f) {
        try {
            out.gen.writeStartObject();
            out.gen.writeStringField("check", f.check().name());
            out.gen.writeStringField("status", f.status().name());
            out.gen.writeStringField("detail", f.detail());
            out.gen.writeStringField("remedy", f.remedy().orElse(null));
            out.gen.writeEndObject();
            out.endLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
