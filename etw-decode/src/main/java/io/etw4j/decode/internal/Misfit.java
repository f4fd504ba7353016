package io.etw4j.decode.internal;

/**
 * A read that did not fit the payload, inside the decoder only (never thrown out of it): {@link #sizeKnown} says
 * whether the walk can go on after it, at {@link #next}. Checked, so that every read site handles it; without a stack
 * trace, so that a misfit costs no more than the error entry it becomes.
 */
final class Misfit extends Exception {
    private static final long serialVersionUID = 1L;
    /** True if the value's size is known, so the walk can resume at {@link #next}. */
    final boolean sizeKnown;
    /** Where the walk resumes when {@link #sizeKnown}. */
    final int next;

    Misfit(String message, boolean sizeKnown, int next) {
        super(message, null, false, false);
        this.sizeKnown = sizeKnown;
        this.next = next;
    }
}
