package io.etw4j.core;

/**
 * What every {@link RecordSource}'s statistics say, whatever the source: how many records reached the subscriber and
 * whether anything was lost on the way. Each source's own type ({@link io.etw4j.core.session.SessionStatistics},
 * {@link io.etw4j.core.etl.EtlReaderStatistics}) adds the counters particular to it.
 *
 * <p>Implementations are immutable snapshots, safe to share between threads. They have no public constructor: only
 * etw4j creates them, so a counter added later breaks no caller.
 */
public interface RecordStatistics {

    /** {@return how many records the source handed to its subscriber} */
    long recordsDelivered();

    /**
     * {@return whether the source knows it lost something: records dropped or lost before delivery, or (for a file)
     * data it could not read}
     */
    boolean anyLoss();
}
