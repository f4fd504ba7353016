package io.etw4j.decode;

/**
 * Where an {@link EventSchema} came from ({@link EventSchema#origin()}): one constant per kind of {@link SchemaSource}
 * etw-decode ships. The samples' JSON writes it as a decoded event's {@code "source"}.
 */
public enum SchemaOrigin {
    /** The event's own TraceLogging metadata (extended data items EVENT_SCHEMA_TL and PROV_TRAITS). */
    TRACELOGGING,
    /** An instrumentation manifest loaded from a file, a folder or the class path. */
    MANIFEST,
    /** The manifest a .NET EventSource wrote into the trace (ManifestData events, id 0xFFFE). */
    EVENTSOURCE,
    /** TRACE_EVENT_INFO embedded in the .etl file by the tool that merged it (KernelTraceControl MetaData). */
    EVENT_INFO,
    /** The NT kernel logger's MOF classes, shipped with etw4j. */
    MOF,
    /** TDH on the live Windows host (TdhGetEventInformation). */
    TDH
}
