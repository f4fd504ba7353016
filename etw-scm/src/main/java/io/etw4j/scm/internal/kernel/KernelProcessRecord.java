package io.etw4j.scm.internal.kernel;

import io.etw4j.core.EventRecord;
import io.etw4j.core.SecurityIdentifier;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A Microsoft-Windows-Kernel-Process record as {@link KernelProcessRecords} builds it from the fields etw-decode
 * decoded with etw-scm's shipped manifest: one of the three events the process table and the driver-load join need,
 * or {@link Undecodable} when the record is one of them but its version is not declared there or its payload does not
 * have the declared shape. Immutable.
 *
 * <p>Fields a version does not carry are empty; nothing is guessed.
 */
public sealed interface KernelProcessRecord {

    /** The record this was decoded from. */
    EventRecord source();

    /**
     * ProcessStart (id 1) or ProcessRundown (id 15): a process exists from {@code createTime}. A rundown record
     * describes a process that was already running; the provider logs rundown records only when the session asks it
     * to log its state (EnableTraceEx2 with EVENT_CONTROL_CODE_CAPTURE_STATE, "Requests that the provider log its
     * state information", EnableTraceEx2 doc / evntrace.h), so a session that never requests capture state
     * sees none.
     *
     * @param processId                   ProcessID
     * @param sequenceNumber              ProcessSequenceNumber (v3+ of ProcessStart, v1+ of ProcessRundown)
     * @param createTime                  CreateTime (FILETIME)
     * @param parentProcessId             ParentProcessID
     * @param parentSequenceNumber        ParentProcessSequenceNumber (same versions as sequenceNumber)
     * @param sessionId                   SessionID
     * @param flags                       Flags (v1+)
     * @param tokenElevationType          ProcessTokenElevationType (v3+)
     * @param tokenIsElevated             ProcessTokenIsElevated (v3+), non-zero = elevated
     * @param mandatoryLabel              MandatoryLabel SID, the integrity level (v3+)
     * @param imageName                   ImageName, as the kernel reports it (usually \Device\HarddiskVolumeN\...)
     * @param imageChecksum               ImageChecksum (v2+)
     * @param timeDateStamp               TimeDateStamp of the image (v2+)
     * @param packageFullName             PackageFullName (v2+; empty string for non-packaged processes)
     * @param packageRelativeAppId        PackageRelativeAppId (v2+)
     * @param securityMitigations         SecurityMitigations (v4+ of ProcessStart, v2+ of ProcessRundown)
     * @param partitionId                 PartitionID (v5 of ProcessStart, v3 of ProcessRundown; unconfirmed
     *                                    layout, see the shipped manifest)
     * @param processMachine              ProcessMachine, a u16 (v5 of ProcessStart, v3 of ProcessRundown; unconfirmed
     *                                    layout, see the shipped manifest);
     *                                    read as an IMAGE_FILE_MACHINE_* value (winnt.h) of the process's
     *                                    architecture (inferred meaning: the manifest gives only name and type)
     * @param rundown                     true for a ProcessRundown record (the process was already running)
     * @param source                      the record
     */
    record ProcessStart(int processId, OptionalLong sequenceNumber, Instant createTime, int parentProcessId,
            OptionalLong parentSequenceNumber, long sessionId, OptionalLong flags, OptionalLong tokenElevationType,
            OptionalLong tokenIsElevated, Optional<SecurityIdentifier> mandatoryLabel, String imageName,
            OptionalLong imageChecksum, OptionalLong timeDateStamp, Optional<String> packageFullName,
            Optional<String> packageRelativeAppId, OptionalLong securityMitigations, OptionalLong partitionId,
            OptionalInt processMachine, boolean rundown, EventRecord source) implements KernelProcessRecord {
        public ProcessStart {
            Objects.requireNonNull(sequenceNumber, "sequenceNumber");
            Objects.requireNonNull(createTime, "createTime");
            Objects.requireNonNull(parentSequenceNumber, "parentSequenceNumber");
            Objects.requireNonNull(flags, "flags");
            Objects.requireNonNull(tokenElevationType, "tokenElevationType");
            Objects.requireNonNull(tokenIsElevated, "tokenIsElevated");
            Objects.requireNonNull(mandatoryLabel, "mandatoryLabel");
            Objects.requireNonNull(imageName, "imageName");
            Objects.requireNonNull(imageChecksum, "imageChecksum");
            Objects.requireNonNull(timeDateStamp, "timeDateStamp");
            Objects.requireNonNull(packageFullName, "packageFullName");
            Objects.requireNonNull(packageRelativeAppId, "packageRelativeAppId");
            Objects.requireNonNull(securityMitigations, "securityMitigations");
            Objects.requireNonNull(partitionId, "partitionId");
            Objects.requireNonNull(processMachine, "processMachine");
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * ProcessStop (id 2): the process exited.
     *
     * @param processId      ProcessID
     * @param sequenceNumber ProcessSequenceNumber (v2+)
     * @param createTime     CreateTime
     * @param exitTime       ExitTime
     * @param exitCode       ExitCode (an NTSTATUS or the process's exit code, as an unsigned 32-bit value)
     * @param imageName      ImageName: an ANSI string, the short image file name (decoded as ISO-8859-1)
     * @param source         the record
     */
    record ProcessStop(int processId, OptionalLong sequenceNumber, Instant createTime, Instant exitTime,
            long exitCode, String imageName, EventRecord source) implements KernelProcessRecord {
        public ProcessStop {
            Objects.requireNonNull(sequenceNumber, "sequenceNumber");
            Objects.requireNonNull(createTime, "createTime");
            Objects.requireNonNull(exitTime, "exitTime");
            Objects.requireNonNull(imageName, "imageName");
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * ImageLoad (id 5): an image was mapped. Drivers arrive with process id 0.
     *
     * @param imageBase     ImageBase (pointer-sized)
     * @param imageSize     ImageSize (pointer-sized)
     * @param processId     ProcessID the image was loaded into (0 for kernel images)
     * @param imageChecksum ImageCheckSum
     * @param timeDateStamp TimeDateStamp of the PE header
     * @param defaultBase   DefaultBase (pointer-sized)
     * @param imageName     ImageName, as the kernel reports it
     * @param source        the record
     */
    record ImageLoad(long imageBase, long imageSize, int processId, long imageChecksum, long timeDateStamp,
            long defaultBase, String imageName, EventRecord source) implements KernelProcessRecord {
        public ImageLoad {
            Objects.requireNonNull(imageName, "imageName");
            Objects.requireNonNull(source, "source");
        }

        /** True for a kernel image (a driver): the kernel reports those with process id 0. */
        public boolean isKernelImage() {
            return processId == 0;
        }
    }

    /**
     * A record with a handled event id that could not be decoded: unknown version, short payload, or trailing bytes
     * the published layout does not have. No field of it is trusted.
     *
     * @param eventId    the event id
     * @param version    the event version
     * @param reason     what did not fit
     * @param source     the record
     */
    record Undecodable(int eventId, int version, String reason, EventRecord source) implements KernelProcessRecord {
        public Undecodable {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(source, "source");
        }
    }
}
