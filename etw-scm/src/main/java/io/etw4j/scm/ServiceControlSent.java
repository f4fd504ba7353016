package io.etw4j.scm;

import io.etw4j.core.EventRecord;
import java.time.Instant;
import java.util.Objects;

/**
 * A client sent a control code to a service (svcctl RControlService: stop, pause, continue, interrogate, ...).
 *
 * @param timestamp    when the control was logged
 * @param client       the process that sent it
 * @param serviceName  the service's name
 * @param control      the SERVICE_CONTROL_* code (winsvc.h), e.g. 1 = SERVICE_CONTROL_STOP
 * @param attributedBy which trace named the client
 * @param source       the record it was decoded from
 */
public record ServiceControlSent(Instant timestamp, ClientProcess client, String serviceName, int control,
        AttributionSource attributedBy, EventRecord source) implements ScmEvent {
    public ServiceControlSent {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(attributedBy, "attributedBy");
        Objects.requireNonNull(source, "source");
    }
}
