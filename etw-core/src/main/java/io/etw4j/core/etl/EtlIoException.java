package io.etw4j.core.etl;

import io.etw4j.core.EtwException;
import java.io.IOException;
import java.util.Optional;

/**
 * An .etl file that could not be read because of the file system, not because of its contents: not found, a
 * directory, permission denied, a read that failed. Distinct from {@link EtlFormatException}, which means the bytes
 * were read and are not a well-formed .etl file. The {@link #getCause() cause} is the {@link IOException}.
 *
 * <p>{@link EtlFile#open} throws it when the file cannot be opened; {@link EtlFile#records()} signals it when a read
 * fails, in every mode. Immutable.
 */
public final class EtlIoException extends EtwException {
    private static final long serialVersionUID = 1L;

    /** The file, as given to {@link EtlFile#open}, or null for an in-memory image. */
    private final String file;

    /**
     * An I/O failure on {@code file}; the message names it.
     *
     * @param file   the file, as given to {@link EtlFile#open}, or null for an in-memory image
     * @param doing  what was being done, e.g. "cannot open" or "reading at file offset 0x1000"
     * @param cause  the I/O error
     */
    public EtlIoException(String file, String doing, IOException cause) {
        super((file == null ? "in-memory image" : file) + ": " + doing + ": " + cause, cause);
        this.file = file;
    }

    /** {@return the file, as given to {@link EtlFile#open}; empty for an in-memory image} */
    public Optional<String> file() {
        return Optional.ofNullable(file);
    }

    /** {@return the I/O error} */
    public IOException ioCause() {
        return (IOException) getCause();
    }
}
