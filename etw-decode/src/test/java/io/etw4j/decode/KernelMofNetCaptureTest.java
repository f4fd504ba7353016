package io.etw4j.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.decode.testing.TraceEventBaseline;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every kernel record of {@code ../shared/etl/net.4.5.2.x64.etl} (Windows 8, x64) that the shipped kernel MOF table
 * has a class for, decoded, with its field errors counted per class and version ("Task/Opcode vN"). The classes made
 * for what this capture carries decode with no field error: DiskIo v3 (IssuingThreadId), TcpIp and UdpIp v2 (a
 * pointer-sized connid), StackWalk/Stack (frames to the end of the payload), SystemConfig PnP v4 (the filter lists)
 * and KernelTraceControl's SysConfig records. What remains is asserted exactly and printed with its reason: bytes
 * after a class's last property that no public source describes.
 */
class KernelMofNetCaptureTest {
    /**
     * The records per class and version with bytes after the class's last property, with the reason: trailing bytes,
     * not field errors (every kernel record with a class decodes with zero field errors).
     */
    static final Map<String, Integer> REMAINING = Map.of(
            "SystemConfig/Services v3", 157,
            "SystemConfig/CPU v3", 1,
            "PerfInfo/CollectionStart v3", 1,
            "PerfInfo/CollectionEnd v3", 1);
    static final Map<String, String> REASON = Map.of(
            "SystemConfig/Services v3", "bytes after ProcessName (they read as two more NUL-terminated UTF-16 "
                    + "strings, e.g. \"ProfSvc_Group\", \"netsvcs\"); neither \"SystemConfig_Services class\" nor "
                    + "TraceEvent's SystemConfigServicesTraceData names them",
            "SystemConfig/CPU v3", "20 bytes after HyperThreadingFlag; TraceEvent's SystemConfigCPUTraceData does "
                    + "not read them",
            "PerfInfo/CollectionStart v3", "12 bytes after OldInterval; TraceEvent's SampledProfileIntervalTraceData "
                    + "does not read them",
            "PerfInfo/CollectionEnd v3", "12 bytes after OldInterval; TraceEvent's SampledProfileIntervalTraceData "
                    + "does not read them");

    /** Classes that had field errors on this capture before their Windows 8 layouts, and the records each has. */
    static final Map<String, Integer> FIXED = new TreeMap<>(Map.ofEntries(
            Map.entry("DiskIo/Read v3", 1208), Map.entry("DiskIo/ReadInit v3", 1208),
            Map.entry("DiskIo/Write v3", 21), Map.entry("DiskIo/WriteInit v3", 21),
            Map.entry("DiskIo/FlushInit v3", 2), Map.entry("DiskIo/FlushBuffers v3", 2),
            Map.entry("TcpIp/RecvIPV6 v2", 250), Map.entry("TcpIp/SendIPV6 v2", 240),
            Map.entry("UdpIp/RecvIPV4 v2", 19), Map.entry("UdpIp/SendIPV4 v2", 1),
            Map.entry("UdpIp/RecvIPV6 v2", 10), Map.entry("UdpIp/SendIPV6 v2", 6),
            Map.entry("StackWalk/Stack v2", 252), Map.entry("SystemConfig/PnP v4", 78),
            Map.entry("SysConfig/BuildInfo v0", 1), Map.entry("SysConfig/SystemPaths v0", 1),
            Map.entry("SysConfig/UnknownVolume v0", 1), Map.entry("SysConfig/VolumeMapping v0", 9)));

    @Test
    void everyKernelRecordWithAClassDecodesWithTheExpectedFieldErrors() {
        Assumptions.assumeTrue(Files.isRegularFile(TraceEventBaseline.etlDir().resolve("net.4.5.2.x64.etl")),
                "../shared/etl is not beside the checkout");
        EventDecoder decoder = EventDecoder.builder().add(KernelMofSchemas.create()).build();
        Map<String, int[]> perClass = new TreeMap<>(); // records, records with errors, errors, with trailing bytes
        Map<String, Integer> withoutClass = new TreeMap<>();
        for (EventRecord r : TraceEventBaseline.records()) {
            if (r.headerKind() == HeaderKind.EVENT) {
                continue;
            }
            DecodedEvent d = decoder.decode(r);
            if (!d.isDecoded()) {
                withoutClass.merge(r.providerId() + " type " + r.descriptor().opcode() + " v"
                        + r.descriptor().version(), 1, Integer::sum);
                continue;
            }
            int[] c = perClass.computeIfAbsent(d.eventName().orElseThrow() + " v" + r.descriptor().version(),
                    k -> new int[4]);
            c[0]++;
            c[1] += d.errors().isEmpty() ? 0 : 1;
            c[2] += d.errors().size();
            c[3] += d.trailingBytes() > 0 ? 1 : 0;
        }

        System.out.println("net.4.5.2.x64.etl kernel records by MOF class (records / with errors / field errors):");
        perClass.forEach((k, c) -> System.out.printf(Locale.ROOT, "  %-32s %6d %6d %6d %6d%s%n", k, c[0], c[1], c[2],
                c[3], c[2] + c[3] == 0 ? "" : "  <- " + REASON.getOrDefault(k, "UNEXPECTED")));
        System.out.println("records without a class (no public layout used): " + withoutClass);

        FIXED.forEach((k, records) -> assertThat(perClass.get(k)).as(k).containsExactly(records, 0, 0, 0));
        perClass.forEach((k, c) -> {
            int expected = REMAINING.getOrDefault(k, 0);
            assertThat(c[2]).as("field errors of " + k).isZero();
            assertThat(c[3]).as("records with trailing bytes: " + k).isEqualTo(expected);
        });
        assertThat(perClass.keySet()).containsAll(REMAINING.keySet());
        assertThat(List.copyOf(perClass.keySet())).hasSizeGreaterThan(FIXED.size());
    }
}
