package io.etw4j.core.session;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of a session etw4j starts itself (every kind but attach): the ETW buffers (EVENT_TRACE_PROPERTIES),
 * what to do with a running session of the same name, and an optional .etl file.
 *
 * <p>Defaults: buffer size 64 KB, minimum and maximum buffer counts chosen by ETW, flush timer 1 second,
 * {@link ExistingSessionPolicy#FAIL}, real-time delivery, no file. Not thread-safe.
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
public abstract sealed class StartedSessionBuilder<B extends StartedSessionBuilder<B>> extends HandOffBuilder<B>
        permits SessionBuilder, KernelGroupsBuilder {

    /** The smallest BufferSize ETW accepts, in KB (learn.microsoft.com "EVENT_TRACE_PROPERTIES structure"). */
    public static final int MIN_BUFFER_SIZE_KB = 4;
    /**
     * The largest BufferSize ETW accepts, in KB: 16 MB since Windows 8, 1 MB before (learn.microsoft.com
     * "EVENT_TRACE_PROPERTIES structure").
     */
    public static final int MAX_BUFFER_SIZE_KB = 16_384;

    LogFile logFile;
    boolean realTime = true;
    int bufferSizeKb = 64;
    int minimumBuffers;
    int maximumBuffers;
    Duration flushTimer = Duration.ofSeconds(1);
    ExistingSessionPolicy policy = ExistingSessionPolicy.FAIL;

    StartedSessionBuilder(String name) {
        super(name);
    }

    /**
     * Records the events to an .etl file as well (or, with {@code realTime(false)}, instead of delivering them):
     * LogFileMode gets the file's mode, LogFileNameOffset its name, MaximumFileSize its limit.
     *
     * @param file the file and its mode
     * @return this builder
     */
    public B logFile(LogFile file) {
        logFile = Objects.requireNonNull(file, "file");
        return self();
    }

    /**
     * Whether events are delivered to {@link EtwSession#records()} (EVENT_TRACE_REAL_TIME_MODE; default true). A
     * session without real time needs a {@link #logFile(LogFile)}: its {@code records()} then emits no record,
     * starts the recording when subscribed, stops it when cancelled, and completes if the session is stopped from
     * outside (noticed by the health polls).
     *
     * @param enabled false for a file-only session
     * @return this builder
     */
    public B realTime(boolean enabled) {
        realTime = enabled;
        return self();
    }

    /**
     * EVENT_TRACE_PROPERTIES.BufferSize in KB: the size of each of the session's buffers. Refused here rather than
     * by StartTraceW, so a bad value fails when the session is configured, not when it is subscribed.
     *
     * @param kb buffer size in KB
     * @return this builder
     * @throws IllegalArgumentException unless {@value #MIN_BUFFER_SIZE_KB}..{@value #MAX_BUFFER_SIZE_KB}, the range
     *                                  the EVENT_TRACE_PROPERTIES documentation gives (4 KB minimum, 16 MB
     *                                  maximum)
     */
    public B bufferSizeKb(int kb) {
        if (kb < MIN_BUFFER_SIZE_KB || kb > MAX_BUFFER_SIZE_KB) {
            throw new IllegalArgumentException("bufferSizeKb must be " + MIN_BUFFER_SIZE_KB + ".."
                    + MAX_BUFFER_SIZE_KB + " (ETW's documented range for EVENT_TRACE_PROPERTIES.BufferSize:"
                    + " 4 KB minimum, 16 MB maximum): " + kb);
        }
        bufferSizeKb = kb;
        return self();
    }

    /**
     * EVENT_TRACE_PROPERTIES.MinimumBuffers (0: ETW's default).
     *
     * @param n number of buffers, 0 for ETW's default
     * @return this builder
     */
    public B minimumBuffers(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("minimumBuffers < 0: " + n);
        }
        minimumBuffers = n;
        return self();
    }

    /**
     * EVENT_TRACE_PROPERTIES.MaximumBuffers (0: ETW's default).
     *
     * @param n number of buffers, 0 for ETW's default
     * @return this builder
     */
    public B maximumBuffers(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("maximumBuffers < 0: " + n);
        }
        maximumBuffers = n;
        return self();
    }

    /**
     * EVENT_TRACE_PROPERTIES.FlushTimer: how often ETW flushes partly filled buffers to the consumer, in whole
     * seconds (rounded up; zero: only full buffers are delivered, which can delay rare events indefinitely).
     *
     * @param timer the flush period, zero to deliver full buffers only
     * @return this builder
     */
    public B flushTimer(Duration timer) {
        if (timer.isNegative()) {
            throw new IllegalArgumentException("flushTimer < 0: " + timer);
        }
        flushTimer = timer;
        return self();
    }

    /**
     * What to do with a live session of the same name ({@link ExistingSessionPolicy#FAIL} by default).
     *
     * @param p what to do when a session of the same ETW name already runs
     * @return this builder
     */
    public B existingSession(ExistingSessionPolicy p) {
        policy = Objects.requireNonNull(p, "policy");
        return self();
    }

    /** The checks every started kind shares: a file when there is no real time, buffer counts in order. */
    final void checkStarted() {
        if (!realTime && logFile == null) {
            throw new IllegalStateException("a session without real-time delivery needs a logFile(...)");
        }
        if (maximumBuffers != 0 && minimumBuffers > maximumBuffers) {
            throw new IllegalStateException("minimumBuffers > maximumBuffers");
        }
    }
}
