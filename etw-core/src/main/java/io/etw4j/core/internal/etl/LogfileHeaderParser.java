package io.etw4j.core.internal.etl;

import static io.etw4j.core.internal.etl.EtlLayout.i32;
import static io.etw4j.core.internal.etl.EtlLayout.i64;
import static io.etw4j.core.internal.etl.EtlLayout.u16;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.etl.EtlErrorKind;
import io.etw4j.core.etl.EtlFormatException;
import io.etw4j.core.etl.LogfileHeader;
import io.etw4j.core.internal.FileTimes;
import io.etw4j.core.internal.TimestampConverter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the logfile header record, the first record of the first buffer (evntrace.h TRACE_LOGFILE_HEADER;
 * dissect.etl): a SYSTEM32/64 or COMPACT32/64 record with HookId 0x0000 (EventTrace group 0, type 0) whose payload is
 * TRACE_LOGFILE_HEADER (0x118 bytes in the 64-bit form chosen by header types 0x02/0x04, 0x110 in the 32-bit form of
 * types 0x01/0x03; evntrace.h, offsets in evntrace.h TRACE_LOGFILE_HEADER) followed by the logger name and the log file
 * name, NUL-terminated UTF-16LE.
 */
final class LogfileHeaderParser {

    /** The parsed header, its record as emitted, and where the next record of buffer 0 starts. */
    record Parsed(LogfileHeader header, byte[] payload, int version, int threadId, int processId, int next) {
    }

    private LogfileHeaderParser() {
    }

    static Parsed parse(EtlBuffer buf) {
        byte[] b = buf.data;
        int pos = EtlLayout.BUFFER_HEADER_SIZE;
        if (buf.end - pos < EtlLayout.COMPACT_HEADER_SIZE) {
            throw bad(buf, pos, "the first buffer holds no record");
        }
        int marker = i32(b, pos);
        int top = (marker >>> 24) & 0xFF;
        int type = (marker >>> 16) & 0xFF;
        if ((top & 0xC0) != 0xC0 || type < EtlLayout.TYPE_SYSTEM32 || type > EtlLayout.TYPE_COMPACT64) {
            throw bad(buf, pos, "first record has marker 0x" + Integer.toHexString(marker)
                    + ", not a SYSTEM or COMPACT header");
        }
        boolean compact = type == EtlLayout.TYPE_COMPACT32 || type == EtlLayout.TYPE_COMPACT64;
        boolean is64 = type == EtlLayout.TYPE_SYSTEM64 || type == EtlLayout.TYPE_COMPACT64;
        int version = u16(b, pos);
        int fixed = (compact ? EtlLayout.COMPACT_HEADER_SIZE : EtlLayout.SYSTEM_HEADER_SIZE)
                + RecordDecoder.kernelExtra(version);
        int size = u16(b, pos + 4);
        int hookId = u16(b, pos + 6);
        if (hookId != 0) {
            throw bad(buf, pos, "first record has hook id 0x" + Integer.toHexString(hookId) + ", not 0 (Header)");
        }
        int lh = is64 ? EtlLayout.LH_SIZE_64 : EtlLayout.LH_SIZE_32;
        if (size < fixed + lh || size > buf.end - pos) {
            throw bad(buf, pos, "header record size " + size + " cannot hold a " + lh
                    + "-byte TRACE_LOGFILE_HEADER inside the buffer's filled bytes");
        }
        int tid = i32(b, pos + 8);
        int pid = i32(b, pos + 0x0C);
        long headerTimestamp = i64(b, pos + 0x10);
        int h = pos + fixed;
        // pointer fields (LoggerName, LogFileName) are 8 bytes in the 64-bit form, 4 in the 32-bit form; every
        // field after them moves by 8 (two pointers) in the 32-bit form (evntrace.h TRACE_LOGFILE_HEADER Off64/Off32
        // columns)
        int shift = is64 ? 0 : 8;
        int tz = h + 0x48 - shift;
        int bootOff = is64 ? 0xF8 : 0xF0;
        long perfFreq = i64(b, h + bootOff + 0x08);
        long start = i64(b, h + bootOff + 0x10);
        int recordEnd = pos + size;
        int namesAt = h + lh;
        int[] cursor = {namesAt};
        String loggerName = utf16z(b, cursor, recordEnd);
        String logFileName = utf16z(b, cursor, recordEnd);
        LogfileHeader header = new LogfileHeader(
                i32(b, h),
                i32(b, h + 0x04),
                i32(b, h + 0x08),
                i32(b, h + 0x0C),
                FileTimes.toInstant(i64(b, h + 0x10)),
                i32(b, h + 0x18),
                i32(b, h + 0x1C),
                i32(b, h + 0x20),
                i32(b, h + 0x24),
                i32(b, h + 0x28),
                i32(b, h + 0x2C),
                i32(b, h + 0x30),
                i32(b, h + 0x34),
                i32(b, tz),
                FileTimes.toInstant(i64(b, h + bootOff)),
                perfFreq,
                FileTimes.toInstant(start),
                start,
                i32(b, h + bootOff + 0x18),
                i32(b, h + bootOff + 0x1C),
                loggerName,
                logFileName,
                headerTimestamp,
                is64);
        byte[] payload = Arrays.copyOfRange(b, h, recordEnd);
        return new Parsed(header, payload, version, tid, pid, pos + EtlLayout.align8(size));
    }

    /** The logfile header as an {@link EventRecord}, as OpenTrace delivers it first (EventTraceGuid, hook 0). */
    static EventRecord toRecord(Parsed p, int processor) {
        LogfileHeader h = p.header();
        return EventRecord.builder()
                .headerKind(HeaderKind.LOGFILE_HEADER)
                .providerId(EtlLayout.EVENT_TRACE_GUID)
                .descriptor(new EventDescriptor(0, p.version() & 0xFF, 0, 0, 0, 0, 0L))
                .flags(EventRecord.FLAG_CLASSIC_HEADER
                        | (h.header64() ? EventRecord.FLAG_64_BIT_HEADER : EventRecord.FLAG_32_BIT_HEADER))
                .threadId(p.threadId())
                .processId(p.processId())
                .rawTimestamp(h.headerTimestamp())
                .timestamp(TimestampConverter.forLogfile(h).toInstant(h.headerTimestamp()))
                .processorNumber(processor)
                .payload(p.payload())
                .build();
    }

    private static String utf16z(byte[] b, int[] cursor, int end) {
        int start = cursor[0];
        int p = start;
        while (p + 1 < end && (b[p] != 0 || b[p + 1] != 0)) {
            p += 2;
        }
        String s = new String(b, start, Math.max(0, Math.min(p, end) - start), StandardCharsets.UTF_16LE);
        cursor[0] = Math.min(end, p + 2);
        return s;
    }

    private static EtlFormatException bad(EtlBuffer buf, int pos, String msg) {
        return RecordDecoder.error(buf, pos, EtlErrorKind.BAD_LOGFILE_HEADER, msg);
    }
}
