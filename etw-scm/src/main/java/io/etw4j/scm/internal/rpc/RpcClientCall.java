package io.etw4j.scm.internal.rpc;

import io.etw4j.core.EventRecord;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A Microsoft-Windows-RPC event 5 (RpcClientCallStart v1) as read through the shipped manifest, or the reason it could
 * not be read. Immutable.
 */
public sealed interface RpcClientCall {

    /** {@return the record it was read from} */
    EventRecord source();

    /**
     * A client call: the calling process and thread are the record header's (see {@link RpcProvider}).
     *
     * @param interfaceUuid the RPC interface called
     * @param procNum       the procedure number (opnum)
     * @param protocol      the Protocol field (its value meanings are not published with the manifest)
     * @param networkAddress the NetworkAddress field (empty for a local call, inferred)
     * @param endpoint      the Endpoint field
     * @param source        the record
     */
    record Call(UUID interfaceUuid, long procNum, long protocol, String networkAddress, String endpoint,
            EventRecord source) implements RpcClientCall {
        /** Checks that nothing is null. */
        public Call {
            Objects.requireNonNull(interfaceUuid, "interfaceUuid");
            Objects.requireNonNull(networkAddress, "networkAddress");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(source, "source");
        }

        /** {@return the client's process id (the header's)} */
        public int processId() {
            return source.processId();
        }

        /** {@return when the call started} */
        public Instant timestamp() {
            return source.timestamp();
        }

        /** {@return true if the call is to the svcctl interface} */
        public boolean isSvcctl() {
            return SvcctlOperation.SVCCTL_INTERFACE.equals(interfaceUuid);
        }
    }

    /**
     * A version 1 call to an interface other than svcctl, told by its first field and not decoded further.
     *
     * @param interfaceUuid the interface called
     * @param source        the record
     */
    record OtherInterface(UUID interfaceUuid, EventRecord source) implements RpcClientCall {
        /** Checks that nothing is null. */
        public OtherInterface {
            Objects.requireNonNull(interfaceUuid, "interfaceUuid");
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * An event 5 whose payload does not have the published shape, or whose version is not declared.
     *
     * @param reason why
     * @param source the record
     */
    record Undecodable(String reason, EventRecord source) implements RpcClientCall {
        /** Checks that nothing is null. */
        public Undecodable {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(source, "source");
        }
    }
}
