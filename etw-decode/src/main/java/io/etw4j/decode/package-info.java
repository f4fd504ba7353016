/**
 * Decoding of any ETW event into named, typed fields, on any OS: start with {@link io.etw4j.decode.EventDecoder},
 * built from {@link io.etw4j.decode.SchemaSource schema sources}; each record gives a
 * {@link io.etw4j.decode.DecodedEvent} (fields in payload order, per-field errors, never an exception).
 *
 * <p><b>Schema sources.</b> A {@link io.etw4j.decode.SchemaSource} knows the schemas of some events; each schema says
 * where it came from with a {@link io.etw4j.decode.SchemaOrigin}. etw-decode ships one source per origin, each built
 * by a static {@code create(...)} factory: {@link io.etw4j.decode.TraceLoggingSchemas} (the event's own TraceLogging
 * metadata), {@link io.etw4j.decode.EmbeddedEventInfoSchemas} (event information a merging tool wrote into the .etl
 * file), {@link io.etw4j.decode.ManifestSchemas} (instrumentation manifests you load),
 * {@link io.etw4j.decode.EventSourceSchemas} (.NET EventSource manifests found in the trace),
 * {@link io.etw4j.decode.KernelMofSchemas} (the NT kernel logger's MOF classes) and
 * {@link io.etw4j.decode.TdhSchemas} (TDH on a live Windows host). The sources that learn from the stream say so
 * ({@link io.etw4j.decode.SchemaSource#observesRecords()}) and are shown every record in order.
 *
 * <p>The schema model ({@link io.etw4j.decode.EventSchema}, {@link io.etw4j.decode.PropertySchema},
 * {@link io.etw4j.decode.InType}, {@link io.etw4j.decode.OutType}, {@link io.etw4j.decode.ValueMap}) is the same for
 * every source. Every exception here is unchecked; the only one a caller is expected to catch is
 * {@link io.etw4j.decode.ManifestException}, from loading a manifest.
 *
 * <pre>{@code
 * EventDecoder decoder = EventDecoder.builder().add(TraceLoggingSchemas.create()).add(KernelMofSchemas.create())
 *         .build();
 * DecodedEvent e = decoder.decode(record);
 * e.field("ProcessID").ifPresent(pid -> System.out.println(pid));
 * }</pre>
 */
package io.etw4j.decode;
