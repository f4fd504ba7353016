package io.etw4j.scm.history;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One process of one boot, as {@link BootProcesses} knows it: from Kernel-Process records of another trace of that
 * boot, or from a list the caller made (a process listing taken on the host during that boot, for example). Immutable
 * and thread-safe.
 *
 * <p>A PID names this process only from {@link #startTime()} until {@link #exitTime()}; before and after, the same
 * number may name another process of the boot (PIDs are reused), and in any other boot it names an unrelated one.
 *
 * @param pid       the process id
 * @param startTime when the process started
 * @param imagePath its image path (as the source gives it: the kernel's {@code \Device\HarddiskVolumeN\...} form
 *                  from Kernel-Process), empty string if unknown
 * @param exitTime  when it exited, if known; empty: still running at the end of what the source saw
 * @param parentPid its parent's process id, if known
 */
public record KnownProcess(int pid, Instant startTime, String imagePath, Optional<Instant> exitTime,
        OptionalInt parentPid) {

    /**
     * Creates the record (the canonical constructor).
     *
     * @param pid the process id, not negative
     * @param startTime when the process started
     * @param imagePath its image path, empty string if unknown
     * @param exitTime when it exited, if known; not before {@code startTime}
     * @param parentPid its parent's process id, if known
     */
    public KnownProcess {
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(imagePath, "imagePath");
        Objects.requireNonNull(exitTime, "exitTime");
        Objects.requireNonNull(parentPid, "parentPid");
        if (pid < 0) {
            throw new IllegalArgumentException("pid < 0: " + pid);
        }
        if (exitTime.isPresent() && exitTime.get().isBefore(startTime)) {
            throw new IllegalArgumentException("process " + pid + " exits at " + exitTime.get()
                    + ", before its start " + startTime);
        }
    }

    /**
     * A process known by PID, start time and image only (still running as far as the caller knows).
     *
     * @param pid the process id
     * @param startTime when it started
     * @param imagePath its image path
     */
    public KnownProcess(int pid, Instant startTime, String imagePath) {
        this(pid, startTime, imagePath, Optional.empty(), OptionalInt.empty());
    }
}
