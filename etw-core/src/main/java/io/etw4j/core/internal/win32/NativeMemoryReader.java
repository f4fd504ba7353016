package io.etw4j.core.internal.win32;

/**
 * Reads bytes of native memory at an absolute address, for {@link EventRecordCopier}: the one thing the JNA path
 * ({@code Pointer}) and the FFM path ({@code MemorySegment}, JDK 22 and later) do differently when they copy an
 * EVENT_RECORD's payload and extended data items. Implementations are stateless and thread-safe.
 */
@FunctionalInterface
interface NativeMemoryReader {
    /** JNA: {@code new Pointer(address).getByteArray(0, length)}. */
    NativeMemoryReader JNA = (address, length) -> new com.sun.jna.Pointer(address).getByteArray(0, length);

    /**
     * {@return a copy of the {@code length} bytes at {@code address}} The caller checked that the address is not
     * null and the length is positive.
     */
    byte[] read(long address, int length);
}
