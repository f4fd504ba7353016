package io.etw4j.scm;

import io.etw4j.core.EventRecord;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How a client's request to start a service ended: the SCM's error and the service's own exit code, and, for a start
 * that succeeded, the client's user SID. Immutable and thread-safe.
 *
 * <p>From SCM WPP messages of RStartServiceW (public decompilation): 0x0D (service name, start error, the service's
 * exit code) after the start, and 0x0E (service name, client SID as a string) only when both were 0. etw4j merges a
 * 0x0E into the 0x0D of the same RPC thread; a 0x0E seen alone gives a result with both codes 0 (that is when it is
 * logged). Neither message carries a PID: the client is the one the start request (0x0C, {@link ServiceStarted}) on
 * the same thread named ({@link AttributionSource#CORRELATION}), or unknown when that request was not seen.
 *
 * @param timestamp       when services.exe logged the outcome
 * @param client          the client of the start request on the same thread, or unknown
 * @param serviceName     the service
 * @param error           the Win32 error RStartServiceW returned for the start itself (0: started)
 * @param serviceExitCode the service's Win32 exit code as the SCM recorded it (0 for a running service)
 * @param clientSid       the client's user SID as services.exe formatted it ({@code S-1-5-...}), when logged
 * @param attributedBy    {@link AttributionSource#CORRELATION} when joined to the request, else
 *                        {@link AttributionSource#NONE}
 * @param evidence        what establishes the message layout it was decoded with
 * @param source          the record it was decoded from (0x0D, or 0x0E when seen alone)
 */
public record ServiceStartResult(Instant timestamp, ClientProcess client, String serviceName, int error,
        int serviceExitCode, Optional<String> clientSid, AttributionSource attributedBy, Evidence evidence,
        EventRecord source) implements ScmEvent {
    /**
     * Creates the record (the canonical constructor).
     *
     * @param timestamp when services.exe logged the outcome
     * @param client the client of the start request on the same thread, or unknown
     * @param serviceName the service
     * @param error the Win32 error RStartServiceW returned for the start itself (0: started)
     * @param serviceExitCode the service's Win32 exit code as the SCM recorded it (0 for a running service)
     * @param clientSid the client's user SID as services.exe formatted it ({@code S-1-5-...}), when logged
     * @param attributedBy {@link AttributionSource#CORRELATION} when joined to the request, else {@link
     *        AttributionSource#NONE}
     * @param evidence what establishes the message layout it was decoded with
     * @param source the record it was decoded from (0x0D, or 0x0E when seen alone)
     */
    public ServiceStartResult {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(clientSid, "clientSid");
        Objects.requireNonNull(attributedBy, "attributedBy");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(source, "source");
    }

    /** {@return true if the service started and reported no error} */
    public boolean succeeded() {
        return error == 0 && serviceExitCode == 0;
    }

    /**
     * {@return a copy naming {@code newClient} as the client, attributed by {@code by}}
     *
     * @param newClient the client
     * @param by which trace named the client
     */
    public ServiceStartResult withClient(ClientProcess newClient, AttributionSource by) {
        return new ServiceStartResult(timestamp, newClient, serviceName, error, serviceExitCode, clientSid, by,
                evidence, source);
    }

    /**
     * {@return a copy carrying {@code sid} as the client SID}
     *
     * @param sid the client's SID as a string
     */
    public ServiceStartResult withClientSid(String sid) {
        return new ServiceStartResult(timestamp, client, serviceName, error, serviceExitCode, Optional.of(sid),
                attributedBy, evidence, source);
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
