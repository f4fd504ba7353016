/**
 * Event Tracing for Windows as Reactor {@link reactor.core.publisher.Flux}es of immutable {@link
 * io.etw4j.core.EventRecord}s, from a live session or from an .etl file.
 *
 * <h2>Where to start</h2>
 * Four nouns explain the package:
 * <ul>
 *   <li>{@link io.etw4j.core.session.EtwSession}: a real-time trace session (read its class doc first: lifecycle, threading,
 *       backpressure, cancellation, orphaned sessions). Built with {@link io.etw4j.core.session.EtwSession#builder(String)};
 *       {@link io.etw4j.core.session.EtwSession#records()} starts it on subscription and stops it on cancel. Windows only.</li>
 *   <li>{@link io.etw4j.core.session.Provider}: what a session enables: a provider GUID, a {@link io.etw4j.core.session.TraceLevel},
 *       any/all keyword masks, and event ids filtered inside ETW. {@link io.etw4j.core.session.Provider#named(String)} finds
 *       the GUID by name ({@link io.etw4j.core.session.ProviderNames}: the host's registered providers, a fixed table, the
 *       .NET EventSource convention, or etw-decode's loaded manifests).</li>
 *   <li>{@link io.etw4j.core.etl.EtlFile}: a pure-Java reader of .etl files (any operating system); its
 *       {@link io.etw4j.core.etl.EtlFile#records()} gives the same {@code EventRecord}s a live session gives.</li>
 *   <li>{@link io.etw4j.core.EventRecord}: the immutable copy of one ETW event, with a bounds-checked
 *       {@link io.etw4j.core.PayloadReader} for decoding its payload.</li>
 * </ul>
 * Health and loss: {@link io.etw4j.core.session.EtwSession#health()} ({@link io.etw4j.core.session.HealthReport}) and
 * {@link io.etw4j.core.session.EtwSession#statistics()}. Errors: every failing Win32 call surfaces as an
 * {@link io.etw4j.core.EtwCallException} naming the function and its error code; an operating system other than
 * Windows gives {@link io.etw4j.core.UnsupportedPlatformException} (live sessions only).
 *
 * <h2>Example</h2>
 * <pre>{@code
 * EtlFile etl = EtlFile.open(Path.of("trace.etl"));
 * etl.records()                                  // read on the subscribing thread, header record first
 *     .filter(r -> r.processId() == 4)
 *     .subscribe(r -> System.out.println(r.timestamp() + " " + r.providerId() + " id " + r.id()));
 * System.out.println(etl.statistics());          // what was read, skipped and why
 * }</pre>
 *
 * <h2>What this package does not do</h2>
 * It does not decode payloads by manifest (TDH) or by WPP format strings: a decoder reads
 * {@link io.etw4j.core.EventRecord#payloadReader()} itself (etw4j's SCM decoders live in the etw-scm module). It does
 * not relog or write .etl files, and it does not start the NT Kernel Logger or system-wide kernel sessions.
 * Implementation classes live in {@code io.etw4j.core.internal} packages and are not API.
 */
package io.etw4j.core;
