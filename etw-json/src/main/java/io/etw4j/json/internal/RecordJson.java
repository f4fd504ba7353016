package io.etw4j.json.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.ExtendedDataItem;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.internal.ReadOnlyBytes;
import io.etw4j.core.internal.RecordBytes;
import io.etw4j.core.etl.LogfileHeader;
import java.io.IOException;
import java.util.List;

/**
 * The record object of the samples' JSON (JSON-FORMAT.md, "The record object"), streamed field by field into a
 * {@link JsonGenerator}: no tree per record, no {@code String.format}, values formatted into the reused buffers of
 * {@link JsonChars}, so that it keeps up with the .etl reader. Also the members some commands add to it: the decoded
 * {@code logfile} header, and the payload text ({@code strings}, {@code plausiblePids}) of {@code provider-dump}.
 *
 * <p>Conventions (shared with {@link ScmEventJson}): times are ISO-8601 UTC strings ({@code Instant.toString()});
 * GUIDs are lowercase without braces ({@code UUID.toString()}); bit masks (flags, keywords) and addresses are
 * {@code "0x"}-prefixed lowercase hex strings; 64-bit counters that can exceed 2^53 (raw timestamps, process start
 * keys) are unsigned decimal strings, because JSON readers that use doubles (JavaScript, jq) would round them; a
 * value the record does not carry is {@code null}, and the key is always present.
 *
 * <p>Stateless: the generator and the buffers belong to the caller (one per output, not thread-safe).
 */
public final class RecordJson {
    /** Payload bytes shown as hex when the command line does not say otherwise. */
    public static final int DEFAULT_HEX_BYTES = 32;

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

    private static final SerializableString STRINGS = new SerializedString("strings");
    private static final SerializableString PLAUSIBLE_PIDS = new SerializedString("plausiblePids");

    /** The {@code kind} values, pre-encoded, by {@link HeaderKind#ordinal()}. */
    private static final SerializableString[] KIND_NAMES = kindNames();

    private RecordJson() {
    }

    private static SerializableString[] kindNames() {
        HeaderKind[] kinds = HeaderKind.values();
        SerializableString[] names = new SerializableString[kinds.length];
        for (HeaderKind k : kinds) {
            names[k.ordinal()] = new SerializedString(k.name());
        }
        return names;
    }

    /**
     * Writes the first {@code len} chars of {@code c.chars} as a JSON string value, raw: for the values this package
     * formats itself (digits, hex, GUIDs, ISO-8601 times), which never need escaping, so Jackson's per-character
     * escape check is skipped. The output is the same as {@code g.writeString(c.chars, 0, len)}.
     */
    static void plain(JsonGenerator g, JsonChars c, int len) throws IOException {
        g.writeRawValue(c.quoted, 0, c.quoted(len));
    }

    /** True for the kinds whose descriptor holds a kernel hook id (SYSTEM, COMPACT, PERFINFO, the logfile header). */
    public static boolean isKernel(HeaderKind kind) {
        return kind == HeaderKind.SYSTEM || kind == HeaderKind.COMPACT || kind == HeaderKind.PERFINFO
                || kind == HeaderKind.LOGFILE_HEADER;
    }

    /**
     * Writes the record object's fields, {@code kind} to {@code payloadHex}, into the object {@code g} is in.
     *
     * @param hexBytes payload bytes shown in {@code payloadHex}: 0 for none, a negative number for all
     */
    public static void fields(JsonGenerator g, JsonChars c, EventRecord r, int hexBytes) throws IOException {
        g.writeFieldName(KIND);
        g.writeString(KIND_NAMES[r.headerKind().ordinal()]);
        g.writeFieldName(TIME);
        plain(g, c, c.instant(r.timestamp()));
        g.writeFieldName(RAW_TIME);
        plain(g, c, c.unsignedDecimal(r.rawTimestamp()));
        pid(g, PID, r.processId());
        pid(g, TID, r.threadId());
        g.writeFieldName(CPU);
        g.writeNumber(r.processorNumber());
        g.writeFieldName(PROVIDER);
        plain(g, c, c.uuid(r.providerId()));
        EventDescriptor d = r.descriptor();
        g.writeFieldName(ID);
        g.writeNumber(d.id());
        if (isKernel(r.headerKind())) {
            // EventDescriptor: for kernel records id = hook (group << 8 | type), task = group, opcode = type.
            // The hook is at least 4 hex digits of the id as unsigned 32 bits (as String.format("0x%04x", id)).
            g.writeFieldName(HOOK);
            plain(g, c, c.hex(d.id() & 0xFFFFFFFFL, 4));
            g.writeFieldName(GROUP);
            g.writeNumber(d.task());
        } else {
            g.writeFieldName(HOOK);
            g.writeNull();
            g.writeFieldName(GROUP);
            g.writeNull();
        }
        number(g, VERSION, d.version());
        number(g, LEVEL, d.level());
        number(g, OPCODE, d.opcode());
        number(g, TASK, d.task());
        number(g, CHANNEL, d.channel());
        hex(g, c, KEYWORD, d.keyword());
        hex(g, c, FLAGS, r.flags() & 0xFFFFL);
        hex(g, c, EVENT_PROPERTY, r.eventProperty() & 0xFFFFL);
        g.writeFieldName(ACTIVITY_ID);
        if (EventRecord.NULL_GUID.equals(r.activityId())) {
            g.writeNull();
        } else {
            plain(g, c, c.uuid(r.activityId()));
        }
        g.writeFieldName(EXT);
        g.writeStartArray();
        List<ExtendedDataItem> ext = r.extendedData();
        for (int i = 0; i < ext.size(); i++) {
            ExtendedDataItem item = ext.get(i);
            g.writeStartObject();
            number(g, TYPE, item.type());
            number(g, SIZE, item.size());
            g.writeFieldName(HEX);
            bytesHex(g, c, RecordBytes.data(item), item.size());
            g.writeEndObject();
        }
        g.writeEndArray();
        int size = r.payloadSize();
        number(g, PAYLOAD_SIZE, size);
        g.writeFieldName(PAYLOAD_HEX);
        bytesHex(g, c, RecordBytes.payload(r), hexBytes < 0 ? size : Math.min(hexBytes, size));
    }

    /** Writes {@code "logfile": {...}}, the decoded logfile header (JSON-FORMAT.md), into the object {@code g} is in. */
    public static void logfile(JsonGenerator g, JsonChars c, LogfileHeader h) throws IOException {
        g.writeFieldName(LOGFILE);
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
        plain(g, c, c.instant(h.startTime()));
        g.writeFieldName("endTime");
        plain(g, c, c.instant(h.endTime()));
        g.writeFieldName("bootTime");
        plain(g, c, c.instant(h.bootTime()));
        g.writeNumberField("timeZoneBiasMinutes", h.timeZoneBiasMinutes());
        g.writeNumberField("bufferSize", h.bufferSize());
        g.writeNumberField("buffersWritten", h.buffersWritten());
        g.writeNumberField("buffersLost", h.buffersLost());
        g.writeNumberField("eventsLost", h.eventsLost());
        g.writeFieldName("logFileMode");
        plain(g, c, c.hex(h.logFileMode() & 0xFFFFFFFFL, 1));
        g.writeBooleanField("compressed", h.compressed());
        g.writeNumberField("maximumFileSizeMb", h.maximumFileSize());
        g.writeEndObject();
    }

    /**
     * Writes the payload text {@code provider-dump} adds (JSON-FORMAT.md): {@code strings}, the UTF-16LE and ANSI
     * strings found in the payload ({@link PayloadStrings}), and {@code plausiblePids}, the uint32 values that could be
     * process ids.
     */
    public static void payloadText(JsonGenerator g, EventRecord r) throws IOException {
        byte[] payload = r.payload();
        List<PayloadStrings.Found> found = PayloadStrings.find(payload);
        g.writeFieldName(STRINGS);
        g.writeStartArray();
        for (PayloadStrings.Found f : found) {
            g.writeStartObject();
            g.writeNumberField("offset", f.offset());
            g.writeNumberField("bytes", f.byteLength());
            g.writeStringField("encoding", f.encoding());
            g.writeStringField("value", f.value());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName(PLAUSIBLE_PIDS);
        g.writeStartArray();
        for (int[] p : PayloadStrings.plausiblePids(payload, found)) {
            g.writeStartObject();
            g.writeNumberField("offset", p[0]);
            g.writeNumberField("value", p[1]);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void pid(JsonGenerator g, SerializableString name, int pid) throws IOException {
        g.writeFieldName(name);
        if (pid < 0) {
            g.writeNull();
        } else {
            g.writeNumber(pid);
        }
    }

    private static void number(JsonGenerator g, SerializableString name, int v) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(v);
    }

    private static void hex(JsonGenerator g, JsonChars c, SerializableString name, long v) throws IOException {
        g.writeFieldName(name);
        plain(g, c, c.hex(v, 1));
    }

    /** The first {@code n} bytes of {@code bytes} as one lowercase hex string (read in place, not copied). */
    private static void bytesHex(JsonGenerator g, JsonChars chars, ReadOnlyBytes bytes, int n) throws IOException {
        char[] c = chars.quotedCapacity(2 * n + 2);
        c[0] = '"';
        for (int i = 0; i < n; i++) {
            JsonChars.hexByte(c, 1 + 2 * i, bytes.u8(i));
        }
        c[2 * n + 1] = '"';
        g.writeRawValue(c, 0, 2 * n + 2); // hex digits: nothing to escape
    }
}
