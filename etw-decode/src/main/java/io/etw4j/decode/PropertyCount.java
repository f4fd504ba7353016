package io.etw4j.decode;

import java.util.Objects;

/**
 * How many elements a property has: one, a fixed number (an array), the value of an earlier property, a count written
 * in the payload just before the elements, or as many as the rest of the payload holds. Immutable.
 */
public sealed interface PropertyCount {

    /** Not an array: one element. */
    record Single() implements PropertyCount {
    }

    /**
     * A fixed-size array.
     *
     * @param value the number of elements
     */
    record Fixed(int value) implements PropertyCount {
        public Fixed {
            if (value < 0) {
                throw new IllegalArgumentException("negative count " + value);
            }
        }
    }

    /**
     * An array whose element count is the value of an earlier integer property of the same struct level.
     *
     * @param property that property's name
     */
    record FromProperty(String property) implements PropertyCount {
        public FromProperty {
            Objects.requireNonNull(property, "property");
        }
    }

    /**
     * An array whose element count is a UINT16 (little-endian) written in the payload immediately before its first
     * element, not a named property: TraceLogging variable-count arrays (TraceLoggingProvider.h: {@code TlgInVcount}
     * "field data contains variable-array-count tag"; the tracelogging crate's EventBuilder writes the UINT16 count
     * before the values).
     */
    record PrefixedU16() implements PropertyCount {
    }

    /**
     * An array whose elements run to the end of the payload: the decoder reads whole elements until no byte is left,
     * so the count is whatever the record holds, zero when the payload ends right there. Meant for the last property
     * of a schema (a kernel stack walk's frames: as many as were captured); a property after it finds no byte left.
     * Bytes at the end that do not make a whole element are a {@link FieldError} on the array, not an element.
     */
    record Remaining() implements PropertyCount {
    }

    /** One element. */
    static PropertyCount single() {
        return new Single();
    }
}
