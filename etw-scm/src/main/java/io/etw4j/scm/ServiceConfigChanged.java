package io.etw4j.scm;

import io.etw4j.core.EventRecord;
import io.etw4j.scm.internal.services.FrozenFields;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A client changed a service's configuration (svcctl RChangeServiceConfigW / RChangeServiceConfig2W). Immutable and
 * thread-safe.
 *
 * <p>From Microsoft-Windows-Services events 201-203 ({@link AttributionSource#SERVICES_PROVIDER}: 201 reports
 * {@code NewStartType}, 202 and 203 report {@code NewValueName}) or, when that is all there is, from an SCM WPP
 * message ({@link AttributionSource#SCM_WPP}). When both report the same change, the correlation stage emits one event
 * attributed by the Services provider whose {@code changes} also hold the WPP fields it lacked.
 *
 * @param timestamp    when the change was logged
 * @param client       the process that changed it
 * @param serviceName  the service's name
 * @param changes      the changed settings the source reports, by field name as published (insertion ordered)
 * @param attributedBy which trace named the client
 * @param evidence     what establishes the layout it was decoded with ({@link Evidence#PUBLISHED_MANIFEST} for the
 *                     Services provider)
 * @param corroborated true if the other trace reported the same change (same service and client within the duplicate
 *                     window) and was merged into this event
 * @param source       the record it was decoded from
 */
public record ServiceConfigChanged(Instant timestamp, ClientProcess client, String serviceName,
        Map<String, String> changes, AttributionSource attributedBy, Evidence evidence, boolean corroborated,
        EventRecord source) implements ScmEvent {
    /**
     * Creates the record (the canonical constructor).
     *
     * @param timestamp when the change was logged
     * @param client the process that changed it
     * @param serviceName the service's name
     * @param changes the changed settings the source reports, by field name as published (insertion ordered)
     * @param attributedBy which trace named the client
     * @param evidence what establishes the layout it was decoded with ({@link Evidence#PUBLISHED_MANIFEST} for the
     *        Services provider)
     * @param corroborated true if the other trace reported the same change (same service and client within the
     *        duplicate window) and was merged into this event
     * @param source the record it was decoded from
     */
    public ServiceConfigChanged {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(serviceName, "serviceName");
        changes = FrozenFields.of(changes);
        Objects.requireNonNull(attributedBy, "attributedBy");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(source, "source");
    }

    /**
     * A change that is not corroborated.
     *
     * @param timestamp when the change was logged
     * @param client the process that changed it
     * @param serviceName the service's name
     * @param changes the changed settings the source reports, by field name as published (insertion ordered)
     * @param attributedBy which trace named the client
     * @param evidence what establishes the layout it was decoded with ({@link Evidence#PUBLISHED_MANIFEST} for the
     *        Services provider)
     * @param source the record it was decoded from
     */
    public ServiceConfigChanged(Instant timestamp, ClientProcess client, String serviceName,
            Map<String, String> changes, AttributionSource attributedBy, Evidence evidence, EventRecord source) {
        this(timestamp, client, serviceName, changes, attributedBy, evidence, false, source);
    }

    /**
     * {@return a copy naming {@code newClient} as the client}
     *
     * @param newClient the client
     */
    public ServiceConfigChanged withClient(ClientProcess newClient) {
        return new ServiceConfigChanged(timestamp, newClient, serviceName, changes, attributedBy, evidence,
                corroborated, source);
    }

    /**
     * {@return a copy that says the other trace reported the same change, whose changes are these, followed by those of
     * {@code more} that these lack}
     *
     * @param more the other trace's changes
     */
    public ServiceConfigChanged corroboratedWith(Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(changes);
        more.forEach(merged::putIfAbsent);
        return new ServiceConfigChanged(timestamp, client, serviceName, merged, attributedBy, evidence, true, source);
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
