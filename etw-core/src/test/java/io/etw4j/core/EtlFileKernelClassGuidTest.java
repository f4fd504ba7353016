package io.etw4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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

    private static String fileName(byte[] p, int off) {
        ByteBuffer b = ByteBuffer.wrap(p).order(ByteOrder.LITTLE_ENDIAN);
        int end = off;
        while (end + 1 < p.length && b.getShort(end) != 0) {
            end += 2;
        }
        return new String(p, off, end - off, StandardCharsets.UTF_16LE);
    }
}
