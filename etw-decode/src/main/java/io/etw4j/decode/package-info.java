/**
 * Decoding of any ETW event into named, typed fields, on any OS: start with {@link io.etw4j.decode.EventDecoder},
 * built from {@link io.etw4j.decode.EventSchemaProvider schema sources}; each record gives a
 * {@link io.etw4j.decode.DecodedEvent} (fields in payload order, per-field errors, never an exception).
 *
 * <p>The schema model ({@link io.etw4j.decode.EventSchema}, {@link io.etw4j.decode.PropertySchema},
 * {@link io.etw4j.decode.InType}, {@link io.etw4j.decode.OutType}, {@link io.etw4j.decode.ValueMap}) is the same for
 * every source: TraceLogging metadata, instrumentation manifests, EventSource manifests, event information embedded in
 * .etl files, the kernel MOF classes and TDH on a live host.
 *
 * <pre>{@code
 * EventDecoder decoder = EventDecoder.builder().add(mySource).build();
 * DecodedEvent e = decoder.decode(record);
 * e.field("ProcessID").ifPresent(pid -> System.out.println(pid));
 * }</pre>
 */
package io.etw4j.decode;
