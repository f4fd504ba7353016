package io.etw4j.decode.tools;

/** MOF text that {@link MofText} or {@link KernelMofConverter} cannot read; the only exception they throw. */
public final class MofSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error with {@code message}. */
    public MofSyntaxException(String message) {
        super(message);
    }
}
