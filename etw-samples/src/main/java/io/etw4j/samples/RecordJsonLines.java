package io.etw4j.samples;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.ExtendedDataItem;
import io.etw4j.core.HeaderKind;
import io.etw4j.decode.EventDecoder;
import io.etw4j.core.etl.LogfileHeader;
import io.etw4j.core.PayloadReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes {@link EventRecord}s as {@code etl-dump} prints them: one JSON line per record, the record object of
 * {@link EventRecordJson} (same keys, same order, same values, byte for byte), with the decoded logfile header as a
 * {@code logfile} object on the {@link HeaderKind#LOGFILE_HEADER} record. Streams with Jackson's {@link JsonGenerator}:
 * no tree per record, no {@code String.format}, values formatted into reused buffers ({@link JsonChars}), so it keeps
 * up with the .etl reader and its memory use does not grow with the number of records.
 *
 * <p>Like {@link JsonLines}: strings are JSON-escaped, nothing but the lines is written, and the output is checked
 * every {@value #CHECK_EVERY} lines and at {@link #flush()}: when it stopped accepting data (a closed pipe) a
 * {@link JsonLines.OutputClosedException} stops the dump. Not thread-safe: one instance per output.
 */
public final class RecordJsonLines {
    /** How many lines are written between checks that the output still accepts them. */
    private static final int CHECK_EVERY = 256;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    private static final SerializableString KIND = new SerializedString("kind");
    private static final SerializableString TIME = new SerializedString("time");
    private static final SerializableString RAW_TIME = new SerializedString("rawTime");
    private static final SerializableString PID = new SerializedString("pid");
    private static final SerializableString TID = new SerializedString("tid");
    private static final SerializableString CPU = new SerializedString("cpu");
    private static final SerializableString PROVIDER = new SerializedString("provider");
    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString HOOK = new SerializedString("hook");
    private static final SerializableString GROUP = new SerializedString("group");
    private static final SerializableString VERSION = new SerializedString("version");
    private static final SerializableString LEVEL = new SerializedString("level");
    private static final SerializableString OPCODE = new SerializedString("opcode");
    private static final SerializableString TASK = new SerializedString("task");
    private static final SerializableString CHANNEL = new SerializedString("channel");
    private static final SerializableString KEYWORD = new SerializedString("keyword");
    private static final SerializableString FLAGS = new SerializedString("flags");
    private static final SerializableString EVENT_PROPERTY = new SerializedString("eventProperty");
    private static final SerializableString ACTIVITY_ID = new SerializedString("activityId");
    private static final SerializableString EXT = new SerializedString("ext");
    private static final SerializableString TYPE = new SerializedString("type");
    private static final SerializableString SIZE = new SerializedString("size");
    private static final SerializableString HEX = new SerializedString("hex");
    private static final SerializableString PAYLOAD_SIZE = new SerializedString("payloadSize");
    private static final SerializableString PAYLOAD_HEX = new SerializedString("payloadHex");
    private static final SerializableString LOGFILE = new SerializedString("logfile");

    private final PrintWriter out;
    private final JsonGenerator gen;
    private final int hexBytes;
    private final LogfileHeader header;
    private final JsonChars chars = new JsonChars();
    private final EventDecoder decoder;
    private long written;

    /**
     * @param out      where the lines go (flushed every {@value #CHECK_EVERY} lines and by {@link #flush()})
     * @param hexBytes payload bytes shown in {@code payloadHex}: 0 for none, a negative number for all
     * @param header   the file's logfile header, written as {@code logfile} on the header record; null for none
     */
    public RecordJsonLines(PrintWriter out, int hexBytes, LogfileHeader header) {
        this(out, hexBytes, header, null);
    }

    /**
     * Lines that also carry the {@code decoded} object of each record (JSON-FORMAT.md, "The decoded object").
     *
     * @param decoder decodes each record, in stream order; null for no {@code decoded} member
     */
    public RecordJsonLines(PrintWriter out, int hexBytes, LogfileHeader header, EventDecoder decoder) {
        this.decoder = decoder;
        this.out = out;
        this.hexBytes = hexBytes;
        this.header = header;
        try {
            this.gen = FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Root values are separated by the '\n' written after each, not by Jackson's default space.
        gen.setRootValueSeparator(null);
    }

    /**
     * Writes one record as one line.
     *
     * @throws JsonLines.OutputClosedException if the output stopped accepting lines (checked every
     *                                         {@value #CHECK_EVERY} lines)
     */
    public void write(EventRecord r) {
        try {
            writeRecord(r);
            gen.writeRaw('\n');
        } catch (IOException e) {
            // A PrintWriter never throws; the generator reports no error for the values written here.
            throw new UncheckedIOException(e);
        }
        written++;
        if (written % CHECK_EVERY == 0) {
            flush();
        }
    }

    /** Lines written so far. */
    public long written() {
        return written;
    }

    /**
     * Hands every line written to the output and flushes it.
     *
     * @throws JsonLines.OutputClosedException if the output no longer accepts data
     */
    public void flush() {
        try {
            gen.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // PrintWriter swallows IOExceptions; checkError() flushes and reports whether one happened.
        if (out.checkError()) {
            throw new JsonLines.OutputClosedException();
        }
    }

    private void writeRecord(EventRecord r) throws IOException {
        JsonGenerator g = gen;
        JsonChars c = chars;
        g.writeStartObject();
        g.writeFieldName(KIND);
        g.writeString(r.headerKind().name());
        g.writeFieldName(TIME);
        g.writeString(c.chars, 0, c.instant(r.timestamp()));
        g.writeFieldName(RAW_TIME);
        g.writeString(c.chars, 0, c.unsignedDecimal(r.rawTimestamp()));
        pid(PID, r.processId());
        pid(TID, r.threadId());
        g.writeFieldName(CPU);
        g.writeNumber(r.processorNumber());
        g.writeFieldName(PROVIDER);
        g.writeString(c.chars, 0, c.uuid(r.providerId()));
        EventDescriptor d = r.descriptor();
        g.writeFieldName(ID);
        g.writeNumber(d.id());
        if (EventRecordJson.isKernel(r.headerKind())) {
            // As EventRecordJson: String.format("0x%04x", id), i.e. at least 4 digits of the id as unsigned 32 bits.
            g.writeFieldName(HOOK);
            g.writeString(c.chars, 0, c.hex(d.id() & 0xFFFFFFFFL, 4));
            g.writeFieldName(GROUP);
            g.writeNumber(d.task());
        } else {
            g.writeFieldName(HOOK);
            g.writeNull();
            g.writeFieldName(GROUP);
            g.writeNull();
        }
        number(VERSION, d.version());
        number(LEVEL, d.level());
        number(OPCODE, d.opcode());
        number(TASK, d.task());
        number(CHANNEL, d.channel());
        hex(KEYWORD, d.keyword());
        hex(FLAGS, r.flags() & 0xFFFFL);
        hex(EVENT_PROPERTY, r.eventProperty() & 0xFFFFL);
        g.writeFieldName(ACTIVITY_ID);
        if (EventRecord.NULL_GUID.equals(r.activityId())) {
            g.writeNull();
        } else {
            g.writeString(c.chars, 0, c.uuid(r.activityId()));
        }
        g.writeFieldName(EXT);
        g.writeStartArray();
        List<ExtendedDataItem> ext = r.extendedData();
        for (int i = 0; i < ext.size(); i++) {
            ExtendedDataItem item = ext.get(i);
            g.writeStartObject();
            number(TYPE, item.type());
            number(SIZE, item.size());
            g.writeFieldName(HEX);
            bytesHex(item.reader(), item.size());
            g.writeEndObject();
        }
        g.writeEndArray();
        int size = r.payloadSize();
        number(PAYLOAD_SIZE, size);
        g.writeFieldName(PAYLOAD_HEX);
        bytesHex(r.payloadReader(), hexBytes < 0 ? size : Math.min(hexBytes, size));
        if (r.headerKind() == HeaderKind.LOGFILE_HEADER && header != null) {
            g.writeFieldName(LOGFILE);
            logfile(header);
        }
        if (decoder != null) {
            DecodedEventJson.write(g, decoder.decode(r));
        }
        g.writeEndObject();
    }

    /** The {@code logfile} object, as {@code EtlDumpCommand} built it (JSON-FORMAT.md). */
    private void logfile(LogfileHeader h) throws IOException {
        JsonGenerator g = gen;
        JsonChars c = chars;
        g.writeStartObject();
        g.writeStringField("loggerName", h.loggerName());
        g.writeStringField("logFileName", h.logFileName());
        g.writeStringField("windowsVersion", h.versionString());
        g.writeNumberField("build", h.providerVersion());
        g.writeNumberField("pointerSize", h.pointerSize());
        g.writeNumberField("numberOfProcessors", h.numberOfProcessors());
        g.writeStringField("clockType", h.clockType().name());
        g.writeNumberField("perfFreq", h.perfFreq());
        g.writeNumberField("cpuSpeedMhz", h.cpuSpeedMhz());
        g.writeNumberField("timerResolution", h.timerResolution());
        g.writeFieldName("startTime");
        g.writeString(c.chars, 0, c.instant(h.startTime()));
        g.writeFieldName("endTime");
        g.writeString(c.chars, 0, c.instant(h.endTime()));
        g.writeFieldName("bootTime");
        g.writeString(c.chars, 0, c.instant(h.bootTime()));
        g.writeNumberField("timeZoneBiasMinutes", h.timeZoneBiasMinutes());
        g.writeNumberField("bufferSize", h.bufferSize());
        g.writeNumberField("buffersWritten", h.buffersWritten());
        g.writeNumberField("buffersLost", h.buffersLost());
        g.writeNumberField("eventsLost", h.eventsLost());
        g.writeFieldName("logFileMode");
        g.writeString(c.chars, 0, c.hex(h.logFileMode() & 0xFFFFFFFFL, 1));
        g.writeBooleanField("compressed", h.compressed());
        g.writeNumberField("maximumFileSizeMb", h.maximumFileSize());
        g.writeEndObject();
    }

    private void pid(SerializableString name, int pid) throws IOException {
        gen.writeFieldName(name);
        if (pid < 0) {
            gen.writeNull();
        } else {
            gen.writeNumber(pid);
        }
    }

    private void number(SerializableString name, int v) throws IOException {
        gen.writeFieldName(name);
        gen.writeNumber(v);
    }

    private void hex(SerializableString name, long v) throws IOException {
        gen.writeFieldName(name);
        gen.writeString(chars.chars, 0, chars.hex(v, 1));
    }

    /** The first {@code n} bytes of {@code bytes} as one lowercase hex string. */
    private void bytesHex(PayloadReader bytes, int n) throws IOException {
        char[] c = chars.capacity(2 * n);
        for (int i = 0; i < n; i++) {
            JsonChars.hexByte(c, 2 * i, bytes.u8());
        }
        gen.writeString(c, 0, 2 * n);
    }
}
