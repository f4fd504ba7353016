package io.etw4j.samples.command;

import io.etw4j.json.JsonLinesWriter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.ExtendedDataItem;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.etl.EtlReadOptions;
import io.etw4j.core.etl.LogfileHeader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The stdout of {@code etl-dump} as the tree-based implementation wrote it before the streaming rewrite (commit
 * f1b1c2b: {@code EventRecordJson.toJson} + {@code EtlDumpCommand.logfile} + {@code JsonLines}), frozen here
 * verbatim so that the streaming writer can be compared with it byte for byte on every capture. Do not "fix" it: it is
 * the reference, not the product.
 */
final class TreeEtlDumpReference {
    private static final ObjectWriter WRITER = new ObjectMapper().writer();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of();

    private TreeEtlDumpReference() {
    }

    /** Writes what {@code etl-dump [--time-order] [--strict] --hex-bytes hexBytes FILE} wrote to stdout. */
    static void dump(Path file, EtlReadOptions options, int hexBytes, Writer out) {
        EtlFile etl = EtlFile.open(file, options);
        LogfileHeader header = etl.header();
        etl.records().doOnNext(r -> {
            // etw-json adds the schema marker as the first field of every line (a field added, not a field changed)
            ObjectNode n = toJson(r, hexBytes).objectNode().put("etw4j.schema", JsonLinesWriter.SCHEMA_VERSION);
            n.setAll(toJson(r, hexBytes));
            if (r.headerKind() == HeaderKind.LOGFILE_HEADER && header != null) {
                n.set("logfile", logfile(header));
            }
            try {
                out.write(WRITER.writeValueAsString(n));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).blockLast();
    }

    static ObjectNode toJson(EventRecord r, int hexBytes) {
        ObjectNode n = F.objectNode();
        n.put("kind", r.headerKind().name());
        n.put("time", r.timestamp().toString());
        n.put("rawTime", Long.toUnsignedString(r.rawTimestamp()));
        putPid(n, "pid", r.processId());
        putPid(n, "tid", r.threadId());
        n.put("cpu", r.processorNumber());
        n.put("provider", guid(r.providerId()));
        EventDescriptor d = r.descriptor();
        n.put("id", d.id());
        if (isKernel(r.headerKind())) {
            n.put("hook", String.format("0x%04x", d.id()));
            n.put("group", d.task());
        } else {
            n.putNull("hook");
            n.putNull("group");
        }
        n.put("version", d.version());
        n.put("level", d.level());
        n.put("opcode", d.opcode());
        n.put("task", d.task());
        n.put("channel", d.channel());
        n.put("keyword", hex(d.keyword()));
        n.put("flags", hex(r.flags() & 0xFFFFL));
        n.put("eventProperty", hex(r.eventProperty() & 0xFFFFL));
        n.put("activityId", EventRecord.NULL_GUID.equals(r.activityId()) ? null : guid(r.activityId()));
        ArrayNode ext = n.putArray("ext");
        for (ExtendedDataItem item : r.extendedData()) {
            ObjectNode e = ext.addObject();
            e.put("type", item.type());
            e.put("size", item.size());
            e.put("hex", HEX.formatHex(item.data()));
        }
        byte[] payload = r.payload();
        n.put("payloadSize", payload.length);
        n.put("payloadHex", hexPrefix(payload, hexBytes));
        return n;
    }

    static ObjectNode logfile(LogfileHeader h) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("loggerName", h.loggerName());
        n.put("logFileName", h.logFileName());
        n.put("windowsVersion", h.versionString());
        n.put("build", h.providerVersion());
        n.put("pointerSize", h.pointerSize());
        n.put("numberOfProcessors", h.numberOfProcessors());
        n.put("clockType", h.clockType().name());
        n.put("perfFreq", h.perfFreq());
        n.put("cpuSpeedMhz", h.cpuSpeedMhz());
        n.put("timerResolution", h.timerResolution());
        n.put("startTime", h.startTime().toString());
        n.put("endTime", h.endTime().toString());
        n.put("bootTime", h.bootTime().toString());
        n.put("timeZoneBiasMinutes", h.timeZoneBiasMinutes());
        n.put("bufferSize", h.bufferSize());
        n.put("buffersWritten", h.buffersWritten());
        n.put("buffersLost", h.buffersLost());
        n.put("eventsLost", h.eventsLost());
        n.put("logFileMode", hex(h.logFileMode() & 0xFFFFFFFFL));
        n.put("compressed", h.compressed());
        n.put("maximumFileSizeMb", h.maximumFileSize());
        return n;
    }

    private static boolean isKernel(HeaderKind kind) {
        return kind == HeaderKind.SYSTEM || kind == HeaderKind.COMPACT || kind == HeaderKind.PERFINFO
                || kind == HeaderKind.LOGFILE_HEADER;
    }

    private static String hexPrefix(byte[] bytes, int limit) {
        int n = limit < 0 ? bytes.length : Math.min(limit, bytes.length);
        return HEX.formatHex(bytes, 0, n);
    }

    private static String guid(UUID id) {
        return id.toString();
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    private static void putPid(ObjectNode n, String name, int pid) {
        if (pid < 0) {
            n.putNull(name);
        } else {
            n.put(name, pid);
        }
    }
}
