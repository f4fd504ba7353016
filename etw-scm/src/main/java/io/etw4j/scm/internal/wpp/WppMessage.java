package io.etw4j.scm.internal.wpp;

import io.etw4j.core.EventRecord;
import io.etw4j.scm.Evidence;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the SCM WPP decoder read from one trace message record: an {@link Act} (the payload fitted exactly one table
 * entry of an act kind, with enough evidence) carrying the decoded fields, the matched {@link MessageEntry} and the raw
 * record, or an {@link Unknown} saying why it was not read. This is the decoder's output, of the same internal kind as
 * the Services and Kernel-Process records; the correlation stage turns it into public events.
 *
 * <p>Immutable. A client PID of 0 means the layout has no client PID field, or services.exe logged 0 because it had
 * no local client: either way it names no client.
 */
public sealed interface WppMessage {
    /** The record the message was read from. */
    EventRecord source();

    /** A message that reports an act of a client on a service, read by one table entry. */
    sealed interface Act extends WppMessage {
        /** The table entry whose layout the payload fitted. */
        MessageEntry entry();

        /** The service the act is on ({@link MessageFields#SERVICE_NAME}). */
        String serviceName();

        /** The entry's evidence. */
        default Evidence evidence() {
            return entry().evidence();
        }
    }

    /** {@link MessageKind#CREATE_SERVICE}: a creation was requested; optional image path and WOW type. */
    record Create(EventRecord source, MessageEntry entry, String serviceName, int clientPid,
            Optional<String> imagePath, OptionalInt wowType) implements Act {
        public Create {
            Objects.requireNonNull(imagePath, "imagePath");
            Objects.requireNonNull(wowType, "wowType");
        }
    }

    /**
     * {@link MessageKind#CREATE_REFUSED}: a creation was refused (a bad WOW type); the shipped layouts log no PID
     * ({@code clientPid} 0 then).
     */
    record CreateRefused(EventRecord source, MessageEntry entry, String serviceName, int clientPid, int wowType,
            int error) implements Act {
    }

    /** {@link MessageKind#OPEN_SERVICE}: a handle to a service was opened. */
    record Open(EventRecord source, MessageEntry entry, String serviceName, int clientPid) implements Act {
    }

    /** {@link MessageKind#START_SERVICE}: a start was requested. */
    record StartRequest(EventRecord source, MessageEntry entry, String serviceName, int clientPid) implements Act {
    }

    /**
     * {@link MessageKind#START_RESULT}: a start's outcome (the SCM's error, the service's exit code); the shipped
     * layouts log no PID ({@code clientPid} 0 then).
     */
    record StartResult(EventRecord source, MessageEntry entry, String serviceName, int clientPid, int error,
            int serviceExitCode) implements Act {
    }

    /**
     * {@link MessageKind#START_CLIENT_SID}: the user SID of the client of a start that returned 0 with exit code 0;
     * the shipped layouts log no PID ({@code clientPid} 0 then).
     */
    record StartClientSid(EventRecord source, MessageEntry entry, String serviceName, int clientPid,
            String clientSid) implements Act {
    }

    /** {@link MessageKind#DELETE_SERVICE}: a service was marked for deletion; optional error. */
    record Delete(EventRecord source, MessageEntry entry, String serviceName, int clientPid, OptionalInt error)
            implements Act {
        public Delete {
            Objects.requireNonNull(error, "error");
        }
    }

    /** {@link MessageKind#CONTROL_SERVICE}: a control code was sent. */
    record Control(EventRecord source, MessageEntry entry, String serviceName, int clientPid, int controlCode)
            implements Act {
    }

    /**
     * {@link MessageKind#CHANGE_CONFIG}: a configuration change; {@code changes} holds every field of the layout other
     * than the service name and client PID, by name, in layout order, as text.
     */
    record ConfigChange(EventRecord source, MessageEntry entry, String serviceName, int clientPid,
            Map<String, String> changes) implements Act {
        public ConfigChange {
            changes = Collections.unmodifiableMap(new LinkedHashMap<>(changes));
        }
    }

    /**
     * A WPP record the decoder did not read as an act: an id the table lacks or pins to other GUIDs, no fitting or
     * several fitting candidates, an unconfirmed or diagnostic entry, or evidence below the minimum.
     *
     * @param reason     why, with the candidates and readings where there were any
     * @param deferrable true if the record fitted several layouts, all of a source file, at least one an act, and
     *                   its message GUID had no file bound yet: a later record identifying the file may decide it, so
     *                   the correlation stage may hold it and decode it again
     */
    record Unknown(EventRecord source, String reason, boolean deferrable) implements WppMessage {
        public Unknown {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(reason, "reason");
        }

        /** A final unknown: no later record can decide it. */
        public Unknown(EventRecord source, String reason) {
            this(source, reason, false);
        }
    }
}
