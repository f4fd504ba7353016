package io.etw4j.scm.internal.wpp;

import io.etw4j.core.EventRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Builds the {@link WppMessage} of a record that fitted exactly one table entry of an act kind, from the fields its
 * layout read (field name to Long or String, see {@link MessageFields}). Stateless.
 */
final class WppMessages {
    private WppMessages() {
    }

    /** The act {@code record} reports, read by {@code e}'s layout into {@code values}. */
    static WppMessage.Act of(EventRecord record, MessageEntry e, Map<String, Object> values) {
        String name = (String) values.get(MessageFields.SERVICE_NAME);
        int pid = values.containsKey(MessageFields.CLIENT_PID) ? (int) number(values, MessageFields.CLIENT_PID) : 0;
        switch (e.kind()) {
            case CREATE_SERVICE: {
                Optional<String> image = Optional.ofNullable((String) values.get(MessageFields.IMAGE_PATH));
                OptionalInt wow = values.containsKey(MessageFields.WOW_TYPE)
                        ? OptionalInt.of((int) number(values, MessageFields.WOW_TYPE)) : OptionalInt.empty();
                return new WppMessage.Create(record, e, name, pid, image, wow);
            }
            case CREATE_REFUSED:
                return new WppMessage.CreateRefused(record, e, name, pid, (int) number(values, MessageFields.WOW_TYPE),
                        (int) number(values, MessageFields.ERROR));
            case OPEN_SERVICE:
                return new WppMessage.Open(record, e, name, pid);
            case START_SERVICE:
                return new WppMessage.StartRequest(record, e, name, pid);
            case START_RESULT:
                return new WppMessage.StartResult(record, e, name, pid, (int) number(values, MessageFields.ERROR),
                        (int) number(values, MessageFields.SERVICE_EXIT_CODE));
            case START_CLIENT_SID:
                return new WppMessage.StartClientSid(record, e, name, pid,
                        (String) values.get(MessageFields.CLIENT_SID));
            case DELETE_SERVICE: {
                OptionalInt error = values.containsKey(MessageFields.ERROR)
                        ? OptionalInt.of((int) number(values, MessageFields.ERROR)) : OptionalInt.empty();
                return new WppMessage.Delete(record, e, name, pid, error);
            }
            case CONTROL_SERVICE:
                return new WppMessage.Control(record, e, name, pid, (int) number(values, MessageFields.CONTROL_CODE));
            case CHANGE_CONFIG: {
                Map<String, String> changes = new LinkedHashMap<>();
                for (Map.Entry<String, Object> v : values.entrySet()) {
                    String key = v.getKey();
                    if (!key.equals(MessageFields.SERVICE_NAME) && !key.equals(MessageFields.CLIENT_PID)) {
                        changes.put(key, String.valueOf(v.getValue()));
                    }
                }
                return new WppMessage.ConfigChange(record, e, name, pid, changes);
            }
            default:
                throw new IllegalStateException("kind " + e.kind());
        }
    }

    private static long number(Map<String, Object> values, String name) {
        return (Long) values.get(name);
    }
}
