/**
 * Event Tracing for Windows as Reactor {@link reactor.core.publisher.Flux}es of immutable {@link
 * io.etw4j.core.EventRecord}s, from a live session or from an .etl file: the part every source and every decoder
 * shares.
 *
 * <h2>The shape: live or file -&gt; record</h2>
 * <ul>
 *   <li>{@link io.etw4j.core.RecordSource}: where records come from, with one verb for every source,
 *       {@link io.etw4j.core.RecordSource#records()}, and {@link io.etw4j.core.RecordSource#statistics()}
 *       ({@link io.etw4j.core.RecordStatistics}). Two implementations: a live trace session
 *       ({@link io.etw4j.core.session.EtwSession}, package {@code io.etw4j.core.session}, Windows only) and an .etl
 *       file read in pure Java on any operating system ({@link io.etw4j.core.etl.EtlFile}, package
 *       {@code io.etw4j.core.etl}).</li>
 *   <li>{@link io.etw4j.core.EventRecord}: the immutable copy of one ETW event (evntcons.h EVENT_RECORD), the same
 *       shape from either source, with its {@link io.etw4j.core.EventDescriptor}, {@link io.etw4j.core.HeaderKind},
 *       {@link io.etw4j.core.ExtendedDataItem}s and a bounds-checked {@link io.etw4j.core.PayloadReader} for its
 *       payload (SIDs as {@link io.etw4j.core.SecurityIdentifier}).</li>
 *   <li>The exceptions every source and decoder shares: {@link io.etw4j.core.EtwException} (the root),
 *       {@link io.etw4j.core.EtwCallException} (a failing Win32 call, naming the function and its error code: live
 *       sessions, the provider listing and TDH alike), {@link io.etw4j.core.UnsupportedPlatformException} (native
 *       access off Windows) and {@link io.etw4j.core.PayloadException} (a payload read out of bounds).</li>
 * </ul> Why these types live here: they are what a decoder or a pipeline sees whatever the source, so code written
 * against this package works on a live session and on a replay alike. What only a live session needs (providers, kernel
 * groups, builders, health) is in {@code io.etw4j.core.session}; what only a file needs (read options, damage
 * statistics, the logfile header) is in {@code io.etw4j.core.etl}.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * RecordSource source = EtlFile.open(Path.of("trace.etl"));   // or EtwSession.builder("my-agent")...build()
 * source.records()
 *     .filter(r -> r.processId() == 4)
 *     .subscribe(r -> System.out.println(r.timestamp() + " " + r.providerId() + " id " + r.id()));
 * System.out.println(source.statistics().anyLoss());
 * }</pre>
 *
 * <h2>What this package does not do</h2>
 * It does not decode payloads by schema (manifests, TDH, kernel MOF classes, TraceLogging): the module etw-decode
 * does, from the {@code EventRecord}s; etw-scm builds its SCM events on top. It does not relog or write .etl files
 * (a live session can record one: {@link io.etw4j.core.session.LogFile}). Implementation classes live in
 * {@code io.etw4j.core.internal} packages and are not API. All types here are immutable or stateless, and
 * thread-safe.
 */
package io.etw4j.core;
