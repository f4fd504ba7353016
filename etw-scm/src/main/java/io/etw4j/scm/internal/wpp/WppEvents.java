package io.etw4j.scm.internal.wpp;

import io.etw4j.core.EventRecord;
import io.etw4j.scm.AttributionSource;
import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.Evidence;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ServiceConfigChanged;
import io.etw4j.scm.ServiceControlSent;
import io.etw4j.scm.ServiceCreateRefused;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceDeleted;
import io.etw4j.scm.ServiceImagePath;
import io.etw4j.scm.ServiceOpened;
import io.etw4j.scm.ServiceStartResult;
import io.etw4j.scm.ServiceStarted;
import io.etw4j.scm.UnknownScmMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Builds the public events of SCM WPP messages: the typed event of a message that fitted exactly one table entry of an
 * act kind (attributed by {@link AttributionSource#SCM_WPP}, with the entry's {@link Evidence}), and the
 * {@link UnknownScmMessage} of any other. Stateless.
 */
final class WppEvents {
    private WppEvents() {
    }

    /**
     * The typed event of {@code record}, read by {@code e}'s layout into {@code values} (field name to Long or
     * String, see {@link MessageFields}).
     */
    static ScmEvent of(EventRecord record, MessageEntry e, Map<String, Object> values) {
        Instant t = record.timestamp();
        String name = (String) values.get(MessageFields.SERVICE_NAME);
        Evidence ev = e.evidence();
        AttributionSource by = AttributionSource.SCM_WPP;
        ClientProcess client = ClientProcess.unknown();
        if (values.containsKey(MessageFields.CLIENT_PID)) {
            long pid = number(values, MessageFields.CLIENT_PID);
            client = pid == 0 ? ClientProcess.unknown() : ClientProcess.ofPid((int) pid);
        }
        switch (e.kind()) {
            case CREATE_SERVICE: {
                Optional<ServiceImagePath> image = Optional.ofNullable((String) values.get(MessageFields.IMAGE_PATH))
                        .map(path -> new ServiceImagePath(path, ServiceImagePath.Origin.WPP_PAYLOAD));
                OptionalInt wow = values.containsKey(MessageFields.WOW_TYPE)
                        ? OptionalInt.of((int) number(values, MessageFields.WOW_TYPE)) : OptionalInt.empty();
                return new ServiceCreated(t, client, name, image, wow, by, ev, record);
            }
            case CREATE_REFUSED:
                return new ServiceCreateRefused(t, client, name, (int) number(values, MessageFields.WOW_TYPE),
                        (int) number(values, MessageFields.ERROR), AttributionSource.NONE, ev, record);
            case OPEN_SERVICE:
                return new ServiceOpened(t, client, name, by, ev, record);
            case START_SERVICE:
                return new ServiceStarted(t, client, name, by, ev, record);
            case START_RESULT:
                return new ServiceStartResult(t, client, name, (int) number(values, MessageFields.ERROR),
                        (int) number(values, MessageFields.SERVICE_EXIT_CODE), Optional.empty(),
                        AttributionSource.NONE, ev, record);
            case START_CLIENT_SID:
                // Logged only when the start returned 0 and the service's exit code is 0 (public decompilation).
                return new ServiceStartResult(t, client, name, 0, 0,
                        Optional.of((String) values.get(MessageFields.CLIENT_SID)), AttributionSource.NONE, ev,
                        record);
            case DELETE_SERVICE:
                OptionalInt error = values.containsKey(MessageFields.ERROR)
                        ? OptionalInt.of((int) number(values, MessageFields.ERROR)) : OptionalInt.empty();
                return new ServiceDeleted(t, client, name, error, by, ev, record);
            case CONTROL_SERVICE:
                return new ServiceControlSent(t, client, name, (int) number(values, MessageFields.CONTROL_CODE), by, ev,
                        record);
            case CHANGE_CONFIG: {
                Map<String, String> changes = new LinkedHashMap<>();
                for (Map.Entry<String, Object> v : values.entrySet()) {
                    String key = v.getKey();
                    if (!key.equals(MessageFields.SERVICE_NAME) && !key.equals(MessageFields.CLIENT_PID)) {
                        changes.put(v.getKey(), String.valueOf(v.getValue()));
                    }
                }
                return new ServiceConfigChanged(t, client, name, changes, by, ev, record);
            }
            default:
                throw new IllegalStateException("kind " + e.kind());
        }
    }

    /** The unknown message reporting {@code r}, with the strings and plausible PIDs its payload holds. */
    static UnknownScmMessage unknown(EventRecord r, String reason) {
        byte[] payload = r.payload();
        PayloadScan scan = PayloadScan.of(payload);
        return new UnknownScmMessage(r.timestamp(), ClientProcess.unknown(), r.id(), r.providerId(), reason, payload,
                scan.strings(), scan.plausiblePids(), r);
    }

    private static long number(Map<String, Object> values, String name) {
        return (Long) values.get(name);
    }
}
