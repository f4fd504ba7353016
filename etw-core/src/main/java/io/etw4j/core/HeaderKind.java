package io.etw4j.core;

/**
 * The kind of header a record was written with, kept so that nothing about a record's origin is lost when it is
 * mapped onto the common {@link EventRecord} shape.
 *
 * <p>A live session reports every record as an EVENT_RECORD; its kind is derived from the header flags
 * ({@link EventRecord#FLAG_TRACE_MESSAGE} gives {@link #MESSAGE}, {@link EventRecord#FLAG_CLASSIC_HEADER} gives
 * {@link #CLASSIC}, otherwise {@link #EVENT}). A record read from an .etl file takes the kind of its on-disk header
 * (ntwmi.h TRACE_HEADER_TYPE_*), so the same WPP message is a {@link #MESSAGE} record from either source.
 */
public enum HeaderKind {
    /** EVENT_HEADER (manifest, TraceLogging and most modern providers); .etl header types 0x12/0x13. */
    EVENT,
    /** WPP / TraceMessage record (MESSAGE_TRACE_HEADER, .etl header type 0x0F, or EVENT_HEADER_FLAG_TRACE_MESSAGE). */
    MESSAGE,
    /** Classic MOF provider (EVENT_TRACE_HEADER, .etl header types 0x0A/0x14, or EVENT_HEADER_FLAG_CLASSIC_HEADER). */
    CLASSIC,
    /** Classic instance header (EVENT_INSTANCE_GUID_HEADER, .etl header types 0x0B/0x15). */
    INSTANCE,
    /** Kernel logger SYSTEM_TRACE_HEADER (.etl header types 0x01/0x02). */
    SYSTEM,
    /** Kernel logger compact SYSTEM_TRACE_HEADER without CPU times (.etl header types 0x03/0x04). */
    COMPACT,
    /** Kernel logger PERFINFO_TRACE_HEADER (.etl header types 0x10/0x11). */
    PERFINFO,
    /** The logfile header record that opens an .etl file (SYSTEM header, hook id 0x0000, TRACE_LOGFILE_HEADER). */
    LOGFILE_HEADER
}
