/**
 * The instrumentation-manifest parser behind {@link io.etw4j.decode.ManifestSchemas} and the EventSource manifests of
 * {@link io.etw4j.decode.EventSourceSchemas} (chunks reassembled by {@code ManifestChunkAssembler}); the XML is read with
 * DTDs, external entities and XInclude refused. Not API.
 */
package io.etw4j.decode.internal.manifest;
