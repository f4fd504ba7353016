package io.etw4j.decode;

import io.etw4j.core.EventRecord;
import io.etw4j.decode.internal.FieldMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link EventRecord} with its payload decoded into named, typed fields, or the record alone when no schema source
 * knew it. Immutable (the field values are immutable or copies) and thread-safe.
 *
 * <p>Field values, by in-type (and out-type where it changes the meaning): integers as {@link Long} (unsigned 64-bit
 * values, pointers and sizes hold their bit pattern: print them with {@link Long#toUnsignedString(long)}), FLOAT as
 * {@link Float}, DOUBLE as {@link Double}, BOOLEAN as {@link Boolean} (an integer with out-type BOOLEAN stays a {@link Long}), strings as
 * {@link String}, GUID as {@link java.util.UUID}, FILETIME and SYSTEMTIME as {@link java.time.Instant}, SID as
 * {@link io.etw4j.core.SecurityIdentifier}, binary as {@code byte[]} (a copy), IPv4/IPv6 out-types as
 * {@link java.net.InetAddress}, a socket address as {@link java.net.InetSocketAddress}, a property with a value map or
 * bit map as {@link MappedValue}, a struct as a {@code Map<String, Object>} in member order, an array as a
 * {@code List<Object>} (except an array of characters, UNICODECHAR or ANSICHAR, which is one {@link String}).
 *
 * <p>The Java type of a value is fixed by the property's in-type (and its map, struct or array shape), never by
 * its out-type: an integer is a {@link Long} whether the out-type says HexInt32, PID or nothing. The out-type stays
 * on the schema ({@link PropertySchema#outType()}) as a formatting hint. Where an out-type changes what the bytes
 * are (an IPv4/IPv6 address, a socket address, an 8-bit string's encoding) the value follows it, for every event
 * alike.
 *
 * <p><b>Trailing bytes.</b> Bytes after the last declared property are not a field error: {@link #trailingBytes()}
 * counts them and {@link #trailing()} gives them; {@link #errors()} lists only properties that could not be decoded.
 * A payload longer than its schema is usual for an event of a later version than the schema declares.
 *
 * <p><b>Later versions.</b> When no source knew the record's exact version and a source whose convention adds fields
 * only at the end gave the newest earlier version's schema ({@link SchemaSource#newestEarlierVersion}),
 * {@link #schemaVersion()} is that earlier version and {@link #isEarlierVersionSchema()} is true.
 *
 * @param record        the record
 * @param schema        the schema it was decoded with; empty when no source knew the event
 * @param fields        the decoded fields in payload order (unmodifiable); empty when not decoded
 * @param errors        the properties that could not be decoded; decoding never throws
 * @param schemaVersion the event version of the schema that decoded it (the record's own unless a source gave an
 *                      earlier version's schema); -1 when not decoded
 * @param trailingBytes how many payload bytes follow the last declared property (0 when none, when not decoded,
 *                      or when the layout was lost before the end)
 */
public record DecodedEvent(EventRecord record, Optional<EventSchema> schema, Map<String, Object> fields,
        List<FieldError> errors, int schemaVersion, int trailingBytes) {
    public DecodedEvent {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(schema, "schema");
        // The decoder's own FieldMap is read-only and held by no one else; any other map is copied.
        fields = fields instanceof FieldMap ? fields : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        errors = List.copyOf(errors);
        if (schema.isEmpty() ? schemaVersion != -1 : schemaVersion < 0 || schemaVersion > 0xFF) {
            throw new IllegalArgumentException("schemaVersion " + schemaVersion + " with "
                    + (schema.isEmpty() ? "no schema" : "a schema"));
        }
        if (trailingBytes < 0 || trailingBytes > record.payloadSize()) {
            throw new IllegalArgumentException("trailingBytes " + trailingBytes + " of a payload of "
                    + record.payloadSize());
        }
    }

    /**
     * A decoded event of the record's own version and no trailing bytes (or the record alone when {@code schema} is
     * empty).
     */
    public DecodedEvent(EventRecord record, Optional<EventSchema> schema, Map<String, Object> fields,
            List<FieldError> errors) {
        this(record, schema, fields, errors, schema.isPresent() ? record.descriptor().version() : -1, 0);
    }

    /** The record with no schema. */
    public static DecodedEvent undecoded(EventRecord record) {
        return new DecodedEvent(record, Optional.empty(), Map.of(), List.of(), -1, 0);
    }

    /** True if the schema that decoded it is of an earlier event version than the record's. */
    public boolean isEarlierVersionSchema() {
        return schemaVersion >= 0 && schemaVersion != record.descriptor().version();
    }

    /** {@return a copy of the {@link #trailingBytes()} bytes after the last declared property (empty if none)} */
    public byte[] trailing() {
        byte[] p = record.payload();
        return java.util.Arrays.copyOfRange(p, p.length - trailingBytes, p.length);
    }

    /** True if a schema was found. */
    public boolean isDecoded() {
        return schema.isPresent();
    }

    /** The provider's name, when the schema gives it. */
    public Optional<String> providerName() {
        return schema.flatMap(EventSchema::providerName);
    }

    /** The event's name, when the schema gives it. */
    public Optional<String> eventName() {
        return schema.flatMap(EventSchema::eventName);
    }

    /** The value of the top-level field {@code name}, if decoded. */
    public Optional<Object> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }
}
