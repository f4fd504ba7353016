package io.etw4j.decode.hostile;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.EventDecoder;
import io.etw4j.decode.EventSchema;
import io.etw4j.decode.MappedValue;
import io.etw4j.decode.PropertySchema;
import io.etw4j.decode.SchemaOrigin;
import io.etw4j.decode.SchemaSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Decodes payloads with hostile schemas and measures what the decode produced, in the units the decoder's output
 * budget counts (see {@link EventDecoder}): one per character of a field name, a string or a value map's names, one
 * per other scalar; a struct or an array costs what it holds. Test code only.
 */
final class HostileSchemas {
    static final UUID PROVIDER = UUID.fromString("0badf00d-0000-4000-8000-000000000019");
    /** The budget EventDecoder states: 64 units per payload byte plus 65,536. */
    static final long PER_BYTE = 64;
    static final long CONSTANT = 1 << 16;

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
        return PER_BYTE * n + CONSTANT;
    }

    /** The output units of the decoded fields. */
    static long units(DecodedEvent e) {
        return units(e.fields());
    }

    static long units(Object v) {
        if (v instanceof Map<?, ?> m) {
            long n = 0;
            for (Map.Entry<?, ?> en : m.entrySet()) {
                n += en.getKey().toString().length() + units(en.getValue());
            }
            return n;
        }
        if (v instanceof List<?> l) {
            long n = 0;
            for (Object o : l) {
                n += units(o);
            }
            return n;
        }
        if (v instanceof String s) {
            return Math.max(1, s.length());
        }
        if (v instanceof MappedValue mv) {
            long n = 1;
            for (String s : mv.names()) {
                n += s.length();
            }
            return n;
        }
        if (v instanceof byte[] b) {
            return Math.max(1, 2L * b.length);
        }
        return 1;
    }
}
