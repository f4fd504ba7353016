package io.etw4j.scm.internal.manifest;

import io.etw4j.core.SecurityIdentifier;
import io.etw4j.decode.DecodedEvent;
import io.etw4j.decode.FieldError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Typed access to the fields of one {@link DecodedEvent} decoded with etw-scm's shipped manifests, for the adapters
 * that build typed records from them. A field the schema declares but the event lacks, or with another value type,
 * is a {@link MissingField} (the adapter then reports the record undecodable); a field the event's version does not
 * declare reads as empty through the {@code optional} methods. Not thread-safe; one instance per event.
 */
public final class FieldReader {
    private final DecodedEvent decoded;
    private final Map<String, Object> fields;
    private final SchemaLayout layout;

    private FieldReader(DecodedEvent decoded, SchemaLayout layout) {
        this.decoded = decoded;
        this.fields = decoded.fields();
        this.layout = layout;
    }

    /** A reader of {@code decoded}'s fields. */
    public static FieldReader of(DecodedEvent decoded) {
        SchemaLayout layout = decoded.schema().map(ShippedManifests::layout).orElse(null);
        return new FieldReader(decoded, layout);
    }

    /**
     * Why the event cannot be trusted, or empty if it can: no schema for its exact version, any field error (a short
     * payload, a malformed value), bytes after the last field, or a last string without its NUL (etw-decode, like
     * TDH, lets a string without NUL run to the end of the payload; the published layouts end every string with one,
     * so a payload cut inside its last string is not the published shape).
     *
     * @param provider the provider's name, for the message
     */
    public Optional<String> problem(String provider) {
        if (!decoded.isDecoded()) {
            return Optional.of(provider + " event " + decoded.record().id() + " version "
                    + decoded.record().descriptor().version() + " has no published layout known to etw4j");
        }
        List<FieldError> errors = decoded.errors();
        if (errors.isEmpty() && decoded.trailingBytes() > 0) {
            // Not a field error for etw-decode, but not the published shape of this version either.
            return Optional.of("the payload does not have the published shape of v"
                    + decoded.record().descriptor().version() + ": " + decoded.trailingBytes()
                    + " byte(s) left after the last field (<trailing>)");
        }
        if (errors.isEmpty()) {
            int size = encodedSize();
            int length = decoded.record().payloadSize();
            return size < 0 || size == length ? Optional.empty() : Optional.of("the payload has " + length
                    + " byte(s) but its fields, each string with its NUL, take " + size
                    + ": it ends inside its last string");
        }
        StringBuilder b = new StringBuilder("the payload does not have the published shape of v")
                .append(decoded.record().descriptor().version()).append(": ");
        for (int i = 0; i < errors.size(); i++) {
            b.append(i == 0 ? "" : "; ").append(errors.get(i));
        }
        return Optional.of(b.toString());
    }

    /**
     * The payload size the decoded fields take when every string has its NUL: fixed sizes, the record's pointer size,
     * UTF-16 strings at two bytes a unit, ANSI strings at one byte a character, SIDs at their length; -1 for a schema
     * with other kinds of property (structs, arrays, sized strings), which the shipped manifests do not have.
     */
    private int encodedSize() {
        if (layout == null || !layout.sized) {
            return -1;
        }
        int size = layout.fixedBytes + layout.pointers * decoded.record().pointerSize();
        for (String n : layout.utf16Strings) {
            if (!(fields.get(n) instanceof String s)) {
                return -1;
            }
            size += 2 * (s.length() + 1);
        }
        for (String n : layout.ansiStrings) {
            if (!(fields.get(n) instanceof String s)) {
                return -1;
            }
            size += s.length() + 1;
        }
        for (String n : layout.sids) {
            if (!(fields.get(n) instanceof SecurityIdentifier sid)) {
                return -1;
            }
            size += sid.length();
        }
        return size;
    }

    /** The value of {@code name}, or null; a name the schema does not declare is not looked for. */
    private Object value(String name) {
        if (layout == null) {
            return fields.get(name);
        }
        String own = layout.name(name);
        return own == null ? null : fields.get(own);
    }

    /** An integer field (UInt8 to UInt64, Pointer) as its unsigned bit pattern. */    public long u64(String name) {
        return get(name, Long.class);
    }

    /** A UInt32 field, 0 to 0xFFFFFFFF. */
    public long u32(String name) {
        return get(name, Long.class);
    }

    /** A string field. */
    public String string(String name) {
        return get(name, String.class);
    }

    /** A GUID field. */
    public java.util.UUID guid(String name) {
        return get(name, java.util.UUID.class);
    }

    /** A FILETIME field. */
    public Instant time(String name) {
        return get(name, Instant.class);
    }

    /** A Boolean field. */
    public boolean bool(String name) {
        return get(name, Boolean.class);
    }

    /** An integer field the event's version may not declare. */
    public OptionalLong optionalLong(String name) {
        Object v = value(name);
        if (v == null) {
            return OptionalLong.empty();
        }
        if (!(v instanceof Long l)) {
            throw new MissingField(name + " is " + v.getClass().getSimpleName() + ", not an integer");
        }
        return OptionalLong.of(l);
    }

    /** A field of type {@code type} the event's version may not declare. */
    public <T> Optional<T> optional(String name, Class<T> type) {
        Object v = value(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!type.isInstance(v)) {
            throw new MissingField(name + " is " + v.getClass().getSimpleName() + ", not " + type.getSimpleName());
        }
        return Optional.of(type.cast(v));
    }

    private <T> T get(String name, Class<T> type) {
        Object v = value(name);
        if (v == null) {
            throw new MissingField("field " + name + " is missing");
        }
        if (!type.isInstance(v)) {
            throw new MissingField(name + " is " + v.getClass().getSimpleName() + ", not " + type.getSimpleName());
        }
        return type.cast(v);
    }

    /** A field an adapter needs is absent or of another type: the record is undecodable. */
    public static final class MissingField extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingField(String message) {
            super(message, null, false, false);
        }
    }
}
