package io.etw4j.samples.json;

import io.etw4j.json.internal.DecodedEventJson;
import io.etw4j.json.internal.PayloadStrings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.ExtendedDataItem;
import io.etw4j.core.HeaderKind;
import io.etw4j.decode.DecodedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Test oracle: the tree-based record object the samples built before the streaming writers, kept verbatim (with the
 * payload text of {@code provider-dump} and the {@code decoded} member as trees) to compare the streaming output with.
 * Not the product.
 *
 * <p>The JSON form of an {@link EventRecord}, as {@code etl-dump}, {@code provider-dump} and the {@code record} field of
 * {@code scm-monitor} print it. The field names and value conventions are documented in
 * "JSON output of the etw4j samples" (JSON-FORMAT.md, beside the samples' README) and do not change without a CHANGELOG entry. Stateless and thread-safe.
 *
 * <p>Conventions (shared with {@link TreeScmEventJson}): times are ISO-8601 UTC strings ({@link Instant#toString()});
 * GUIDs are lowercase without braces ({@link UUID#toString()}); bit masks (flags, keywords) and addresses are
 * {@code "0x"}-prefixed lowercase hex strings; 64-bit counters that can exceed 2^53 (raw timestamps, process start
 * keys) are unsigned decimal strings, because JSON readers that use doubles (JavaScript, jq) would round them; a
 * value the record does not carry is {@code null}, and the key is always present.
 */
final class TreeRecordJson {
    /** Payload bytes shown as hex when the caller does not say otherwise. */
    static final int DEFAULT_HEX_BYTES = 32;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of();

    private TreeRecordJson() {
    }

    /**
     * {@return the record as a JSON object}
     *
     * @param r        the record
     * @param hexBytes how many payload bytes to show in {@code payloadHex}: 0 for none, a negative number for all
     */
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
            // EventDescriptor doc: for kernel records id = hook (group << 8 | type), task = group, opcode = type.
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

    /** The record with its payload text, as {@code provider-dump} built it: {@code strings} and {@code plausiblePids}. */
    static ObjectNode withPayloadText(EventRecord r, int hexBytes) {
        ObjectNode n = toJson(r, hexBytes);
        byte[] payload = r.payload();
        List<PayloadStrings.Found> found = PayloadStrings.find(payload);
        ArrayNode strings = n.putArray("strings");
        for (PayloadStrings.Found f : found) {
            ObjectNode s = strings.addObject();
            s.put("offset", f.offset());
            s.put("bytes", f.byteLength());
            s.put("encoding", f.encoding());
            s.put("value", f.value());
        }
        ArrayNode pids = n.putArray("plausiblePids");
        for (int[] p : PayloadStrings.plausiblePids(payload, found)) {
            ObjectNode o = pids.addObject();
            o.put("offset", p[0]);
            o.put("value", p[1]);
        }
        return n;
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * The {@code decoded} value of {@code d} as a tree (null node when not decoded), as {@code provider-dump} and
     * {@code kernel-dump} built it: {@link TreeDecodedJson} (the old {@link DecodedEventJson}) into a TokenBuffer,
     * read back as a tree.
     */
    static JsonNode decoded(DecodedEvent d) {
        try (TokenBuffer tb = new TokenBuffer(MAPPER, false)) {
            tb.writeStartObject();
            TreeDecodedJson.write(tb, d);
            tb.writeEndObject();
            return MAPPER.readValue(tb.asParser(), JsonNode.class).get("decoded");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True for the kinds whose descriptor holds a kernel hook id (SYSTEM, COMPACT, PERFINFO, the logfile header). */
    static boolean isKernel(HeaderKind kind) {
        return kind == HeaderKind.SYSTEM || kind == HeaderKind.COMPACT || kind == HeaderKind.PERFINFO
                || kind == HeaderKind.LOGFILE_HEADER;
    }

    /** Lowercase hex of the first {@code limit} bytes (all if negative). */
    static String hexPrefix(byte[] bytes, int limit) {
        int n = limit < 0 ? bytes.length : Math.min(limit, bytes.length);
        return HEX.formatHex(bytes, 0, n);
    }

    /** A GUID in the samples' form: lowercase, no braces. */
    static String guid(UUID id) {
        return id.toString();
    }

    /** {@code "0x"} and lowercase hex of an unsigned 64-bit value. */
    static String hex(long v) {
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
