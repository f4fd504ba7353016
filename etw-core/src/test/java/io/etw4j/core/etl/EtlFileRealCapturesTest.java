package io.etw4j.core.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventRecord;
import io.etw4j.core.ExtendedDataItem;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.internal.etl.Lzxpress;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link EtlFile} on the real captures in {@code ../shared/etl/} (see its README). Expected values come from the files'
 * own bytes, read by a small independent walker in this test ({@link #walk}), from the notes' recorded facts, and
 * for net.4.5.2.x64.etl from Microsoft TraceEvent's decoding in {@code net.4.5.2.x64.baseline.txt}; never from the
 * reader under test. Skipped, with the reason, when {@code shared/etl} is not beside the checkout.
 */
class EtlFileRealCapturesTest {

    static Path etlDir;

    @BeforeAll
    static void locate() {
        etlDir = findSharedEtl();
    }

    /** Per test, so each one is reported as skipped with the reason (a class-level abort is reported as 0 tests). */
    @BeforeEach
    void requireCaptures() {
        Assumptions.assumeTrue(etlDir != null,
                "shared/etl not found in the working directory or any parent (CI places ../shared beside the checkout)");
    }

    /** Walks up from the working directory to the first {@code shared/etl} directory. */
    static Path findSharedEtl() {
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path c = d.resolve("shared").resolve("etl");
            if (Files.isDirectory(c)) {
                return c;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ independent walker

    /** One record as the walker sees it, projected to what both sides must agree on. */
    record Walked(String kind, int pid, int tid, long raw, int processor, int payloadSize, String key) {
    }

    static String keyOf(EventRecord r) {
        switch (r.headerKind()) {
            case SYSTEM:
            case COMPACT:
            case PERFINFO:
                return String.format("hook=%04x", r.id());
            case EVENT:
                return r.providerId() + "/" + r.id();
            case CLASSIC:
            case INSTANCE:
                return r.providerId() + "/op" + r.descriptor().opcode();
            default:
                return "header";
        }
    }

    static Walked project(EventRecord r) {
        return new Walked(r.headerKind().name(), r.processId(), r.threadId(), r.rawTimestamp(), r.processorNumber(),
                r.payloadSize(), keyOf(r));
    }

    static UUID guidAt(ByteBuffer b, int p) {
        long d1 = b.getInt(p) & 0xFFFFFFFFL;
        long d2 = b.getShort(p + 4) & 0xFFFF;
        long d3 = b.getShort(p + 6) & 0xFFFF;
        return new UUID(d1 << 32 | d2 << 16 | d3, b.duplicate().order(ByteOrder.BIG_ENDIAN).getLong(p + 8));
    }

    /**
     * A deliberately plain walk of a file straight from the format notes (§3.1-3.4, §3.6): buffers by BufferSize,
     * compressed ones (BufferFlag 0x40) inflated with the MS-XCA decompressor (itself tested on the specification's
     * examples in LzxpressTest), records in [0x48, FilledBytes) 8-byte aligned, the marker's top byte 0xC0 and
     * header type, the fixed header sizes of the §3.3 table; the first record is the logfile header.
     */
    static List<Walked> walk(byte[] file) throws Exception {
        ByteBuffer f = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<Walked> out = new ArrayList<>();
        for (int off = 0; off + 0x48 <= file.length; ) {
            int size = f.getInt(off);
            if (size == 0) {
                break;
            }
            int filled = f.getInt(off + 0x30);
            byte[] buffer = new byte[filled];
            System.arraycopy(file, off, buffer, 0, 0x48);
            if ((f.getShort(off + 0x34) & 0x40) != 0) {
                int n = Lzxpress.decompress(file, off + 0x48, size - 0x48, buffer, 0x48, filled - 0x48);
                assertThat(n).isEqualTo(filled - 0x48);
            } else {
                System.arraycopy(file, off, buffer, 0, filled);
            }
            ByteBuffer b = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
            int end = filled;
            int proc = b.getShort(0x28) & 0xFFFF;
            for (int p = 0x48; p + 4 <= end; ) {
                int marker = b.getInt(p);
                if (marker == -1 || marker == 0) {
                    break;
                }
                assertThat(marker >>> 24).as("record marker at 0x%x", p).isEqualTo(0xC0);
                int type = (marker >>> 16) & 0xFF;
                int len;
                switch (type) {
                    case 0x01: case 0x02: case 0x03: case 0x04: { // SYSTEM / COMPACT
                        assertThat(b.getShort(p) & 0x8700).as("no PEBS/PMC extras in these files").isZero();
                        int fixed = type <= 0x02 ? 0x20 : 0x18;
                        len = b.getShort(p + 4) & 0xFFFF;
                        int hook = b.getShort(p + 6) & 0xFFFF;
                        String kind = out.isEmpty() ? "LOGFILE_HEADER" : type <= 0x02 ? "SYSTEM" : "COMPACT";
                        out.add(new Walked(kind, b.getInt(p + 0xC), b.getInt(p + 8), b.getLong(p + 0x10), proc,
                                len - fixed, out.isEmpty() ? "header" : String.format("hook=%04x", hook)));
                        break;
                    }
                    case 0x10: case 0x11: { // PERFINFO: no pid/tid
                        assertThat(b.getShort(p) & 0x8700).isZero();
                        len = b.getShort(p + 4) & 0xFFFF;
                        out.add(new Walked("PERFINFO", -1, -1, b.getLong(p + 8), proc, len - 0x10,
                                String.format("hook=%04x", b.getShort(p + 6) & 0xFFFF)));
                        break;
                    }
                    case 0x12: case 0x13: { // EVENT_HEADER; inline extended items when Flags & 1
                        len = b.getShort(p) & 0xFFFF;
                        int q = p + 0x50;
                        if ((b.getShort(p + 4) & 1) != 0) {
                            while (true) {
                                int linkage = b.getShort(q + 4);
                                q += (8 + (b.getShort(q + 6) & 0xFFFF) + 7) & ~7;
                                if ((linkage & 1) == 0) {
                                    break;
                                }
                            }
                        }
                        out.add(new Walked("EVENT", b.getInt(p + 0xC), b.getInt(p + 8), b.getLong(p + 0x10), proc,
                                p + len - q, guidAt(b, p + 0x18) + "/" + (b.getShort(p + 0x28) & 0xFFFF)));
                        break;
                    }
                    case 0x0A: case 0x14: { // classic EVENT_TRACE_HEADER: Class.Type (opcode) @4, Guid @0x18
                        len = b.getShort(p) & 0xFFFF;
                        out.add(new Walked("CLASSIC", b.getInt(p + 0xC), b.getInt(p + 8), b.getLong(p + 0x10), proc,
                                len - 0x30, guidAt(b, p + 0x18) + "/op" + (b.get(p + 4) & 0xFF)));
                        break;
                    }
                    default:
                        throw new AssertionError("walker meets header type 0x" + Integer.toHexString(type));
                }
                p += (len + 7) & ~7;
            }
            off += size;
        }
        return out;
    }

    static Map<String, Integer> countByKind(List<Walked> ws) {
        Map<String, Integer> m = new HashMap<>();
        for (Walked w : ws) {
            m.merge(w.kind(), 1, Integer::sum);
        }
        return m;
    }

    static List<EventRecord> readAll(EtlFile f) {
        return f.records().collectList().block();
    }

    /** Every record of an uncompressed capture read without errors and equal, field by field, to the walk. */
    static List<EventRecord> readAndCompareWithWalk(String name) throws Exception {
        Path path = etlDir.resolve(name);
        byte[] bytes = Files.readAllBytes(path);
        List<Walked> expected = walk(bytes);
        EtlFile f = EtlFile.open(path);
        List<EventRecord> records = readAll(f);
        assertThat(f.statistics().errors()).as(name + " errors").isEmpty();
        assertThat(records.stream().map(EtlFileRealCapturesTest::project)).containsExactlyElementsOf(expected);
        assertThat(f.statistics().records()).isEqualTo(records.size());
        // the converted time of every record: StartTime + (raw - header SystemTime) * 10^7 / PerfFreq, in 100 ns
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long startFt = b.getLong(0x48 + 0x20 + 0x108);
        long perfFreq = b.getLong(0x48 + 0x20 + 0x100);
        long origin = b.getLong(0x48 + 0x10);
        for (EventRecord r : records) {
            assertThat(r.timestamp()).isEqualTo(fileTime(startFt + BigInteger.valueOf(r.rawTimestamp() - origin)
                    .multiply(BigInteger.valueOf(10_000_000L)).divide(BigInteger.valueOf(perfFreq)).longValue()));
        }
        return records;
    }

    static Instant fileTime(long ft) {
        return Instant.ofEpochSecond(ft / 10_000_000L - 11_644_473_600L, (ft % 10_000_000L) * 100);
    }

    // ------------------------------------------------------------------ the captures

    @Test
    void amsiTrace() throws Exception {
        List<EventRecord> rs = readAndCompareWithWalk("AMSITrace.etl");
        LogfileHeader h = EtlFile.open(etlDir.resolve("AMSITrace.etl")).header();
        // notes §3.4 [E]: "AMSITraceSession", "c:\work\AMSITrace.etl", PointerSize 8, PerfFreq 10,000,000,
        // ReservedFlags 1; notes §3.5 [E]: start 2020-02-17 12:48:30.42, first event 12:48:57.75
        assertThat(h.loggerName()).isEqualTo("AMSITraceSession");
        assertThat(h.logFileName()).isEqualTo("c:\\work\\AMSITrace.etl");
        assertThat(h.pointerSize()).isEqualTo(8);
        assertThat(h.perfFreq()).isEqualTo(10_000_000L);
        assertThat(h.clockType()).isEqualTo(LogfileHeader.ClockType.QPC);
        assertThat(h.startTime().truncatedTo(ChronoUnit.MILLIS)).isEqualTo(Instant.parse("2020-02-17T12:48:30.420Z"));
        EventRecord firstEvent = rs.stream().filter(r -> r.headerKind() == HeaderKind.EVENT).findFirst().orElseThrow();
        assertThat(firstEvent.timestamp().truncatedTo(ChronoUnit.MILLIS).toString()).startsWith("2020-02-17T12:48:57.75");
        // notes §3.3 [E]: TraceLogging events (channel 11) with extended data (PROV_TRAITS names the provider)
        assertThat(firstEvent.descriptor().channel()).isEqualTo(11);
        byte[] traits = firstEvent.findExtendedData(ExtendedDataItem.PROV_TRAITS).orElseThrow().data();
        assertThat(new String(traits, 2, traits.length - 3, StandardCharsets.US_ASCII)).isEqualTo("AmsiTrace");
        assertThat(countByKind(rs.stream().map(EtlFileRealCapturesTest::project).toList()))
                .containsEntry("LOGFILE_HEADER", 1).containsKey("EVENT");
    }

    @Test
    void lxcoreKernel() throws Exception {
        List<EventRecord> rs = readAndCompareWithWalk("lxcore_kernel.etl");
        // README: the logfile header and two EVENT_HEADER records (plus one kernel group-0 record after the header)
        assertThat(rs.stream().filter(r -> r.headerKind() == HeaderKind.EVENT)).hasSize(2);
        LogfileHeader h = EtlFile.open(etlDir.resolve("lxcore_kernel.etl")).header();
        assertThat(h.loggerName()).isEqualTo("lxcore_kernel");
        assertThat(h.pointerSize()).isEqualTo(8);
        assertThat(h.clockType()).isEqualTo(LogfileHeader.ClockType.QPC);
    }

    @Test
    void shutdownPerfDiagLoggerInFileAndTimestampOrder() throws Exception {
        List<EventRecord> rs = readAndCompareWithWalk("ShutdownPerfDiagLogger.etl");
        Map<String, Integer> kinds = countByKind(rs.stream().map(EtlFileRealCapturesTest::project).toList());
        assertThat(kinds.keySet()).containsExactlyInAnyOrder("LOGFILE_HEADER", "SYSTEM", "PERFINFO");
        LogfileHeader h = EtlFile.open(etlDir.resolve("ShutdownPerfDiagLogger.etl")).header();
        assertThat(h.loggerName()).isEqualTo("PerfDiag Logger");
        assertThat(h.pointerSize()).isEqualTo(8);
        assertThat(h.perfFreq()).isEqualTo(10_000_000L);

        EtlFile merged = EtlFile.open(etlDir.resolve("ShutdownPerfDiagLogger.etl"),
                EtlReadOptions.defaults().withTimestampOrder(true));
        List<EventRecord> m = readAll(merged);
        assertThat(merged.statistics().errors()).isEmpty();
        assertThat(m.get(0).headerKind()).isEqualTo(HeaderKind.LOGFILE_HEADER);
        assertThat(m).containsExactlyInAnyOrderElementsOf(rs);
        for (int i = 2; i < m.size(); i++) {
            assertThat(m.get(i).rawTimestamp()).as("record %d", i).isGreaterThanOrEqualTo(m.get(i - 1).rawTimestamp());
        }
    }

    @Test
    void powershell() throws Exception {
        List<EventRecord> rs = readAndCompareWithWalk("powershell.etl");
        assertThat(rs.stream().filter(r -> r.headerKind() == HeaderKind.EVENT)).isNotEmpty();
        assertThat(EtlFile.open(etlDir.resolve("powershell.etl")).header().loggerName()).isEqualTo("usermode_trace");
    }

    // ------------------------------------------------------------------ the compressed capture

    /** One "EVENT" line of the TraceEvent baseline. */
    record BaselineEvent(String relativeMs, String name, int pid, int tid, int processor, int dataLen) {
    }

    static List<BaselineEvent> baselineEvents() throws IOException {
        Pattern p = Pattern.compile(
                "^EVENT ([\\d,.]+): (.*?) PID=(-?\\d+); TID=(-?\\d+); PName=.*?; ProceNum=(\\d+); DataLen=(\\d+);");
        List<BaselineEvent> out = new ArrayList<>();
        for (String line : Files.readAllLines(etlDir.resolve("net.4.5.2.x64.baseline.txt"), StandardCharsets.UTF_8)) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                out.add(new BaselineEvent(m.group(1).replace(",", ""), m.group(2), Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6))));
            }
        }
        return out;
    }

    static Map<String, Integer> baselineCounts() throws IOException {
        Map<String, Integer> out = new HashMap<>();
        for (String line : Files.readAllLines(etlDir.resolve("net.4.5.2.x64.baseline.txt"), StandardCharsets.UTF_8)) {
            if (line.startsWith("COUNT ")) {
                int c = line.lastIndexOf(':');
                out.put(line.substring(6, c), Integer.parseInt(line.substring(c + 1)));
            }
        }
        return out;
    }

    @Test
    void compressedNetCaptureAgainstTraceEventsBaseline() throws Exception {
        Path path = etlDir.resolve("net.4.5.2.x64.etl");
        byte[] bytes = Files.readAllBytes(path);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        // buffers and compressed buffers by walking the buffer headers (BufferSize @0, BufferFlag @0x34)
        int buffers = 0;
        int compressed = 0;
        for (int off = 0; off + 0x48 <= bytes.length && b.getInt(off) != 0; off += b.getInt(off)) {
            buffers++;
            compressed += (b.getShort(off + 0x34) & 0x40) != 0 ? 1 : 0;
        }
        assertThat(buffers).isEqualTo(360);
        assertThat(compressed).isEqualTo(359); // buffer 0 (the 0x200-byte header buffer) is not compressed

        EtlFile f = EtlFile.open(path);
        LogfileHeader h = f.header();
        // shared/etl/README and the baseline's first line (TraceEvent's rendering of the header event)
        assertThat(h.bufferSize()).isEqualTo(65_536);
        assertThat(h.version()).isEqualTo(131_590);
        assertThat(h.providerVersion()).isEqualTo(9_200);
        assertThat(h.numberOfProcessors()).isEqualTo(8);
        assertThat(h.logFileMode()).isEqualTo(0x04010001);
        assertThat(h.compressed()).isTrue();
        assertThat(h.pointerSize()).isEqualTo(8);
        assertThat(h.perfFreq()).isEqualTo(10_000_000L);
        assertThat(h.cpuSpeedMhz()).isEqualTo(3_592);
        assertThat(h.buffersWritten()).isEqualTo(360);
        assertThat(h.timerResolution()).isEqualTo(156_250);
        assertThat(h.maximumFileSize()).isEqualTo(500);
        assertThat(h.startBuffers()).isEqualTo(1);
        assertThat(h.eventsLost()).isZero();
        assertThat(h.buffersLost()).isZero();
        assertThat(h.reservedFlags()).isEqualTo(1);
        assertThat(h.clockType()).isEqualTo(LogfileHeader.ClockType.QPC);
        assertThat(h.loggerName()).isEqualTo("Relogger");
        assertThat(h.logFileName()).isEqualTo("[multiple files]");
        assertThat(h.timeZoneBiasMinutes()).isEqualTo(480); // UtcOffsetMinutes=480
        assertThat(h.startTime().toString()).startsWith("2020-07-29T00:07:00.62");
        assertThat(h.endTime().toString()).startsWith("2020-07-29T00:07:10.69");
        assertThat(h.bootTime().toString()).startsWith("2020-07-29T00:03:46.48");

        List<EventRecord> rs = readAll(f);
        assertThat(rs.stream().map(EtlFileRealCapturesTest::project)).containsExactlyElementsOf(walk(bytes));
        EtlReaderStatistics s = f.statistics();
        assertThat(s.errors()).isEmpty();
        assertThat(s.buffersRead()).isEqualTo(360);
        assertThat(s.buffersCompressed()).isEqualTo(359);
        assertThat(s.buffersMarkedLost()).isZero(); // EventsLost and BuffersLost are 0 in the header
        assertThat(s.records()).isEqualTo(rs.size());

        // 1. Each of the 480 events TraceEvent prints is there: same time relative to the header record (TraceEvent's
        //    TimeStampRelativeMSec, "n3"), same processor, same payload length (DataLen); for events with their own
        //    header (EVENT_HEADER, classic) also the same PID and TID (for kernel events TraceEvent substitutes
        //    PIDs from payloads, so those are not compared).
        long origin = b.getLong(0x48 + 0x10);
        long startFt = b.getLong(0x48 + 0x20 + 0x108);
        Map<String, List<EventRecord>> byKey = new HashMap<>();
        for (EventRecord r : rs) {
            String ms = new java.math.BigDecimal(r.rawTimestamp() - origin).movePointLeft(4)
                    .setScale(3, java.math.RoundingMode.HALF_UP).toPlainString();
            byKey.computeIfAbsent(ms + "|" + r.processorNumber() + "|" + r.payloadSize(), k -> new ArrayList<>()).add(r);
            // converted time: StartTime + (raw - origin) in 100 ns units (PerfFreq is 10 MHz)
            assertThat(r.timestamp()).isEqualTo(fileTime(startFt + (r.rawTimestamp() - origin)));
        }
        List<BaselineEvent> baseline = baselineEvents();
        assertThat(baseline).hasSize(480);
        int pidChecked = 0;
        for (BaselineEvent e : baseline) {
            List<EventRecord> match = byKey.get(e.relativeMs() + "|" + e.processor() + "|" + e.dataLen());
            assertThat(match).as("record for baseline %s", e).isNotNull();
            if (match.get(0).headerKind() == HeaderKind.EVENT) {
                assertThat(match).as("pid/tid of %s", e)
                        .anyMatch(r -> r.processId() == e.pid() && r.threadId() == e.tid());
                pidChecked++;
            }
        }
        assertThat(pidChecked).isGreaterThan(250);

        // 2. Counts. TraceEvent's 41,386 (sum of the COUNT lines) is not a count of records: its test histograms the
        //    events of a TraceLog conversion after filters (perfview GeneralParsing.cs): kernel events it decodes
        //    through the OS's MOF (provider MSNT_SystemTrace) are left out except two, dynamic DotNet and unparsed CLR
        //    private events are left out, and TraceLog folds stack-walk records into stacks. EtlFile emits every
        //    record (179,474 here, the logfile header included). So the comparison is per event kind, for the kinds
        //    that map one to one: kernel hook ids (group << 8 | opcode; groups from ntwmi.h EVENT_TRACE_GROUP_*,
        //    opcodes from the kernel MOF classes' EventType values), classic GUID + opcode, manifest GUID + id
        //    (CLR ids from the CLR ETW event documentation).
        Map<String, Integer> te = baselineCounts();
        Map<String, Long> ours = new HashMap<>();
        for (EventRecord r : rs) {
            ours.merge(keyOf(r), 1L, Long::sum);
        }
        String clr = "e13c0d23-ccbc-4e12-931b-d9cc2eee27e4/";
        String imageId = "b3e675d7-2554-4f18-830b-2762732560de/op";
        Object[][] table = {
            {"Windows Kernel/EventTrace/Extension", "hook=0005"},
            {"Windows Kernel/EventTrace/EndExtension", "hook=0020"},
            {"Windows Kernel/EventTrace/RundownComplete", "hook=0008"},
            {"Windows Kernel/DiskIO/Read", "hook=010a"},
            {"Windows Kernel/DiskIO/Write", "hook=010b"},
            {"Windows Kernel/DiskIO/ReadInit", "hook=010c"},
            {"Windows Kernel/DiskIO/WriteInit", "hook=010d"},
            {"Windows Kernel/DiskIO/FlushBuffers", "hook=010e"},
            {"Windows Kernel/DiskIO/FlushInit", "hook=010f"},
            {"Windows Kernel/Memory/HardFault", "hook=0220"},
            {"Windows Kernel/Process/Start", "hook=0301"},
            {"Windows Kernel/Process/Stop", "hook=0302"},
            {"Windows Kernel/Process/DCStart", "hook=0303"},
            {"Windows Kernel/Process/DCStop", "hook=0304"},
            {"Windows Kernel/Process/PerfCtr", "hook=0320"},
            {"Windows Kernel/Process/PerfCtrRundown", "hook=0321"},
            {"Windows Kernel/Process/Defunct", "hook=0327"},
            {"Windows Kernel/Image/Load", "hook=030a"},
            {"Windows Kernel/Image/Unload", "hook=1402"},
            {"Windows Kernel/Image/DCStart", "hook=1403"},
            {"Windows Kernel/Image/DCStop", "hook=1404"},
            {"Windows Kernel/Thread/Start", "hook=0501"},
            {"Windows Kernel/Thread/Stop", "hook=0502"},
            {"Windows Kernel/TcpIp/SendIPV6", "hook=061a"},
            {"Windows Kernel/TcpIp/RecvIPV6", "hook=061b"},
            {"Windows Kernel/UdpIp/Send", "hook=080a"},
            {"Windows Kernel/UdpIp/Recv", "hook=080b"},
            {"Windows Kernel/UdpIp/SendIPV6", "hook=081a"},
            {"Windows Kernel/UdpIp/RecvIPV6", "hook=081b"},
            {"Windows Kernel/SystemConfig/CPU", "hook=0b0a"},
            {"Windows Kernel/SystemConfig/PhyDisk", "hook=0b0b"},
            {"Windows Kernel/SystemConfig/LogDisk", "hook=0b0c"},
            {"Windows Kernel/SystemConfig/NIC", "hook=0b0d"},
            {"Windows Kernel/SystemConfig/Services", "hook=0b0f"},
            {"Windows Kernel/SystemConfig/Power", "hook=0b10"},
            {"Windows Kernel/SystemConfig/Network", "hook=0b11"},
            {"Windows Kernel/SystemConfig/PnP", "hook=0b16"},
            {"Windows Kernel/SystemConfig/IDEChannel", "hook=0b17"},
            {"MSNT_SystemTrace/SystemConfig/Platform", "hook=0b19"},
            {"Windows Kernel/PerfInfo/CollectionStart", "hook=0f49"},
            {"Windows Kernel/PerfInfo/CollectionEnd", "hook=0f4a"},
            {"KernelTraceControl/ImageID", imageId + 0},
            {"KernelTraceControl/ImageID/None", imageId + 32},
            {"KernelTraceControl/ImageID/DbgID_RSDS", imageId + 36},
            {"KernelTraceControl/ImageID/DbgID_ILRSDS", imageId + 37},
            {"KernelTraceControl/ImageID/FileVersion", imageId + 64},
            {"KernelTraceControl/MetaData/EventInfo", "bbccf6c1-6cd1-48c4-80ff-839482e37671/op32"},
            {"KernelTraceControl/MetaData/EventMapInfo", "bbccf6c1-6cd1-48c4-80ff-839482e37671/op33"},
            {"Windows Kernel/SysConfig/VolumeMapping", "9b79ee91-b5fd-41c0-a243-4248e266e9d0/op35"},
            {"Microsoft-Windows-Kernel-File/Create", "edd08927-9cc4-4e65-b970-c2560fb5c289/12"},
            {"Microsoft-Windows-DotNETRuntime/GC/Start", clr + 1},
            {"Microsoft-Windows-DotNETRuntime/GC/Stop", clr + 2},
            {"Microsoft-Windows-DotNETRuntime/GC/RestartEEStop", clr + 3},
            {"Microsoft-Windows-DotNETRuntime/GC/HeapStats", clr + 4},
            {"Microsoft-Windows-DotNETRuntime/GC/RestartEEStart", clr + 7},
            {"Microsoft-Windows-DotNETRuntime/GC/SuspendEEStop", clr + 8},
            {"Microsoft-Windows-DotNETRuntime/GC/SuspendEEStart", clr + 9},
            {"Microsoft-Windows-DotNETRuntime/GC/AllocationTick", clr + 10},
            {"Microsoft-Windows-DotNETRuntime/GC/FinalizersStop", clr + 13},
            {"Microsoft-Windows-DotNETRuntime/GC/FinalizersStart", clr + 14},
            {"Microsoft-Windows-DotNETRuntime/GC/GenerationRange", clr + 23},
            {"Microsoft-Windows-DotNETRuntime/GC/Triggered", clr + 35},
            {"Microsoft-Windows-DotNETRuntime/Method/LoadVerbose", clr + 143},
            {"Microsoft-Windows-DotNETRuntime/Method/UnloadVerbose", clr + 144},
            {"Microsoft-Windows-DotNETRuntime/Method/JittingStarted", clr + 145},
        };
        long compared = 0;
        for (Object[] row : table) {
            String name = (String) row[0];
            assertThat(te).as("baseline has %s", name).containsKey(name);
            assertThat(ours.getOrDefault((String) row[1], 0L)).as("%s (%s)", name, row[1])
                    .isEqualTo(te.get(name).longValue());
            compared += te.get(name);
        }
        assertThat(compared).as("records compared kind by kind").isGreaterThan(20_000);
        assertThat(te.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(41_386);
    }
}
