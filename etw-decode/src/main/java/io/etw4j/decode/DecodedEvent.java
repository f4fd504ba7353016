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
 * {@link Float}, DOUBLE as {@link Double}, BOOLEAN (and integers with out-type BOOLEAN) as {@link Boolean}, strings as
 * {@link String}, GUID as {@link java.util.UUID}, FILETIME and SYSTEMTIME as {@link java.time.Instant}, SID as
 * {@link io.etw4j.core.SecurityIdentifier}, binary as {@code byte[]} (a copy), IPv4/IPv6 out-types as
 * {@link java.net.InetAddress}, a socket address as {@link java.net.InetSocketAddress}, a property with a value map or
 * bit map as {@link MappedValue}, a struct as a {@code Map<String, Object>} in member order, an array as a
 * {@code List<Object>} (except an array of characters, UNICODECHAR or ANSICHAR, which is one {@link String}).
 *
 * @param record the record
 * @param schema the schema it was decoded with; empty when no source knew the event
 * @param fields the decoded fields in payload order (unmodifiable); empty when not decoded
 * @param errors the properties that could not be decoded; decoding never throws
 */
public record DecodedEvent(EventRecord record, Optional<EventSchema> schema, Map<String, Object> fields,
        List<FieldError> errors) {
    public DecodedEvent {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(schema, "schema");
        // The decoder's own FieldMap is read-only and held by no one else; any other map is copied.
        fields = fields instanceof FieldMap ? fields : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        errors = List.copyOf(errors);
    }

    /** The record with no schema. */
    public static DecodedEvent undecoded(EventRecord record) {
        return new DecodedEvent(record, Optional.empty(), Map.of(), List.of());
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
