package io.etw4j.scm.internal.wpp;

import java.util.Optional;

/**
 * The types a message-table field may have. WPP packs a message's arguments one after the other without padding
 * (the published article's 0x28 payload: the PID follows the name's NUL directly), so there is no alignment here. The
 * WPP format letters map as: S (UTF-16 string) = utf16z; d, L, D (4-byte integers) = u32; i (8-byte integer) = u64; q (pointer) =
 * ptr.
 */
public enum FieldType {
    /** UTF-16LE code units and a 2-byte NUL (WPP %ws / %S argument). */
    UTF16Z("utf16z"),
    /** Unsigned 16-bit little-endian. */
    U16("u16"),
    /** Unsigned 32-bit little-endian. */
    U32("u32"),
    /** 64-bit little-endian (WPP %I64 / 'i' argument). */
    U64("u64"),
    /**
     * A pointer (WPP 'q' / %p argument): 8 bytes when the record was logged by a 64-bit process, 4 when by a 32-bit
     * one ({@code EventRecord.pointerSize()}, from the header's 32/64-bit flags).
     */
    PTR("ptr");

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
