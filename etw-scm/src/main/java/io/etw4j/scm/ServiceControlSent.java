package io.etw4j.scm;

import io.etw4j.core.EventRecord;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A client sent a control code to a service (svcctl RControlService: stop, pause, continue, interrogate, ...).
 * Immutable and thread-safe.
 *
 * <p>From Microsoft-Windows-Services event 200 SendControl ({@link AttributionSource#SERVICES_PROVIDER}) or, when that
 * is all there is, from an SCM WPP message ({@link AttributionSource#SCM_WPP}).
 *
 * @param timestamp    when the control was logged
 * @param client       the process that sent it
 * @param serviceName  the service's name
 * @param control      the SERVICE_CONTROL_* code (winsvc.h), e.g. 1 = SERVICE_CONTROL_STOP
 * @param displayName  the service's display name, when the source gives it (event 200 does)
 * @param attributedBy which trace named the client
 * @param source       the record it was decoded from
 */
public record ServiceControlSent(Instant timestamp, ClientProcess client, String serviceName, int control,
        Optional<String> displayName, AttributionSource attributedBy, EventRecord source) implements ScmEvent {
    public ServiceControlSent {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(attributedBy, "attributedBy");
        Objects.requireNonNull(source, "source");
    }

    /** A control without a display name (the shape an SCM WPP message gives). */
    public ServiceControlSent(Instant timestamp, ClientProcess client, String serviceName, int control,
            AttributionSource attributedBy, EventRecord source) {
        this(timestamp, client, serviceName, control, Optional.empty(), attributedBy, source);
    }

    /** A copy naming {@code newClient} as the client. */
    public ServiceControlSent withClient(ClientProcess newClient) {
        return new ServiceControlSent(timestamp, newClient, serviceName, control, displayName, attributedBy, source);
    }
}
