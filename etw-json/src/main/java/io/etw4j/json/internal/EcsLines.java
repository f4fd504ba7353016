package io.etw4j.json.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.etw4j.core.EventRecord;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.json.DevicePaths;
import io.etw4j.json.JsonLinesWriter;
import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.DriverLoaded;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ServiceCallObserved;
import io.etw4j.scm.ServiceCreateRefused;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceDeleted;
import io.etw4j.scm.ServiceImagePath;
import io.etw4j.scm.ServiceStartResult;
import io.etw4j.scm.UnknownScmMessage;
import io.etw4j.scm.history.HistoryOtherRecord;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The Elastic Common Schema form of records and SCM events (JSON-FORMAT.md, "ECS"): {@code @timestamp},
 * {@code ecs.version}, {@code event.*}, {@code process.*} (for an SCM event: the client process; for a record: the
 * logging thread's process, or the process a process event is about), {@code service.name}, {@code file.path},
 * {@code dll.path}, {@code error.code}, {@code log.file.path}; everything etw4j knows beyond ECS under the custom
 * field set {@code etw4j}: {@code etw4j.schema}, {@code etw4j.file.device_path}, {@code etw4j.file.path_source}, and
 * {@code etw4j.event} / {@code etw4j.record}, the native object (evidence, attribution source, resolution, raw
 * record). Not thread-safe: one per writer.
 */
public final class EcsLines {
    static final String DATASET_SCM = "etw4j.scm";
    static final String DATASET_ETW = "etw4j.etw";
    /** The RPC interface of the SCM's procedures ("[MS-SCMR]" 2.1: svcctl). */
    static final String SVCCTL = "svcctl";

    private final JsonChars chars;
    private final DevicePaths paths;
    private final int hexBytes;

    public EcsLines(JsonChars chars, DevicePaths paths, int hexBytes) {
        this.chars = chars;
        this.paths = paths;
        this.hexBytes = hexBytes;
    }

    /** Writes one SCM event as one ECS object. */
    public void scmEvent(JsonGenerator g, ScmEvent e, String source) throws IOException {
        ScmAct act = ScmAct.of(e);
        g.writeStartObject();
        head(g, e.timestamp(), "event", act.ecsCategory(), act.ecsType(), act.action(), DATASET_SCM);
        g.writeStringField("provider", providerOf(e));
        g.writeStringField("code", e instanceof UnknownScmMessage u ? Integer.toString(u.messageId())
                : Integer.toString(e.source().descriptor().id()));
        g.writeStringField("outcome", outcome(e));
        g.writeEndObject(); // event
        client(g, e.client());
        String service = serviceName(e);
        if (service != null) {
            g.writeObjectFieldStart("service");
            g.writeStringField("name", service);
            g.writeEndObject();
        }
        DevicePaths.Mapped file = imageOf(e).map(paths::map).orElse(null);
        if (file != null) {
            g.writeObjectFieldStart("file");
            g.writeStringField("path", file.path());
            g.writeStringField("name", fileName(file.path()));
            g.writeEndObject();
        }
        Integer error = errorOf(e);
        if (error != null && error != 0) {
            g.writeObjectFieldStart("error");
            g.writeStringField("code", Integer.toString(error));
            g.writeEndObject();
        }
        logFile(g, source);
        g.writeObjectFieldStart("etw4j");
        g.writeStringField("schema", JsonLinesWriter.SCHEMA_VERSION);
        filePathSource(g, file);
        g.writeBooleanField("corroborated", e.client().corroborated());
        if (e instanceof ServiceCallObserved o) {
            g.writeObjectFieldStart("rpc");
            g.writeStringField("interface", SVCCTL);
            g.writeStringField("procedure", o.procedure());
            g.writeNumberField("opnum", o.opnum());
            g.writeBooleanField("conflicting", o.conflicting());
            g.writeEndObject();
        }
        g.writeFieldName("event");
        ScmEventJson.write(g, chars, e, hexBytes, source, null);
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Writes the fields of one record (the object is opened by the caller). */
    public void record(JsonGenerator g, EventRecord r, DecodedEvent d) throws IOException {
        RecordAct act = RecordAct.of(r, d);
        String category = null;
        String type = null;
        switch (act.kind()) {
            case PROCESS_START: category = "process"; type = "start"; break;
            case PROCESS_END: category = "process"; type = "end"; break;
            case IMAGE_LOAD: category = "library"; type = "start"; break;
            // ECS's library category expects only "start": an unload has no category, its action says what it is
            case IMAGE_UNLOAD: break;
            default: break;
        }
        String name = d == null ? null : d.eventName().orElse(null);
        if (act.kind() == RecordAct.Kind.IMAGE_UNLOAD) {
            name = "image-unload";
        }
        head(g, r.timestamp(), "event", category, type, name, DATASET_ETW);
        g.writeStringField("provider", d != null && d.providerName().isPresent() ? d.providerName().get()
                : r.providerId().toString());
        g.writeStringField("code", Integer.toString(r.descriptor().id()));
        g.writeEndObject(); // event
        boolean image = act.kind() == RecordAct.Kind.IMAGE_LOAD || act.kind() == RecordAct.Kind.IMAGE_UNLOAD;
        boolean process = act.kind() == RecordAct.Kind.PROCESS_START || act.kind() == RecordAct.Kind.PROCESS_END;
        g.writeObjectFieldStart("process");
        OptionalLong pid = process || image ? act.pid() : OptionalLong.empty();
        if (pid.isPresent()) {
            g.writeNumberField("pid", pid.getAsLong());
        } else if (r.processId() >= 0) {
            g.writeNumberField("pid", r.processId());
        }
        if (process) {
            if (act.image().isPresent()) {
                g.writeStringField("name", fileName(act.image().get()));
            }
            if (act.commandLine().isPresent()) {
                g.writeStringField("command_line", act.commandLine().get());
            }
            if (act.parentPid().isPresent()) {
                g.writeObjectFieldStart("parent");
                g.writeNumberField("pid", act.parentPid().getAsLong());
                g.writeEndObject();
            }
        }
        if (r.threadId() >= 0 && !process && !image) {
            g.writeObjectFieldStart("thread");
            g.writeNumberField("id", r.threadId());
            g.writeEndObject();
        }
        g.writeEndObject(); // process
        DevicePaths.Mapped dll = image ? act.image().map(paths::map).orElse(null) : null;
        if (dll != null) {
            g.writeObjectFieldStart("dll");
            g.writeStringField("path", dll.path());
            g.writeStringField("name", fileName(dll.path()));
            g.writeEndObject();
        }
        g.writeObjectFieldStart("etw4j");
        g.writeStringField("schema", JsonLinesWriter.SCHEMA_VERSION);
        filePathSource(g, dll);
        g.writeObjectFieldStart("record");
        RecordJson.fields(g, chars, r, hexBytes);
        if (d != null) {
            DecodedEventJson.write(g, chars, d);
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Writes the fields of one non-SCM record of an SCM.EVM file (the object is opened by the caller). */
    public void otherRecord(JsonGenerator g, HistoryOtherRecord r, String source) throws IOException {
        head(g, r.timestamp(), "event", null, null, r.eventName().orElse(null), DATASET_SCM);
        g.writeStringField("provider", r.providerName().orElse(r.record().providerId().toString()));
        g.writeStringField("code", Integer.toString(r.record().descriptor().id()));
        g.writeEndObject(); // event
        if (r.record().processId() >= 0) {
            g.writeObjectFieldStart("process");
            g.writeNumberField("pid", r.record().processId());
            g.writeEndObject();
        }
        logFile(g, source);
        g.writeObjectFieldStart("etw4j");
        g.writeStringField("schema", JsonLinesWriter.SCHEMA_VERSION);
        g.writeFieldName("event");
        OtherRecordJson.write(g, chars, r, hexBytes, source, null);
        g.writeEndObject();
    }

    /** {@code @timestamp}, {@code ecs}, and the opened {@code event} object with kind, category, type, action. */
    private static void head(JsonGenerator g, java.time.Instant t, String kind, String category, String type,
            String action, String dataset) throws IOException {
        g.writeStringField("@timestamp", Rfc3339.of(t));
        g.writeObjectFieldStart("ecs");
        g.writeStringField("version", JsonLinesWriter.ECS_VERSION);
        g.writeEndObject();
        g.writeObjectFieldStart("event");
        g.writeStringField("kind", kind);
        if (category != null) {
            g.writeArrayFieldStart("category");
            g.writeString(category);
            g.writeEndArray();
            g.writeArrayFieldStart("type");
            g.writeString(type);
            g.writeEndArray();
        }
        if (action != null) {
            g.writeStringField("action", action);
        }
        g.writeStringField("module", "etw4j");
        g.writeStringField("dataset", dataset);
    }

    private void client(JsonGenerator g, ClientProcess p) throws IOException {
        if (p.pid() < 0) {
            return;
        }
        g.writeObjectFieldStart("process");
        g.writeNumberField("pid", p.pid());
        if (p.imagePath().isPresent()) {
            DevicePaths.Mapped m = paths.map(p.imagePath().get());
            g.writeStringField("executable", m.path());
            g.writeStringField("name", fileName(m.path()));
        }
        if (p.commandLine().isPresent()) {
            g.writeStringField("command_line", p.commandLine().get());
        }
        OptionalLong key = p.processStartKey();
        if (key.isPresent()) {
            g.writeStringField("entity_id", Long.toUnsignedString(key.getAsLong()));
        }
        if (p.startTime().isPresent()) {
            g.writeStringField("start", Rfc3339.of(p.startTime().get()));
        }
        OptionalInt parent = p.parentPid();
        if (parent.isPresent()) {
            g.writeObjectFieldStart("parent");
            g.writeNumberField("pid", parent.getAsInt());
            g.writeEndObject();
        }
        if (p.userSid().isPresent()) {
            g.writeObjectFieldStart("user");
            g.writeStringField("id", p.userSid().get().toString());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void logFile(JsonGenerator g, String source) throws IOException {
        if (source != null) {
            g.writeObjectFieldStart("log");
            g.writeObjectFieldStart("file");
            g.writeStringField("path", source);
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    private static void filePathSource(JsonGenerator g, DevicePaths.Mapped m) throws IOException {
        if (m != null) {
            g.writeObjectFieldStart("file");
            g.writeStringField("device_path", m.devicePath().orElse(null));
            g.writeStringField("path_source", m.source());
            g.writeEndObject();
        }
    }

    static String providerOf(ScmEvent e) {
        if (e instanceof ServiceCallObserved) {
            return "Microsoft-Windows-RPC";
        }
        return e instanceof DriverLoaded ? "Microsoft-Windows-Kernel-Process" : "Service Control Manager Trace";
    }

    static String outcome(ScmEvent e) {
        Integer error = errorOf(e);
        if (e instanceof ServiceCreateRefused) {
            return "failure";
        }
        if (error == null) {
            // a call is logged when it starts: how it ended is not known
            return e instanceof UnknownScmMessage || e instanceof ServiceCallObserved ? "unknown" : "success";
        }
        return error == 0 ? "success" : "failure";
    }

    static Integer errorOf(ScmEvent e) {
        if (e instanceof ServiceCreateRefused r) {
            return r.error();
        } else if (e instanceof ServiceStartResult r) {
            return r.error();
        } else if (e instanceof ServiceDeleted d && d.error().isPresent()) {
            return d.error().getAsInt();
        }
        return null;
    }

    static String serviceName(ScmEvent e) {
        return e.service().orElse(null);
    }

    static Optional<String> imageOf(ScmEvent e) {
        if (e instanceof ServiceCreated s) {
            return s.imagePath().map(ServiceImagePath::path);
        } else if (e instanceof DriverLoaded d) {
            return Optional.of(d.imagePath());
        }
        return Optional.empty();
    }

    /** The last path element, after {@code \} or {@code /}. */
    static String fileName(String path) {
        int i = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return i < 0 ? path : path.substring(i + 1);
    }

}
