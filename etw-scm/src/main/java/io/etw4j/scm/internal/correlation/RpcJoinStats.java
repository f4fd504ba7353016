package io.etw4j.scm.internal.correlation;

/**
 * The counters of {@link RpcCorroboration}; the monitor turns them into its public statistics. Immutable.
 *
 * @param clientCalls     Microsoft-Windows-RPC event 5 records read
 * @param svcctlCalls     svcctl calls of an act procedure, kept for the join
 * @param otherCalls      calls to other interfaces or to svcctl procedures that are not acts
 * @param undecodable     event 5 records without the published shape
 * @param corroborated    acts joined to exactly one call
 * @param callsWithoutAct calls emitted as ServiceCallObserved
 * @param ambiguous       acts not joined because of several candidates
 * @param disagreements   calls emitted as conflicting: the only candidate of an act naming another client
 * @param releasedEarly   entries decided before their window closed because of the bound
 */
public record RpcJoinStats(long clientCalls, long svcctlCalls, long otherCalls, long undecodable, long corroborated,
        long callsWithoutAct, long ambiguous, long disagreements, long releasedEarly) {
}
