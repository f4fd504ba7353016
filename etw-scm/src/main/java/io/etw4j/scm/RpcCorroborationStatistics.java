package io.etw4j.scm;

import java.util.Arrays;

/**
 * What the optional Microsoft-Windows-RPC corroboration ({@link ScmMonitorBuilder#rpcCorroboration(boolean)}) has
 * seen and decided, in {@link ScmMonitorStatistics#rpcCorroboration()}: how many client-call events came in, how many
 * were svcctl calls of an act, and how each act/call pair was judged. Every judgement is counted once.
 *
 * <p>Immutable, thread-safe; only the monitor makes instances, so later releases can add counters. Two instances are
 * equal when every value is.
 */
public final class RpcCorroborationStatistics {
    private final long[] v;

    RpcCorroborationStatistics(long clientCalls, long svcctlCalls, long otherCalls, long undecodable,
            long corroborated, long callsWithoutAct, long ambiguous, long disagreements, long releasedEarly) {
        this.v = new long[] {clientCalls, svcctlCalls, otherCalls, undecodable, corroborated, callsWithoutAct,
            ambiguous, disagreements, releasedEarly};
    }

    /** {@return Microsoft-Windows-RPC event 5 records read (RPC records of other event ids are not counted)} */
    public long clientCalls() {
        return v[0];
    }

    /** {@return client calls to svcctl of a procedure that asks for an act (kept for the join)} */
    public long svcctlCalls() {
        return v[1];
    }

    /** {@return client calls to other interfaces, or to svcctl procedures that are not acts (ignored)} */
    public long otherCalls() {
        return v[2];
    }

    /** {@return event 5 records whose version or payload does not have the published shape (counted, dropped)} */
    public long undecodable() {
        return v[3];
    }

    /** {@return act events marked {@link ClientProcess#corroborated()}: one call and one act joined} */
    public long corroborated() {
        return v[4];
    }

    /** {@return svcctl calls that joined no act, each emitted as a {@link ServiceCallObserved}} */
    public long callsWithoutAct() {
        return v[5];
    }

    /**
     * {@return act events left uncorroborated because the join had several candidates (two calls of the client, or
     * two acts of the client for one call); their calls are not emitted as {@link ServiceCallObserved}}
     */
    public long ambiguous() {
        return v[6];
    }

    /**
     * {@return act events whose only candidate call came from another process (the SCM and RPC traces disagree): the
     * act is emitted uncorroborated with the SCM's client, the call as a {@link ServiceCallObserved} marked
     * {@link ServiceCallObserved#conflicting()}}
     */
    public long disagreements() {
        return v[7];
    }

    /** {@return events released before their join window closed because the stage's bound was reached} */
    public long releasedEarly() {
        return v[8];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RpcCorroborationStatistics other && Arrays.equals(v, other.v);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(v);
    }

    @Override
    public String toString() {
        return "RpcCorroborationStatistics[clientCalls=" + v[0] + ", svcctlCalls=" + v[1] + ", otherCalls=" + v[2]
                + ", undecodable=" + v[3] + ", corroborated=" + v[4] + ", callsWithoutAct=" + v[5] + ", ambiguous="
                + v[6] + ", disagreements=" + v[7] + ", releasedEarly=" + v[8] + "]";
    }
}
