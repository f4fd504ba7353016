package io.etw4j.decode;

import java.util.Objects;

/**
 * How many elements a property has: one, a fixed number (an array), the value of an earlier property, or a count
 * written in the payload just before the elements. Immutable.
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

    /** One element. */
    static PropertyCount single() {
        return new Single();
    }
}
