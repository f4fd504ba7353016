package io.etw4j.scm;

import io.etw4j.core.EventRecord;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The SCM refused a service creation before attempting it, because of the WOW type the client asked for. Immutable and
 * thread-safe.
 *
 * <p>From SCM WPP messages 0x2A (the WOW type is not valid) and 0x2B (a WOW type for a service that is not a Win32
 * service), logged by ScCreateServiceRpc as (WOW type, service name, error) after the create request ({@link
 * ServiceCreated}) on the same RPC thread (public decompilation). These messages carry no PID: the client is the one
 * the request on the same thread named ({@link AttributionSource#CORRELATION}), or unknown when that request was not
 * seen.
 *
 * @param timestamp    when services.exe logged the refusal
 * @param client       the client of the create request on the same thread, or unknown
 * @param serviceName  the service the client wanted to create
 * @param wowType      the WOW type asked for (IMAGE_FILE_MACHINE_*)
 * @param error        the Win32 error returned to the client (e.g. 87 ERROR_INVALID_PARAMETER)
 * @param attributedBy {@link AttributionSource#CORRELATION} when joined to the request, else
 *                     {@link AttributionSource#NONE}
 * @param evidence     what establishes the message layout it was decoded with
 * @param source       the record it was decoded from
 */
public record ServiceCreateRefused(Instant timestamp, ClientProcess client, String serviceName, int wowType,
        int error, AttributionSource attributedBy, Evidence evidence, EventRecord source) implements ScmEvent {
    /**
     * Creates the record (the canonical constructor).
     *
     * @param timestamp when services.exe logged the refusal
     * @param client the client of the create request on the same thread, or unknown
     * @param serviceName the service the client wanted to create
     * @param wowType the WOW type asked for (IMAGE_FILE_MACHINE_*)
     * @param error the Win32 error returned to the client (e.g. 87 ERROR_INVALID_PARAMETER)
     * @param attributedBy {@link AttributionSource#CORRELATION} when joined to the request, else {@link
     *        AttributionSource#NONE}
     * @param evidence what establishes the message layout it was decoded with
     * @param source the record it was decoded from
     */
    public ServiceCreateRefused {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(attributedBy, "attributedBy");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(source, "source");
    }

    /**
     * {@return a copy naming {@code newClient} as the client, attributed by {@code by}}
     *
     * @param newClient the client
     * @param by which trace named the client
     */
    public ServiceCreateRefused withClient(ClientProcess newClient, AttributionSource by) {
        return new ServiceCreateRefused(timestamp, newClient, serviceName, wowType, error, by, evidence, source);
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
