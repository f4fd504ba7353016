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
import io.etw4j.scm.history.HistoryOtherRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The OCSF form of records and SCM events (JSON-FORMAT.md, "OCSF"): one event class per line with its
 * classification ({@code class_uid} = category_uid * 1000 + the class's uid, {@code type_uid} = class_uid * 100 +
 * activity_id, as the dictionary's type_uid description says), {@code time} (epoch milliseconds, timestamp_t) and
 * {@code time_dt} (RFC 3339, the datetime profile), {@code severity_id} 1 (Informational), {@code metadata}
 * ({@code product}, {@code version} = the OCSF version checked), {@code actor.process} and {@code device}; what OCSF
 * has no attribute for goes under {@code unmapped.etw4j} (the dictionary's "unmapped": source-specific attributes),
 * with {@code unmapped.etw4j.schema} and the native object. Classes: SCM events as {@link ScmAct} says; records as
 * Process Activity (1007), Module Activity (1005) or, for any other event, the Base Event (0) with activity Other.
 * Not thread-safe: one per writer.
 */
public final class OcsfLines {
    static final int PROCESS_ACTIVITY = 1007;
    static final int MODULE_ACTIVITY = 1005;
    static final int BASE_EVENT = 0;

    private final JsonChars chars;
    private final DevicePaths paths;
    private final int hexBytes;

    public OcsfLines(JsonChars chars, DevicePaths paths, int hexBytes) {
        this.chars = chars;
        this.paths = paths;
        this.hexBytes = hexBytes;
    }

    /** Writes one SCM event as one OCSF object. */
    public void scmEvent(JsonGenerator g, ScmEvent e, String source) throws IOException {
        ScmAct act = ScmAct.of(e);
        g.writeStartObject();
        head(g, e.timestamp(), act.classUid(), act.activityId(), act.activityName());
        String outcome = EcsLines.outcome(e);
        g.writeNumberField("status_id", outcome.equals("success") ? 1 : outcome.equals("failure") ? 2 : 0);
        g.writeStringField("status", outcome.equals("success") ? "Success" : outcome.equals("failure") ? "Failure"
                : "Unknown");
        Integer error = EcsLines.errorOf(e);
        if (error != null) {
            g.writeStringField("status_code", Integer.toString(error));
        }
        metadata(g, EcsLines.providerOf(e), source, e.source().descriptor().id());
        actor(g, e.client());
        device(g);
        DevicePaths.Mapped file = EcsLines.imageOf(e).map(paths::map).orElse(null);
        if (e instanceof DriverLoaded) {
            g.writeObjectFieldStart("driver");
            file(g, file);
            g.writeEndObject();
        } else if (act.classUid() == ScmAct.APPLICATION_LIFECYCLE) {
            // every act of this class names its service (ScmEvent.service() is present for them)
            g.writeObjectFieldStart("app");
            g.writeStringField("name", EcsLines.serviceName(e));
            if (file != null) {
                g.writeStringField("path", file.path());
            }
            g.writeEndObject();
        } else if (e instanceof ServiceCallObserved o) {
            g.writeObjectFieldStart("api");
            g.writeStringField("operation", o.procedure());
            g.writeObjectFieldStart("service");
            g.writeStringField("name", EcsLines.SVCCTL);
            g.writeEndObject();
            g.writeEndObject();
            // required by API Activity: the caller's endpoint. The RPC client event is written in the calling
            // process (inferred from EVENT_HEADER's ProcessId), so on the traced host, which a record does not name.
            g.writeObjectFieldStart("src_endpoint");
            g.writeStringField("name", "localhost");
            g.writeEndObject();
        }
        g.writeObjectFieldStart("unmapped");
        g.writeObjectFieldStart("etw4j");
        g.writeStringField("schema", JsonLinesWriter.SCHEMA_VERSION);
        pathSource(g, file);
        g.writeBooleanField("corroborated", e.client().corroborated());
        g.writeFieldName("event");
        ScmEventJson.write(g, chars, e, hexBytes, source, null);
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Writes the attributes of one record (the object is opened by the caller). */
    public void record(JsonGenerator g, EventRecord r, DecodedEvent d) throws IOException {
        RecordAct act = RecordAct.of(r, d);
        int classUid;
        int activity;
        String name;
        switch (act.kind()) {
            case PROCESS_START: classUid = PROCESS_ACTIVITY; activity = 1; name = "Launch"; break;
            case PROCESS_END: classUid = PROCESS_ACTIVITY; activity = 2; name = "Terminate"; break;
            case IMAGE_LOAD: classUid = MODULE_ACTIVITY; activity = 1; name = "Load"; break;
            case IMAGE_UNLOAD: classUid = MODULE_ACTIVITY; activity = 2; name = "Unload"; break;
            default:
                classUid = BASE_EVENT;
                activity = 99;
                name = d == null ? null : d.eventName().orElse(null);
                name = name == null ? "Other" : name;
                break;
        }
        head(g, r.timestamp(), classUid, activity, name);
        metadata(g, d != null && d.providerName().isPresent() ? d.providerName().get() : r.providerId().toString(),
                null, r.descriptor().id());
        device(g);
        DevicePaths.Mapped file = act.image().map(paths::map).orElse(null);
        if (classUid == PROCESS_ACTIVITY) {
            // actor: the process that logged the event (for a start: the creating process's thread, inferred from
            // the kernel logging process events in the creator's context); process: the one started or ended
            g.writeObjectFieldStart("actor");
            g.writeObjectFieldStart("process");
            pid(g, act.parentPid().isPresent() && act.kind() == RecordAct.Kind.PROCESS_START
                    ? act.parentPid() : r.processId() >= 0 ? OptionalLong.of(r.processId()) : OptionalLong.empty());
            g.writeEndObject();
            g.writeEndObject();
            g.writeObjectFieldStart("process");
            pid(g, act.pid());
            if (file != null) {
                g.writeStringField("name", EcsLines.fileName(file.path()));
            }
            if (act.commandLine().isPresent()) {
                g.writeStringField("cmd_line", act.commandLine().get());
            }
            if (act.parentPid().isPresent()) {
                g.writeObjectFieldStart("parent_process");
                g.writeNumberField("pid", act.parentPid().getAsLong());
                g.writeEndObject();
            }
            g.writeEndObject();
        } else {
            g.writeObjectFieldStart("actor");
            g.writeObjectFieldStart("process");
            pid(g, classUid == MODULE_ACTIVITY && act.pid().isPresent() ? act.pid()
                    : r.processId() >= 0 ? OptionalLong.of(r.processId()) : OptionalLong.empty());
            if (r.threadId() >= 0) {
                g.writeNumberField("tid", r.threadId());
            }
            g.writeEndObject();
            g.writeEndObject();
            if (classUid == MODULE_ACTIVITY) {
                g.writeObjectFieldStart("module");
                // load_type_id 0: Unknown (module.json's enum); the kernel does not say how the image was loaded
                g.writeNumberField("load_type_id", 0);
                g.writeStringField("load_type", "Unknown");
                if (file != null) {
                    file(g, file);
                }
                g.writeEndObject();
            }
        }
        g.writeObjectFieldStart("unmapped");
        g.writeObjectFieldStart("etw4j");
        g.writeStringField("schema", JsonLinesWriter.SCHEMA_VERSION);
        pathSource(g, file);
        g.writeObjectFieldStart("record");
        RecordJson.fields(g, chars, r, hexBytes);
        if (d != null) {
            DecodedEventJson.write(g, chars, d);
        }
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Writes the attributes of one non-SCM record of an SCM.EVM file (the object is opened by the caller). */
    public void otherRecord(JsonGenerator g, HistoryOtherRecord r, String source) throws IOException {
        head(g, r.timestamp(), BASE_EVENT, 99, r.eventName().orElse("Other"));
        metadata(g, r.providerName().orElse(r.record().providerId().toString()), source,
                r.record().descriptor().id());
        device(g);
        g.writeObjectFieldStart("unmapped");
        g.writeObjectFieldStart("etw4j");
        g.writeStringField("schema", JsonLinesWriter.SCHEMA_VERSION);
        g.writeFieldName("event");
        OtherRecordJson.write(g, chars, r, hexBytes, source, null);
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void head(JsonGenerator g, Instant t, int classUid, int activity, String activityName)
            throws IOException {
        g.writeNumberField("class_uid", classUid);
        g.writeNumberField("category_uid", classUid / 1000);
        g.writeNumberField("activity_id", activity);
        g.writeStringField("activity_name", activityName);
        g.writeNumberField("type_uid", classUid * 100L + activity);
        g.writeNumberField("time", t.toEpochMilli());
        g.writeStringField("time_dt", Rfc3339.of(t));
        g.writeNumberField("severity_id", 1);
        g.writeStringField("severity", "Informational");
    }

    private static void metadata(JsonGenerator g, String provider, String source, int eventCode) throws IOException {
        g.writeObjectFieldStart("metadata");
        g.writeStringField("version", JsonLinesWriter.OCSF_VERSION);
        g.writeObjectFieldStart("product");
        g.writeStringField("name", "etw4j");
        g.writeStringField("vendor_name", "etw4j");
        g.writeEndObject();
        g.writeStringField("log_provider", provider);
        g.writeStringField("event_code", Integer.toString(eventCode));
        if (source != null) {
            g.writeStringField("log_name", source);
        }
        g.writeEndObject();
    }

    /** device: type_id 0 (Unknown): a record does not say which machine logged it. */
    private static void device(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("device");
        g.writeNumberField("type_id", 0);
        g.writeStringField("type", "Unknown");
        g.writeEndObject();
    }

    private void actor(JsonGenerator g, ClientProcess p) throws IOException {
        g.writeObjectFieldStart("actor");
        g.writeObjectFieldStart("process");
        if (p.pid() >= 0) {
            g.writeNumberField("pid", p.pid());
        }
        if (p.imagePath().isPresent()) {
            DevicePaths.Mapped m = paths.map(p.imagePath().get());
            g.writeStringField("path", m.path());
            g.writeStringField("name", EcsLines.fileName(m.path()));
        }
        if (p.commandLine().isPresent()) {
            g.writeStringField("cmd_line", p.commandLine().get());
        }
        OptionalLong key = p.processStartKey();
        if (key.isPresent()) {
            g.writeStringField("uid", Long.toUnsignedString(key.getAsLong()));
        }
        if (p.startTime().isPresent()) {
            g.writeNumberField("created_time", p.startTime().get().toEpochMilli());
            g.writeStringField("created_time_dt", Rfc3339.of(p.startTime().get()));
        }
        OptionalInt parent = p.parentPid();
        if (parent.isPresent()) {
            g.writeObjectFieldStart("parent_process");
            g.writeNumberField("pid", parent.getAsInt());
            g.writeEndObject();
        }
        if (p.userSid().isPresent()) {
            g.writeObjectFieldStart("user");
            g.writeStringField("uid", p.userSid().get().toString());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void pid(JsonGenerator g, OptionalLong pid) throws IOException {
        if (pid.isPresent()) {
            g.writeNumberField("pid", pid.getAsLong());
        }
    }

    /** The members of a file object: name, path, type_id 1 (Regular File: file.json says so when not known). */
    private static void file(JsonGenerator g, DevicePaths.Mapped m) throws IOException {
        g.writeObjectFieldStart("file");
        String path = m == null ? "" : m.path();
        g.writeStringField("name", EcsLines.fileName(path));
        if (m != null) {
            g.writeStringField("path", path);
        }
        g.writeNumberField("type_id", 1);
        g.writeStringField("type", "Regular File");
        g.writeEndObject();
    }

    private static void pathSource(JsonGenerator g, DevicePaths.Mapped m) throws IOException {
        if (m != null) {
            g.writeObjectFieldStart("file");
            g.writeStringField("device_path", m.devicePath().orElse(null));
            g.writeStringField("path_source", m.source());
            g.writeEndObject();
        }
    }
}
