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
 * @param evidence     what establishes the layout it was decoded with ({@link Evidence#PUBLISHED_MANIFEST} for the
 *                     Services provider)
 * @param corroborated true if the other trace reported the same control (same service, code and client within the
 *                     duplicate window) and was merged into this event
 * @param source       the record it was decoded from
 */
public record ServiceControlSent(Instant timestamp, ClientProcess client, String serviceName, int control,
        Optional<String> displayName, AttributionSource attributedBy, Evidence evidence, boolean corroborated,
        EventRecord source) implements ScmEvent {
    /**
     * Creates the record (the canonical constructor).
     *
     * @param timestamp when the control was logged
     * @param client the process that sent it
     * @param serviceName the service's name
     * @param control the SERVICE_CONTROL_* code (winsvc.h), e.g. 1 = SERVICE_CONTROL_STOP
     * @param displayName the service's display name, when the source gives it (event 200 does)
     * @param attributedBy which trace named the client
     * @param evidence what establishes the layout it was decoded with ({@link Evidence#PUBLISHED_MANIFEST} for the
     *        Services provider)
     * @param corroborated true if the other trace reported the same control (same service, code and client within the
     *        duplicate window) and was merged into this event
     * @param source the record it was decoded from
     */
    public ServiceControlSent {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(attributedBy, "attributedBy");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(source, "source");
    }

    /**
     * A control without a display name, not corroborated (the shape an SCM WPP message gives).
     *
     * @param timestamp when the control was logged
     * @param client the process that sent it
     * @param serviceName the service's name
     * @param control the SERVICE_CONTROL_* code (winsvc.h), e.g. 1 = SERVICE_CONTROL_STOP
     * @param attributedBy which trace named the client
     * @param evidence what establishes the layout it was decoded with ({@link Evidence#PUBLISHED_MANIFEST} for the
     *        Services provider)
     * @param source the record it was decoded from
     */
    public ServiceControlSent(Instant timestamp, ClientProcess client, String serviceName, int control,
            AttributionSource attributedBy, Evidence evidence, EventRecord source) {
        this(timestamp, client, serviceName, control, Optional.empty(), attributedBy, evidence, false, source);
    }

    /**
     * {@return a copy naming {@code newClient} as the client}
     *
     * @param newClient the client
     */
    public ServiceControlSent withClient(ClientProcess newClient) {
        return new ServiceControlSent(timestamp, newClient, serviceName, control, displayName, attributedBy, evidence,
                corroborated, source);
    }

    /** {@return a copy that says the other trace reported the same control} */
    public ServiceControlSent asCorroborated() {
        return new ServiceControlSent(timestamp, client, serviceName, control, displayName, attributedBy, evidence,
                true, source);
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
