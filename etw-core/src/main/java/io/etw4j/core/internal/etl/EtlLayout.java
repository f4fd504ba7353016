package io.etw4j.core.internal.etl;

import java.util.UUID;

/**
 * Offsets and constants of the .etl format, each with its source: the Windows SDK and WDK headers (evntrace.h,
 * ntwmi.h), MS-XCA for compression, and the public parsers dissect.etl and super-speedy-syslog-searcher where no
 * header documents a layout. Little-endian throughout.
 */
final class EtlLayout {
    private EtlLayout() {
    }

    // WMI_BUFFER_HEADER (ntwmi.h, static_assert size 0x48)
    static final int BUFFER_HEADER_SIZE = 0x48;
    static final int BH_BUFFER_SIZE = 0x00;
    static final int BH_TIMESTAMP = 0x10;
    static final int BH_SEQUENCE = 0x18;
    static final int BH_PROCESSOR_INDEX = 0x28; // ETW_BUFFER_CONTEXT.ProcessorIndex u16
    static final int BH_FILLED_BYTES = 0x30; //    Offset: used extent including the header
    static final int BH_BUFFER_FLAG = 0x34;
    static final int BH_BUFFER_TYPE = 0x36;
    /** ETW_BUFFER_FLAG_EVENTS_LOST (ntwmi.h). */
    static final int BUFFER_FLAG_EVENTS_LOST = 0x02;
    /** ETW_BUFFER_FLAG_BUFFER_LOST (ntwmi.h). */
    static final int BUFFER_FLAG_BUFFER_LOST = 0x04;
    /** ETW_BUFFER_FLAG_COMPRESSED (ntwmi.h). */
    static final int BUFFER_FLAG_COMPRESSED = 0x40;

    // Record marker (ntwmi.h TRACE_HEADER_FLAG / TRACE_HEADER_EVENT_TRACE / TRACE_MESSAGE)
    static final int MARKER_TRACE_HEADER_FLAG = 0x80; //  bit 31, as the top byte
    static final int MARKER_EVENT_TRACE = 0x40; //        bit 30
    static final int MARKER_TRACE_MESSAGE = 0x10; //      bit 28

    // TRACE_HEADER_TYPE_* (ntwmi.h)
    static final int TYPE_SYSTEM32 = 0x01;
    static final int TYPE_SYSTEM64 = 0x02;
    static final int TYPE_COMPACT32 = 0x03;
    static final int TYPE_COMPACT64 = 0x04;
    static final int TYPE_FULL_HEADER32 = 0x0A;
    static final int TYPE_INSTANCE32 = 0x0B;
    static final int TYPE_TIMED = 0x0C;
    static final int TYPE_ERROR = 0x0D;
    static final int TYPE_PERFINFO32 = 0x10;
    static final int TYPE_PERFINFO64 = 0x11;
    static final int TYPE_EVENT_HEADER32 = 0x12;
    static final int TYPE_EVENT_HEADER64 = 0x13;
    static final int TYPE_FULL_HEADER64 = 0x14;
    static final int TYPE_INSTANCE64 = 0x15;

    // Fixed header sizes (ntwmi.h; dissect.etl headers.py; super-speedy-syslog-searcher)
    static final int SYSTEM_HEADER_SIZE = 0x20;
    static final int COMPACT_HEADER_SIZE = 0x18;
    static final int PERFINFO_HEADER_SIZE = 0x10;
    static final int FULL_HEADER_SIZE = 0x30;
    static final int INSTANCE_HEADER_SIZE = 0x48;
    static final int EVENT_HEADER_SIZE = 0x50;
    static final int MESSAGE_HEADER_SIZE = 0x08;

    // SYSTEM/COMPACT/PERFINFO Marker.Version extras (ntwmi.h TRACE_HEADER_PEBS_INDEX_FLAG,
    // TRACE_HEADER_PMC_COUNTERS_MASK;
    // placement after the fixed header from super-speedy system_header_extra)
    static final int VERSION_PEBS_INDEX_FLAG = 0x8000;
    static final int VERSION_PMC_COUNTERS_MASK = 0x0700;

    // TRACE_LOGFILE_HEADER (evntrace.h), offsets into the header record's payload
    static final int LH_SIZE_64 = 0x118;
    static final int LH_SIZE_32 = 0x110;

    // TRACE_MESSAGE_* (evntrace.h)
    static final int TRACE_MESSAGE_SEQUENCE = 0x0001;
    static final int TRACE_MESSAGE_GUID = 0x0002;
    static final int TRACE_MESSAGE_COMPONENTID = 0x0004;
    static final int TRACE_MESSAGE_TIMESTAMP = 0x0008;
    static final int TRACE_MESSAGE_SYSTEMINFO = 0x0020;
    static final int TRACE_MESSAGE_POINTER32 = 0x0040;
    static final int TRACE_MESSAGE_POINTER64 = 0x0080;

    /** EventTraceGuid (evntrace.h): class of the logfile header and of kernel group 0 (EventTrace) records. */
    static final UUID EVENT_TRACE_GUID = UUID.fromString("68fdd900-4a3e-11d1-84f4-0000f80464e3");
    /** SystemTraceControlGuid (evntrace.h): the kernel logger; used for kernel records of groups other than 0. */
    static final UUID SYSTEM_TRACE_CONTROL_GUID = UUID.fromString("9e814aad-3204-11d2-9a82-006008a86939");

    static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }

    static int i32(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }

    static long u32(byte[] b, int p) {
        return i32(b, p) & 0xFFFFFFFFL;
    }

    static long i64(byte[] b, int p) {
        return (i32(b, p) & 0xFFFFFFFFL) | ((long) i32(b, p + 4)) << 32;
    }

    static UUID guid(byte[] b, int p) {
        return new UUID(guidMsb(b, p), guidLsb(b, p));
    }

    /** The most significant 64 bits of the GUID at {@code p} (Data1-Data3, little-endian on disk). */
    static long guidMsb(byte[] b, int p) {
        return u32(b, p) << 32 | (long) u16(b, p + 4) << 16 | u16(b, p + 6);
    }

    /** The least significant 64 bits of the GUID at {@code p} (Data4, in byte order). */
    static long guidLsb(byte[] b, int p) {
        long lsb = 0;
        for (int i = 8; i < 16; i++) {
            lsb = lsb << 8 | (b[p + i] & 0xFF);
        }
        return lsb;
    }

    static int align8(int n) {
        return (n + 7) & ~7;
    }
}
