package io.etw4j.scm;

import io.etw4j.core.EventRecord;
import java.time.Instant;
import java.util.Objects;

/**
 * A service's status changed (Microsoft-Windows-Services event 105), as reported by the SCM itself; the client is
 * usually unknown ({@link ClientProcess#unknown()}) because a status change is not a client request.
 *
 * @param timestamp   when the change was logged
 * @param client      the process named by the source, usually unknown
 * @param serviceName the service's name
 * @param state       the new SERVICE_STATE value (winsvc.h SERVICE_STOPPED 1 ... SERVICE_PAUSED 7), -1 if not given
 * @param source      the record it was decoded from
 */
public record ServiceStatusChanged(Instant timestamp, ClientProcess client, String serviceName, int state,
        EventRecord source) implements ScmEvent {
    public ServiceStatusChanged {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(source, "source");
    }
}
