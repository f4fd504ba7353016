package io.etw4j.core.etl;

import io.etw4j.core.EtwException;
import java.util.Optional;

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
    /** The file, as given to {@link EtlFile#open}, or null (an in-memory image, or raised before it was known). */
    private final String file;
    /** The message without the file, for {@link #inFile}. */
    private final String detail;

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
        this.file = null;
        this.detail = message;
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
        this.file = null;
        this.detail = message;
    }

    private EtlFormatException(EtlFormatException e, String file) {
        super(file + ": " + e.kind + " at file offset 0x" + Long.toHexString(e.fileOffset) + ": " + e.detail,
                e.getCause());
        this.kind = e.kind;
        this.fileOffset = e.fileOffset;
        this.file = file;
        this.detail = e.detail;
        setStackTrace(e.getStackTrace());
    }

    /**
     * {@return the same error naming {@code file}: its message starts with the file; this one if it already names a
     * file}
     *
     * @param file the file, as given to {@link EtlFile#open}, or a description such as "in-memory image"
     */
    public EtlFormatException inFile(String file) {
        return this.file != null ? this : new EtlFormatException(this, file);
    }

    /**
     * {@return the file, as given to {@link EtlFile#open} (every exception {@link EtlFile} raises names it; "in-memory
     * image" for {@link EtlFile#of}); empty only when raised by the internal reader directly}
     */
    public Optional<String> file() {
        return Optional.ofNullable(file);
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
