package io.etw4j.core.internal.etl;

import java.util.List;
import java.util.UUID;

/**
 * Kernel HookId &rarr; MOF event-class GUID: the ProviderId a consumer of OpenTrace/ProcessTrace sees in
 * EVENT_RECORD.EventHeader for a SYSTEM_TRACE_HEADER / COMPACT / PERFINFO record. When such a record is translated
 * for a consumer, "the Group is translated to a GUID to show as the ProviderId and the Type becomes the Opcode"
 * (Geoff Chappell, "Hook IDs For NT Kernel Logger Events"). The group is the HookId's high byte
 * (ntwmi.h EVENT_TRACE_GROUP_*).
 *
 * <p>Granularity: per group, with one per-hook exception, as the translation table in sechost.dll does according to
 * fox-it/dissect.etl {@code utils.py} {@code GROUP_GUID_MAP} / {@code lookup_guid} (reverse-engineered from
 * sechost.dll, citing Chappell's hook-id page): hook 0x030A (group PROCESS, type 10 = EVENT_TRACE_TYPE_LOAD) is an
 * image load (inferred: an older way of logging it; Microsoft's "Image class" and "Image_V0_Load class" pages give
 * image load event type 10) and maps to the Image class GUID. Every other hook of a group maps to its group's
 * class. Where the sources show a group holding several event kinds they agree on the one GUID: Microsoft's
 * "PageFault_V2 class" lists page faults, hard faults (type 32), image-load-backed faults (105) and VirtualAlloc
 * (98) under the MEMORY group's GUID, and TraceEvent's VirtualAllocTaskGuid is that GUID; TraceEvent's
 * ReadyThreadTaskGuid (ReadyThread, THREAD group) is the Thread GUID; stack walks are their own group STACKWALK
 * ("StackWalk class", event type 32).
 *
 * <p>Sources, per row: "MS: X class" is the Microsoft learn.microsoft.com MSNT_SystemTrace page whose MOF carries the
 * [Guid] qualifier; "evntrace.h" is the SDK DEFINE_GUID listed on Microsoft's "NT Kernel Logger Constants" page;
 * "TraceEvent" is microsoft/perfview KernelTraceEventParser.cs (*TaskGuid); "krabsetw" is microsoft/krabsetw
 * kernel_guids.hpp; "dissect" is fox-it/dissect.etl utils.py GROUP_GUID_MAP. Rows marked "single source" rest on
 * dissect.etl's reverse-engineered table alone (no Microsoft page found for them). Groups above 0x1E are unmapped:
 * SystemTraceControlGuid.
 *
 * <p>The real-time-only RT_LostEvent class ({6a399ae0-4bc6-4de9-870b-3657f8947e7e}, "RT_LostEvent class") is made by
 * the consumer, not logged with a HookId, so it never appears in a file and has no row here.
 *
 * <p>Immutable, stateless; thread-safe.
 */
public final class KernelClassGuids {

    /** One group's row: group number, MOF class name, class GUID and where the GUID comes from. */
    public record Entry(int group, String className, UUID guid, String source) {
    }

    /** SystemTraceControlGuid (evntrace.h): kept for hooks no source maps. */
    public static final UUID UNMAPPED = EtlLayout.SYSTEM_TRACE_CONTROL_GUID;

    /** Hook 0x030A: EVENT_TRACE_GROUP_PROCESS | EVENT_TRACE_TYPE_LOAD, an image load (dissect.etl lookup_guid). */
    public static final int HOOK_PROCESS_LOAD_IMAGE = 0x030A;

    private static final List<Entry> GROUPS = List.of(
            e(0x00, "EventTrace", "68fdd900-4a3e-11d1-84f4-0000f80464e3",
                    "evntrace.h EventTraceGuid; MS: EventTraceEvent class; krabsetw event_trace; dissect"),
            e(0x01, "DiskIo", "3d6fa8d4-fe05-11d0-9dda-00c04fd7ba7c",
                    "evntrace.h DiskIoGuid; MS: DiskIo class; TraceEvent DiskIoTaskGuid; krabsetw disk_io; dissect"),
            e(0x02, "PageFault", "3d6fa8d3-fe05-11d0-9dda-00c04fd7ba7c",
                    "evntrace.h PageFaultGuid; MS: PageFault_V2 class; TraceEvent PageFaultTaskGuid;"
                            + " krabsetw page_fault; dissect"),
            e(0x03, "Process", "3d6fa8d0-fe05-11d0-9dda-00c04fd7ba7c",
                    "evntrace.h ProcessGuid; MS: Process class; TraceEvent ProcessTaskGuid; krabsetw process; dissect"),
            e(0x04, "FileIo", "90cbdc39-4a3e-11d1-84f4-0000f80464e3",
                    "evntrace.h FileIoGuid; MS: FileIo class; TraceEvent FileIoTaskGuid; krabsetw file_io; dissect"),
            e(0x05, "Thread", "3d6fa8d1-fe05-11d0-9dda-00c04fd7ba7c",
                    "evntrace.h ThreadGuid; MS: Thread class; TraceEvent ThreadTaskGuid; krabsetw thread; dissect"),
            e(0x06, "TcpIp", "9a280ac0-c8e0-11d1-84e2-00c04fb998a2",
                    "evntrace.h TcpIpGuid; MS: TcpIp class; TraceEvent TcpIpTaskGuid; krabsetw tcp_ip; dissect"),
            e(0x07, "Job", "3282fc76-feed-498e-8aa7-e70f459d430e", "dissect JobGuid (single source)"),
            e(0x08, "UdpIp", "bf3a50c5-a9c9-4988-a005-2df0b7c80f80",
                    "evntrace.h UdpIpGuid; MS: UdpIp class; TraceEvent UdpIpTaskGuid; krabsetw udp_ip; dissect"),
            e(0x09, "Registry", "ae53722e-c863-11d2-8659-00c04fa321a1",
                    "evntrace.h RegistryGuid; MS: Registry class; TraceEvent RegistryTaskGuid; krabsetw registry;"
                            + " dissect"),
            e(0x0A, "DbgPrint", "13976d09-a327-438c-950b-7f03192815c7", "krabsetw debug; dissect DbgPrintGuid"),
            e(0x0B, "SystemConfig", "01853a65-418f-4f36-aefc-dc0f1d2fd235",
                    "evntrace.h EventTraceConfigGuid; MS: SystemConfig class; TraceEvent SystemConfigTaskGuid;"
                            + " krabsetw event_trace_config; dissect"),
            e(0x0C, "Spare1", "99134383-5248-43fc-834b-529454e75df3", "dissect EventTraceSpare1 (single source)"),
            e(0x0D, "Wnf", "42695762-ea50-497a-9068-5cbbb35e0b95", "dissect WnfGuid (single source)"),
            e(0x0E, "Pool", "0268a8b6-74fd-4302-9dd0-6e8f1795c0cf", "krabsetw pool_trace; dissect PoolGuid"),
            e(0x0F, "PerfInfo", "ce1dbfb4-137e-4da6-87b0-3f59aa102cbc",
                    "evntrace.h PerfInfoGuid; MS: PerfInfo class; TraceEvent PerfInfoTaskGuid; krabsetw perf_info;"
                            + " dissect"),
            e(0x10, "Heap", "222962ab-6180-4b88-a825-346b75f2a24a", "dissect HeapGuid (single source)"),
            e(0x11, "Object", "89497f50-effe-4440-8cf2-ce6b1cdcaca7", "krabsetw ob_trace; dissect ObjectGuid"),
            e(0x12, "Power", "e43445e0-0903-48c3-b878-ff0fccebdd04", "krabsetw power; dissect PowerGuid"),
            e(0x13, "ModBound", "a9152f00-3f58-4bee-92a1-70c7d079d5dd", "dissect ModBoundGuid (single source)"),
            e(0x14, "Image", "2cb15d1d-5fc1-11d2-abe1-00a0c911f518",
                    "evntrace.h ImageLoadGuid; MS: Image class; TraceEvent ImageTaskGuid; krabsetw image_load;"
                            + " dissect"),
            e(0x15, "Dpc", "b2d14872-7c5b-463d-8419-ee9bf7d23e04", "dissect DpcGuid (single source)"),
            e(0x16, "Cc", "7687a439-f752-45b8-b741-321aec0f8df9", "dissect CcGuid (single source)"),
            e(0x17, "CritSec", "3ac66736-cc59-4cff-8115-8df50e39816b", "dissect CritSecGuid (single source)"),
            e(0x18, "StackWalk", "def2fe46-7bd6-4b80-bd94-f57fe20d0ce3",
                    "MS: StackWalk class; TraceEvent StackWalkTaskGuid; krabsetw stack_walk; dissect"),
            e(0x19, "UmsEvent", "9aec974b-5b8e-4118-9b92-3186d8002ce5", "krabsetw ums_event; dissect UmsEventGuid"),
            e(0x1A, "ALPC", "45d8cccd-539f-4b72-a8b7-5c683142609a",
                    "evntrace.h ALPCGuid; MS: ALPC class; TraceEvent ALPCTaskGuid; krabsetw alpc; dissect"),
            e(0x1B, "SplitIo", "d837ca92-12b9-44a5-ad6a-3a65b3578aa8",
                    "evntrace.h SplitIoGuid; MS: SplitIo class; TraceEvent SplitIoTaskGuid; krabsetw split_io;"
                            + " dissect"),
            e(0x1C, "ThreadPool", "c861d0e2-a2c1-4d36-9f9c-970bab943a12", "dissect ThreadPoolGuid (single source)"),
            e(0x1D, "Hypervisor", "7f2a405c-69b5-4bf9-a1f5-30e8f1afab5e",
                    "dissect HypervisorTraceGuid (single source)"),
            e(0x1E, "HypervisorX", "2ce9a149-effe-42f0-a635-a1d39e26c8f2",
                    "dissect HypervisorXTraceGuid (single source)"));

    private KernelClassGuids() {
    }

    private static Entry e(int group, String name, String guid, String source) {
        return new Entry(group, name, UUID.fromString(guid), source);
    }

    /** Every mapped group, indexed by group number (0x00..0x1E). */
    public static List<Entry> groups() {
        return GROUPS;
    }

    /** The row of {@code group}, or null if the group is not mapped. */
    public static Entry group(int group) {
        return group >= 0 && group < GROUPS.size() ? GROUPS.get(group) : null;
    }

    /**
     * The event-class GUID a ProcessTrace consumer sees as ProviderId for a kernel record with this HookId
     * ({@code group << 8 | type}); {@link #UNMAPPED} (SystemTraceControlGuid) for a group no source maps.
     */
    public static UUID classGuid(int hookId) {
        int group = (hookId >>> 8) & 0xFF;
        if ((hookId & 0xFFFF) == HOOK_PROCESS_LOAD_IMAGE) {
            group = 0x14; // EVENT_TRACE_GROUP_IMAGE
        }
        Entry e = group(group);
        return e == null ? UNMAPPED : e.guid();
    }
}
