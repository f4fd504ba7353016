package io.etw4j.core;

import io.etw4j.core.internal.Win32Errors;

/**
 * A Win32 call made by etw4j failed. Carries the function name, the Win32 error code, its symbolic name and what to
 * do about it, e.g. {@code StartTraceW failed: 0x5 ERROR_ACCESS_DENIED. Remedy: run elevated or add the account to
 * the Performance Log Users group}.
 */
public final class EtwCallException extends EtwException {
    private static final long serialVersionUID = 1L;

    /** The Win32 function that failed. */
    private final String function;
    /** The Win32 error code it returned. */
    private final int errorCode;
    /** The symbolic name of the error code. */
    private final String errorName;
    /** What to do about it, or an empty string. */
    private final String remedy;

    /**
     * Builds the exception for {@code function} failing with {@code errorCode}, naming the code and its remedy.
     *
     * @param function the Win32 function that failed, e.g. {@code StartTraceW}
     * @param errorCode the Win32 error code it returned (winerror.h)
     */
    public EtwCallException(String function, int errorCode) {
        this(function, errorCode, null);
    }

    /**
     * As {@link #EtwCallException(String, int)}, with a sentence of context (e.g. the session name).
     *
     * @param function the Win32 function that failed, e.g. {@code StartTraceW}
     * @param errorCode the Win32 error code it returned (winerror.h)
     * @param context what the call was doing, added to the message
     */
    public EtwCallException(String function, int errorCode, String context) {
        super(format(function, errorCode, context));
        this.function = function;
        this.errorCode = errorCode;
        this.errorName = Win32Errors.name(errorCode);
        this.remedy = Win32Errors.remedy(function, errorCode);
    }

    private static String format(String function, int code, String context) {
        String remedy = Win32Errors.remedy(function, code);
        return function + " failed: 0x" + Integer.toHexString(code) + " " + Win32Errors.name(code)
                + (context == null ? "" : " (" + context + ")")
                + (remedy.isEmpty() ? "" : ". Remedy: " + remedy);
    }

    /** {@return the Win32 function that failed, e.g. {@code StartTraceW}} */
    public String function() {
        return function;
    }

    /** {@return the Win32 error code (winerror.h)} */
    public int errorCode() {
        return errorCode;
    }

    /**
     * {@return the symbolic name of the error code, e.g. {@code ERROR_ACCESS_DENIED}, or {@code ERROR_<n>} if unknown}
     */
    public String errorName() {
        return errorName;
    }

    /** {@return what to do about it, or an empty string when there is no specific advice} */
    public String remedy() {
        return remedy;
    }
}
