package io.etw4j.samples.json;

import io.etw4j.json.internal.ServiceCodes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Test oracle: the tree-based SCM event object {@code scm-monitor} printed before the streaming writer, kept verbatim
 * to compare the streaming output with. Not the product.
 *
 * <p>The JSON form of an {@link ScmEvent}, one object per event, as {@code scm-monitor} prints it. Built explicitly field
 * by field (not by reflection), so renaming a record component in etw-scm cannot silently change the output. The
 * field reference is "JSON output of the etw4j samples" (JSON-FORMAT.md); the value conventions are those of {@link TreeRecordJson}.
 * Stateless and thread-safe.
 *
 * <p>Every object has {@code type} (the event's simple class name), {@code time}, {@code client} and {@code record}
 * (the raw record, as {@link TreeRecordJson} maps it), then the fields of its type. A field of the type that is
 * empty is {@code null}; its key is always present, so every object of one type has the same keys.
 */
final class TreeScmEventJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private TreeScmEventJson() {
    }

    /**
     * {@return the event as a JSON object, with the raw record's first {@link TreeRecordJson#DEFAULT_HEX_BYTES} bytes}
     *
     * @param e the event
     */
    static ObjectNode toJson(ScmEvent e) {
        return toJson(e, TreeRecordJson.DEFAULT_HEX_BYTES);
    }

    /**
     * {@return the event as a JSON object}
     *
     * @param e              the event
     * @param recordHexBytes payload bytes of the raw record shown in {@code record.payloadHex} (negative: all)
     */
    static ObjectNode toJson(ScmEvent e, int recordHexBytes) {
        ObjectNode n = F.objectNode();
        n.put("type", e.getClass().getSimpleName());
        n.put("time", e.timestamp().toString());
        n.set("client", client(e.client()));
        n.put("evidence", e.evidence().name());
        if (e instanceof ServiceCreated c) {
            n.put("serviceName", c.serviceName());
            n.put("imagePath", c.imagePath().map(ServiceImagePath::path).orElse(null));
            n.put("imagePathOrigin", c.imagePath().map(i -> i.origin().name()).orElse(null));
            putInt(n, "wowType", c.wowType());
            n.put("attributedBy", c.attributedBy().name());
        } else if (e instanceof ServiceCreateRefused r) {
            n.put("serviceName", r.serviceName());
            n.put("wowType", r.wowType());
            n.put("error", r.error());
            n.put("attributedBy", r.attributedBy().name());
        } else if (e instanceof ServiceStarted s) {
            n.put("serviceName", s.serviceName());
            n.put("attributedBy", s.attributedBy().name());
            n.put("corroborated", s.corroborated());
            n.set("details", map(s.details()));
        } else if (e instanceof ServiceStartResult r) {
            n.put("serviceName", r.serviceName());
            n.put("error", r.error());
            n.put("serviceExitCode", r.serviceExitCode());
            n.put("clientSid", r.clientSid().orElse(null));
            n.put("attributedBy", r.attributedBy().name());
        } else if (e instanceof ServiceControlSent c) {
            n.put("serviceName", c.serviceName());
            n.put("control", c.control());
            n.put("controlName", ServiceCodes.controlName(c.control()));
            n.put("displayName", c.displayName().orElse(null));
            n.put("attributedBy", c.attributedBy().name());
            n.put("corroborated", c.corroborated());
        } else if (e instanceof ServiceConfigChanged c) {
            n.put("serviceName", c.serviceName());
            n.set("changes", map(c.changes()));
            n.put("attributedBy", c.attributedBy().name());
            n.put("corroborated", c.corroborated());
        } else if (e instanceof ServiceStatusChanged s) {
            n.put("serviceName", s.serviceName());
            putCode(n, "state", s.state(), ServiceCodes.stateName(s.state()));
            putCode(n, "startType", s.startType(), ServiceCodes.startTypeName(s.startType()));
            putInt(n, "servicePid", s.servicePid());
            n.put("imageName", s.imageName().orElse(null));
        } else if (e instanceof ServiceOpened o) {
            n.put("serviceName", o.serviceName());
            n.put("attributedBy", o.attributedBy().name());
        } else if (e instanceof ServiceDeleted d) {
            n.put("serviceName", d.serviceName());
            putInt(n, "error", d.error());
            n.put("attributedBy", d.attributedBy().name());
        } else if (e instanceof DriverLoaded d) {
            n.put("imagePath", d.imagePath());
            n.put("imageBase", TreeRecordJson.hex(d.imageBase()));
            n.put("imageSize", d.imageSize());
            n.put("imageChecksum", TreeRecordJson.hex(d.imageChecksum()));
            n.put("timeDateStamp", d.timeDateStamp());
            n.put("serviceName", d.serviceName().orElse(null));
            n.put("serviceImagePath", d.serviceImagePath().orElse(null));
            n.set("serviceStart", d.serviceStart().map(s -> (ObjectNode) toJson(s, recordHexBytes))
                    .orElse(null));
            n.put("attribution", d.attribution().name());
            n.put("attributedBy", d.attributedBy().name());
        } else if (e instanceof UnknownScmMessage u) {
            n.put("messageId", u.messageId());
            n.put("messageIdHex", String.format("0x%x", u.messageId()));
            n.put("messageGuid", TreeRecordJson.guid(u.messageGuid()));
            n.put("reason", u.reason());
            byte[] payload = u.payload();
            n.put("payloadSize", payload.length);
            n.put("payloadHex", TreeRecordJson.hexPrefix(payload, -1));
            ArrayNode strings = n.putArray("strings");
            u.strings().forEach(strings::add);
            ArrayNode pids = n.putArray("plausiblePids");
            u.plausiblePids().forEach(pids::add);
        } else if (e instanceof ServiceCallObserved o) {
            n.put("procedure", o.procedure());
            n.put("opnum", o.opnum());
            n.put("conflicting", o.conflicting());
        } else {
            // ScmEvent is sealed; a type added to it later still prints its common fields.
            n.put("unmappedType", e.getClass().getName());
        }
        n.set("record", TreeRecordJson.toJson(e.source(), recordHexBytes));
        return n;
    }

    /**
     * {@return the JSON form of a client process; every key is present, unknown values are null}
     *
     * @param c the client process
     */
    static ObjectNode client(ClientProcess c) {
        ObjectNode n = F.objectNode();
        if (c.pid() < 0) {
            n.putNull("pid");
        } else {
            n.put("pid", c.pid());
        }
        n.put("image", c.imagePath().orElse(null));
        n.put("commandLine", c.commandLine().orElse(null));
        putStartKey(n, c.processStartKey());
        putInt(n, "parentPid", c.parentPid());
        n.put("sid", c.userSid().map(Object::toString).orElse(null));
        n.put("startTime", c.startTime().map(Object::toString).orElse(null));
        n.put("resolution", c.resolution().name());
        n.put("corroborated", c.corroborated());
        return n;
    }

    private static ObjectNode map(Map<String, String> m) {
        ObjectNode n = F.objectNode();
        m.forEach(n::put);
        return n;
    }

    private static void putStartKey(ObjectNode n, OptionalLong key) {
        n.put("startKey", key.isPresent() ? Long.toUnsignedString(key.getAsLong()) : null);
    }

    private static void putInt(ObjectNode n, String name, OptionalInt v) {
        if (v.isPresent()) {
            n.put(name, v.getAsInt());
        } else {
            n.putNull(name);
        }
    }

    /** {@code name} as a number and {@code nameName} as its header name; -1 ("not given") gives two nulls. */
    private static void putCode(ObjectNode n, String name, int value, String valueName) {
        if (value == -1) {
            n.putNull(name);
            n.putNull(name + "Name");
        } else {
            n.put(name, value);
            n.put(name + "Name", valueName);
        }
    }
}
