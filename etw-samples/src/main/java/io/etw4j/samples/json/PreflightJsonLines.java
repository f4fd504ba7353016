package io.etw4j.samples.json;

import io.etw4j.scm.preflight.ScmPreflight;
import java.io.PrintWriter;

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
        out.writeLine(g -> {
            g.writeStartObject();
            g.writeStringField("check", f.check().name());
            g.writeStringField("status", f.status().name());
            g.writeStringField("detail", f.detail());
            g.writeStringField("remedy", f.remedy().orElse(null));
            g.writeEndObject();
        });
    }
}
