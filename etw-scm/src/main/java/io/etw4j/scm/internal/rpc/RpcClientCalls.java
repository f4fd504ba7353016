package io.etw4j.scm.internal.rpc;

import io.etw4j.core.EventRecord;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.scm.internal.manifest.FieldReader;
import io.etw4j.scm.internal.manifest.ShippedManifests;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads Microsoft-Windows-RPC event 5 through etw-scm's shipped manifest ({@link ShippedManifests}, resource
 * {@code Microsoft-Windows-RPC.man}, whose header cites the published field list) into {@link RpcClientCall}s. This
 * class only names the fields. Stateless and thread-safe.
 *
 * <p>Cost: a version 1 record of another interface is told by its first field (InterfaceUuid, 16 bytes) and not
 * decoded further ({@link RpcClientCall.OtherInterface}). Only version 1 is declared; another version, a payload that ends early or bytes left after the last field give
 * {@link RpcClientCall.Undecodable}, never a guessed field.
 */
public final class RpcClientCalls {
    private final ShippedManifests manifests;

    /** Reads through {@link ShippedManifests#shared()}. */
    public RpcClientCalls() {
        this.manifests = ShippedManifests.shared();
    }

    /**
     * Reads {@code record} if it is a Microsoft-Windows-RPC event 5.
     *
     * @return empty for other providers and other events of the provider
     */
    public Optional<RpcClientCall> decode(EventRecord record) {
        if (!RpcProvider.GUID.equals(record.providerId()) || record.id() != RpcProvider.CLIENT_CALL_START) {
            return Optional.empty();
        }
        if (record.descriptor().version() == RpcProvider.CLIENT_CALL_START_VERSION && record.payloadSize() >= 16) {
            // InterfaceUuid is the first field of v1: a call to another interface is not decoded further.
            UUID iface = record.payloadReader().guid();
            if (!SvcctlOperation.SVCCTL_INTERFACE.equals(iface)) {
                return Optional.of(new RpcClientCall.OtherInterface(iface, record));
            }
        }
        DecodedEvent decoded = manifests.decode(record);
        FieldReader f = FieldReader.of(decoded);
        Optional<String> problem = f.problem("Microsoft-Windows-RPC");
        if (problem.isPresent()) {
            return Optional.of(new RpcClientCall.Undecodable(problem.get(), record));
        }
        try {
            return Optional.of(new RpcClientCall.Call(f.guid("InterfaceUuid"), f.u32("ProcNum"), f.u32("Protocol"),
                    f.string("NetworkAddress"), f.string("Endpoint"), record));
        } catch (FieldReader.MissingField e) {
            return Optional.of(new RpcClientCall.Undecodable(e.getMessage(), record));
        }
    }
}
