package io.etw4j.decode.internal.eventinfo;

import io.etw4j.decode.EventSchema;
import java.util.UUID;

/**
 * What one TRACE_EVENT_INFO says: the identity of the event it describes and its schema. Immutable.
 *
 * @param providerGuid   TRACE_EVENT_INFO.ProviderGuid
 * @param eventGuid      TRACE_EVENT_INFO.EventGuid (the MOF event-class GUID for a classic event, else usually zero)
 * @param id             EventDescriptor.Id
 * @param version        EventDescriptor.Version
 * @param opcode         EventDescriptor.Opcode
 * @param decodingSource TRACE_EVENT_INFO.DecodingSource ({@link TdhLayout#DECODING_SOURCE_XML_FILE} ...)
 * @param schema         the schema (provider id: the event GUID for a classic event, as a classic record's provider)
 */
public record ParsedEventInfo(UUID providerGuid, UUID eventGuid, int id, int version, int opcode, int decodingSource,
        EventSchema schema) {

    /** True if the event is a classic (MOF) event, identified by class GUID, opcode and version (DecodingSourceWbem). */
    public boolean isClassic() {
        return decodingSource == TdhLayout.DECODING_SOURCE_WBEM;
    }
}
