package io.etw4j.scm;

import io.etw4j.core.EventRecord;
import io.etw4j.scm.internal.services.FrozenFields;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A client asked the SCM to start a service (svcctl RStartServiceW). Immutable and thread-safe.
 *
 * <p>From Microsoft-Windows-Services event 204 or 205 ({@link AttributionSource#SERVICES_PROVIDER}: the client's
 * process start key is known) or, when that is all there is, from an SCM WPP message
 * ({@link AttributionSource#SCM_WPP}: a PID only). When both sources report the same start, the correlation stage
 * emits the Services one.
 *
 * @param timestamp    when the start was logged
 * @param client       the process that called StartService
 * @param serviceName  the service's name
 * @param attributedBy which trace named the client
 * @param details      further fields the source published, by their published name, in payload order (event 204:
 *                     {@code ServiceHostName}; event 205: {@code LoadOrderGroup}, {@code SvchostGroup},
 *                     {@code IsCritical}, {@code IsUserService}, {@code IsOwnProcess}); empty for WPP
 * @param evidence     what establishes the layout it was decoded with ({@link Evidence#PUBLISHED_MANIFEST} for the
 *                     Services provider)
 * @param corroborated true if the other trace reported the same start (same service and client within the duplicate
 *                     window) and was merged into this event
 * @param source       the record it was decoded from
 */
public record ServiceStarted(Instant timestamp, ClientProcess client, String serviceName,
        AttributionSource attributedBy, Map<String, String> details, Evidence evidence, boolean corroborated,
        EventRecord source) implements ScmEvent {
    /**
     * Creates the record (the canonical constructor).
     *
     * @param timestamp when the start was logged
     * @param client the process that called StartService
     * @param serviceName the service's name
     * @param attributedBy which trace named the client
     * @param details further fields the source published, by their published name, in payload order (event 204: {@code
     *        ServiceHostName}; event 205: {@code LoadOrderGroup}, {@code SvchostGroup}, {@code IsCritical}, {@code
     *        IsUserService}, {@code IsOwnProcess}); empty for WPP
     * @param evidence what establishes the layout it was decoded with ({@link Evidence#PUBLISHED_MANIFEST} for the
     *        Services provider)
     * @param corroborated true if the other trace reported the same start (same service and client within the duplicate
     *        window) and was merged into this event
     * @param source the record it was decoded from
     */
    public ServiceStarted {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(attributedBy, "attributedBy");
        details = FrozenFields.of(details);
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(source, "source");
    }

    /**
     * A start with no further details, not corroborated (the shape an SCM WPP message gives).
     *
     * @param timestamp when the start was logged
     * @param client the process that called StartService
     * @param serviceName the service's name
     * @param attributedBy which trace named the client
     * @param evidence what establishes the layout it was decoded with ({@link Evidence#PUBLISHED_MANIFEST} for the
     *        Services provider)
     * @param source the record it was decoded from
     */
    public ServiceStarted(Instant timestamp, ClientProcess client, String serviceName,
            AttributionSource attributedBy, Evidence evidence, EventRecord source) {
        this(timestamp, client, serviceName, attributedBy, Map.of(), evidence, false, source);
    }

    /**
     * {@return a copy naming {@code newClient} as the client}
     *
     * @param newClient the client
     */
    public ServiceStarted withClient(ClientProcess newClient) {
        return new ServiceStarted(timestamp, newClient, serviceName, attributedBy, details, evidence, corroborated,
                source);
    }

    /** {@return a copy that says the other trace reported the same start} */
    public ServiceStarted asCorroborated() {
        return new ServiceStarted(timestamp, client, serviceName, attributedBy, details, evidence, true, source);
    }

    /**
     * {@return true if Microsoft-Windows-Services reported the same act (the {@code corroborated} component) or a
     * Microsoft-Windows-RPC call confirms the client ({@link ClientProcess#corroborated()}); see
     * {@link ScmEvent#corroborated()}}
     */
    @Override
    public boolean corroborated() {
        return corroborated || client.corroborated();
    }

    /** {@return {@code serviceName} (see {@link ScmEvent#service()})} */
    @Override
    public Optional<String> service() {
        return Optional.of(serviceName);
    }
}
