package io.etw4j.scm;

import io.etw4j.core.EventRecord;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A client opened a handle to a service (svcctl ROpenServiceW). Produced only from a message-table entry whose layout
 * a source confirms (or that a user supplied for their Windows build); otherwise such messages stay
 * {@link UnknownScmMessage}.
 *
 * @param timestamp    when the open was logged
 * @param client       the process that opened the service
 * @param serviceName  the service's name
 * @param attributedBy which trace named the client
 * @param evidence     what establishes the message layout it was decoded with
 * @param source       the record it was decoded from
 */
public record ServiceOpened(Instant timestamp, ClientProcess client, String serviceName,
        AttributionSource attributedBy, Evidence evidence, EventRecord source) implements ScmEvent {
    /**
     * Creates the record (the canonical constructor).
     *
     * @param timestamp when the open was logged
     * @param client the process that opened the service
     * @param serviceName the service's name
     * @param attributedBy which trace named the client
     * @param evidence what establishes the message layout it was decoded with
     * @param source the record it was decoded from
     */
    public ServiceOpened {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(attributedBy, "attributedBy");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(source, "source");
    }

    /** {@return true if a Microsoft-Windows-RPC call confirms the client ({@link ClientProcess#corroborated()}; see {@link ScmEvent#corroborated()})} */
    @Override
    public boolean corroborated() {
        return client.corroborated();
    }

    /** {@return {@code serviceName} (see {@link ScmEvent#service()})} */
    @Override
    public Optional<String> service() {
        return Optional.of(serviceName);
    }
}
