package io.etw4j.scm;

import io.etw4j.core.EventRecord;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A client changed a service's configuration (svcctl RChangeServiceConfigW / RChangeServiceConfig2W).
 *
 * @param timestamp    when the change was logged
 * @param client       the process that changed it
 * @param serviceName  the service's name
 * @param changes      the changed settings the source reports, by field name as published (insertion ordered)
 * @param attributedBy which trace named the client
 * @param source       the record it was decoded from
 */
public record ServiceConfigChanged(Instant timestamp, ClientProcess client, String serviceName,
        Map<String, String> changes, AttributionSource attributedBy, EventRecord source) implements ScmEvent {
    public ServiceConfigChanged {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(serviceName, "serviceName");
        changes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(changes));
        Objects.requireNonNull(attributedBy, "attributedBy");
        Objects.requireNonNull(source, "source");
    }
}
