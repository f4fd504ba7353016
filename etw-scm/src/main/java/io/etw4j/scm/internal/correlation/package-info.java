/**
 * The correlation stages behind {@link io.etw4j.scm.ScmMonitor}; not API. {@code ScmCorrelator} routes records by
 * provider and wires the stages: {@code ClientResolution} (the client process of an act, from the {@code ProcessTable}
 * keyed by process start key), {@code ImagesAndSids}, {@code DuplicateMerger} (one act reported by two providers),
 * {@code DriverLoadJoins}, {@code HeldEvents} (events held until their join window closes), {@code ServicesEvents}
 * and {@code UndecodableRecords}.
 */
package io.etw4j.scm.internal.correlation;
