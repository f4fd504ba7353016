package io.etw4j.decode;

import java.util.Objects;

/**
 * A property that could not be decoded from a payload, and why. Decoding goes on after it wherever the layout still
 * allows (a fixed-size property of known length is skipped; after a property of unknown length nothing more can be
 * placed, and the rest are reported as not decoded). Immutable.
 *
 * @param field  the property's path ({@code Name}, {@code Struct.Member}, {@code Array[3]})
 * @param offset the payload offset where it was expected
 * @param reason what was wrong
 */
public record FieldError(String field, int offset, String reason) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return field + " at offset " + offset + ": " + reason;
    }
}
