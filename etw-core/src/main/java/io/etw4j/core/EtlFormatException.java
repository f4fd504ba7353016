package io.etw4j.core;

/**
 * A malformed or unreadable part of an .etl file. It names the {@link #kind() kind} of problem and the
 * {@link #fileOffset() offset in the file} (for a record inside a compressed buffer: the offset of that buffer's
 * header, plus the record's offset in the decompressed buffer in the message).
 *
 * <p>{@link EtlFile#open} throws it when the file cannot be read at all (no logfile header);
 * {@link EtlFile#records()} signals it as an error only in {@link EtlReadOptions#strict() strict} mode and otherwise
 * skips the bad part and counts it in {@link EtlFile#statistics()}.
 */
public final class EtlFormatException extends EtwException {
    private static final long serialVersionUID = 1L;

    /** What was wrong. */
    private final EtlErrorKind kind;
    /** Byte offset in the file of the buffer or record at fault. */
    private final long fileOffset;

    /**
     * An error of {@code kind} at {@code fileOffset}; the message starts with both.
     *
     * @param kind       what was wrong
     * @param fileOffset byte offset in the file of the buffer or record at fault
     * @param message    the details, in a sentence
     */
    public EtlFormatException(EtlErrorKind kind, long fileOffset, String message) {
        super(kind + " at file offset 0x" + Long.toHexString(fileOffset) + ": " + message);
        this.kind = kind;
        this.fileOffset = fileOffset;
    }

    /**
     * The same, with the error that caused it (an {@link java.io.IOException} for {@link EtlErrorKind#IO_ERROR}).
     *
     * @param kind       what was wrong
     * @param fileOffset byte offset in the file of the buffer or record at fault
     * @param message    the details, in a sentence
     * @param cause      the underlying error
     */
    public EtlFormatException(EtlErrorKind kind, long fileOffset, String message, Throwable cause) {
        super(kind + " at file offset 0x" + Long.toHexString(fileOffset) + ": " + message, cause);
        this.kind = kind;
        this.fileOffset = fileOffset;
    }

    /** {@return what was wrong} */
    public EtlErrorKind kind() {
        return kind;
    }

    /** {@return byte offset in the file of the buffer or record at fault} */
    public long fileOffset() {
        return fileOffset;
    }
}
