package io.etw4j.json.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.DriverLoaded;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ServiceCallObserved;
import io.etw4j.scm.ServiceConfigChanged;
import io.etw4j.scm.ServiceControlSent;
import io.etw4j.scm.ServiceCreateRefused;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceDeleted;
import io.etw4j.scm.ServiceImagePath;
import io.etw4j.scm.ServiceOpened;
import io.etw4j.scm.ServiceStartResult;
import io.etw4j.scm.ServiceStarted;
import io.etw4j.scm.ServiceStatusChanged;
import io.etw4j.scm.UnknownScmMessage;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The JSON form of an {@link ScmEvent}, one object per event, as {@code scm-monitor} prints it, streamed into a
 * {@link JsonGenerator}. Written explicitly field by field (not by reflection), so renaming a record component in
 * etw-scm cannot silently change the output. The field reference is JSON-FORMAT.md ("scm-monitor"); the value
 * conventions are those of {@link RecordJson}.
 *
 * <p>Every object has {@code type} (the event's simple class name), {@code time}, {@code client} and
 * {@code evidence}, then the fields of its type, then {@code record} (the raw record). A field of the type that is
 * empty is {@code null}; its key is always present, so every object of one type has the same keys. Stateless.
 */
public final class ScmEventJson {
    private static final HexFormat HEX = HexFormat.of();

    private ScmEventJson() {
    }

    /**
     * Writes {@code e} as one JSON object with {@code source} (the file it was read from, {@code scm-history}) after
     * {@code type}; no {@code source} key when it is null.
     *
     * @param recordHexBytes payload bytes of the raw record shown in {@code record.payloadHex} (negative: all)
     * @param schema         the {@code etw4j.schema} value written first; null for none (a nested event)
     */
    public static void write(JsonGenerator g, JsonChars c, ScmEvent e, int recordHexBytes, String source,
            String schema) throws IOException {
        g.writeStartObject();
        if (schema != null) {
            g.writeStringField("etw4j.schema", schema);
        }
        g.writeStringField("type", e.getClass().getSimpleName());
        if (source != null) {
            g.writeStringField("source", source);
        }
        g.writeStringField("time", e.timestamp().toString());
        g.writeFieldName("client");
        client(g, e.client());
        g.writeStringField("evidence", e.evidence().name());
        if (e instanceof ServiceCreated s) {
            g.writeStringField("serviceName", s.serviceName());
            g.writeStringField("imagePath", s.imagePath().map(ServiceImagePath::path).orElse(null));
            g.writeStringField("imagePathOrigin", s.imagePath().map(i -> i.origin().name()).orElse(null));
            optionalInt(g, "wowType", s.wowType());
            g.writeStringField("attributedBy", s.attributedBy().name());
        } else if (e instanceof ServiceCreateRefused r) {
            g.writeStringField("serviceName", r.serviceName());
            g.writeNumberField("wowType", r.wowType());
            g.writeNumberField("error", r.error());
            g.writeStringField("attributedBy", r.attributedBy().name());
        } else if (e instanceof ServiceStarted s) {
            g.writeStringField("serviceName", s.serviceName());
            g.writeStringField("attributedBy", s.attributedBy().name());
            g.writeBooleanField("corroborated", s.corroborated());
            map(g, "details", s.details());
        } else if (e instanceof ServiceStartResult r) {
            g.writeStringField("serviceName", r.serviceName());
            g.writeNumberField("error", r.error());
            g.writeNumberField("serviceExitCode", r.serviceExitCode());
            g.writeStringField("clientSid", r.clientSid().orElse(null));
            g.writeStringField("attributedBy", r.attributedBy().name());
        } else if (e instanceof ServiceControlSent s) {
            g.writeStringField("serviceName", s.serviceName());
            g.writeNumberField("control", s.control());
            g.writeStringField("controlName", ServiceCodes.controlName(s.control()));
            g.writeStringField("displayName", s.displayName().orElse(null));
            g.writeStringField("attributedBy", s.attributedBy().name());
            g.writeBooleanField("corroborated", s.corroborated());
        } else if (e instanceof ServiceConfigChanged s) {
            g.writeStringField("serviceName", s.serviceName());
            map(g, "changes", s.changes());
            g.writeStringField("attributedBy", s.attributedBy().name());
            g.writeBooleanField("corroborated", s.corroborated());
        } else if (e instanceof ServiceStatusChanged s) {
            g.writeStringField("serviceName", s.serviceName());
            code(g, "state", s.state(), ServiceCodes.stateName(s.state()));
            code(g, "startType", s.startType(), ServiceCodes.startTypeName(s.startType()));
            optionalInt(g, "servicePid", s.servicePid());
            g.writeStringField("imageName", s.imageName().orElse(null));
        } else if (e instanceof ServiceOpened o) {
            g.writeStringField("serviceName", o.serviceName());
            g.writeStringField("attributedBy", o.attributedBy().name());
        } else if (e instanceof ServiceDeleted d) {
            g.writeStringField("serviceName", d.serviceName());
            optionalInt(g, "error", d.error());
            g.writeStringField("attributedBy", d.attributedBy().name());
        } else if (e instanceof DriverLoaded d) {
            g.writeStringField("imagePath", d.imagePath());
            g.writeStringField("imageBase", "0x" + Long.toHexString(d.imageBase()));
            g.writeNumberField("imageSize", d.imageSize());
            g.writeStringField("imageChecksum", "0x" + Long.toHexString(d.imageChecksum()));
            g.writeNumberField("timeDateStamp", d.timeDateStamp());
            g.writeStringField("serviceName", d.serviceName().orElse(null));
            g.writeStringField("serviceImagePath", d.serviceImagePath().orElse(null));
            g.writeFieldName("serviceStart");
            Optional<ServiceStarted> start = d.serviceStart();
            if (start.isPresent()) {
                write(g, c, start.get(), recordHexBytes, null, null);
            } else {
                g.writeNull();
            }
            g.writeStringField("attribution", d.attribution().name());
            g.writeStringField("attributedBy", d.attributedBy().name());
        } else if (e instanceof UnknownScmMessage u) {
            g.writeNumberField("messageId", u.messageId());
            g.writeStringField("messageIdHex", "0x" + Integer.toHexString(u.messageId()));
            g.writeStringField("messageGuid", u.messageGuid().toString());
            g.writeStringField("reason", u.reason());
            byte[] payload = u.payload();
            g.writeNumberField("payloadSize", payload.length);
            g.writeStringField("payloadHex", HEX.formatHex(payload));
            g.writeArrayFieldStart("strings");
            for (String s : u.strings()) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("plausiblePids");
            for (Long pid : u.plausiblePids()) {
                if (pid == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(pid);
                }
            }
            g.writeEndArray();
        } else if (e instanceof ServiceCallObserved o) {
            g.writeStringField("procedure", o.procedure());
            g.writeNumberField("opnum", o.opnum());
            g.writeBooleanField("conflicting", o.conflicting());
        } else {
            // ScmEvent is sealed; a type added to it later still prints its common fields.
            g.writeStringField("unmappedType", e.getClass().getName());
        }
        g.writeFieldName("record");
        g.writeStartObject();
        RecordJson.fields(g, c, e.source(), recordHexBytes);
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Writes the JSON form of a client process: every key is present, unknown values are null. */
    public static void client(JsonGenerator g, ClientProcess p) throws IOException {
        g.writeStartObject();
        if (p.pid() < 0) {
            g.writeNullField("pid");
        } else {
            g.writeNumberField("pid", p.pid());
        }
        g.writeStringField("image", p.imagePath().orElse(null));
        g.writeStringField("commandLine", p.commandLine().orElse(null));
        OptionalLong key = p.processStartKey();
        g.writeStringField("startKey", key.isPresent() ? Long.toUnsignedString(key.getAsLong()) : null);
        optionalInt(g, "parentPid", p.parentPid());
        g.writeStringField("sid", p.userSid().map(Object::toString).orElse(null));
        g.writeStringField("startTime", p.startTime().map(Object::toString).orElse(null));
        g.writeStringField("resolution", p.resolution().name());
        g.writeBooleanField("corroborated", p.corroborated());
        g.writeEndObject();
    }

    private static void map(JsonGenerator g, String name, Map<String, String> m) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, String> entry : m.entrySet()) {
            g.writeStringField(entry.getKey(), entry.getValue());
        }
        g.writeEndObject();
    }

    private static void optionalInt(JsonGenerator g, String name, OptionalInt v) throws IOException {
        if (v.isPresent()) {
            g.writeNumberField(name, v.getAsInt());
        } else {
            g.writeNullField(name);
        }
    }

    /** {@code name} as a number and {@code nameName} as its header name; -1 ("not given") gives two nulls. */
    private static void code(JsonGenerator g, String name, int value, String valueName) throws IOException {
        if (value == -1) {
            g.writeNullField(name);
            g.writeNullField(name + "Name");
        } else {
            g.writeNumberField(name, value);
            g.writeStringField(name + "Name", valueName);
        }
    }
}
