package io.etw4j.scm.history;

import io.etw4j.scm.ScmEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * A typed SCM event read from a boot's {@code SCM.EVM*} file, decoded by the same decoders and message table as a
 * live {@link io.etw4j.scm.ScmMonitor}. Its client is named by PID only ({@link io.etw4j.scm.ClientProcess.Resolution}
 * {@code PID_ONLY}): the SCM session records no process information, a PID is never looked up on the live system and
 * never resolved against another boot's processes. Immutable and thread-safe.
 *
 * @param boot  the boot and file it came from
 * @param event the typed event
 */
public record HistoryScmEvent(ScmBoot boot, ScmEvent event) implements HistoryEvent {

    /**
     * Creates the record (the canonical constructor).
     *
     * @param boot the boot and file it came from
     * @param event the typed event
     */
    public HistoryScmEvent {
        Objects.requireNonNull(boot, "boot");
        Objects.requireNonNull(event, "event");
    }

    @Override
    public Instant timestamp() {
        return event.timestamp();
    }
}
