package io.etw4j.scm;

import io.etw4j.core.SecurityIdentifier;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The process behind an SCM operation (the svcctl RPC client), as far as it could be identified. Immutable.
 *
 * <p>{@link #pid()} is what the trace itself says (for SCM WPP messages: the PID services.exe got from
 * I_RpcBindingInqLocalClientPID). Everything else is enrichment, and each optional field is empty when it could not
 * be found; {@link #resolution()} says how the rest was found, or why it was not. A PID alone can be reused by a later
 * process: trust the identity only as far as {@link #processStartKey()} (unique per boot) is present.
 *
 * @param pid             process id, or -1 when the source names no process
 * @param processStartKey process start key (unique for the boot), when known
 * @param imagePath       full image path of the process, when known
 * @param commandLine     command line, when known (from Kernel-Process start events)
 * @param parentPid       parent process id, when known
 * @param userSid         the process's user SID, when known
 * @param startTime       process start time, when known
 * @param resolution      how the enrichment was obtained
 * @param corroborated    true when a second, documented trace confirms that this process made the call: with
 *                        {@link ScmMonitorBuilder#rpcCorroboration(boolean)} on, a Microsoft-Windows-RPC client-call
 *                        event of the same svcctl operation, written in this process (same PID) near the act's time,
 *                        and no other candidate (see {@link ScmMonitorBuilder#rpcCorroboration(boolean)}); false
 *                        otherwise, which says nothing against the client
 */
public record ClientProcess(
        int pid,
        OptionalLong processStartKey,
        Optional<String> imagePath,
        Optional<String> commandLine,
        OptionalInt parentPid,
        Optional<SecurityIdentifier> userSid,
        Optional<Instant> startTime,
        Resolution resolution,
        boolean corroborated) {

    /** How a client process's details were found. */
    public enum Resolution {
        /** Only the PID from the trace is known; no enrichment was attempted or configured. */
        PID_ONLY,
        /** Found in the process table built from Kernel-Process start/stop events (start-key exact). */
        PROCESS_TABLE,
        /** Looked up on the live system (OpenProcess + QueryFullProcessImageNameW) while the process was running. */
        LIVE_LOOKUP,
        /** The process had already exited when the live lookup ran; only the PID is known. */
        EXITED,
        /** The lookup failed for another reason (access denied, not Windows, ...); only the PID is known. */
        LOOKUP_FAILED,
        /** The source names no client process at all. */
        UNKNOWN,
        /**
         * Found in process information the caller added for one boot of SCM history
         * ({@link io.etw4j.scm.history.BootProcesses}): the process of that PID in that boot that started last at or
         * before the act and had not exited before it.
         */
        BOOT_PROCESSES
    }

    /**
     * Creates the record (the canonical constructor).
     *
     * @param pid process id, or -1 when the source names no process
     * @param processStartKey process start key (unique for the boot), when known
     * @param imagePath full image path of the process, when known
     * @param commandLine command line, when known (from Kernel-Process start events)
     * @param parentPid parent process id, when known
     * @param userSid the process's user SID, when known
     * @param startTime process start time, when known
     * @param resolution how the enrichment was obtained
     * @param corroborated true when a second, documented trace confirms the call came from this process
     */
    public ClientProcess {
        Objects.requireNonNull(processStartKey, "processStartKey");
        Objects.requireNonNull(imagePath, "imagePath");
        Objects.requireNonNull(commandLine, "commandLine");
        Objects.requireNonNull(parentPid, "parentPid");
        Objects.requireNonNull(userSid, "userSid");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(resolution, "resolution");
    }

    /**
     * Creates a client that no second trace corroborates ({@code corroborated} false).
     *
     * @param pid process id, or -1 when the source names no process
     * @param processStartKey process start key (unique for the boot), when known
     * @param imagePath full image path of the process, when known
     * @param commandLine command line, when known (from Kernel-Process start events)
     * @param parentPid parent process id, when known
     * @param userSid the process's user SID, when known
     * @param startTime process start time, when known
     * @param resolution how the enrichment was obtained
     */
    public ClientProcess(int pid, OptionalLong processStartKey, Optional<String> imagePath,
            Optional<String> commandLine, OptionalInt parentPid, Optional<SecurityIdentifier> userSid,
            Optional<Instant> startTime, Resolution resolution) {
        this(pid, processStartKey, imagePath, commandLine, parentPid, userSid, startTime, resolution, false);
    }

    /**
     * {@return a client known only by the PID the trace reported}
     *
     * @param pid the process id from the trace
     */
    public static ClientProcess ofPid(int pid) {
        return new ClientProcess(pid, OptionalLong.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(),
                Optional.empty(), Optional.empty(), Resolution.PID_ONLY);
    }

    /** {@return a client that the source does not name} */
    public static ClientProcess unknown() {
        return new ClientProcess(-1, OptionalLong.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(),
                Optional.empty(), Optional.empty(), Resolution.UNKNOWN);
    }

    /**
     * {@return a copy with the given start key}
     *
     * @param key the process start key
     */
    public ClientProcess withProcessStartKey(long key) {
        return new ClientProcess(pid, OptionalLong.of(key), imagePath, commandLine, parentPid, userSid, startTime,
                resolution, corroborated);
    }

    /**
     * {@return a copy with the given resolution}
     *
     * @param r the resolution
     */
    public ClientProcess withResolution(Resolution r) {
        return new ClientProcess(pid, processStartKey, imagePath, commandLine, parentPid, userSid, startTime, r,
                corroborated);
    }

    /** {@return a copy marked corroborated by a second trace (see {@link #corroborated()})} */
    public ClientProcess asCorroborated() {
        return new ClientProcess(pid, processStartKey, imagePath, commandLine, parentPid, userSid, startTime,
                resolution, true);
    }

    /** {@return true if the trace named a process} */
    public boolean isKnown() {
        return pid >= 0;
    }
}
