package io.etw4j.core;

import reactor.core.publisher.Flux;

/**
 * Where {@link EventRecord}s come from: a live trace session ({@link io.etw4j.core.session.EtwSession}) or an .etl
 * file ({@link io.etw4j.core.etl.EtlFile}). After the source, the two are indistinguishable: the same records, in the
 * same shape, so one decoder and one pipeline serve both.
 *
 * <p>Implementations are thread-safe. What a subscription to {@link #records()} does (start a session, read a file),
 * on which thread records arrive and how backpressure works is the implementation's to document.
 */
public interface RecordSource {

    /**
     * {@return the records of the source, a Flux that does its work when subscribed} Each implementation documents
     * whether it is cold (a new run or read per subscription) and what cancelling does.
     */
    Flux<EventRecord> records();

    /**
     * {@return the counters of the current (or last) subscription's work, as the source keeps them; never null}
     */
    RecordStatistics statistics();
}
