package io.etw4j.core.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.ExtendedDataItem;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.PayloadReader;
import io.etw4j.core.testing.LeBytes;
import io.etw4j.core.testing.SyntheticEtl;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

/** {@link EtlFile} on images built by {@link SyntheticEtl} from the format's definition. */
class EtlFileTest {

    /** An example message GUID (not SCM's real one, which the project has not confirmed). */
    static final UUID MESSAGE_GUID = UUID.fromString("1a2b3c4d-5e6f-4a0b-8c1d-2e3f40516273");
    static final UUID PROVIDER = UUID.fromString("ebcca1c2-ab46-4a1d-8c2a-906c2ff25f39");

    /**
     * The seed payload of SCM message 0x28 (shared/seed/scm-etw-article.md): service name as UTF-16LE with its NUL,
     * the client PID bytes {@code e4 0d 00 00} (0x0DE4 = 3556, not the article's 3356), then the image path as
     * UTF-16LE with its NUL. The article does not print the two strings; these are example values.
     */
    static byte[] seedPayload() {
        return LeBytes.le().utf16z("EvilSvc").raw(0xe4, 0x0d, 0x00, 0x00).utf16z("C:\\Windows\\Temp\\evil.sys")
                .bytes();
    }

    @Test
    void wppSeedMessageReadsBackWithEveryHeaderField() {
        SyntheticEtl etl = new SyntheticEtl().loggerName("scm").logFileName("C:\\scm.etl");
        long qpc = etl.startQpc() + 12_345_678L; // 1.2345678 s after StartTime at 10 MHz
        byte[] image = etl.message(m -> m.guid(MESSAGE_GUID).number(0x28).sequence(7).timestamp(qpc)
                .systemInfo(664, 1234).payload(seedPayload())).build();

        EtlFile file = EtlFile.of(ByteBuffer.wrap(image));
        List<EventRecord> records = file.records().collectList().block(Duration.ofSeconds(10));

        assertThat(records).hasSize(2);
        EventRecord header = records.get(0);
        assertThat(header.headerKind()).isEqualTo(HeaderKind.LOGFILE_HEADER);
        assertThat(header.providerId()).isEqualTo(UUID.fromString("68fdd900-4a3e-11d1-84f4-0000f80464e3"));
        assertThat(header.timestamp()).isEqualTo(etl.startTime());

        EventRecord m = records.get(1);
        assertThat(m.headerKind()).isEqualTo(HeaderKind.MESSAGE);
        assertThat(m.isTraceMessage()).isTrue();
        assertThat(m.flags()).isEqualTo(EventRecord.FLAG_TRACE_MESSAGE | EventRecord.FLAG_64_BIT_HEADER);
        assertThat(m.providerId()).isEqualTo(MESSAGE_GUID);
        assertThat(m.id()).isEqualTo(0x28);
        assertThat(m.descriptor()).isEqualTo(new EventDescriptor(0x28, 0, 0, 0, 0, 0, 7L));
        assertThat(m.processId()).isEqualTo(664);
        assertThat(m.threadId()).isEqualTo(1234);
        assertThat(m.rawTimestamp()).isEqualTo(qpc);
        assertThat(m.timestamp()).isEqualTo(Instant.parse("2024-01-02T03:04:06.234567800Z"));
        assertThat(m.processorNumber()).isZero();
        assertThat(m.activityId()).isEqualTo(EventRecord.NULL_GUID);
        assertThat(m.extendedData()).isEmpty();
        assertThat(m.payload()).isEqualTo(seedPayload());
        PayloadReader r = m.payloadReader();
        assertThat(r.utf16z()).isEqualTo("EvilSvc");
        assertThat(r.u32()).isEqualTo(3556L);
        assertThat(r.utf16z()).isEqualTo("C:\\Windows\\Temp\\evil.sys");
        assertThat(r.hasRemaining()).isFalse();

        LogfileHeader h = file.header();
        assertThat(h.loggerName()).isEqualTo("scm");
        assertThat(h.logFileName()).isEqualTo("C:\\scm.etl");
        assertThat(h.pointerSize()).isEqualTo(8);
        assertThat(h.perfFreq()).isEqualTo(10_000_000L);
        assertThat(h.clockType()).isEqualTo(LogfileHeader.ClockType.QPC);
        assertThat(h.startTime()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
        assertThat(h.bufferSize()).isEqualTo(0x10000);
        assertThat(h.buffersWritten()).isEqualTo(1);
        assertThat(h.headerTimestamp()).isEqualTo(etl.startQpc());
        assertThat(h.header64()).isTrue();
    }

    @Test
    void messageOptionalFieldsFollowTheFlags() {
        SyntheticEtl etl = new SyntheticEtl().newBuffer(2, 1_000_500_000L);
        byte[] image = etl
                .message(m -> m.componentId(0x00ABCDEF).number(3).noTimestamp().pointer32().payload(new byte[] {9}))
                .message(m -> m.guid(MESSAGE_GUID).number(4).timestamp(1_000_600_000L))
                .build();
        List<EventRecord> rs = EtlFile.of(ByteBuffer.wrap(image)).records().skip(1).collectList().block();

        EventRecord noTime = rs.get(0);
        assertThat(noTime.rawTimestamp()).as("no TIMESTAMP: the buffer's").isEqualTo(1_000_500_000L);
        assertThat(noTime.timestamp()).as("500,000 ticks = 50 ms after StartTime")
                .isEqualTo(Instant.parse("2024-01-02T03:04:05.050Z"));
        assertThat(noTime.processId()).isEqualTo(-1);
        assertThat(noTime.threadId()).isEqualTo(-1);
        assertThat(noTime.providerId()).isEqualTo(UUID.fromString("00abcdef-0000-0000-0000-000000000000"));
        assertThat(noTime.flags()).isEqualTo(EventRecord.FLAG_TRACE_MESSAGE | EventRecord.FLAG_32_BIT_HEADER);
        assertThat(noTime.pointerSize()).isEqualTo(4);
        assertThat(noTime.descriptor().keyword()).as("no SEQUENCE").isZero();
        assertThat(noTime.processorNumber()).isEqualTo(2);
        assertThat(noTime.payload()).containsExactly(9);

        EventRecord second = rs.get(1);
        assertThat(second.providerId()).isEqualTo(MESSAGE_GUID);
        assertThat(second.rawTimestamp()).isEqualTo(1_000_600_000L);
        assertThat(second.payloadSize()).isZero();
    }

    @Test
    void eventHeaderRecordKeepsEveryFieldAndItsInlineExtendedData() {
        UUID activity = UUID.fromString("01020304-0506-0708-090a-0b0c0d0e0f10");
        byte[] startKey = {1, 0, 0, 0, 0, 0, 0, 0x20};
        byte[] odd = {1, 2, 3, 4, 5};
        SyntheticEtl etl = new SyntheticEtl();
        long qpc = etl.startQpc() + 7;
        byte[] image = etl.event(e -> e.provider(PROVIDER).id(7045).version(1).channel(8).level(2).opcode(3)
                        .task(0x1234).keyword(0x8000000000000001L).flags(0x0200).eventProperty(0x8)
                        .processId(3556).threadId(42).timestamp(qpc).activityId(activity)
                        .extendedData(ExtendedDataItem.PROCESS_START_KEY, startKey)
                        .extendedData(0x77, odd)
                        .payload("payload".getBytes(StandardCharsets.US_ASCII)))
                .build();
        EventRecord e = EtlFile.of(ByteBuffer.wrap(image)).records().elementAt(1).block();

        assertThat(e.headerKind()).isEqualTo(HeaderKind.EVENT);
        assertThat(e.providerId()).isEqualTo(PROVIDER);
        assertThat(e.descriptor()).isEqualTo(new EventDescriptor(7045, 1, 8, 2, 3, 0x1234, 0x8000000000000001L));
        // written Flags 0x0200 | EXTENDED_INFO; the reader adds 64_BIT_HEADER from header type 0x13
        assertThat(e.flags()).isEqualTo(0x0200 | EventRecord.FLAG_EXTENDED_INFO | EventRecord.FLAG_64_BIT_HEADER);
        assertThat(e.eventProperty()).isEqualTo(0x8);
        assertThat(e.processId()).isEqualTo(3556);
        assertThat(e.threadId()).isEqualTo(42);
        assertThat(e.rawTimestamp()).isEqualTo(qpc);
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-01-02T03:04:05.000000700Z"));
        assertThat(e.activityId()).isEqualTo(activity);
        assertThat(e.extendedData()).containsExactly(
                new ExtendedDataItem(ExtendedDataItem.PROCESS_START_KEY, startKey), new ExtendedDataItem(0x77, odd));
        assertThat(e.processStartKey()).hasValue(0x2000000000000001L);
        assertThat(new String(e.payload(), StandardCharsets.US_ASCII)).isEqualTo("payload");
    }

    @Test
    void header32EventGetsThe32BitFlag() {
        byte[] image = new SyntheticEtl().event(e -> e.header32().payload(new byte[] {1, 2, 3, 4})).build();
        EventRecord e = EtlFile.of(ByteBuffer.wrap(image)).records().elementAt(1).block();
        assertThat(e.flags()).isEqualTo(EventRecord.FLAG_32_BIT_HEADER);
        assertThat(e.pointerSize()).isEqualTo(4);
    }

    @Test
    void qpcTicksAreConvertedExactlyAndRoundedDown() {
        // PerfFreq 3,579,545 (the ACPI PM timer rate). 2 s + 1 tick: 1 tick = 10^7/3,579,545 = 2.79 units of
        // 100 ns, so FILETIME = StartTime + 20,000,000 + 2 (rounded toward minus infinity).
        SyntheticEtl etl = new SyntheticEtl().perfFreq(3_579_545L);
        long qpc = etl.startQpc() + 2 * 3_579_545L + 1;
        long before = etl.startQpc() - 1; // one tick before the header: -2.79 -> -3 units
        byte[] image = etl.event(e -> e.timestamp(qpc)).event(e -> e.timestamp(before)).build();
        List<EventRecord> rs = EtlFile.of(ByteBuffer.wrap(image)).records().collectList().block();
        assertThat(rs.get(1).timestamp()).isEqualTo(Instant.parse("2024-01-02T03:04:07.000000200Z"));
        assertThat(rs.get(2).timestamp()).isEqualTo(Instant.parse("2024-01-02T03:04:04.999999700Z"));
    }

    @Test
    void timestampOrderMergesTheProcessorsBuffers() {
        SyntheticEtl etl = new SyntheticEtl();
        long t0 = etl.startQpc();
        etl.newBuffer(1);
        for (long t : new long[] {10, 30, 50}) {
            etl.event(e -> e.id((int) t).timestamp(t0 + t));
        }
        etl.newBuffer(2);
        for (long t : new long[] {20, 40, 60}) {
            etl.event(e -> e.id((int) t).timestamp(t0 + t));
        }
        etl.newBuffer(1);
        etl.event(e -> e.id(70).timestamp(t0 + 70));
        byte[] image = etl.build();

        List<Integer> fileOrder = EtlFile.of(ByteBuffer.wrap(image)).records().skip(1).map(EventRecord::id)
                .collectList().block();
        assertThat(fileOrder).containsExactly(10, 30, 50, 20, 40, 60, 70);

        EtlFile merged = EtlFile.of(ByteBuffer.wrap(image), EtlReadOptions.defaults().withTimestampOrder(true));
        List<EventRecord> rs = merged.records().collectList().block();
        assertThat(rs.get(0).headerKind()).isEqualTo(HeaderKind.LOGFILE_HEADER);
        assertThat(rs.stream().skip(1).map(EventRecord::id).collect(Collectors.toList()))
                .containsExactly(10, 20, 30, 40, 50, 60, 70);
        assertThat(rs.stream().skip(1).map(EventRecord::processorNumber).collect(Collectors.toList()))
                .containsExactly(1, 2, 1, 2, 1, 2, 1);
        assertThat(merged.statistics().buffersRead()).isEqualTo(4);
        assertThat(merged.statistics().records()).isEqualTo(8);
    }

    @Test
    void recordsIsColdAndEachReadHasItsOwnStatistics(@TempDir Path dir) {
        Path file = new SyntheticEtl().bufferSize(0x400).event(e -> e.payload(new byte[0x200]))
                .event(e -> e.payload(new byte[0x200])).writeTo(dir.resolve("two.etl"));
        EtlFile etl = EtlFile.open(file);
        assertThat(etl.statistics()).isEqualTo(EtlReaderStatistics.EMPTY);
        List<EventRecord> first = etl.records().collectList().block();
        List<EventRecord> second = etl.records().collectList().block();
        assertThat(first).hasSize(3).isEqualTo(second);
        EtlReaderStatistics s = etl.statistics();
        assertThat(s.records()).isEqualTo(3);
        // buffer 0: header record; buffers 1 and 2: one 0x250-byte record each (0x400 - 0x48 holds only one)
        assertThat(s.buffersRead()).isEqualTo(3);
        assertThat(s.bytesRead()).as("each whole buffer read once").isEqualTo(3 * 0x400);
        assertThat(s.errors()).isEmpty();
    }

    @Test
    void backpressureReadsOnlyWhatIsRequested(@TempDir Path dir) {
        SyntheticEtl etl = new SyntheticEtl();
        for (int i = 0; i < 5; i++) {
            int id = i;
            etl.event(e -> e.id(id));
        }
        Path file = etl.writeTo(dir.resolve("five.etl"));
        EtlFile f = EtlFile.open(file);
        StepVerifier.create(f.records(), 1)
                .expectNextMatches(r -> r.headerKind() == HeaderKind.LOGFILE_HEADER)
                .then(() -> assertThat(f.statistics().records()).isEqualTo(1))
                .thenRequest(2)
                .expectNextMatches(r -> r.id() == 0)
                .expectNextMatches(r -> r.id() == 1)
                .then(() -> assertThat(f.statistics().records()).isEqualTo(3))
                .thenCancel()
                .verify(Duration.ofSeconds(10));
        // a new subscription reads the file again from the start
        assertThat(f.records().count().block()).isEqualTo(6);
    }

    /** A record image in a little-endian buffer of {@code size} bytes. */
    private static ByteBuffer record(int size) {
        return ByteBuffer.allocate(size).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void kernelClassicAndInstanceRecordsMapAsDocumented() {
        SyntheticEtl etl = new SyntheticEtl();
        long t = etl.startQpc() + 100;
        // COMPACT64 (ntwmi.h SYSTEM_TRACE_HEADER without Kernel/UserTime, 0x18 bytes): Version 3, type 0x04,
        // flags 0xC0, Size 0x1C, HookId 0x0301 (Process group 3, opcode 1), tid 11, pid 22, SystemTime, 4 bytes data
        ByteBuffer compact = record(0x1C).putShort(0, (short) 3).put(2, (byte) 0x04).put(3, (byte) 0xC0)
                .putShort(4, (short) 0x1C).putShort(6, (short) 0x0301).putInt(8, 11).putInt(12, 22).putLong(16, t)
                .putInt(0x18, 0xCAFE);
        // PERFINFO32 (0x10 bytes) whose Marker.Version has TRACE_HEADER_PEBS_INDEX_FLAG (0x8000) and one PMC counter
        // (0x0100): 8 + 8 extra bytes after the header, not payload; Size 0x10 + 0x10 + 2; HookId 0x0F2E
        ByteBuffer perf = record(0x22).putShort(0, (short) 0x8102).put(2, (byte) 0x10).put(3, (byte) 0xC0)
                .putShort(4, (short) 0x22).putShort(6, (short) 0x0F2E).putLong(8, t + 1).putShort(0x20, (short) 0x7777);
        // EVENT_INSTANCE_GUID_HEADER, type 0x15 (0x48 bytes): Size, type, flags, Class{Type 5, Level 3, Version 2},
        // tid, pid, TimeStamp, Guid @0x18, times @0x28, InstanceId @0x30, ParentInstanceId @0x34, ParentGuid @0x38
        ByteBuffer inst = record(0x4B).putShort(0, (short) 0x4B).put(2, (byte) 0x15).put(3, (byte) 0xC0)
                .put(4, (byte) 5).put(5, (byte) 3).putShort(6, (short) 2).putInt(8, 33).putInt(12, 44)
                .putLong(16, t + 2).put(0x18, SyntheticEtl.guidBytes(PROVIDER)).putInt(0x30, 9).put(0x48, (byte) 1)
                .put(0x49, (byte) 2).put(0x4A, (byte) 3);
        // EVENT_TRACE_HEADER, type 0x0A (32-bit logger, 0x30 bytes), no data
        ByteBuffer classic = record(0x30).putShort(0, (short) 0x30).put(2, (byte) 0x0A).put(3, (byte) 0xC0)
                .put(4, (byte) 1).putInt(8, 55).putInt(12, 66).putLong(16, t + 3)
                .put(0x18, SyntheticEtl.guidBytes(MESSAGE_GUID));
        // TIMED (0x0C): Size u16 @0 only; carries no event, passed over
        ByteBuffer timed = record(8).putShort(0, (short) 8).put(2, (byte) 0x0C).put(3, (byte) 0xC0);
        byte[] image = etl.raw(compact.array()).raw(perf.array()).raw(timed.array()).raw(inst.array())
                .raw(classic.array()).build();
        EtlFile f = EtlFile.of(ByteBuffer.wrap(image));
        List<EventRecord> rs = f.records().skip(1).collectList().block();
        assertThat(rs).extracting(EventRecord::headerKind).containsExactly(HeaderKind.COMPACT, HeaderKind.PERFINFO,
                HeaderKind.INSTANCE, HeaderKind.CLASSIC);
        assertThat(f.statistics().recordsSkipped()).isEqualTo(1);

        EventRecord c = rs.get(0);
        // hook 0x0301 is group 3 (PROCESS): the Process class GUID (Microsoft "Process class" MOF [Guid])
        assertThat(c.providerId()).isEqualTo(UUID.fromString("3d6fa8d0-fe05-11d0-9dda-00c04fd7ba7c"));
        assertThat(c.descriptor()).isEqualTo(new EventDescriptor(0x0301, 3, 0, 0, 1, 3, 0L));
        assertThat(c.flags()).isEqualTo(EventRecord.FLAG_CLASSIC_HEADER | EventRecord.FLAG_64_BIT_HEADER);
        assertThat(c.threadId()).isEqualTo(11);
        assertThat(c.processId()).isEqualTo(22);
        assertThat(c.rawTimestamp()).isEqualTo(t);
        assertThat(c.payload()).containsExactly(0xFE, 0xCA, 0, 0);

        EventRecord p = rs.get(1);
        assertThat(p.id()).isEqualTo(0x0F2E);
        assertThat(p.descriptor().task()).isEqualTo(0x0F);
        assertThat(p.descriptor().opcode()).isEqualTo(0x2E);
        assertThat(p.descriptor().version()).isEqualTo(2);
        assertThat(p.flags()).isEqualTo(EventRecord.FLAG_CLASSIC_HEADER | EventRecord.FLAG_32_BIT_HEADER);
        assertThat(p.processId()).isEqualTo(-1);
        assertThat(p.threadId()).isEqualTo(-1);
        assertThat(p.rawTimestamp()).isEqualTo(t + 1);
        assertThat(p.payload()).containsExactly(0x77, 0x77);

        EventRecord i = rs.get(2);
        assertThat(i.providerId()).isEqualTo(PROVIDER);
        assertThat(i.descriptor()).isEqualTo(new EventDescriptor(0, 2, 0, 3, 5, 0, 0L));
        assertThat(i.threadId()).isEqualTo(33);
        assertThat(i.processId()).isEqualTo(44);
        assertThat(i.rawTimestamp()).isEqualTo(t + 2);
        assertThat(i.payload()).containsExactly(1, 2, 3);

        EventRecord k = rs.get(3);
        assertThat(k.providerId()).isEqualTo(MESSAGE_GUID);
        assertThat(k.descriptor().opcode()).isEqualTo(1);
        assertThat(k.flags()).isEqualTo(EventRecord.FLAG_CLASSIC_HEADER | EventRecord.FLAG_32_BIT_HEADER);
        assertThat(k.payloadSize()).isZero();
    }

    @Test
    void logfileHeaderIn32BitFormWithTheCpuCycleClock() {
        // One 0x400-byte buffer written by hand: a SYSTEM32 header record (type 0x01) whose payload is the 32-bit
        // TRACE_LOGFILE_HEADER (0x110 bytes; the Off32 column of notes §2.4: the two name pointers are 4 bytes, so
        // TimeZone is at 0x40 and BootTime/PerfFreq/StartTime/ReservedFlags/BuffersLost at 0xF0/0xF8/0x100/0x108/
        // 0x10C), then an EVENT_HEADER32 record stamped in CPU cycles (ReservedFlags 3, CpuSpeedInMHz 2000).
        long startFt = SyntheticEtl.toFileTime(Instant.parse("2011-05-06T07:08:09Z"));
        byte[] names = LeBytes.le().utf16z("Old").utf16z("D:\\old.etl").bytes();
        int headerRecord = 0x20 + 0x110 + names.length;
        int eventAt = 0x48 + ((headerRecord + 7) & ~7);
        ByteBuffer b = record(0x400);
        b.putInt(0, 0x400).putInt(0x30, eventAt + 0x54).putShort(0x34, (short) 0x1).putShort(0x36, (short) 4);
        int r = 0x48;
        b.putShort(r, (short) 2).put(r + 2, (byte) 0x01).put(r + 3, (byte) 0xC0).putShort(r + 4, (short) headerRecord)
                .putInt(r + 8, 5).putInt(r + 12, 6).putLong(r + 16, 1000L);
        int h = r + 0x20;
        b.putInt(h, 0x400).putInt(h + 0x04, 0x00010106).putInt(h + 0x08, 7601).putInt(h + 0x0C, 2)
                .putLong(h + 0x10, startFt + 10_000_000L).putInt(h + 0x18, 156_250).putInt(h + 0x1C, 5)
                .putInt(h + 0x20, 0x1).putInt(h + 0x24, 1).putInt(h + 0x28, 1).putInt(h + 0x2C, 4)
                .putInt(h + 0x30, 9).putInt(h + 0x34, 2000).putInt(h + 0x40, -60)
                .putLong(h + 0xF0, startFt - 36_000_000_000L).putLong(h + 0xF8, 3_579_545L).putLong(h + 0x100, startFt)
                .putInt(h + 0x108, 3).putInt(h + 0x10C, 11).put(h + 0x110, names);
        // EVENT_HEADER32: Size 0x54, type 0x12, flags 0xC0, no Flags, tid 7, pid 8, 2,000,000,000 cycles = 1 s later
        b.putShort(eventAt, (short) 0x54).put(eventAt + 2, (byte) 0x12).put(eventAt + 3, (byte) 0xC0)
                .putInt(eventAt + 8, 7).putInt(eventAt + 12, 8).putLong(eventAt + 16, 1000L + 2_000_000_000L)
                .put(eventAt + 0x18, SyntheticEtl.guidBytes(PROVIDER)).putShort(eventAt + 0x28, (short) 99)
                .putInt(eventAt + 0x50, 0x01020304);

        EtlFile f = EtlFile.of(ByteBuffer.wrap(b.array()));
        LogfileHeader lh = f.header();
        assertThat(lh.header64()).isFalse();
        assertThat(lh.pointerSize()).isEqualTo(4);
        assertThat(lh.providerVersion()).isEqualTo(7601);
        assertThat(lh.versionString()).isEqualTo("6.1");
        assertThat(lh.numberOfProcessors()).isEqualTo(2);
        assertThat(lh.endTime()).isEqualTo(Instant.parse("2011-05-06T07:08:10Z"));
        assertThat(lh.maximumFileSize()).isEqualTo(5);
        assertThat(lh.eventsLost()).isEqualTo(9);
        assertThat(lh.cpuSpeedMhz()).isEqualTo(2000);
        assertThat(lh.timeZoneBiasMinutes()).isEqualTo(-60);
        assertThat(lh.bootTime()).isEqualTo(Instant.parse("2011-05-06T06:08:09Z"));
        assertThat(lh.perfFreq()).isEqualTo(3_579_545L);
        assertThat(lh.startTime()).isEqualTo(Instant.parse("2011-05-06T07:08:09Z"));
        assertThat(lh.clockType()).isEqualTo(LogfileHeader.ClockType.CPU_CYCLES);
        assertThat(lh.buffersLost()).isEqualTo(11);
        assertThat(lh.loggerName()).isEqualTo("Old");
        assertThat(lh.logFileName()).isEqualTo("D:\\old.etl");
        assertThat(lh.headerTimestamp()).isEqualTo(1000L);

        List<EventRecord> rs = f.records().collectList().block();
        assertThat(rs).hasSize(2);
        assertThat(rs.get(0).flags()).isEqualTo(EventRecord.FLAG_CLASSIC_HEADER | EventRecord.FLAG_32_BIT_HEADER);
        assertThat(rs.get(0).processId()).isEqualTo(6);
        assertThat(rs.get(0).payloadSize()).isEqualTo(0x110 + names.length);
        EventRecord e = rs.get(1);
        assertThat(e.id()).isEqualTo(99);
        assertThat(e.flags()).isEqualTo(EventRecord.FLAG_32_BIT_HEADER);
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2011-05-06T07:08:10Z"));
        assertThat(e.payload()).containsExactly(4, 3, 2, 1);
    }
}
