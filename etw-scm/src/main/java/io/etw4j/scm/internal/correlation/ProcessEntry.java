package io.etw4j.scm.internal.correlation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One process instance known to the {@link ProcessTable}: a PID for the span from its creation to its exit. Immutable.
 *
 * <p>Two identifiers may be known besides the PID. {@code sequenceNumber} is Kernel-Process's ProcessSequenceNumber
 * (ProcessStart v3+); {@code startKey} is a process start key learned from an event the process itself logged with
 * EVENT_HEADER_EXT_TYPE_PROCESS_START_KEY, or from a Microsoft-Windows-Services event's ClientProcessStartKey. The issue
 * states ProcessSequenceNumber equals the start key on recent Windows versions; this is not verified here, so a
 * differing sequence number is never taken as proof that two identities differ (inferred caution).
 *
 * @param processId            the PID
 * @param sequenceNumber       ProcessSequenceNumber, when the start event carried it
 * @param startKey             the process start key, when learned
 * @param createTime           when the process was created
 * @param exitTime             when it exited, when known
 * @param parentProcessId      the parent PID, when known
 * @param parentSequenceNumber the parent's ProcessSequenceNumber, when known
 * @param imageName            the image as the kernel reported it (a full NT path from ProcessStart, a short name
 *                             from ProcessStop)
 * @param commandLine          the command line, when a source gave one (Kernel-Process events carry none)
 * @param sessionId            the session id, when known
 * @param fromRundown          true if known from a ProcessRundown (alive before the trace began)
 */
public record ProcessEntry(int processId, OptionalLong sequenceNumber, OptionalLong startKey, Instant createTime,
        Optional<Instant> exitTime, OptionalInt parentProcessId, OptionalLong parentSequenceNumber, String imageName,
        Optional<String> commandLine, OptionalLong sessionId, boolean fromRundown) {
    public ProcessEntry {
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(startKey, "startKey");
        Objects.requireNonNull(createTime, "createTime");
        Objects.requireNonNull(exitTime, "exitTime");
        Objects.requireNonNull(parentProcessId, "parentProcessId");
        Objects.requireNonNull(parentSequenceNumber, "parentSequenceNumber");
        Objects.requireNonNull(imageName, "imageName");
        Objects.requireNonNull(commandLine, "commandLine");
        Objects.requireNonNull(sessionId, "sessionId");
    }

    /** True if the process existed at {@code t}: created at or before it and not exited before it. */
    public boolean aliveAt(Instant t) {
        return !createTime.isAfter(t) && (exitTime.isEmpty() || !exitTime.get().isBefore(t));
    }

    /** True if {@code key} is this process's start key or its sequence number. */
    public boolean hasKey(long key) {
        return (startKey.isPresent() && startKey.getAsLong() == key)
                || (sequenceNumber.isPresent() && sequenceNumber.getAsLong() == key);
    }

    /** True if a start key was learned and it differs from {@code key}: then {@code key} names another process. */
    public boolean conflictsWith(long key) {
        return startKey.isPresent() && startKey.getAsLong() != key;
    }

    /** The best identifier to report as the process start key: the learned key, else the sequence number. */
    public OptionalLong reportedKey() {
        return startKey.isPresent() ? startKey : sequenceNumber;
    }

    ProcessEntry withExit(Instant t) {
        return new ProcessEntry(processId, sequenceNumber, startKey, createTime, Optional.of(t), parentProcessId,
                parentSequenceNumber, imageName, commandLine, sessionId, fromRundown);
    }

    ProcessEntry withStartKey(long key) {
        return new ProcessEntry(processId, sequenceNumber, OptionalLong.of(key), createTime, exitTime,
                parentProcessId, parentSequenceNumber, imageName, commandLine, sessionId, fromRundown);
    }

    ProcessEntry withSequenceNumber(long seq) {
        return new ProcessEntry(processId, OptionalLong.of(seq), startKey, createTime, exitTime, parentProcessId,
                parentSequenceNumber, imageName, commandLine, sessionId, fromRundown);
    }
}
