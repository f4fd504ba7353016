package io.etw4j.decode.internal.eventinfo;

import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import java.util.UUID;

/**
 * How a TRACE_EVENT_INFO identifies the events it describes, and how a record is looked up: a manifest event by
 * provider GUID, event id and version; a classic (MOF) event by event-class GUID, opcode and version (a classic
 * record's provider is its class GUID; DecodingSourceWbem, learn.microsoft.com "TRACE_EVENT_INFO structure").
 * Immutable.
 *
 * @param provider the provider GUID (classic: the event-class GUID)
 * @param number   the event id (classic: the opcode)
 * @param version  the event version
 * @param classic  true for a classic event
 */
public record EventIdentity(UUID provider, int number, int version, boolean classic) {

    /** The identity under which {@code info} describes events, or null for TraceLogging and WPP descriptions. */
    public static EventIdentity of(ParsedEventInfo info) {
        if (info.decodingSource() == TdhLayout.DECODING_SOURCE_XML_FILE && info.providerGuid() != null) {
            return new EventIdentity(info.providerGuid(), info.id(), info.version(), false);
        }
        if (info.decodingSource() == TdhLayout.DECODING_SOURCE_WBEM) {
            UUID g = info.schema().providerId();
            return new EventIdentity(g, info.opcode(), info.version(), true);
        }
        return null; // TraceLogging events describe themselves and share ids; WPP needs TMF data
    }

    /** The identity a record is looked up by. */
    public static EventIdentity of(EventRecord r) {
        return isClassic(r)
                ? new EventIdentity(r.providerId(), r.descriptor().opcode(), r.descriptor().version(), true)
                : new EventIdentity(r.providerId(), r.id(), r.descriptor().version(), false);
    }

    /** True for records with a classic or kernel header, or EVENT_HEADER_FLAG_CLASSIC_HEADER. */
    public static boolean isClassic(EventRecord r) {
        HeaderKind k = r.headerKind();
        return (r.flags() & EventRecord.FLAG_CLASSIC_HEADER) != 0
                || (k != HeaderKind.EVENT && k != HeaderKind.MESSAGE);
    }
}
