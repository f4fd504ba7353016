package io.etw4j.decode.hostile;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.EventSchema;
import io.etw4j.decode.PropertySchema;
import io.etw4j.decode.SchemaOrigin;
import io.etw4j.decode.SchemaSource;
import io.etw4j.decode.testing.OutputUnits;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Decodes payloads with hostile schemas and measures what the decode produced, in the units the decoder's output
 * budget counts ({@link OutputUnits}). Test code only.
 */
final class HostileSchemas {
    static final UUID PROVIDER = UUID.fromString("0badf00d-0000-4000-8000-000000000019");

    private HostileSchemas() {
    }

    static DecodedEvent decode(byte[] payload, PropertySchema... props) {
        EventSchema schema = EventSchema.of(PROVIDER, "Hostile", "E", List.of(props), SchemaOrigin.MANIFEST);
        EventDecoder d = EventDecoder.builder().add(new SchemaSource() {
            @Override
            public SchemaOrigin origin() {
                return SchemaOrigin.MANIFEST;
            }

            @Override
            public Optional<EventSchema> schemaFor(EventRecord r) {
                return Optional.of(schema);
            }
        }).build();
        EventRecord r = EventRecord.builder().headerKind(HeaderKind.EVENT).providerId(PROVIDER)
                .descriptor(new EventDescriptor(1, 0, 0, 4, 0, 0, 0)).flags(EventRecord.FLAG_64_BIT_HEADER)
                .timestamp(Instant.EPOCH).payload(payload).build();
        return d.decode(r);
    }

    /** The budget for a payload of {@code n} bytes. */
    static long budget(int n) {
        return OutputUnits.budget(n);
    }

    /** The output units of the decoded fields. */
    static long units(DecodedEvent e) {
        return OutputUnits.of(e);
    }
}
