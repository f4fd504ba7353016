package io.etw4j.scm;

import io.etw4j.core.EventRecord;
import java.time.Instant;
import java.util.Objects;

/**
 * A client asked the SCM to start a service (svcctl RStartServiceW).
 *
 * @param timestamp    when the start was logged
 * @param client       the process that called StartService
 * @param serviceName  the service's name
 * @param attributedBy which trace named the client
 * @param source       the record it was decoded from
 */
public record ServiceStarted(Instant timestamp, ClientProcess client, String serviceName,
        AttributionSource attributedBy, EventRecord source) implements ScmEvent {
    public ServiceStarted {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(attributedBy, "attributedBy");
        Objects.requireNonNull(source, "source");
    }
}
