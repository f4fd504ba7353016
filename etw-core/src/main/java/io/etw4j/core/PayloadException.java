package io.etw4j.core;

/**
 * Thrown by {@link PayloadReader} when a read does not fit the payload: a read past the end, a string without its
 * terminating NUL, a length field that claims more bytes than remain. It names the offset at which the read started,
 * how many bytes it needed and how many the payload holds, so a decoder can report exactly what was malformed.
 */
public final class PayloadException extends EtwException {
    private static final long serialVersionUID = 1L;

    /** Offset in the payload at which the failing read started. */
    private final int offset;
    /** Number of bytes the read needed. */
    private final int needed;
    /** Total length of the payload. */
    private final int length;

    /**
     * A read of {@code what} at {@code offset} that needed {@code needed} bytes of a payload of {@code length}.
     *
     * @param what   what was being read, e.g. {@code "u32"}
     * @param offset offset in the payload at which the read started
     * @param needed number of bytes the read needed
     * @param length total length of the payload
     */
    public PayloadException(String what, int offset, int needed, int length) {
        super(what + " at offset " + offset + " needs " + needed + " byte(s) but the payload holds " + length
                + " (" + Math.max(0, length - offset) + " remain)");
        this.offset = offset;
        this.needed = needed;
        this.length = length;
    }

    /** {@return offset in the payload at which the failing read started} */
    public int offset() {
        return offset;
    }

    /** {@return number of bytes the read needed from {@link #offset()} (for a string: at least its terminator)} */
    public int needed() {
        return needed;
    }

    /** {@return total length of the payload} */
    public int length() {
        return length;
    }
}
