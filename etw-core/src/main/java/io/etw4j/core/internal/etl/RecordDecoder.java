package io.etw4j.core.internal.etl;

import static io.etw4j.core.internal.etl.EtlLayout.align8;
import static io.etw4j.core.internal.etl.EtlLayout.guidLsb;
import static io.etw4j.core.internal.etl.EtlLayout.guidMsb;
import static io.etw4j.core.internal.etl.EtlLayout.i32;
import static io.etw4j.core.internal.etl.EtlLayout.i64;
import static io.etw4j.core.internal.etl.EtlLayout.u16;

import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.etl.EtlErrorKind;
import io.etw4j.core.etl.EtlFormatException;
import java.util.UUID;

/**
 * Decodes one record of a loaded buffer into a {@link DecodedRecord}, the one parser of both the scan (the view
 * itself) and the copy path ({@link DecodedRecord#toRecord()}) (ntwmi.h; dissect.etl headers.py;
 * super-speedy-syslog-searcher). How each header kind maps
 * onto the record is documented on {@link io.etw4j.core.etl.EtlFile}.
 *
 * <p>Holds where the next record starts and a descriptor cache; used by one reader thread.
 */
final class RecordDecoder {

    /**
     * Where the record after the one {@link #decode} last decoded starts; -1: the buffer has no more records. A field
     * rather than a result object, so decoding a record allocates only the record (the decoder belongs to one reader,
     * whose cursors call it one at a time and read this right after).
     */
    private int next = -1;

    private final int defaultPointerSize;

    private static final int KERNEL_DESCRIPTORS = 256;
    private final EventDescriptor[] kernelDescriptors = new EventDescriptor[KERNEL_DESCRIPTORS];

    RecordDecoder(int defaultPointerSize) {
        this.defaultPointerSize = defaultPointerSize;
    }

    /**
     * Decodes the record at {@code pos} of {@code buf} into {@code out}: true when it is a record, false for a record
     * of a known kind that is not emitted or at the end of the buffer ({@link #next()} tells which: -1 at the end).
     * {@code out} then refers to {@code buf.data}, so it is valid until the buffer is reloaded.
     *
     * @throws EtlFormatException for a record that does not fit its buffer, is shorter than its header, or has an
     *                            unknown header type; the rest of the buffer cannot be trusted then
     */
    boolean decode(EtlBuffer buf, int pos, DecodedRecord out) {
        byte[] b = buf.data;
        int end = buf.end;
        if (end - pos < 4) {
            return endOfBuffer();
        }
        int marker = i32(b, pos);
        if (marker == -1 || marker == 0) {
            return endOfBuffer(); // padding after the last record (0xFFFFFFFF in real files, 0 in some)
        }
        int top = (marker >>> 24) & 0xFF;
        if ((top & EtlLayout.MARKER_TRACE_HEADER_FLAG) == 0) {
            throw error(buf, pos, EtlErrorKind.UNKNOWN_HEADER_TYPE, "marker 0x" + Integer.toHexString(marker)
                    + " lacks TRACE_HEADER_FLAG");
        }
        if ((top & EtlLayout.MARKER_EVENT_TRACE) == 0) {
            if ((top & EtlLayout.MARKER_TRACE_MESSAGE) != 0) {
                return message(buf, pos, out);
            }
            throw error(buf, pos, EtlErrorKind.UNKNOWN_HEADER_TYPE, "marker 0x" + Integer.toHexString(marker));
        }
        int type = (marker >>> 16) & 0xFF;
        switch (type) {
            case EtlLayout.TYPE_SYSTEM32:
            case EtlLayout.TYPE_SYSTEM64:
                return kernel(buf, pos, out, type, HeaderKind.SYSTEM, EtlLayout.SYSTEM_HEADER_SIZE, 0x10, true);
            case EtlLayout.TYPE_COMPACT32:
            case EtlLayout.TYPE_COMPACT64:
                return kernel(buf, pos, out, type, HeaderKind.COMPACT, EtlLayout.COMPACT_HEADER_SIZE, 0x10, true);
            case EtlLayout.TYPE_PERFINFO32:
            case EtlLayout.TYPE_PERFINFO64:
                return kernel(buf, pos, out, type, HeaderKind.PERFINFO, EtlLayout.PERFINFO_HEADER_SIZE, 0x08, false);
            case EtlLayout.TYPE_EVENT_HEADER32:
            case EtlLayout.TYPE_EVENT_HEADER64:
                return eventHeader(buf, pos, out, type);
            case EtlLayout.TYPE_FULL_HEADER32:
            case EtlLayout.TYPE_FULL_HEADER64:
                return classic(buf, pos, out, type, HeaderKind.CLASSIC, EtlLayout.FULL_HEADER_SIZE);
            case EtlLayout.TYPE_INSTANCE32:
            case EtlLayout.TYPE_INSTANCE64:
                return classic(buf, pos, out, type, HeaderKind.INSTANCE, EtlLayout.INSTANCE_HEADER_SIZE);
            case EtlLayout.TYPE_TIMED:
            case EtlLayout.TYPE_ERROR: {
                // Known types with Size u16 @0 (ntwmi.h; dissect.etl headers.py; super-speedy-syslog-searcher) that
                // carry no event: passed over, not emitted.
                int size = checkedSize(buf, pos, u16(b, pos), 4);
                return emit(false, pos + align8(size));
            }
            default:
                throw error(buf, pos, EtlErrorKind.UNKNOWN_HEADER_TYPE, "header type 0x" + Integer.toHexString(type)
                        + " (marker 0x" + Integer.toHexString(marker) + ")");
        }
    }

    /** {@return where the record after the last decoded one starts, or -1 when the buffer has no more} */
    int next() {
        return next;
    }

    private boolean emit(boolean record, int nextPos) {
        next = nextPos;
        return record;
    }

    private boolean endOfBuffer() {
        next = -1;
        return false;
    }

    /** Validates a record size read from the record: at least {@code min}, and inside the buffer's filled bytes. */
    private static int checkedSize(EtlBuffer buf, int pos, int size, int min) {
        if (size < min) {
            throw error(buf, pos, EtlErrorKind.BAD_RECORD, "record size " + size + " is below its header size " + min);
        }
        if (size > buf.end - pos) {
            throw error(buf, pos, EtlErrorKind.RECORD_OVERRUN, "record size " + size + " runs " + (size - (buf.end - pos))
                    + " bytes past the buffer's filled bytes (0x" + Integer.toHexString(buf.end) + ")");
        }
        return size;
    }

    static EtlFormatException error(EtlBuffer buf, int pos, EtlErrorKind kind, String msg) {
        return new EtlFormatException(kind, buf.fileOffsetOf(pos), msg + " (" + buf.where(pos) + ")");
    }

    private static int bitnessFlag(boolean is64) {
        return is64 ? EventRecord.FLAG_64_BIT_HEADER : EventRecord.FLAG_32_BIT_HEADER;
    }

    private static boolean is64(int type) {
        switch (type) {
            case EtlLayout.TYPE_SYSTEM64:
            case EtlLayout.TYPE_COMPACT64:
            case EtlLayout.TYPE_PERFINFO64:
            case EtlLayout.TYPE_EVENT_HEADER64:
            case EtlLayout.TYPE_FULL_HEADER64:
            case EtlLayout.TYPE_INSTANCE64:
                return true;
            default:
                return false;
        }
    }

    /** Bytes of PEBS index and PMC counters that follow a SYSTEM/COMPACT/PERFINFO header (EtlLayout). */
    static int kernelExtra(int version) {
        int extra = (version & EtlLayout.VERSION_PEBS_INDEX_FLAG) != 0 ? 8 : 0;
        return extra + 8 * ((version & EtlLayout.VERSION_PMC_COUNTERS_MASK) >>> 8);
    }

    /** SYSTEM_TRACE_HEADER, its compact form and PERFINFO_TRACE_HEADER (ntwmi.h). */
    private boolean kernel(EtlBuffer buf, int pos, DecodedRecord out, int type, HeaderKind kind, int fixed, int timeOffset,
            boolean hasIds) {
        byte[] b = buf.data;
        if (buf.end - pos < fixed) {
            throw error(buf, pos, EtlErrorKind.RECORD_OVERRUN, kind + " header of " + fixed
                    + " bytes runs past the buffer's filled bytes");
        }
        int version = u16(b, pos);
        int headerSize = fixed + kernelExtra(version);
        int size = checkedSize(buf, pos, u16(b, pos + 4), headerSize);
        int hookId = u16(b, pos + 6);
        UUID provider = KernelClassGuids.classGuid(hookId);
        out.kind = kind;
        out.provider = provider;
        out.providerMsb = provider.getMostSignificantBits();
        out.providerLsb = provider.getLeastSignificantBits();
        EventDescriptor d = kernelDescriptor(hookId, version & 0xFF);
        out.cachedDescriptor = d;
        out.descriptor(d.id(), d.version(), d.channel(), d.level(), d.opcode(), d.task(), d.keyword());
        out.flags = EventRecord.FLAG_CLASSIC_HEADER | bitnessFlag(is64(type));
        out.property = 0;
        out.pid = hasIds ? i32(b, pos + 0x0C) : -1;
        out.tid = hasIds ? i32(b, pos + 8) : -1;
        out.raw = i64(b, pos + timeOffset);
        out.activityMsb = 0;
        out.activityLsb = 0;
        return payload(buf, out, -1, pos + headerSize, pos + size, pos + align8(size));
    }

    /**
     * The descriptor of a kernel record (id = hook id, task = group, opcode = type), from a small direct-mapped cache:
     * a kernel capture repeats a few dozen (hook id, version) pairs, and the descriptor is immutable. A racing write
     * replaces one immutable entry by another, each checked against the key before use.
     */
    private EventDescriptor kernelDescriptor(int hookId, int version) {
        int slot = (hookId * 31 + version) & (KERNEL_DESCRIPTORS - 1);
        EventDescriptor d = kernelDescriptors[slot];
        if (d == null || d.id() != hookId || d.version() != version) {
            d = new EventDescriptor(hookId, version, 0, 0, hookId & 0xFF, hookId >>> 8, 0L);
            kernelDescriptors[slot] = d;
        }
        return d;
    }

    /** EVENT_HEADER with inline extended data items (evntcons.h). */
    private boolean eventHeader(EtlBuffer buf, int pos, DecodedRecord out, int type) {
        byte[] b = buf.data;
        if (buf.end - pos < 2) {
            throw error(buf, pos, EtlErrorKind.RECORD_OVERRUN, "EVENT_HEADER size field past the buffer end");
        }
        int size = checkedSize(buf, pos, u16(b, pos), EtlLayout.EVENT_HEADER_SIZE);
        int flags = u16(b, pos + 4);
        int property = u16(b, pos + 6);
        out.kind = HeaderKind.EVENT;
        out.tid = i32(b, pos + 8);
        out.pid = i32(b, pos + 0x0C);
        out.raw = i64(b, pos + 0x10);
        out.provider = null;
        out.providerMsb = guidMsb(b, pos + 0x18);
        out.providerLsb = guidLsb(b, pos + 0x18);
        out.cachedDescriptor = null;
        out.descriptor(u16(b, pos + 0x28), b[pos + 0x2A] & 0xFF, b[pos + 0x2B] & 0xFF,
                b[pos + 0x2C] & 0xFF, b[pos + 0x2D] & 0xFF, u16(b, pos + 0x2E), i64(b, pos + 0x30));
        out.activityMsb = guidMsb(b, pos + 0x40);
        out.activityLsb = guidLsb(b, pos + 0x40);
        int p = pos + EtlLayout.EVENT_HEADER_SIZE;
        int recordEnd = pos + size;
        int extStart = -1;
        if ((flags & EventRecord.FLAG_EXTENDED_INFO) != 0) {
            extStart = p;
            while (true) {
                if (recordEnd - p < 8) {
                    throw error(buf, pos, EtlErrorKind.BAD_RECORD, "extended data item header at record offset "
                            + (p - pos) + " runs past the record size " + size);
                }
                int linkage = u16(b, p + 4);
                int dataSize = u16(b, p + 6);
                if (dataSize > recordEnd - p - 8) {
                    throw error(buf, pos, EtlErrorKind.BAD_RECORD, "extended data item of " + dataSize
                            + " bytes at record offset " + (p - pos) + " runs past the record size " + size);
                }
                p = Math.min(recordEnd, p + align8(8 + dataSize));
                if ((linkage & 1) == 0) {
                    break;
                }
            }
        }
        int outFlags = flags;
        if ((outFlags & (EventRecord.FLAG_32_BIT_HEADER | EventRecord.FLAG_64_BIT_HEADER)) == 0) {
            // inferred: a consumer's EVENT_RECORD carries the logging process's bitness, which the file keeps in
            // the header type (0x12/0x13) rather than in Flags (AMSITrace.etl records have Flags 0x0001).
            outFlags |= bitnessFlag(type == EtlLayout.TYPE_EVENT_HEADER64);
        }
        out.flags = outFlags;
        out.property = property;
        return payload(buf, out, extStart, p, recordEnd, pos + align8(size));
    }

    /** EVENT_TRACE_HEADER (classic) and EVENT_INSTANCE_GUID_HEADER (evntrace.h). */
    private boolean classic(EtlBuffer buf, int pos, DecodedRecord out, int type, HeaderKind kind, int fixed) {
        byte[] b = buf.data;
        if (buf.end - pos < 2) {
            throw error(buf, pos, EtlErrorKind.RECORD_OVERRUN, kind + " size field past the buffer end");
        }
        int size = checkedSize(buf, pos, u16(b, pos), fixed);
        int classType = b[pos + 4] & 0xFF;
        int level = b[pos + 5] & 0xFF;
        int version = u16(b, pos + 6);
        out.kind = kind;
        out.provider = null;
        out.providerMsb = guidMsb(b, pos + 0x18);
        out.providerLsb = guidLsb(b, pos + 0x18);
        out.cachedDescriptor = null;
        out.descriptor(0, version & 0xFF, 0, level, classType, 0, 0L);
        out.flags = EventRecord.FLAG_CLASSIC_HEADER | bitnessFlag(is64(type));
        out.property = 0;
        out.pid = i32(b, pos + 0x0C);
        out.tid = i32(b, pos + 8);
        out.raw = i64(b, pos + 0x10);
        out.activityMsb = 0;
        out.activityLsb = 0;
        return payload(buf, out, -1, pos + fixed, pos + size, pos + align8(size));
    }

    /** MESSAGE_TRACE_HEADER and its flag-ordered optional fields (ntwmi.h, evntrace.h). */
    private boolean message(EtlBuffer buf, int pos, DecodedRecord out) {
        byte[] b = buf.data;
        int size = checkedSize(buf, pos, u16(b, pos), EtlLayout.MESSAGE_HEADER_SIZE);
        int number = u16(b, pos + 4);
        int options = u16(b, pos + 6);
        int p = pos + EtlLayout.MESSAGE_HEADER_SIZE;
        int recordEnd = pos + size;
        long sequence = 0;
        long providerMsb = 0;
        long providerLsb = 0;
        long raw = buf.timestamp;
        int tid = -1;
        int pid = -1;
        if ((options & EtlLayout.TRACE_MESSAGE_SEQUENCE) != 0) {
            need(buf, pos, p, 4, recordEnd, "sequence");
            sequence = i32(b, p) & 0xFFFFFFFFL;
            p += 4;
        }
        if ((options & EtlLayout.TRACE_MESSAGE_GUID) != 0) {
            need(buf, pos, p, 16, recordEnd, "message GUID");
            providerMsb = guidMsb(b, p);
            providerLsb = guidLsb(b, p);
            p += 16;
        } else if ((options & EtlLayout.TRACE_MESSAGE_COMPONENTID) != 0) {
            need(buf, pos, p, 4, recordEnd, "component id");
            providerMsb = (i32(b, p) & 0xFFFFFFFFL) << 32;
            p += 4;
        }
        if ((options & EtlLayout.TRACE_MESSAGE_TIMESTAMP) != 0) {
            need(buf, pos, p, 8, recordEnd, "timestamp");
            raw = i64(b, p);
            p += 8;
        }
        if ((options & EtlLayout.TRACE_MESSAGE_SYSTEMINFO) != 0) {
            need(buf, pos, p, 8, recordEnd, "system information");
            tid = i32(b, p);
            pid = i32(b, p + 4);
            p += 8;
        }
        boolean pointer64 = (options & EtlLayout.TRACE_MESSAGE_POINTER64) != 0
                || (options & EtlLayout.TRACE_MESSAGE_POINTER32) == 0 && defaultPointerSize == 8;
        out.kind = HeaderKind.MESSAGE;
        out.provider = null;
        out.providerMsb = providerMsb;
        out.providerLsb = providerLsb;
        out.cachedDescriptor = null;
        out.descriptor(number, 0, 0, 0, 0, 0, sequence);
        out.flags = EventRecord.FLAG_TRACE_MESSAGE | bitnessFlag(pointer64);
        out.property = 0;
        out.pid = pid;
        out.tid = tid;
        out.raw = raw;
        out.activityMsb = 0;
        out.activityLsb = 0;
        return payload(buf, out, -1, p, recordEnd, pos + align8(size));
    }

    /** Sets where the record's items and payload lie and the buffer fields; the record is emitted. */
    private boolean payload(EtlBuffer buf, DecodedRecord out, int extStart, int payloadStart, int payloadEnd,
            int nextPos) {
        out.processor = buf.processorIndex;
        out.data = buf.data;
        out.extStart = extStart;
        out.payloadStart = payloadStart;
        out.payloadEnd = payloadEnd;
        return emit(true, nextPos);
    }

    private static void need(EtlBuffer buf, int pos, int p, int n, int recordEnd, String what) {
        if (recordEnd - p < n) {
            throw error(buf, pos, EtlErrorKind.BAD_RECORD, "MESSAGE " + what + " (" + n + " bytes at record offset "
                    + (p - pos) + ") runs past the record size " + (recordEnd - pos));
        }
    }
}
