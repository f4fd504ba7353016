/**
 * The TRACE_EVENT_INFO / EVENT_MAP_INFO parser (tdh.h layouts) behind
 * {@link io.etw4j.decode.EmbeddedEventInfoSchemas} and {@link io.etw4j.decode.TdhSchemas}. Not API.
 */
package io.etw4j.decode.internal.eventinfo;
