package io.etw4j.scm;

import io.etw4j.core.EventRecord;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A service's status changed (Microsoft-Windows-Services event 105 ServiceStatusChange), as reported by the SCM itself.
 * Immutable and thread-safe. The client is {@link ClientProcess#unknown()}: a status change is not a client request.
 *
 * @param timestamp   when the change was logged
 * @param client      always {@link ClientProcess#unknown()} for event 105
 * @param serviceName the service's name
 * @param state       the new state, CurrentState (winsvc.h SERVICE_STOPPED 1 ... SERVICE_PAUSED 7), -1 if not given
 * @param startType   StartType (winsvc.h SERVICE_BOOT_START 0 ... SERVICE_DISABLED 4), -1 if not given
 * @param servicePid  PID: the service's own process, when the source gives one (0 is reported as empty)
 * @param imageName   ImageName as the source gives it, when non-empty
 * @param source      the record it was decoded from
 */
public record ServiceStatusChanged(Instant timestamp, ClientProcess client, String serviceName, int state,
        int startType, OptionalInt servicePid, Optional<String> imageName, EventRecord source) implements ScmEvent {
    /**
     * Creates the record (the canonical constructor).
     *
     * @param timestamp when the change was logged
     * @param client always {@link ClientProcess#unknown()} for event 105
     * @param serviceName the service's name
     * @param state the new state, CurrentState (winsvc.h SERVICE_STOPPED 1 ... SERVICE_PAUSED 7), -1 if not given
     * @param startType StartType (winsvc.h SERVICE_BOOT_START 0 ... SERVICE_DISABLED 4), -1 if not given
     * @param servicePid PID: the service's own process, when the source gives one (0 is reported as empty)
     * @param imageName ImageName as the source gives it, when non-empty
     * @param source the record it was decoded from
     */
    public ServiceStatusChanged {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(servicePid, "servicePid");
        Objects.requireNonNull(imageName, "imageName");
        Objects.requireNonNull(source, "source");
    }

    /** Always {@link Evidence#PUBLISHED_MANIFEST}: event 105 is described by the Microsoft-Windows-Services manifest. */
    @Override
    public Evidence evidence() {
        return Evidence.PUBLISHED_MANIFEST;
    }

    /**
     * A status change that gives only the state.
     *
     * @param timestamp when the change was logged
     * @param client always {@link ClientProcess#unknown()} for event 105
     * @param serviceName the service's name
     * @param state the new state, CurrentState (winsvc.h SERVICE_STOPPED 1 ... SERVICE_PAUSED 7), -1 if not given
     * @param source the record it was decoded from
     */
    public ServiceStatusChanged(Instant timestamp, ClientProcess client, String serviceName, int state,
            EventRecord source) {
        this(timestamp, client, serviceName, state, -1, OptionalInt.empty(), Optional.empty(), source);
    }

    /** {@return false: no second trace confirms this kind of event (see {@link ScmEvent#corroborated()})} */
    @Override
    public boolean corroborated() {
        return false;
    }

    /** {@return {@code serviceName} (see {@link ScmEvent#service()})} */
    @Override
    public Optional<String> service() {
        return Optional.of(serviceName);
    }
}
