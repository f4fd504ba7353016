package io.etw4j.decode;

import io.etw4j.decode.internal.PropertyList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One property of an {@link EventSchema}: its name, how its bytes are laid out, how long and how many it is, and the
 * map that names its values. A property with {@link #members()} is a struct: its elements are the members, decoded in
 * order. Immutable.
 *
 * @param name    the property's name
 * @param inType  the layout of one element (ignored for a struct)
 * @param outType how the value is meant to be shown ({@link OutType#NULL}: the in-type's default)
 * @param size    the length of one element, when the type does not say
 * @param count   one element, or an array
 * @param members the struct's members, in order; empty for a simple property
 * @param map     the value map or bit map naming its values, if any
 */
public record PropertySchema(String name, InType inType, OutType outType, PropertySize size, PropertyCount count,
        List<PropertySchema> members, Optional<ValueMap> map) {
    public PropertySchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(inType, "inType");
        Objects.requireNonNull(outType, "outType");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(count, "count");
        members = PropertyList.of(members); // immutable; knows its names for the decoder
        Objects.requireNonNull(map, "map");
    }

    /** A single property of {@code inType} with no out-type, length, count or map. */
    public static PropertySchema of(String name, InType inType) {
        return new PropertySchema(name, inType, OutType.NULL, PropertySize.natural(), PropertyCount.single(),
                List.of(), Optional.empty());
    }

    /** A single struct of {@code members}. */
    public static PropertySchema struct(String name, List<PropertySchema> members) {
        return new PropertySchema(name, InType.NULL, OutType.NULL, PropertySize.natural(), PropertyCount.single(),
                members, Optional.empty());
    }

    /** True if the property is a struct. */
    public boolean isStruct() {
        return !members.isEmpty();
    }

    /** A copy with out-type {@code t}. */
    public PropertySchema withOutType(OutType t) {
        return new PropertySchema(name, inType, t, size, count, members, map);
    }

    /** A copy with element length {@code s}. */
    public PropertySchema withSize(PropertySize s) {
        return new PropertySchema(name, inType, outType, s, count, members, map);
    }

    /** A copy with element count {@code c}. */
    public PropertySchema withCount(PropertyCount c) {
        return new PropertySchema(name, inType, outType, size, c, members, map);
    }

    /** A copy whose values are named by {@code m}. */
    public PropertySchema withMap(ValueMap m) {
        return new PropertySchema(name, inType, outType, size, count, members, Optional.of(m));
    }
}
