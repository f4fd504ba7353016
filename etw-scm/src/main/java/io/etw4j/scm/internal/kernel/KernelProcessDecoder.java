package io.etw4j.scm.internal.kernel;

import io.etw4j.core.EventRecord;
import io.etw4j.core.PayloadException;
import io.etw4j.core.PayloadReader;
import io.etw4j.core.SecurityIdentifier;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Decodes Microsoft-Windows-Kernel-Process ProcessStart, ProcessStop, ProcessRundown and ImageLoad payloads in pure
 * Java, from the field lists the provider's manifest publishes (no TDH), so that live sessions and .etl replays on any
 * OS decode alike. Stateless and thread-safe.
 *
 * <p>Strict by design: each (id, version) has one published layout, read field by field; a version not listed here, a
 * payload that ends early, or bytes left over after the last published field give
 * {@link KernelProcessRecord.Undecodable}, never a guessed field. Manifest versions of this provider do not only
 * append fields (ProcessStart v1 inserts Flags before ImageName, v3 inserts sequence numbers after ProcessID;
 * ProcessStop v2 inserts ProcessSequenceNumber after ProcessID), so an unknown version is not read as a prefix of a
 * known one, even when its payload happens to fit. The correlator counts each undecodable record per (event id,
 * version) and logs each pair once, so that this table can be extended from a dump of the new build's manifest.
 *
 * <p>Layouts (inType in brackets; UnicodeString = NUL-terminated UTF-16LE, AnsiString = NUL-terminated bytes,
 * FILETIME = 8 bytes, SID = a binary SID of 8 + 4 * SubAuthorityCount bytes, Pointer = the record's pointer size):
 * <pre>
 * ProcessStart v0   ProcessID[u32] CreateTime[FILETIME] ParentProcessID[u32] SessionID[u32] ImageName[sz]
 * ProcessStart v1   ProcessID CreateTime ParentProcessID SessionID Flags[u32] ImageName
 * ProcessStart v2   v1, then ImageChecksum[u32] TimeDateStamp[u32] PackageFullName[sz] PackageRelativeAppId[sz]
 *   (jdu2600/Windows10EtwEvents manifest/Microsoft-Windows-Kernel-Process.tsv, commit 8fe2f833)
 * ProcessStart v3   ProcessID ProcessSequenceNumber[u64] CreateTime ParentProcessID ParentProcessSequenceNumber[u64]
 *                   SessionID Flags ProcessTokenElevationType[u32] ProcessTokenIsElevated[u32] MandatoryLabel[SID]
 *                   ImageName ImageChecksum TimeDateStamp PackageFullName PackageRelativeAppId
 *   (OTRF/OSSEM .../Microsoft-Windows-Kernel-Process/events/event-1_v3.md)
 * ProcessStart v4   v3, then SecurityMitigations[u32]   (Windows 11 24H2, build 26100)
 *   (template ProcessStartArgs_V4 as quoted from the manifest in rabbitstack/fibratus
 *    pkg/event/param_decoder_windows.go; the detection-wiki Kernel-Process page lists the same fields;
 *    issue 9, from the provider's published manifests per build)
 * ProcessStart v5   v4, then PartitionID[u32] ProcessMachine[u16]   (26H1, build 28000)
 *   (issue 9, from the provider's published manifests per build)
 * ProcessRundown v0 = ProcessStart v2 layout (jdu2600 tsv, event 15 v0)
 * ProcessRundown v1 = ProcessStart v3 layout (OSSEM event-15_v1.md)
 * ProcessRundown v2 = ProcessStart v4 layout (issue 9, from the provider's published manifests per build)
 * ProcessRundown v3 = ProcessStart v5 layout (issue 9, from the provider's published manifests per build)
 * ProcessStop v0    ProcessID CreateTime ExitTime[FILETIME] ExitCode[u32] TokenElevationType[u32] HandleCount[u32]
 *                   CommitCharge[u64] CommitPeak[u64] ImageName[AnsiString]   (jdu2600 tsv)
 * ProcessStop v1    v0 through CommitPeak, then CPUCycleCount[u64] ReadOperationCount[u32] WriteOperationCount[u32]
 *                   ReadTransferKiloBytes[u32] WriteTransferKiloBytes[u32] HardFaultCount[u32] ImageName[AnsiString]
 *   (jdu2600 tsv; OSSEM event-2_v1.md)
 * ProcessStop v2    ProcessID ProcessSequenceNumber[u64], then v1 from CreateTime on   (Windows 10 1903)
 *   (OSSEM event-2_v2.md; issue 9, from the provider's published manifests per build)
 * ImageLoad v0      ImageBase[Pointer] ImageSize[Pointer] ProcessID[u32] ImageCheckSum[u32] TimeDateStamp[u32]
 *                   DefaultBase[Pointer] ImageName[sz]   (jdu2600 tsv; OSSEM event-5.md)
 * </pre>
 */
public final class KernelProcessDecoder {

    /**
     * Decodes {@code record} if it is a Kernel-Process event this decoder handles.
     *
     * @return empty if the record is from another provider or is another Kernel-Process event (threads, priorities,
     *         ...); otherwise the decoded record or {@link KernelProcessRecord.Undecodable}
     */
    public Optional<KernelProcessRecord> decode(EventRecord record) {
        if (!KernelProcessProvider.GUID.equals(record.providerId())) {
            return Optional.empty();
        }
        int id = record.id();
        if (id != KernelProcessProvider.PROCESS_START && id != KernelProcessProvider.PROCESS_STOP
                && id != KernelProcessProvider.IMAGE_LOAD && id != KernelProcessProvider.PROCESS_RUNDOWN) {
            return Optional.empty();
        }
        int version = record.descriptor().version();
        PayloadReader r = record.payloadReader();
        try {
            KernelProcessRecord decoded;
            if (id == KernelProcessProvider.PROCESS_START) {
                decoded = processStart(r, version, false, record);
            } else if (id == KernelProcessProvider.PROCESS_RUNDOWN) {
                int layout = rundownLayout(version);
                decoded = layout < 0 ? unknownVersion(id, version, record) : processStart(r, layout, true, record);
            } else if (id == KernelProcessProvider.PROCESS_STOP) {
                decoded = processStop(r, version, record);
            } else {
                decoded = version == 0 ? imageLoad(r, record) : unknownVersion(id, version, record);
            }
            if (!(decoded instanceof KernelProcessRecord.Undecodable) && r.hasRemaining()) {
                return Optional.of(new KernelProcessRecord.Undecodable(id, version, r.remaining()
                        + " byte(s) left after the last published field of v" + version, record));
            }
            return Optional.of(decoded);
        } catch (PayloadException e) {
            return Optional.of(new KernelProcessRecord.Undecodable(id, version, e.getMessage(), record));
        }
    }

    /**
     * The ProcessStart version whose layout ProcessRundown {@code version} has, or -1 for a version with no known
     * layout: v0 = v2, v1 = v3 (jdu2600 tsv, OSSEM), v2 = v4, v3 = v5 (issue 9, from the provider's published
     * manifests per build).
     */
    static int rundownLayout(int version) {
        switch (version) {
            case 0:
                return 2;
            case 1:
                return 3;
            case 2:
                return 4;
            case 3:
                return 5;
            default:
                return -1;
        }
    }

    private static KernelProcessRecord processStart(PayloadReader r, int version, boolean rundown, EventRecord rec) {
        if (version < 0 || version > 5) {
            return unknownVersion(KernelProcessProvider.PROCESS_START, version, rec);
        }
        int pid = (int) r.u32();
        OptionalLong seq = version >= 3 ? OptionalLong.of(r.u64()) : OptionalLong.empty();
        Instant created = r.fileTime();
        int ppid = (int) r.u32();
        OptionalLong parentSeq = version >= 3 ? OptionalLong.of(r.u64()) : OptionalLong.empty();
        long session = r.u32();
        OptionalLong flags = version >= 1 ? OptionalLong.of(r.u32()) : OptionalLong.empty();
        OptionalLong elevationType = OptionalLong.empty();
        OptionalLong elevated = OptionalLong.empty();
        Optional<SecurityIdentifier> label = Optional.empty();
        if (version >= 3) {
            elevationType = OptionalLong.of(r.u32());
            elevated = OptionalLong.of(r.u32());
            label = Optional.of(r.sid());
        }
        String image = r.utf16z();
        OptionalLong checksum = OptionalLong.empty();
        OptionalLong stamp = OptionalLong.empty();
        Optional<String> pkg = Optional.empty();
        Optional<String> app = Optional.empty();
        if (version >= 2) {
            checksum = OptionalLong.of(r.u32());
            stamp = OptionalLong.of(r.u32());
            pkg = Optional.of(r.utf16z());
            app = Optional.of(r.utf16z());
        }
        OptionalLong mitigations = version >= 4 ? OptionalLong.of(r.u32()) : OptionalLong.empty();
        OptionalLong partition = OptionalLong.empty();
        OptionalInt machine = OptionalInt.empty();
        if (version >= 5) {
            partition = OptionalLong.of(r.u32());
            machine = OptionalInt.of(r.u16());
        }
        return new KernelProcessRecord.ProcessStart(pid, seq, created, ppid, parentSeq, session, flags, elevationType,
                elevated, label, image, checksum, stamp, pkg, app, mitigations, partition, machine, rundown, rec);
    }

    private static KernelProcessRecord processStop(PayloadReader r, int version, EventRecord rec) {
        if (version < 0 || version > 2) {
            return unknownVersion(KernelProcessProvider.PROCESS_STOP, version, rec);
        }
        int pid = (int) r.u32();
        OptionalLong seq = version >= 2 ? OptionalLong.of(r.u64()) : OptionalLong.empty();
        Instant created = r.fileTime();
        Instant exited = r.fileTime();
        long exitCode = r.u32();
        r.u32(); // TokenElevationType
        r.u32(); // HandleCount
        r.u64(); // CommitCharge
        r.u64(); // CommitPeak
        if (version >= 1) {
            r.u64(); // CPUCycleCount
            r.skip(5 * 4); // Read/WriteOperationCount, Read/WriteTransferKiloBytes, HardFaultCount
        }
        String image = r.ansiz();
        return new KernelProcessRecord.ProcessStop(pid, seq, created, exited, exitCode, image, rec);
    }

    private static KernelProcessRecord imageLoad(PayloadReader r, EventRecord rec) {
        long base = r.pointer();
        long size = r.pointer();
        int pid = (int) r.u32();
        long checksum = r.u32();
        long stamp = r.u32();
        long defaultBase = r.pointer();
        String image = r.utf16z();
        return new KernelProcessRecord.ImageLoad(base, size, pid, checksum, stamp, defaultBase, image, rec);
    }

    private static KernelProcessRecord unknownVersion(int id, int version, EventRecord rec) {
        return new KernelProcessRecord.Undecodable(id, version, "Kernel-Process event " + id + " version " + version
                + " has no published layout known to etw4j", rec);
    }
}
