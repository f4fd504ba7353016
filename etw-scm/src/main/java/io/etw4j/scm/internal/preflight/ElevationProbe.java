package io.etw4j.scm.internal.preflight;

/** Whether this process runs elevated. Implementations may throw an unchecked exception when they cannot tell. */
@FunctionalInterface
public interface ElevationProbe {
    /** True if the process token is elevated (TokenElevation). */
    boolean isElevated();
}
