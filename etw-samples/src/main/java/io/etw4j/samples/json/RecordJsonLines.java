package io.etw4j.samples.json;

import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.etl.LogfileHeader;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventDecoder;
import java.io.PrintWriter;

/**
 * Writes {@link EventRecord}s as the samples print them ({@code etl-dump}, {@code provider-dump},
 * {@code kernel-dump}): one JSON line per record, the record object of JSON-FORMAT.md ("The record object"), then the
 * members the writer was built for, in this order: {@code logfile} (the decoded logfile header, on the
 * {@link HeaderKind#LOGFILE_HEADER} record), {@code strings} and {@code plausiblePids} (the payload text), and
 * {@code decoded} (named, typed fields, JSON-FORMAT.md "The decoded object"). Streams with Jackson's
 * {@link com.fasterxml.jackson.core.JsonGenerator}: no tree per record, values formatted into reused buffers, so it keeps up with the .etl reader
 * and its memory use does not grow with the number of records.
 *
 * <p>Strings are JSON-escaped, nothing but the lines is written, and the output is checked every 256 lines (or after
 * each line, for a writer that flushes each line) and at {@link #flush()}: when it stopped accepting data (a closed
 * pipe) an {@link OutputClosedException} stops the writing. Not thread-safe: one instance per output.
 */
public final class RecordJsonLines {
    private final JsonLineOutput out;
    private final int hexBytes;
    private final LogfileHeader header;
    private final EventDecoder decoder;
    private final boolean payloadText;

    /**
     * Lines of an .etl file's records, flushed every 256 lines and by {@link #flush()}.
     *
     * @param out      where the lines go
     * @param hexBytes payload bytes shown in {@code payloadHex}: 0 for none, a negative number for all
     * @param header   the file's logfile header, written as {@code logfile} on the header record; null for none
     */
    public RecordJsonLines(PrintWriter out, int hexBytes, LogfileHeader header) {
        this(out, hexBytes, header, null);
    }

    /**
     * Lines that also carry the {@code decoded} object of each record.
     *
     * @param out      where the lines go
     * @param hexBytes payload bytes shown in {@code payloadHex}: 0 for none, a negative number for all
     * @param header   the file's logfile header, written as {@code logfile} on the header record; null for none
     * @param decoder  decodes each record given to {@link #write(EventRecord)}, in stream order; null for no
     *                 {@code decoded} member
     */
    public RecordJsonLines(PrintWriter out, int hexBytes, LogfileHeader header, EventDecoder decoder) {
        this(new JsonLineOutput(out, false), hexBytes, header, decoder, false);
    }

    /**
     * Lines without a logfile header and without a decoder of their own ({@link #write(EventRecord, DecodedEvent)}
     * takes the decoded event).
     *
     * @param out           where the lines go
     * @param hexBytes      payload bytes shown in {@code payloadHex}: 0 for none, a negative number for all
     * @param payloadText   add {@code strings} and {@code plausiblePids}, the text found in the payload
     * @param flushEachLine flush after every line (a live stream a reader follows)
     */
    public RecordJsonLines(PrintWriter out, int hexBytes, boolean payloadText, boolean flushEachLine) {
        this(new JsonLineOutput(out, flushEachLine), hexBytes, null, null, payloadText);
    }

    private RecordJsonLines(JsonLineOutput out, int hexBytes, LogfileHeader header, EventDecoder decoder,
            boolean payloadText) {
        this.out = out;
        this.hexBytes = hexBytes;
        this.header = header;
        this.decoder = decoder;
        this.payloadText = payloadText;
    }

    /**
     * Writes one record as one line, with its {@code decoded} object if this writer has a decoder.
     *
     * @param r the record
     * @throws OutputClosedException if the output stopped accepting lines
     */
    public void write(EventRecord r) {
        write(r, decoder == null ? null : decoder.decode(r));
    }

    /**
     * Writes one record as one line with {@code decoded} as its {@code decoded} object.
     *
     * @param r       the record
     * @param decoded the record decoded ({@code "decoded": null} when no schema knew it); null for no member
     * @throws OutputClosedException if the output stopped accepting lines
     * @throws RuntimeException      (or an Error) from a value; nothing of this line was written then
     */
    public void write(EventRecord r, DecodedEvent decoded) {
        out.writeLine(g -> {
            g.writeStartObject();
            RecordJson.fields(g, out.chars, r, hexBytes);
            if (r.headerKind() == HeaderKind.LOGFILE_HEADER && header != null) {
                RecordJson.logfile(g, out.chars, header);
            }
            if (payloadText) {
                RecordJson.payloadText(g, r);
            }
            if (decoded != null) {
                DecodedEventJson.write(g, decoded);
            }
            g.writeEndObject();
        });
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
