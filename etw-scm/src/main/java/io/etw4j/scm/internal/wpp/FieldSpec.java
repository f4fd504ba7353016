package io.etw4j.scm.internal.wpp;

import java.util.Objects;

/**
 * One field of a message layout: its type and name, as written in the message table ({@code u32 clientPid}).
 *
 * @param type its type
 * @param name its name
 */
public record FieldSpec(FieldType type, String name) {
    public FieldSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
    }

    static FieldSpec utf16z(String name) {
        return new FieldSpec(FieldType.UTF16Z, name);
    }

    static FieldSpec u32(String name) {
        return new FieldSpec(FieldType.U32, name);
    }

    @Override
    public String toString() {
        return type.token() + " " + name;
    }
}
