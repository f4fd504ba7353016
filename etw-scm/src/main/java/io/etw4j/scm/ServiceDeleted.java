package io.etw4j.scm;

import io.etw4j.core.EventRecord;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A client marked a service for deletion (svcctl RDeleteService). Produced only from a message-table entry whose
 * layout a source confirms (or that a user supplied); otherwise such messages stay {@link UnknownScmMessage}.
 *
 * @param timestamp    when the deletion was logged
 * @param client       the process that deleted the service
 * @param serviceName  the service's name
 * @param error        the Win32 error the deletion returned (0: marked for deletion), when the layout has it
 *                     (RDeleteService logs (service name, error, client PID): public decompilation)
 * @param attributedBy which trace named the client
 * @param evidence     what establishes the message layout it was decoded with
 * @param source       the record it was decoded from
 */
public record ServiceDeleted(Instant timestamp, ClientProcess client, String serviceName, OptionalInt error,
        AttributionSource attributedBy, Evidence evidence, EventRecord source) implements ScmEvent {
    /**
     * Creates the record (the canonical constructor).
     *
     * @param timestamp when the deletion was logged
     * @param client the process that deleted the service
     * @param serviceName the service's name
     * @param error the Win32 error the deletion returned (0: marked for deletion), when the layout has it
     *        (RDeleteService logs (service name, error, client PID): public decompilation)
     * @param attributedBy which trace named the client
     * @param evidence what establishes the message layout it was decoded with
     * @param source the record it was decoded from
     */
    public ServiceDeleted {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(error, "error");
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
