package io.etw4j.decode;

import java.util.Objects;

/** How many elements a property has: one, a fixed number (an array), or the value of an earlier property. Immutable. */
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

    /** One element. */
    static PropertyCount single() {
        return new Single();
    }
}
