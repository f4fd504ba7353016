package io.etw4j.scm;

import io.etw4j.core.EventRecord;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A client asked the SCM to create a service (svcctl RCreateServiceW and its WOW variants). Immutable and thread-safe.
 *
 * <p>From SCM WPP message 0x28, logged by ScCreateServiceRpc with the client PID it got from
 * I_RpcBindingInqLocalClientPID, in one of two layouts: (service name, client PID, image path) on the build of
 * the article "使用ETW监控冒个进程创建和启动服务以及加载驱动程序" (anquanke.com, post 241806), (service name, WOW type,
 * client PID) on current builds (public decompilation). The message is logged before
 * the service is created, so it reports the request: a creation the SCM refuses for its WOW type is followed by a
 * {@link ServiceCreateRefused}.
 *
 * @param timestamp    when services.exe logged the request
 * @param client       the process that called CreateService ({@link ClientProcess#unknown()} when services.exe
 *                     could not name a local client: a remote caller)
 * @param serviceName  the new service's name
 * @param imagePath    the service's binary path and where it was learned (see {@link ServiceImagePath}); empty when no
 *                     source gave it
 * @param wowType      the WOW type the client asked for (IMAGE_FILE_MACHINE_*, 0 for none), when the layout has it
 * @param attributedBy which trace named the client
 * @param evidence     what establishes the message layout it was decoded with
 * @param source       the record it was decoded from
 */
public record ServiceCreated(Instant timestamp, ClientProcess client, String serviceName,
        Optional<ServiceImagePath> imagePath, OptionalInt wowType, AttributionSource attributedBy, Evidence evidence,
        EventRecord source) implements ScmEvent {
    /**
     * Creates the record (the canonical constructor).
     *
     * @param timestamp when services.exe logged the request
     * @param client the process that called CreateService ({@link ClientProcess#unknown()} when services.exe could not
     *        name a local client: a remote caller)
     * @param serviceName the new service's name
     * @param imagePath the service's binary path and where it was learned (see {@link ServiceImagePath}); empty when no
     *        source gave it
     * @param wowType the WOW type the client asked for (IMAGE_FILE_MACHINE_*, 0 for none), when the layout has it
     * @param attributedBy which trace named the client
     * @param evidence what establishes the message layout it was decoded with
     * @param source the record it was decoded from
     */
    public ServiceCreated {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(imagePath, "imagePath");
        Objects.requireNonNull(wowType, "wowType");
        Objects.requireNonNull(attributedBy, "attributedBy");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(source, "source");
    }

    /**
     * {@return a copy naming {@code newClient} as the client}
     *
     * @param newClient the client
     */
    public ServiceCreated withClient(ClientProcess newClient) {
        return new ServiceCreated(timestamp, newClient, serviceName, imagePath, wowType, attributedBy, evidence,
                source);
    }

    /**
     * {@return a copy with {@code path} as its image path}
     *
     * @param path the image path
     */
    public ServiceCreated withImagePath(ServiceImagePath path) {
        return new ServiceCreated(timestamp, client, serviceName, Optional.of(path), wowType, attributedBy, evidence,
                source);
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
