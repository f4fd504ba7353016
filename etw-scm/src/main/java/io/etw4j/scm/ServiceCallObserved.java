package io.etw4j.scm;

import io.etw4j.core.EventRecord;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A process called a svcctl procedure that asks the SCM for an act (create, start, change, delete, control), seen
 * only on the client side: a Microsoft-Windows-RPC client-call event (event 5, RpcClientCallStart) that joined no SCM
 * act event. Emitted only with {@link ScmMonitorBuilder#rpcCorroboration(boolean)} on. Immutable and thread-safe.
 *
 * <p>Typical causes: the host's services.exe build logs its WPP messages under GUIDs or numbers the message table does
 * not know (the act itself is then an {@link UnknownScmMessage} or nothing), the SCM WPP provider is switched off or
 * held by another session, or the call failed before services.exe logged anything (the event is written when the
 * call starts, not when it succeeds). It names no service: the RPC event carries the interface, opnum and binding,
 * not the call's arguments. The client is the record header's process (the RPC runtime writes the event in the
 * calling process; inferred from EVENT_HEADER's ProcessId definition), known by PID and, if the header carries it,
 * process start key only.
 *
 * @param timestamp   when the call started (the record's time)
 * @param client      the calling process
 * @param procedure   the svcctl procedure's name in "[MS-SCMR]: Service Control Manager Remote Protocol" section
 *                    3.1.4, for example {@code RCreateServiceW}
 * @param opnum       its opnum (12 for RCreateServiceW)
 * @param conflicting true when the only act event of the same kind near it named another client (the SCM WPP trace
 *                    and the RPC trace disagree; counted in {@link RpcCorroborationStatistics#disagreements()}); that
 *                    act event is emitted as the SCM reported it, not corroborated, and this event says who the RPC
 *                    trace says called
 * @param evidence    {@link Evidence#PUBLISHED_MANIFEST} (the event's fields are those of the provider's manifest)
 * @param source      the Microsoft-Windows-RPC record
 */
public record ServiceCallObserved(Instant timestamp, ClientProcess client, String procedure, int opnum,
        boolean conflicting, Evidence evidence, EventRecord source) implements ScmEvent {
    /**
     * Creates the record (the canonical constructor).
     *
     * @param timestamp when the call started (the record's time)
     * @param client the calling process
     * @param procedure the svcctl procedure's name in MS-SCMR, for example {@code RCreateServiceW}
     * @param opnum its opnum
     * @param conflicting true when the only act event of the same kind near it named another client
     * @param evidence {@link Evidence#PUBLISHED_MANIFEST}
     * @param source the Microsoft-Windows-RPC record
     */
    public ServiceCallObserved {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(procedure, "procedure");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(source, "source");
    }

    /** {@return false: this event is itself the RPC trace's report (see {@link ScmEvent#corroborated()})} */
    @Override
    public boolean corroborated() {
        return false;
    }

    /** {@return empty: this event names no service (see {@link ScmEvent#service()})} */
    @Override
    public Optional<String> service() {
        return Optional.empty();
    }
}
