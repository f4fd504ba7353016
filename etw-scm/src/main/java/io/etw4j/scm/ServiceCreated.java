package io.etw4j.scm;

import io.etw4j.core.EventRecord;
import java.time.Instant;
import java.util.Objects;

/**
 * A service was created (svcctl RCreateServiceW). From SCM WPP message 0x28, logged by ScCreateServiceRpc with the
 * client PID it got from I_RpcBindingInqLocalClientPID (seed article, ../shared/seed/scm-etw-article.md).
 *
 * @param timestamp    when services.exe logged the creation
 * @param client       the process that called CreateService
 * @param serviceName  the new service's name
 * @param imagePath    the service's binary path as given to CreateService (for a driver: its .sys path)
 * @param attributedBy which trace named the client
 * @param source       the record it was decoded from
 */
public record ServiceCreated(Instant timestamp, ClientProcess client, String serviceName, String imagePath,
        AttributionSource attributedBy, EventRecord source) implements ScmEvent {
    public ServiceCreated {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(imagePath, "imagePath");
        Objects.requireNonNull(attributedBy, "attributedBy");
        Objects.requireNonNull(source, "source");
    }
}
