package io.etw4j.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.etl.LogfileHeader;
import io.etw4j.core.etl.RecordView;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventDecoder;
import io.etw4j.json.internal.DecodedEventJson;
import io.etw4j.json.internal.RecordDecodedJson;
import io.etw4j.json.internal.EcsLines;
import io.etw4j.json.internal.JsonBytes;
import io.etw4j.json.internal.JsonLineOutput;
import io.etw4j.json.internal.NativeRecordBytes;
import io.etw4j.json.internal.OcsfLines;
import io.etw4j.json.internal.OtherRecordJson;
import io.etw4j.json.internal.RecordJson;
import io.etw4j.json.internal.ScmEventJson;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.history.HistoryOtherRecord;
import io.etw4j.scm.preflight.ScmPreflight;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Writes ETW records, decoded events and SCM events as JSON lines: one compact JSON object per line ended by
 * {@code \n}, in one {@link JsonFormat} (etw4j's own fields, ECS or OCSF; the fields of each are documented in
 * the project's JSON-FORMAT.md). Every line carries the version of etw4j's layout, {@value #SCHEMA_VERSION}: native
 * lines as the top-level {@code "etw4j.schema"}, ECS lines as {@code etw4j.schema} inside the {@code etw4j} object,
 * OCSF lines as {@code unmapped.etw4j.schema} (and {@code ecs.version} / {@code metadata.version} the standard's).
 *
 * <p>Streams with Jackson's {@code JsonGenerator}: no tree per record, values formatted into reused buffers, so it
 * keeps up with the .etl reader and its memory does not grow with the number of records. Strings are JSON-escaped
 * with {@link JsonEscapes} (no line holds a raw control, U+2028 or U+2029). <b>Whole lines only</b>: a line reaches
 * the output in one {@code write} when it is complete, so a failure inside a value leaves no partial line. The output
 * is checked every 256 lines (after every line when {@link Builder#flushEachLine(boolean) flushing each line}) and at
 * {@link #flush()}: when it stopped accepting data an {@link OutputClosedException} stops the writing.
 *
 * <p>Types do not change from line to line: integers are JSON numbers, times RFC 3339 strings in UTC with the
 * fraction the clock has (ECS and OCSF: always 9 digits), GUIDs lower-case, SIDs {@code S-1-...} strings.
 *
 * <p><b>Characters or bytes.</b> Built over a {@code PrintWriter} it writes characters; over an {@code OutputStream}
 * the same lines as UTF-8, byte for byte what the {@code PrintWriter} over an {@code OutputStreamWriter(out, UTF_8)}
 * gives (a lone surrogate in a string becomes {@code ?} in both). Over a stream, the plain native line of a
 * {@link RecordView} ({@link #write(RecordView)}) is written as bytes directly, allocating nothing per line (a
 * record's extended data items aside, which the view copies out), and so is a native line with a decoder when its
 * {@code decoded} member is {@code null} or a flat payload whose every text is printable ASCII (the record is copied
 * for the decoder then); an
 * {@code IOException} from the stream is an {@link OutputClosedException} at once. Wrap a raw stream in a
 * {@code BufferedOutputStream}: each line is one {@code write}.
 *
 * <p>Not thread-safe: one instance per output, used by one thread at a time; it holds no resource of its own
 * (closing the {@code PrintWriter} or the stream is the caller's).
 */
public final class JsonLinesWriter {
    /** The version of etw4j's field layout that every line carries as {@code "etw4j.schema"}. */
    public static final String SCHEMA_VERSION = "1";
    /** The ECS version the {@link JsonFormat#ECS} lines were checked against ({@code ecs.version} in every line). */
    public static final String ECS_VERSION = "9.5.0-dev";
    /** The OCSF version the {@link JsonFormat#OCSF} lines were checked against ({@code metadata.version}). */
    public static final String OCSF_VERSION = "1.9.0-dev";
    /** Payload bytes shown as hex when the builder is not told otherwise. */
    public static final int DEFAULT_HEX_BYTES = 32;

    private final JsonLineOutput out;
    private final JsonFormat format;
    private final int hexBytes;
    private final LogfileHeader header;
    private final EventDecoder decoder;
    private final boolean payloadText;
    private final DevicePaths paths;
    private final EcsLines ecs;
    private final OcsfLines ocsf;
    private final RecordLine recordLine = new RecordLine();
    /** Native lines with a decoder: decodes and writes each record's decoded member (null otherwise). */
    private final RecordDecodedJson decoding;
    /** Counts what the decoder decoded ({@link #decodeCounts()}): {@link #decoding}, or one that only counts. */
    private final RecordDecodedJson counted;
    private static final SerializableString SCHEMA_FIELD = new SerializedString("etw4j.schema");
    private static final SerializableString SCHEMA_VALUE = new SerializedString(SCHEMA_VERSION);

    private JsonLinesWriter(Builder b) {
        this.out = b.out != null ? new JsonLineOutput(b.out, b.flushEachLine)
                : new JsonLineOutput(b.stream, b.flushEachLine);
        this.format = b.format;
        this.hexBytes = b.hexBytes;
        this.header = b.header;
        this.decoder = b.decoder;
        this.payloadText = b.payloadText;
        this.paths = b.paths;
        this.ecs = format == JsonFormat.ECS ? new EcsLines(out.chars, paths, hexBytes) : null;
        this.ocsf = format == JsonFormat.OCSF ? new OcsfLines(out.chars, paths, hexBytes) : null;
        this.decoding = format == JsonFormat.NATIVE && decoder != null ? new RecordDecodedJson(decoder) : null;
        this.counted = decoding != null ? decoding : new RecordDecodedJson(decoder);
    }

    /**
     * {@return a builder of a writer of {@code format} lines into {@code out}}
     *
     * @param out    where the lines go
     * @param format the shape of the lines
     */
    public static Builder builder(PrintWriter out, JsonFormat format) {
        return new Builder(out, format);
    }

    /**
     * {@return a builder of etw4j's own lines ({@link JsonFormat#NATIVE}) into {@code out}}
     *
     * @param out where the lines go
     */
    public static Builder nativeLines(PrintWriter out) {
        return builder(out, JsonFormat.NATIVE);
    }

    /**
     * {@return a builder of ECS lines ({@link JsonFormat#ECS}) into {@code out}}
     *
     * @param out where the lines go
     */
    public static Builder ecsLines(PrintWriter out) {
        return builder(out, JsonFormat.ECS);
    }

    /**
     * {@return a builder of OCSF lines ({@link JsonFormat#OCSF}) into {@code out}}
     *
     * @param out where the lines go
     */
    public static Builder ocsfLines(PrintWriter out) {
        return builder(out, JsonFormat.OCSF);
    }

    /**
     * {@return a builder of a writer of {@code format} lines into {@code out}, as UTF-8 bytes}
     *
     * @param out    where the lines go (one {@code write} per line: buffer it)
     * @param format the shape of the lines
     */
    public static Builder builder(OutputStream out, JsonFormat format) {
        return new Builder(Objects.requireNonNull(out, "out"), format);
    }

    /**
     * {@return a builder of etw4j's own lines ({@link JsonFormat#NATIVE}) into {@code out}, as UTF-8 bytes}
     *
     * @param out where the lines go (one {@code write} per line: buffer it)
     */
    public static Builder nativeLines(OutputStream out) {
        return builder(out, JsonFormat.NATIVE);
    }

    /** {@return the format of the lines} */
    public JsonFormat format() {
        return format;
    }

    /**
     * Writes one record as one line, decoded if this writer has a {@linkplain Builder#decoder decoder}.
     *
     * @param r the record
     * @throws OutputClosedException if the output stopped accepting lines
     */
    public void write(EventRecord r) {
        if (decoding == null) {
            DecodedEvent d = null;
            if (decoder != null) {
                d = decoder.decode(r);
                counted.count(d);
            }
            write(r, d);
            return;
        }
        Objects.requireNonNull(r, "r");
        decoder.observe(r); // once, before the line, as decode(r) would
        decodedLine(r, null);
    }

    /**
     * The native line of {@code r} (observed by the decoder) with its {@code decoded} member: over a stream and with
     * the view {@code v} of {@code r}, as bytes when the member can be ({@link RecordDecodedJson#appendBytes}: no
     * schema, or a flat payload of printable ASCII), the record's own members from {@code v}; else through the
     * generator.
     */
    private void decodedLine(EventRecord r, RecordView v) {
        if (v != null && out.takesBytes() && !payloadText
                && !(header != null && r.headerKind() == HeaderKind.LOGFILE_HEADER)) {
            JsonBytes b = out.bytesLine();
            NativeRecordBytes.writeOpen(b, v, hexBytes);
            boolean appended;
            try {
                appended = decoding.appendBytes(b, out.chars, r);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // the byte buffer never throws
            }
            if (appended) {
                b.add('}');
                out.endBytesLine();
                return;
            }
            // not written as bytes: the line through the generator (the unfinished bytes line is emptied by it)
        }
        recordLine.record = r;
        recordLine.decodeInLine = true;
        try {
            out.writeLine(recordLine);
        } finally {
            recordLine.record = null;
            recordLine.decodeInLine = false;
        }
    }

    /**
     * Writes one record as one line with {@code decoded} as its decoded fields.
     *
     * @param r       the record
     * @param decoded the record decoded (native: {@code "decoded": null} when no schema knew it); null for none
     * @throws OutputClosedException if the output stopped accepting lines
     * @throws RuntimeException      (or an Error) from a value; nothing of this line was written then
     */
    public void write(EventRecord r, DecodedEvent decoded) {
        Objects.requireNonNull(r, "r");
        recordLine.record = r;
        recordLine.decoded = decoded;
        try {
            out.writeLine(recordLine);
        } finally {
            recordLine.record = null;
            recordLine.decoded = null;
        }
    }

    /**
     * Writes the record a scan ({@link io.etw4j.core.etl.EtlFile#scan}) is at as one line, decoded if this writer has
     * a {@linkplain Builder#decoder decoder}: the same line as {@link #write(EventRecord) write(v.toRecord())}. Over an
     * {@code OutputStream}, a native line without decoder, payload text or logfile header member is written from the
     * view directly, without a copy of the record; otherwise the record is copied first (with a decoder the line is
     * still written as bytes when its {@code decoded} member can be: see the class comment). The view is not kept.
     *
     * @param v the view, valid during this call
     * @throws OutputClosedException if the output stopped accepting lines
     */
    public void write(RecordView v) {
        Objects.requireNonNull(v, "v");
        if (out.takesBytes() && format == JsonFormat.NATIVE && decoder == null && !payloadText
                && !(header != null && v.headerKind() == HeaderKind.LOGFILE_HEADER)) {
            // A failure inside leaves the line unfinished in the buffer, which the next line empties: nothing written.
            NativeRecordBytes.write(out.bytesLine(), v, hexBytes);
            out.endBytesLine();
        } else if (decoding != null) {
            EventRecord r = v.toRecord(); // the decoder reads records (and may keep what it learns from them)
            decoder.observe(r);
            decodedLine(r, v);
        } else {
            write(v.toRecord());
        }
    }

    /**
     * {@return what this writer's decoder found in the records it decoded so far (all zero without a decoder)}
     * Lines given a {@code DecodedEvent} ({@link #write(EventRecord, DecodedEvent)}) are not counted.
     */
    public DecodeCounts decodeCounts() {
        return counted.counts();
    }

    /** The body of a record's line, reused for every record (no capturing lambda per line). */
    private final class RecordLine implements JsonLineOutput.LineBody {
        EventRecord record;
        DecodedEvent decoded;
        /** Native lines: decode {@link #record} while writing it ({@link RecordDecodedJson}), instead of {@link #decoded}. */
        boolean decodeInLine;

        @Override
        public void write(JsonGenerator g) throws IOException {
            EventRecord r = record;
            g.writeStartObject();
            if (format == JsonFormat.ECS) {
                ecs.record(g, r, decoded);
            } else if (format == JsonFormat.OCSF) {
                ocsf.record(g, r, decoded);
            } else {
                g.writeFieldName(SCHEMA_FIELD);
                g.writeString(SCHEMA_VALUE);
                RecordJson.fields(g, out.chars, r, hexBytes);
                if (r.headerKind() == HeaderKind.LOGFILE_HEADER && header != null) {
                    RecordJson.logfile(g, out.chars, header);
                }
                if (payloadText) {
                    RecordJson.payloadText(g, r);
                }
                if (decodeInLine) {
                    decoding.write(g, out.chars, r);
                } else if (decoded != null) {
                    DecodedEventJson.write(g, out.chars, decoded);
                }
            }
            g.writeEndObject();
        }
    }

    /**
     * Writes one SCM event as one line, with its raw record.
     *
     * @param e the event
     * @throws OutputClosedException if the output stopped accepting lines
     */
    public void write(ScmEvent e) {
        write(e, null);
    }

    /**
     * Writes one SCM event as one line naming the file it was read from (native {@code source}; ECS
     * {@code log.file.path}; OCSF {@code metadata.log_name}).
     *
     * @param e      the event
     * @param source the file's name; null for none
     * @throws OutputClosedException if the output stopped accepting lines
     */
    public void write(ScmEvent e, String source) {
        Objects.requireNonNull(e, "e");
        out.writeLine(g -> {
            if (format == JsonFormat.ECS) {
                ecs.scmEvent(g, e, source);
            } else if (format == JsonFormat.OCSF) {
                ocsf.scmEvent(g, e, source);
            } else {
                ScmEventJson.write(g, out.chars, e, hexBytes, source, SCHEMA_VERSION);
            }
        });
    }

    /**
     * Writes a record of an SCM.EVM file that is not an SCM event (the SCM session's TraceLogging records) as one
     * line (native: of type {@code OtherRecord}; ECS and OCSF: as a record with its decoded fields).
     *
     * @param r      the record
     * @param source the file's name
     * @throws OutputClosedException if the output stopped accepting lines
     */
    public void write(HistoryOtherRecord r, String source) {
        Objects.requireNonNull(r, "r");
        out.writeLine(g -> {
            if (format == JsonFormat.NATIVE) {
                OtherRecordJson.write(g, out.chars, r, hexBytes, source, SCHEMA_VERSION);
            } else {
                g.writeStartObject();
                if (format == JsonFormat.ECS) {
                    ecs.otherRecord(g, r, source);
                } else {
                    ocsf.otherRecord(g, r, source);
                }
                g.writeEndObject();
            }
        });
    }

    /**
     * Writes one preflight finding as one line: {@code check}, {@code status}, {@code detail}, {@code remedy} (null
     * when there is none), in every format (a finding is about the host's setup, not an event).
     *
     * @param f the finding
     * @throws OutputClosedException if the output stopped accepting lines
     */
    public void write(ScmPreflight.Finding f) {
        Objects.requireNonNull(f, "f");
        out.writeLine(g -> {
            g.writeStartObject();
            g.writeStringField("etw4j.schema", SCHEMA_VERSION);
            g.writeStringField("check", f.check().name());
            g.writeStringField("status", f.status().name());
            g.writeStringField("detail", f.detail());
            g.writeStringField("remedy", f.remedy().orElse(null));
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

    /**
     * Configures a {@link JsonLinesWriter}. Not thread-safe; {@link #build()} may be called more than once (each
     * writer is independent, but they share the output).
     */
    public static final class Builder {
        private final PrintWriter out;
        private final OutputStream stream;
        private final JsonFormat format;
        private int hexBytes = DEFAULT_HEX_BYTES;
        private LogfileHeader header;
        private EventDecoder decoder;
        private boolean payloadText;
        private boolean flushEachLine;
        private DevicePaths paths = DevicePaths.none();

        private Builder(PrintWriter out, JsonFormat format) {
            this.out = Objects.requireNonNull(out, "out");
            this.stream = null;
            this.format = Objects.requireNonNull(format, "format");
        }

        private Builder(OutputStream stream, JsonFormat format) {
            this.out = null;
            this.stream = stream;
            this.format = Objects.requireNonNull(format, "format");
        }

        /**
         * Payload bytes shown as hex in a record ({@code payloadHex}; ECS {@code etw4j.record.payload_hex}; OCSF
         * {@code unmapped.etw4j.record.payloadHex}); default {@value JsonLinesWriter#DEFAULT_HEX_BYTES}.
         *
         * @param n 0 for none, a negative number for all
         * @return this builder
         */
        public Builder payloadHexBytes(int n) {
            this.hexBytes = n;
            return this;
        }

        /**
         * The file's logfile header, written as {@code logfile} on the header record (native lines only).
         *
         * @param h the header; null for none
         * @return this builder
         */
        public Builder logfileHeader(LogfileHeader h) {
            this.header = h;
            return this;
        }

        /**
         * Decodes each record given to {@link JsonLinesWriter#write(EventRecord)}, in stream order.
         *
         * @param d the decoder; null for none (native lines then have no {@code decoded} member)
         * @return this builder
         */
        public Builder decoder(EventDecoder d) {
            this.decoder = d;
            return this;
        }

        /**
         * Adds {@code strings} and {@code plausiblePids}, the text found in a record's payload (native lines only).
         *
         * @param on true to add them
         * @return this builder
         */
        public Builder payloadText(boolean on) {
            this.payloadText = on;
            return this;
        }

        /**
         * Flushes after every line (a live stream a reader follows); else every 256 lines and at
         * {@link JsonLinesWriter#flush()}. Default false.
         *
         * @param on true to flush each line
         * @return this builder
         */
        public Builder flushEachLine(boolean on) {
            this.flushEachLine = on;
            return this;
        }

        /**
         * How device paths ({@code \Device\HarddiskVolume3\...}) become drive-letter paths in ECS {@code file.path}
         * and OCSF {@code file.path}; default {@link DevicePaths#none()} (kept as they are, and said so).
         *
         * @param p the mapping
         * @return this builder
         */
        public Builder devicePaths(DevicePaths p) {
            this.paths = Objects.requireNonNull(p, "p");
            return this;
        }

        /** {@return the writer} */
        public JsonLinesWriter build() {
            return new JsonLinesWriter(this);
        }
    }
}
