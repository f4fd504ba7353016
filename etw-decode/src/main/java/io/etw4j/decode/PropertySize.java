package io.etw4j.decode;

import java.util.Objects;

/**
 * How long one element of a property is, when its type does not say: for strings a length in characters, for binary a
 * length in bytes. Immutable.
 */
public sealed interface PropertySize {

    /** The type's own rule: fixed-size types, NUL-terminated strings, counted strings, a SID's own length. */
    record Natural() implements PropertySize {
    }

    /**
     * A fixed length (characters for strings, bytes for binary).
     *
     * @param value the length
     */
    record Fixed(int value) implements PropertySize {
        public Fixed {
            if (value < 0) {
                throw new IllegalArgumentException("negative length " + value);
            }
        }
    }

    /**
     * The length is the value of an earlier integer property of the same struct level.
     *
     * @param property that property's name
     */
    record FromProperty(String property) implements PropertySize {
        public FromProperty {
            Objects.requireNonNull(property, "property");
        }
    }

    /** The type's own rule. */
    static PropertySize natural() {
        return new Natural();
    }
}
