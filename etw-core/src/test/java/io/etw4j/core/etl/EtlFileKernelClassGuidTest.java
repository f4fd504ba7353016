package io.etw4j.core.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Kernel records of a real capture carry the event-class GUID a ProcessTrace consumer sees as ProviderId.
 * ShutdownPerfDiagLogger.etl ({@code ../shared/etl}, a kernel-logger capture: SYSTEM64 + PERFINFO64 records) holds
 * process (group 0x03), thread (0x05) and image (0x14) hooks plus group-0 EventTrace records. The expected
 * hook-to-class correspondence is this test's own, from the sources: groups from ntwmi.h EVENT_TRACE_GROUP_* (notes
 * §3.8); GUIDs from the [Guid] qualifier of Microsoft's "Process class", "Thread class", "Image class" pages and
 * evntrace.h EventTraceGuid; hook 0x030A (group PROCESS, type 10 = EVENT_TRACE_TYPE_LOAD) as an Image event from
 * fox-it/dissect.etl lookup_guid (sechost.dll). That last one is also checked against the file's bytes: its payloads
 * have the "Image_Load class" layout. Skipped, with the reason, when {@code shared/etl} is not beside the checkout.
 */
class EtlFileKernelClassGuidTest {

    static final UUID EVENT_TRACE = UUID.fromString("68fdd900-4a3e-11d1-84f4-0000f80464e3");
    static final UUID PROCESS = UUID.fromString("3d6fa8d0-fe05-11d0-9dda-00c04fd7ba7c");
    static final UUID THREAD = UUID.fromString("3d6fa8d1-fe05-11d0-9dda-00c04fd7ba7c");
    static final UUID IMAGE = UUID.fromString("2cb15d1d-5fc1-11d2-abe1-00a0c911f518");
    // further TraceEvent KernelTraceEventParser *TaskGuid values (= Microsoft's class pages / evntrace.h)
    static final UUID DISK_IO = UUID.fromString("3d6fa8d4-fe05-11d0-9dda-00c04fd7ba7c");
    static final UUID MEMORY = UUID.fromString("3d6fa8d3-fe05-11d0-9dda-00c04fd7ba7c");
    static final UUID TCP_IP = UUID.fromString("9a280ac0-c8e0-11d1-84e2-00c04fb998a2");
    static final UUID UDP_IP = UUID.fromString("bf3a50c5-a9c9-4988-a005-2df0b7c80f80");
    static final UUID SYSTEM_CONFIG = UUID.fromString("01853a65-418f-4f36-aefc-dc0f1d2fd235");
    static final UUID PERF_INFO = UUID.fromString("ce1dbfb4-137e-4da6-87b0-3f59aa102cbc");

    /** The expected class of a hook, from the sources named in the class comment. */
    static UUID expectedClass(int hookId) {
        if (hookId == 0x030A) {
            return IMAGE;
        }
        switch (hookId >>> 8) {
            case 0x00:
                return EVENT_TRACE;
            case 0x03:
                return PROCESS;
            case 0x05:
                return THREAD;
            case 0x14:
                return IMAGE;
            default:
                return null;
        }
    }

    static List<EventRecord> shutdownPerfDiagLogger() {
        Path dir = EtlFileRealCapturesTest.findSharedEtl();
        Assumptions.assumeTrue(dir != null, "shared/etl not found in the working directory or any parent"
                + " (CI places ../shared beside the checkout)");
        return EtlFile.open(dir.resolve("ShutdownPerfDiagLogger.etl")).records().collectList().block();
    }

    @Test
    void processThreadAndImageRecordsCarryTheirClassGuid() {
        List<EventRecord> rs = shutdownPerfDiagLogger();

        Map<UUID, Integer> byClass = new HashMap<>();
        int kernel = 0;
        for (EventRecord r : rs) {
            HeaderKind k = r.headerKind();
            if (k != HeaderKind.SYSTEM && k != HeaderKind.COMPACT && k != HeaderKind.PERFINFO) {
                continue;
            }
            kernel++;
            UUID expected = expectedClass(r.id());
            assertThat(expected).as("hook 0x%04x is one of the groups this capture is known to hold", r.id())
                    .isNotNull();
            assertThat(r.providerId()).as("provider of hook 0x%04x", r.id()).isEqualTo(expected);
            // what a live consumer sees as Opcode: the hook's type (low byte)
            assertThat(r.descriptor().opcode()).isEqualTo(r.id() & 0xFF);
            byClass.merge(r.providerId(), 1, Integer::sum);
        }
        assertThat(kernel).isGreaterThan(17_000);
        assertThat(byClass.get(PROCESS)).isPositive();
        assertThat(byClass.get(THREAD)).isPositive();
        assertThat(byClass.get(IMAGE)).isPositive();
        assertThat(byClass.get(EVENT_TRACE)).isPositive();
    }

    /**
     * The 0x030A records hold an Image_Load payload ("Image_Load class": ImageBase, ImageSize (pointers), ProcessId,
     * ImageCheckSum, TimeDateStamp, Reserved0 (u32), DefaultBase (pointer), Reserved1-4 (u32), FileName), so on this
     * 64-bit capture FileName, a NUL-terminated UTF-16 module path (ending .dll, .exe or .sys), starts at
     * 8 + 8 + 4 * 4 + 8 + 4 * 4 = 0x38, as in the group-IMAGE DCStart records (0x1403). This agrees with the
     * sechost.dll table (dissect.etl) that gives the hook the Image class.
     */
    @Test
    void processGroupLoadRecordsHoldImageLoadPayloads() {
        List<EventRecord> rs = shutdownPerfDiagLogger();
        int checked = 0;
        for (EventRecord r : rs) {
            if (r.headerKind() == HeaderKind.SYSTEM && (r.id() == 0x030A || r.id() == 0x1403)) {
                byte[] p = r.payload();
                assertThat(p.length).isGreaterThan(0x3A);
                String name = fileName(p, 0x38);
                assertThat(name).as("FileName of hook 0x%04x", r.id()).matches("(?i)\\\\[^\\x00]+\\.(dll|exe|sys)");
                if (r.id() == 0x030A) {
                    assertThat(r.providerId()).isEqualTo(IMAGE);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(50);
    }

    /**
     * Microsoft's TraceEvent reads .etl files through OpenTrace/ProcessTrace (its ETWTraceEventSource; the baseline
     * was made by TraceEvent's own tests) and names each kernel event from the EVENT_RECORD's ProviderId and Opcode
     * alone: it registers kernel events as (task GUID, opcode) with event id 0xFFFF (KernelTraceEventParser.cs, e.g.
     * ReadyThread: ReadyThreadTaskGuid, opcode 50). So for each "Windows Kernel/Task/Opcode" count in the baseline,
     * the records this reader gives that task's GUID and that opcode must number the same. Opcodes are the EventType
     * values of the Microsoft class pages (Process_V2_TypeGroup1, Image_Load, DiskIo_TypeGroup1, TcpIp_TypeGroup1,
     * UdpIp_TypeGroup1, SystemConfig classes ...). "Image/Load" (35) is made of hook 0x030A records here (asserted
     * below), so it shows what ProcessTrace does with hook 0x030A: the Image class, as sechost.dll's table has it
     * (dissect.etl).
     */
    @Test
    void compressedNetCaptureMatchesTraceEventsProviderAndOpcodeCounts() throws IOException {
        Path dir = EtlFileRealCapturesTest.findSharedEtl();
        Assumptions.assumeTrue(dir != null, "shared/etl not found in the working directory or any parent"
                + " (CI places ../shared beside the checkout)");
        Map<String, Integer> te = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("net.4.5.2.x64.baseline.txt"), StandardCharsets.UTF_8)) {
            if (line.startsWith("COUNT ")) {
                int c = line.lastIndexOf(':');
                te.put(line.substring(6, c), Integer.parseInt(line.substring(c + 1)));
            }
        }
        Object[][] kinds = {
            {"Windows Kernel/EventTrace/Extension", EVENT_TRACE, 5},
            {"Windows Kernel/EventTrace/RundownComplete", EVENT_TRACE, 8},
            {"Windows Kernel/EventTrace/EndExtension", EVENT_TRACE, 32},
            {"Windows Kernel/DiskIO/Read", DISK_IO, 10},
            {"Windows Kernel/DiskIO/Write", DISK_IO, 11},
            {"Windows Kernel/DiskIO/ReadInit", DISK_IO, 12},
            {"Windows Kernel/DiskIO/WriteInit", DISK_IO, 13},
            {"Windows Kernel/DiskIO/FlushBuffers", DISK_IO, 14},
            {"Windows Kernel/DiskIO/FlushInit", DISK_IO, 15},
            {"Windows Kernel/Memory/HardFault", MEMORY, 32},
            {"Windows Kernel/Process/Start", PROCESS, 1},
            {"Windows Kernel/Process/Stop", PROCESS, 2},
            {"Windows Kernel/Process/DCStart", PROCESS, 3},
            {"Windows Kernel/Process/DCStop", PROCESS, 4},
            {"Windows Kernel/Process/PerfCtr", PROCESS, 32},
            {"Windows Kernel/Process/PerfCtrRundown", PROCESS, 33},
            {"Windows Kernel/Process/Defunct", PROCESS, 39},
            {"Windows Kernel/Image/Load", IMAGE, 10},
            {"Windows Kernel/Image/Unload", IMAGE, 2},
            {"Windows Kernel/Image/DCStart", IMAGE, 3},
            {"Windows Kernel/Image/DCStop", IMAGE, 4},
            {"Windows Kernel/Thread/Start", THREAD, 1},
            {"Windows Kernel/Thread/Stop", THREAD, 2},
            {"Windows Kernel/TcpIp/SendIPV6", TCP_IP, 26},
            {"Windows Kernel/TcpIp/RecvIPV6", TCP_IP, 27},
            {"Windows Kernel/UdpIp/Send", UDP_IP, 10},
            {"Windows Kernel/UdpIp/Recv", UDP_IP, 11},
            {"Windows Kernel/UdpIp/SendIPV6", UDP_IP, 26},
            {"Windows Kernel/UdpIp/RecvIPV6", UDP_IP, 27},
            {"Windows Kernel/SystemConfig/CPU", SYSTEM_CONFIG, 10},
            {"Windows Kernel/SystemConfig/PhyDisk", SYSTEM_CONFIG, 11},
            {"Windows Kernel/SystemConfig/LogDisk", SYSTEM_CONFIG, 12},
            {"Windows Kernel/SystemConfig/NIC", SYSTEM_CONFIG, 13},
            {"Windows Kernel/SystemConfig/Services", SYSTEM_CONFIG, 15},
            {"Windows Kernel/SystemConfig/Power", SYSTEM_CONFIG, 16},
            {"Windows Kernel/SystemConfig/Network", SYSTEM_CONFIG, 17},
            {"Windows Kernel/SystemConfig/PnP", SYSTEM_CONFIG, 22},
            {"Windows Kernel/SystemConfig/IDEChannel", SYSTEM_CONFIG, 23},
            {"MSNT_SystemTrace/SystemConfig/Platform", SYSTEM_CONFIG, 25},
            {"Windows Kernel/PerfInfo/CollectionStart", PERF_INFO, 73},
            {"Windows Kernel/PerfInfo/CollectionEnd", PERF_INFO, 74},
        };
        Map<String, Integer> ours = new HashMap<>();
        int hook030a = 0;
        for (EventRecord r : EtlFile.open(dir.resolve("net.4.5.2.x64.etl")).records().toIterable()) {
            ours.merge(r.providerId() + "/" + r.descriptor().opcode(), 1, Integer::sum);
            hook030a += r.headerKind() == HeaderKind.SYSTEM && r.id() == 0x030A ? 1 : 0;
        }
        assertThat(hook030a).isEqualTo(te.get("Windows Kernel/Image/Load")).isEqualTo(35);
        for (Object[] k : kinds) {
            assertThat(te).as("baseline has %s", k[0]).containsKey((String) k[0]);
            assertThat(ours.getOrDefault(k[1] + "/" + k[2], 0)).as("%s as (%s, opcode %s)", k[0], k[1], k[2])
                    .isEqualTo(te.get((String) k[0]));
        }
    }

    private static String fileName(byte[] p, int off) {
        ByteBuffer b = ByteBuffer.wrap(p).order(ByteOrder.LITTLE_ENDIAN);
        int end = off;
        while (end + 1 < p.length && b.getShort(end) != 0) {
            end += 2;
        }
        return new String(p, off, end - off, StandardCharsets.UTF_16LE);
    }
}
