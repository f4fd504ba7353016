package io.etw4j.scm.internal.wpp;

import java.util.Optional;

/**
 * The types a message-table field may have. WPP packs a message's arguments one after the other without padding (the
 * seed article's 0x28 payload: the PID follows the name's NUL directly), so there is no alignment here.
 */
public enum FieldType {
    /** UTF-16LE code units and a 2-byte NUL (WPP %ws / %S argument). */
    UTF16Z("utf16z"),
    /** Unsigned 16-bit little-endian. */
    U16("u16"),
    /** Unsigned 32-bit little-endian. */
    U32("u32"),
    /** 64-bit little-endian. */
    U64("u64");

    private final String token;

    FieldType(String token) {
        this.token = token;
    }

    /** The name used in the table file. */
    public String token() {
        return token;
    }

    /** The type spelled {@code token} in a table file. */
    public static Optional<FieldType> ofToken(String token) {
        for (FieldType t : values()) {
            if (t.token.equals(token)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
