/**
 * The instrumentation-manifest parser behind {@link io.etw4j.decode.ManifestSchemas} and the EventSource manifests of
 * {@link io.etw4j.decode.EventSourceSchemas} (chunks reassembled by {@code ManifestChunkAssembler}); the XML is read with
 * one streaming StAX pass (no element tree), DTDs and external entities refused, nesting, attributes and elements
 * bounded. Not API.
 */
package io.etw4j.decode.internal.manifest;
