package io.etw4j.samples.json;

import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.history.HistoryOtherRecord;
import java.io.PrintWriter;

/**
 * Writes {@link ScmEvent}s as {@code scm-monitor} prints them: one JSON line per event (JSON-FORMAT.md,
 * "scm-monitor"), each with its raw record as the {@code record} object, flushed after every line so that a reader
 * follows a live stream. When the output stopped accepting data an {@link OutputClosedException} stops the writing.
 * Not thread-safe: one instance per output.
 */
public final class ScmEventJsonLines {
    private final JsonLineOutput out;
    private final int recordHexBytes;

    /**
     * @param out            where the lines go
     * @param recordHexBytes payload bytes of the raw record shown in {@code record.payloadHex} (negative: all)
     */
    public ScmEventJsonLines(PrintWriter out, int recordHexBytes) {
        this.out = new JsonLineOutput(out, true);
        this.recordHexBytes = recordHexBytes;
    }

    /**
     * Writes one event as one line.
     *
     * @param e the event
     * @throws OutputClosedException if the output stopped accepting lines
     */
    public void write(ScmEvent e) {
        out.writeLine(g -> ScmEventJson.write(g, out.chars, e, recordHexBytes));
    }

    /**
     * Writes one event as one line with a {@code "source"} field naming the file it was read from
     * ({@code scm-history}).
     *
     * @param e the event
     * @param source the file's name
     * @throws OutputClosedException if the output stopped accepting lines
     */
    public void write(ScmEvent e, String source) {
        out.writeLine(g -> ScmEventJson.write(g, out.chars, e, recordHexBytes, source));
    }

    /**
     * Writes a record of an SCM.EVM file that is not an SCM event (the SCM session's TraceLogging records) as one
     * line of type {@code OtherRecord} ({@code scm-history}).
     *
     * @param r the record
     * @param source the file's name
     * @throws OutputClosedException if the output stopped accepting lines
     */
    public void write(HistoryOtherRecord r, String source) {
        out.writeLine(g -> OtherRecordJson.write(g, out.chars, r, recordHexBytes, source));
    }

    /** {@return lines written so far} */
    public long written() {
        return out.written();
    }

    /**
     * Hands every line written to the output and flushes it.
     *
     * @throws OutputClosedException if the output no longer accepts data
     */
    public void flush() {
        out.flush();
    }
}
