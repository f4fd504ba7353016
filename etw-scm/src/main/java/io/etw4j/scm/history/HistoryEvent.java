package io.etw4j.scm.history;

import java.time.Instant;

/**
 * One event of SCM trace history, with the boot and file it came from: a typed SCM event ({@link HistoryScmEvent})
 * or a record the SCM decoders do not use, such as the SCM session's TraceLogging provider's
 * ({@link HistoryOtherRecord}). Every implementation is an immutable, thread-safe record.
 */
public sealed interface HistoryEvent permits HistoryScmEvent, HistoryOtherRecord {

    /** {@return the boot (and file) the event was read from} */
    ScmBoot boot();

    /** {@return when the event was logged} */
    Instant timestamp();
}
