package io.etw4j.core;

import java.util.Arrays;

/**
 * A Windows security identifier (SID) in its binary form (winnt.h SID: Revision, SubAuthorityCount,
 * IdentifierAuthority[6] big-endian, then SubAuthorityCount little-endian ULONGs), with its standard string form
 * {@code S-1-5-18}. Immutable.
 */
public final class SecurityIdentifier {
    private final byte[] bytes;

    private SecurityIdentifier(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Parses a binary SID.
     *
     * @param bytes the binary SID
     * @return the SID
     * @throws PayloadException if the bytes are shorter than the SID they describe or the revision is not 1
     */
    public static SecurityIdentifier of(byte[] bytes) {
        PayloadReader r = PayloadReader.of(bytes, 8);
        return r.sid();
    }

    static SecurityIdentifier trusted(byte[] exactBytes) {
        return new SecurityIdentifier(exactBytes);
    }

    /** {@return the binary SID, 8 + 4 * subauthority count bytes} */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** {@return the binary length: 8 + 4 * subauthority count} */
    public int length() {
        return bytes.length;
    }

    /** The SDDL string form, e.g. {@code S-1-5-21-1-2-3-1001}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("S-").append(bytes[0] & 0xFF).append('-');
        long authority = 0;
        for (int i = 2; i < 8; i++) {
            authority = (authority << 8) | (bytes[i] & 0xFF);
        }
        sb.append(authority);
        int count = bytes[1] & 0xFF;
        for (int i = 0; i < count; i++) {
            int o = 8 + 4 * i;
            long sub = (bytes[o] & 0xFFL) | (bytes[o + 1] & 0xFFL) << 8 | (bytes[o + 2] & 0xFFL) << 16
                    | (bytes[o + 3] & 0xFFL) << 24;
            sb.append('-').append(sub);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecurityIdentifier other && Arrays.equals(other.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
