package io.etw4j.core;

/**
 * The root of every exception etw4j throws or signals: a failing Win32 call, an unsupported platform, a payload read
 * past its end, a malformed .etl file.
 *
 * <p>It is unchecked so that it can travel through Reactor signals unchanged. Catch {@code EtwException} to handle
 * anything the SDK reports; catch a subclass to handle one cause. etw4j never lets a JNA linkage error, an
 * {@link IndexOutOfBoundsException} or any other unchecked JDK exception escape from its public API for bad input.
 */
public class EtwException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message.
     *
     * @param message what went wrong
     */
    public EtwException(String message) {
        super(message);
    }

    /**
     * An exception with a message and a cause.
     *
     * @param message what went wrong
     * @param cause   the underlying error
     */
    public EtwException(String message, Throwable cause) {
        super(message, cause);
    }
}
