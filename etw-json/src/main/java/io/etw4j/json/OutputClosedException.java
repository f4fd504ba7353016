package io.etw4j.json;

/**
 * The output stopped accepting lines (a closed pipe, a full disk); the lines after it were not written. Thrown by
 * {@link JsonLinesWriter} when it checks its output, so that a long dump stops instead of writing into nothing.
 * Unchecked, immutable.
 */
public final class OutputClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with the standard message. */
    public OutputClosedException() {
        super("the output no longer accepts data (closed pipe?)");
    }
}
