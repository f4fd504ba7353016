package io.etw4j.core.internal.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link KernelClassGuids} against the cited values. Each expected GUID below is typed from its source, not taken from
 * the table: the [Guid] qualifier of the Microsoft MSNT_SystemTrace class page named in the comment (the same values
 * are the evntrace.h DEFINE_GUIDs on Microsoft's "NT Kernel Logger Constants" page), or, for groups Microsoft does not
 * document, fox-it/dissect.etl utils.py GROUP_GUID_MAP (reverse-engineered from sechost.dll). Group numbers are
 * ntwmi.h EVENT_TRACE_GROUP_* (notes §3.8); event types are the MOF EventType values of the pages named.
 */
class KernelClassGuidsTest {

    static final UUID EVENT_TRACE = UUID.fromString("68fdd900-4a3e-11d1-84f4-0000f80464e3"); // EventTraceGuid
    static final UUID DISK_IO = UUID.fromString("3d6fa8d4-fe05-11d0-9dda-00c04fd7ba7c"); // "DiskIo class"
    static final UUID PAGE_FAULT = UUID.fromString("3d6fa8d3-fe05-11d0-9dda-00c04fd7ba7c"); // "PageFault_V2 class"
    static final UUID PROCESS = UUID.fromString("3d6fa8d0-fe05-11d0-9dda-00c04fd7ba7c"); // "Process class"
    static final UUID FILE_IO = UUID.fromString("90cbdc39-4a3e-11d1-84f4-0000f80464e3"); // "FileIo class"
    static final UUID THREAD = UUID.fromString("3d6fa8d1-fe05-11d0-9dda-00c04fd7ba7c"); // "Thread class"
    static final UUID TCP_IP = UUID.fromString("9a280ac0-c8e0-11d1-84e2-00c04fb998a2"); // "TcpIp class"
    static final UUID UDP_IP = UUID.fromString("bf3a50c5-a9c9-4988-a005-2df0b7c80f80"); // "UdpIp class"
    static final UUID REGISTRY = UUID.fromString("ae53722e-c863-11d2-8659-00c04fa321a1"); // "Registry class"
    static final UUID SYSTEM_CONFIG = UUID.fromString("01853a65-418f-4f36-aefc-dc0f1d2fd235"); // "SystemConfig class"
    static final UUID PERF_INFO = UUID.fromString("ce1dbfb4-137e-4da6-87b0-3f59aa102cbc"); // "PerfInfo class"
    static final UUID IMAGE = UUID.fromString("2cb15d1d-5fc1-11d2-abe1-00a0c911f518"); // "Image class"
    static final UUID STACK_WALK = UUID.fromString("def2fe46-7bd6-4b80-bd94-f57fe20d0ce3"); // "StackWalk class"
    static final UUID ALPC = UUID.fromString("45d8cccd-539f-4b72-a8b7-5c683142609a"); // "ALPC class"
    static final UUID SPLIT_IO = UUID.fromString("d837ca92-12b9-44a5-ad6a-3a65b3578aa8"); // "SplitIo class"
    static final UUID SYSTEM_TRACE_CONTROL = UUID.fromString("9e814aad-3204-11d2-9a82-006008a86939"); // evntrace.h

    static UUID guidOf(int group) {
        return KernelClassGuids.group(group).guid();
    }

    @Test
    void documentedGroupsHaveTheirClassGuid() {
        assertThat(KernelClassGuids.group(0x00).guid()).isEqualTo(EVENT_TRACE);
        assertThat(KernelClassGuids.group(0x01).guid()).isEqualTo(DISK_IO);
        assertThat(KernelClassGuids.group(0x02).guid()).isEqualTo(PAGE_FAULT);
        assertThat(KernelClassGuids.group(0x03).guid()).isEqualTo(PROCESS);
        assertThat(KernelClassGuids.group(0x04).guid()).isEqualTo(FILE_IO);
        assertThat(KernelClassGuids.group(0x05).guid()).isEqualTo(THREAD);
        assertThat(KernelClassGuids.group(0x06).guid()).isEqualTo(TCP_IP);
        assertThat(KernelClassGuids.group(0x08).guid()).isEqualTo(UDP_IP);
        assertThat(KernelClassGuids.group(0x09).guid()).isEqualTo(REGISTRY);
        assertThat(KernelClassGuids.group(0x0B).guid()).isEqualTo(SYSTEM_CONFIG);
        assertThat(KernelClassGuids.group(0x0F).guid()).isEqualTo(PERF_INFO);
        assertThat(KernelClassGuids.group(0x14).guid()).isEqualTo(IMAGE);
        assertThat(KernelClassGuids.group(0x18).guid()).isEqualTo(STACK_WALK);
        assertThat(KernelClassGuids.group(0x1A).guid()).isEqualTo(ALPC);
        assertThat(KernelClassGuids.group(0x1B).guid()).isEqualTo(SPLIT_IO);
    }

    @Test
    void groupsKnownOnlyFromSechostTablesFollowDissectAndKrabsetw() {
        // dissect.etl GROUP_GUID_MAP; krabsetw kernel_guids.hpp agrees where it has the group (debug, pool_trace,
        // ob_trace, power, ums_event)
        assertThat(guidOf(0x07)).hasToString("3282fc76-feed-498e-8aa7-e70f459d430e");
        assertThat(guidOf(0x0A)).hasToString("13976d09-a327-438c-950b-7f03192815c7");
        assertThat(guidOf(0x0E)).hasToString("0268a8b6-74fd-4302-9dd0-6e8f1795c0cf");
        assertThat(guidOf(0x10)).hasToString("222962ab-6180-4b88-a825-346b75f2a24a");
        assertThat(guidOf(0x11)).hasToString("89497f50-effe-4440-8cf2-ce6b1cdcaca7");
        assertThat(guidOf(0x12)).hasToString("e43445e0-0903-48c3-b878-ff0fccebdd04");
        assertThat(guidOf(0x19)).hasToString("9aec974b-5b8e-4118-9b92-3186d8002ce5");
        assertThat(guidOf(0x1C)).hasToString("c861d0e2-a2c1-4d36-9f9c-970bab943a12");
        assertThat(guidOf(0x1E)).hasToString("2ce9a149-effe-42f0-a635-a1d39e26c8f2");
    }

    @Test
    void tableIsIndexedByGroupWithDistinctGuidsAndASourceEach() {
        List<KernelClassGuids.Entry> all = KernelClassGuids.groups();
        assertThat(all).hasSize(0x1F); // EVENT_TRACE_GROUP_HEADER 0x00 .. EVENT_TRACE_GROUP_HYPERVISORX 0x1E
        Set<UUID> seen = new HashSet<>();
        for (int g = 0; g < all.size(); g++) {
            KernelClassGuids.Entry e = all.get(g);
            assertThat(e.group()).isEqualTo(g);
            assertThat(e.source()).as("source of group %d", g).isNotBlank();
            assertThat(e.className()).isNotBlank();
            assertThat(seen.add(e.guid())).as("GUID of group %d is unique", g).isTrue();
            assertThat(e.guid()).isNotEqualTo(SYSTEM_TRACE_CONTROL);
        }
        assertThat(KernelClassGuids.group(0x1F)).isNull();
        assertThat(KernelClassGuids.group(-1)).isNull();
    }

    @Test
    void hooksMapByGroupWithTheProcessGroupImageLoadException() {
        assertThat(KernelClassGuids.classGuid(0x0005)).isEqualTo(EVENT_TRACE); // EventTrace Extension
        assertThat(KernelClassGuids.classGuid(0x0301)).isEqualTo(PROCESS); // Process Start (type 1)
        assertThat(KernelClassGuids.classGuid(0x0327)).isEqualTo(PROCESS); // Process Defunct (type 39)
        // group PROCESS, type 10 (EVENT_TRACE_TYPE_LOAD): an image load, per dissect.etl lookup_guid (sechost.dll)
        assertThat(KernelClassGuids.classGuid(0x030A)).isEqualTo(IMAGE);
        assertThat(KernelClassGuids.classGuid(0x140A)).isEqualTo(IMAGE); // Image Load ("Image_Load class", type 10)
        assertThat(KernelClassGuids.classGuid(0x0220)).isEqualTo(PAGE_FAULT); // HardFault, type 32 (PageFault_V2)
        assertThat(KernelClassGuids.classGuid(0x0262)).isEqualTo(PAGE_FAULT); // VirtualAlloc, type 98 (PageFault_V2)
        assertThat(KernelClassGuids.classGuid(0x0524)).isEqualTo(THREAD); // CSwitch, type 36
        assertThat(KernelClassGuids.classGuid(0x0532)).isEqualTo(THREAD); // ReadyThread, type 50 (TraceEvent)
        assertThat(KernelClassGuids.classGuid(0x0F2E)).isEqualTo(PERF_INFO); // SampledProfile, type 46
        assertThat(KernelClassGuids.classGuid(0x1820)).isEqualTo(STACK_WALK); // Stack, type 32 ("StackWalk class")
        assertThat(KernelClassGuids.classGuid(0x1F00)).isEqualTo(SYSTEM_TRACE_CONTROL); // beyond the table: unmapped
        assertThat(KernelClassGuids.classGuid(0xFF0A)).isEqualTo(SYSTEM_TRACE_CONTROL);
        assertThat(KernelClassGuids.UNMAPPED).isEqualTo(SYSTEM_TRACE_CONTROL);
    }
}
