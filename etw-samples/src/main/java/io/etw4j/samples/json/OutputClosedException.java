package io.etw4j.samples.json;

/**
 * The output stopped accepting lines (a closed pipe, a full disk); the lines after it were not written. Thrown by the
 * JSON line writers of this package when they check their output, so that a long dump stops instead of writing into
 * nothing. Unchecked, immutable.
 */
public final class OutputClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutputClosedException() {
        super("the output no longer accepts data (closed pipe?)");
    }
}
