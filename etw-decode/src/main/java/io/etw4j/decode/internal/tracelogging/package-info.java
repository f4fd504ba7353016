/**
 * The TraceLogging metadata parser behind {@link io.etw4j.decode.TraceLoggingSchemas} (the in-types, out-types and
 * counts of TraceLoggingProvider.h / TraceLoggingDynamic.h, provider traits). Not API.
 */
package io.etw4j.decode.internal.tracelogging;
