package io.etw4j.scm.internal.correlation;

import static io.etw4j.core.testing.LeBytes.le;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.scm.internal.kernel.KernelProcessProvider;
import io.etw4j.scm.internal.services.ServicesProvider;
import java.time.Instant;

/**
 * Test fixture: EventRecords whose payloads are built field by field from the published manifest layouts cited in
 * KernelProcessRecords and ServicesRecords (each method names the event, version and field order it writes). The
 * header fields are what a 64-bit Windows session delivers for such events: EVENT_HEADER_FLAG_64_BIT_HEADER (0x40),
 * level 4 (win:Informational), the manifest's opcode, task and keyword.
 */
public final class PublishedLayouts {
    /** S-1-16-12288 (High Mandatory Level): revision 1, 1 subauthority, authority 16, subauthority 0x3000. */
    public static final byte[] HIGH_INTEGRITY_SID = {1, 1, 0, 0, 0, 0, 0, 16, 0x00, 0x30, 0x00, 0x00};

    /** The PID the Services records are logged from (services.exe); any value, it is not read as a client. */
    public static final int SERVICES_EXE = 700;

    private PublishedLayouts() {
    }

    static EventRecord record(java.util.UUID provider, int id, int version, int opcode, int task, long keyword,
            int loggerPid, Instant t, byte[] payload) {
        return EventRecord.builder()
                .providerId(provider)
                .descriptor(new EventDescriptor(id, version, 0, 4, opcode, task, keyword))
                .flags(EventRecord.FLAG_64_BIT_HEADER)
                .processId(loggerPid)
                .threadId(loggerPid + 4)
                .timestamp(t)
                .payload(payload)
                .build();
    }

    /**
     * Kernel-Process ProcessStart v4: ProcessID u32, ProcessSequenceNumber u64, CreateTime FILETIME, ParentProcessID
     * u32, ParentProcessSequenceNumber u64, SessionID u32, Flags u32, ProcessTokenElevationType u32 (2 = full),
     * ProcessTokenIsElevated u32 (1), MandatoryLabel SID (High), ImageName sz, ImageChecksum u32, TimeDateStamp u32,
     * PackageFullName sz (""), PackageRelativeAppId sz (""), SecurityMitigations u32. Opcode 1 (win:Start), task 1,
     * keyword 0x10. Logged by the parent (inferred), so the header PID is the parent's.
     */
    public static EventRecord processStartV4(int pid, long seq, Instant created, int ppid, long parentSeq,
            String image) {
        byte[] p = le().u32(pid).u64(seq).fileTime(created).u32(ppid).u64(parentSeq).u32(1).u32(0).u32(2).u32(1)
                .raw(HIGH_INTEGRITY_SID).utf16z(image).u32(0x23D2D).u32(0x4E0C0A88).utf16z("").utf16z("")
                .u32(0).bytes();
        return record(KernelProcessProvider.GUID, 1, 4, 1, 1, KernelProcessProvider.KEYWORD_PROCESS, ppid, created,
                p);
    }

    /**
     * Kernel-Process ProcessRundown v3 (event 15, keyword 0x10), which has the ProcessStart v5 layout (issue 9, from
     * the provider's published manifests per build): the ProcessStart v4 fields as in {@link #processStartV4}, then
     * PartitionID u32 (1) and ProcessMachine u16 (0x8664). {@code loggedAt} is when the state was captured (after
     * {@code created}: the process was already running). Header PID, task and opcode are not read by any decoder:
     * the values written (PID 4, task 15, opcode 0) are placeholders, not published values.
     */
    public static EventRecord processRundownV3(int pid, long seq, Instant created, int ppid, long parentSeq,
            String image, Instant loggedAt) {
        byte[] p = le().u32(pid).u64(seq).fileTime(created).u32(ppid).u64(parentSeq).u32(1).u32(0).u32(2).u32(1)
                .raw(HIGH_INTEGRITY_SID).utf16z(image).u32(0x23D2D).u32(0x4E0C0A88).utf16z("").utf16z("")
                .u32(0).u32(1).u16(0x8664).bytes();
        return record(KernelProcessProvider.GUID, 15, 3, 0, 15, KernelProcessProvider.KEYWORD_PROCESS, 4, loggedAt,
                p);
    }

    /** Kernel-Process ProcessStart v0: ProcessID, CreateTime, ParentProcessID, SessionID, ImageName. */
    public static EventRecord processStartV0(int pid, Instant created, int ppid, String image) {
        byte[] p = le().u32(pid).fileTime(created).u32(ppid).u32(1).utf16z(image).bytes();
        return record(KernelProcessProvider.GUID, 1, 0, 1, 1, KernelProcessProvider.KEYWORD_PROCESS, ppid, created,
                p);
    }

    /**
     * Kernel-Process ProcessStop v2: ProcessID u32, ProcessSequenceNumber u64, CreateTime, ExitTime, ExitCode u32,
     * TokenElevationType u32, HandleCount u32, CommitCharge u64, CommitPeak u64, CPUCycleCount u64,
     * ReadOperationCount, WriteOperationCount, ReadTransferKiloBytes, WriteTransferKiloBytes, HardFaultCount (u32
     * each), ImageName AnsiString. Opcode 2 (win:Stop), task 2. Logged by the exiting process (inferred).
     */
    public static EventRecord processStopV2(int pid, long seq, Instant created, Instant exited, long exitCode,
            String shortImage) {
        byte[] p = le().u32(pid).u64(seq).fileTime(created).fileTime(exited).u32(exitCode).u32(1).u32(42)
                .u64(1 << 20).u64(2 << 20).u64(123_456_789L).u32(1).u32(2).u32(3).u32(4).u32(5).ansiz(shortImage)
                .bytes();
        return record(KernelProcessProvider.GUID, 2, 2, 2, 2, KernelProcessProvider.KEYWORD_PROCESS, pid, exited, p);
    }

    /**
     * Kernel-Process ImageLoad v0: ImageBase Pointer, ImageSize Pointer, ProcessID u32, ImageCheckSum u32,
     * TimeDateStamp u32, DefaultBase Pointer, ImageName sz. Task 5, keyword 0x40. A driver load (ProcessID 0) is
     * logged from a system worker thread of the System process (header PID 4, inferred).
     */
    public static EventRecord imageLoadV0(long base, long size, int pid, String image, Instant t) {
        byte[] p = le().pointer(base, 8).pointer(size, 8).u32(pid).u32(0x1F2E3).u32(0x5F000000).pointer(0x140000000L, 8)
                .utf16z(image).bytes();
        return record(KernelProcessProvider.GUID, 5, 0, 0, 5, KernelProcessProvider.KEYWORD_IMAGE,
                pid == 0 ? 4 : pid, t, p);
    }

    /**
     * Microsoft-Windows-Services 204 ServiceStart v0: ServiceName sz, ServiceHostName sz, ClientProcessStartKey u64,
     * ClientProcessId u32, ParentProcessId u32. Task 202 (ServiceStart), keyword 0x400000.
     */
    public static EventRecord serviceStart204(String service, String host, long key, int pid, int ppid, Instant t) {
        byte[] p = le().utf16z(service).utf16z(host).u64(key).u32(pid).u32(ppid).bytes();
        return record(ServicesProvider.GUID, 204, 0, 0, 202, ServicesProvider.KEYWORD_SERVICE_START, SERVICES_EXE, t,
                p);
    }

    /**
     * Microsoft-Windows-Services 205 ServiceStart205 v0: ServiceName, LoadOrderGroup, SvchostGroup (sz each),
     * IsCritical, IsUserService, IsOwnProcess (win:Boolean, 4 bytes each), ClientProcessStartKey u64, ClientProcessId
     * u32, ParentProcessId u32.
     */
    public static EventRecord serviceStart205(String service, String group, boolean critical, long key, int pid,
            int ppid, Instant t) {
        byte[] p = le().utf16z(service).utf16z(group).utf16z("").u32(critical ? 1 : 0).u32(0).u32(1).u64(key).u32(pid)
                .u32(ppid).bytes();
        return record(ServicesProvider.GUID, 205, 0, 0, 202, ServicesProvider.KEYWORD_SERVICE_START, SERVICES_EXE, t,
                p);
    }

    /**
     * Microsoft-Windows-Services 200 SendControl v0: ServiceName sz, DisplayName sz, ControlCode u32,
     * ClientProcessStartKey u64, ClientProcessId u32, ParentProcessId u32. Task 200, keyword 0x100000.
     */
    public static EventRecord sendControl200(String service, String display, int control, long key, int pid, int ppid,
            Instant t) {
        byte[] p = le().utf16z(service).utf16z(display).u32(control).u64(key).u32(pid).u32(ppid).bytes();
        return record(ServicesProvider.GUID, 200, 0, 0, 200, ServicesProvider.KEYWORD_CONTROL, SERVICES_EXE, t, p);
    }

    /**
     * Microsoft-Windows-Services 201 ServiceConfigChange v0: ServiceName sz, NewStartType u32, ClientProcessStartKey
     * u64, ClientProcessId u32, ParentProcessId u32. Task 201, keyword 0x200000.
     */
    public static EventRecord configChange201(String service, int startType, long key, int pid, int ppid, Instant t) {
        byte[] p = le().utf16z(service).u32(startType).u64(key).u32(pid).u32(ppid).bytes();
        return record(ServicesProvider.GUID, 201, 0, 0, 201, ServicesProvider.KEYWORD_CONFIG_CHANGE, SERVICES_EXE, t,
                p);
    }

    /** Microsoft-Windows-Services 202/203 v0: ServiceName sz, NewValueName sz, key u64, pid u32, ppid u32. */
    public static EventRecord configChange202(int id, String service, String valueName, long key, int pid, int ppid,
            Instant t) {
        byte[] p = le().utf16z(service).utf16z(valueName).u64(key).u32(pid).u32(ppid).bytes();
        return record(ServicesProvider.GUID, id, 0, 0, 201, ServicesProvider.KEYWORD_CONFIG_CHANGE, SERVICES_EXE, t,
                p);
    }

    /**
     * Microsoft-Windows-Services 105 ServiceStatusChange v0: ExecutionPhase u32, CurrentState u32, StartType u32, PID
     * u32, ServiceName sz, ImageName sz. Task 105, opcode 101 (StatusChange), keyword 0x10000.
     */
    public static EventRecord statusChange105(int phase, int state, int startType, int pid, String service,
            String image, Instant t) {
        byte[] p = le().u32(phase).u32(state).u32(startType).u32(pid).utf16z(service).utf16z(image).bytes();
        return record(ServicesProvider.GUID, 105, 0, 101, 105, ServicesProvider.KEYWORD_PERFORMANCE, SERVICES_EXE, t,
                p);
    }
}
