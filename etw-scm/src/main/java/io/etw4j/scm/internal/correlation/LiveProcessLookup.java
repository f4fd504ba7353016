package io.etw4j.scm.internal.correlation;

import io.etw4j.scm.ClientProcess;

/**
 * The fallback that asks the running system about a PID the process table does not know (on Windows: OpenProcess and
 * friends, adapted from the SCM module's client resolver). The correlator calls it at most once per event, when the
 * event arrives, and only for PIDs the table cannot answer.
 *
 * <p>Contract: return a {@link ClientProcess} for {@code pid} whose {@link ClientProcess#resolution()} says what was
 * found ({@code LIVE_LOOKUP}, {@code EXITED}, {@code LOOKUP_FAILED}); never throw (a thrown exception is caught and
 * treated as {@code LOOKUP_FAILED}). If the result names a start key or a start time, the correlator checks them
 * against the event and discards a result that belongs to a later process that reused the PID.
 *
 * <p>For .etl replays use {@link #none()}: the system that produced the file is not the one running.
 */
@FunctionalInterface
public interface LiveProcessLookup {

    /** What the running system says about {@code pid}. */
    ClientProcess lookup(int pid);

    /** No live lookup: every PID stays {@link ClientProcess.Resolution#PID_ONLY}. */
    static LiveProcessLookup none() {
        return ClientProcess::ofPid;
    }
}
