package io.etw4j.scm.internal.services;

import io.etw4j.core.EventRecord;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Microsoft-Windows-Services record as {@link ServicesRecords} builds it from the fields etw-decode decoded with
 * etw-scm's shipped manifest, or {@link Undecodable} when it is one of the handled events but its version is not
 * declared there or its payload does not have the declared shape. Immutable.
 */
public sealed interface ServicesRecord {

    /** The record this was decoded from. */
    EventRecord source();

    /**
     * The client fields every 200-205 event ends with: the svcctl RPC client as services.exe identified it.
     *
     * @param processStartKey ClientProcessStartKey (UInt64)
     * @param processId       ClientProcessId (UInt32)
     * @param parentProcessId ParentProcessId (UInt32): the client's parent
     */
    record Client(long processStartKey, int processId, int parentProcessId) {
    }

    /**
     * ServiceStart (204) or ServiceStart205 (205): a client started a service.
     *
     * @param serviceName ServiceName
     * @param details     the other published fields by name, in payload order (204: ServiceHostName; 205:
     *                    LoadOrderGroup, SvchostGroup, IsCritical, IsUserService, IsOwnProcess; Booleans as
     *                    "true"/"false")
     * @param client      the client
     * @param source      the record
     */
    record ServiceStart(String serviceName, Map<String, String> details, Client client, EventRecord source)
            implements ServicesRecord {
        public ServiceStart {
            Objects.requireNonNull(serviceName, "serviceName");
            details = FrozenFields.of(details);
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * SendControl (200): a client sent a control code to a service.
     *
     * @param serviceName ServiceName
     * @param displayName DisplayName
     * @param controlCode ControlCode (SERVICE_CONTROL_*, winsvc.h)
     * @param client      the client
     * @param source      the record
     */
    record SendControl(String serviceName, String displayName, long controlCode, Client client, EventRecord source)
            implements ServicesRecord {
        public SendControl {
            Objects.requireNonNull(serviceName, "serviceName");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * ServiceConfigChange (201, 202, 203): a client changed a service's configuration.
     *
     * @param serviceName ServiceName
     * @param changes     201: {@code NewStartType} (decimal); 202/203: {@code NewValueName}
     * @param client      the client
     * @param source      the record
     */
    record ConfigChange(String serviceName, Map<String, String> changes, Client client, EventRecord source)
            implements ServicesRecord {
        public ConfigChange {
            Objects.requireNonNull(serviceName, "serviceName");
            changes = FrozenFields.of(changes);
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * ServiceStatusChange (105): the SCM recorded a service's new state. Not a client request.
     *
     * @param executionPhase ExecutionPhase (meaning not published)
     * @param currentState   CurrentState (winsvc.h SERVICE_STOPPED 1 ... SERVICE_PAUSED 7; inferred from the name)
     * @param startType      StartType (winsvc.h SERVICE_BOOT_START 0 ... SERVICE_DISABLED 4; inferred from the name)
     * @param processId      PID: the service's own process, 0 when none (inferred from the name)
     * @param serviceName    ServiceName
     * @param imageName      ImageName
     * @param source         the record
     */
    record StatusChange(long executionPhase, long currentState, long startType, int processId, String serviceName,
            String imageName, EventRecord source) implements ServicesRecord {
        public StatusChange {
            Objects.requireNonNull(serviceName, "serviceName");
            Objects.requireNonNull(imageName, "imageName");
            Objects.requireNonNull(source, "source");
        }

        /** The image name when it is non-empty. */
        public Optional<String> image() {
            return imageName.isEmpty() ? Optional.empty() : Optional.of(imageName);
        }
    }

    /**
     * A record with a handled event id that could not be decoded; no field of it is trusted.
     *
     * @param eventId the event id
     * @param version the event version
     * @param reason  what did not fit
     * @param source  the record
     */
    record Undecodable(int eventId, int version, String reason, EventRecord source) implements ServicesRecord {
        public Undecodable {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(source, "source");
        }
    }
}
