package io.etw4j.scm.internal.correlation;

import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.internal.kernel.KernelProcessRecord;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * An event or a driver load waiting in {@link HeldEvents} for its window to close, with what it still waits for.
 * Mutable; owned by one correlator (single-threaded).
 */
final class Held {
    /** What the trace said about an event's client, to resolve it later. */
    record ClientQuery(int pid, OptionalLong key, OptionalInt traceParent, Instant time) {
        static ClientQuery of(ClientProcess c, Instant t) {
            return new ClientQuery(c.pid(), c.processStartKey(), c.parentPid(), t);
        }
    }

    final long order;
    Instant deadline;
    /** The held event; null for a driver load. */
    ScmEvent event;
    ClientQuery query;
    ClientProcess fallback;
    boolean awaitingClient;
    boolean awaitingDuplicate;
    boolean awaitingImage;
    boolean awaitingSid;
    /** The held driver load; null for an event. */
    KernelProcessRecord.ImageLoad load;
    NormalisedPath loadPath;

    Held(long order, Instant deadline) {
        this.order = order;
        this.deadline = deadline;
    }

    /** True if nothing but the window keeps this held. */
    boolean waitsForNothing() {
        return !awaitingClient && !awaitingDuplicate && !awaitingImage && !awaitingSid;
    }
}
