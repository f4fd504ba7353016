/**
 * Live TDH on Windows behind {@link io.etw4j.decode.TdhSchemas}: TdhGetEventInformation over a native EVENT_RECORD
 * rebuilt from an {@link io.etw4j.core.EventRecord}, through etw-core's one {@code Tdh} binding. Not API (opened to
 * JNA).
 */
package io.etw4j.decode.internal.tdh;
