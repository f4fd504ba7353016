package io.etw4j.decode.internal.tdh;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.etw4j.core.EventRecord;
import io.etw4j.core.ExtendedDataItem;
import io.etw4j.core.internal.win32.EtwStructures.EVENT_RECORD;
import io.etw4j.core.internal.win32.EtwStructures.GUID;
import java.util.List;
import java.util.UUID;

/**
 * An EVENT_RECORD (evntcons.h) laid out in native memory from an immutable {@link EventRecord}, for the TDH functions
 * that take a PEVENT_RECORD. One block holds, in order: the EVENT_RECORD (0x70 bytes, written through etw-core's
 * {@link EVENT_RECORD} structure, whose x64 layout etw-core's StructLayoutTest asserts), the
 * EVENT_HEADER_EXTENDED_DATA_ITEMs (0x10 bytes each), each item's data (8-byte aligned), and the user data.
 * ExtendedData and UserData point into the block; UserContext is NULL.
 *
 * <p>Field by field: EventHeader.Size 0x50, HeaderType 0 (reserved for a consumer; inferred harmless for TDH), Flags
 * and EventProperty from the record (EVENT_HEADER_FLAG_EXTENDED_INFO added when items are present), ThreadId and
 * ProcessId, TimeStamp = {@link EventRecord#rawTimestamp()}, ProviderId, EventDescriptor, KernelTime/UserTime 0,
 * ActivityId; BufferContext: ProcessorIndex (u16) when EVENT_HEADER_FLAG_PROCESSOR_INDEX is set, else ProcessorNumber
 * (u8), LoggerId 0. Items keep their order; Linkage is 0 and DataPtr the item data's address.
 *
 * <p>The block is owned by this object: keep it reachable while native code uses {@link #pointer()}. Not thread-safe.
 */
public final class NativeEventRecord {
    /** sizeof(EVENT_RECORD) on x64 (notes §2.7). */
    public static final int EVENT_RECORD_SIZE = 0x70;
    /** sizeof(EVENT_HEADER_EXTENDED_DATA_ITEM) (notes §2.9). */
    public static final int EXTENDED_ITEM_SIZE = 0x10;
    /** EVENT_HEADER_EXTENDED_DATA_ITEM.ExtType offset. */
    public static final int ITEM_EXT_TYPE = 2;
    /** EVENT_HEADER_EXTENDED_DATA_ITEM.DataSize offset. */
    public static final int ITEM_DATA_SIZE = 6;
    /** EVENT_HEADER_EXTENDED_DATA_ITEM.DataPtr offset. */
    public static final int ITEM_DATA_PTR = 8;
    /** The most a USHORT UserDataLength or DataSize can say. */
    static final int MAX_USHORT = 0xFFFF;

    private final Memory block;

    private NativeEventRecord(Memory block) {
        this.block = block;
    }

    /** The PEVENT_RECORD. */
    public Pointer pointer() {
        return block;
    }

    /**
     * Lays out {@code r}; throws {@link IllegalArgumentException} when the record cannot be an EVENT_RECORD (user
     * data or an item longer than 65,535 bytes, more than 65,535 items).
     */
    public static NativeEventRecord of(EventRecord r) {
        byte[] payload = r.payload();
        List<ExtendedDataItem> items = r.extendedData();
        if (payload.length > MAX_USHORT || items.size() > MAX_USHORT) {
            throw new IllegalArgumentException("the record does not fit an EVENT_RECORD: " + payload.length
                    + " bytes of user data, " + items.size() + " extended items");
        }
        long itemsAt = EVENT_RECORD_SIZE;
        long dataAt = itemsAt + (long) EXTENDED_ITEM_SIZE * items.size();
        long size = dataAt;
        for (ExtendedDataItem item : items) {
            if (item.size() > MAX_USHORT) {
                throw new IllegalArgumentException("extended item of " + item.size() + " bytes");
            }
            size += align8(item.size());
        }
        long userDataAt = size;
        size += Math.max(payload.length, 1);
        Memory m = new Memory(size);
        m.clear();

        EVENT_RECORD er = new EVENT_RECORD(m);
        int flags = r.flags() & 0xFFFF;
        if (!items.isEmpty()) {
            flags |= EventRecord.FLAG_EXTENDED_INFO;
        }
        er.EventHeader.Size = 0x50;
        er.EventHeader.HeaderType = 0;
        er.EventHeader.Flags = (short) flags;
        er.EventHeader.EventProperty = (short) r.eventProperty();
        er.EventHeader.ThreadId = r.threadId();
        er.EventHeader.ProcessId = r.processId();
        er.EventHeader.TimeStamp = r.rawTimestamp();
        guid(er.EventHeader.ProviderId, r.providerId());
        er.EventHeader.EventDescriptor.Id = (short) r.descriptor().id();
        er.EventHeader.EventDescriptor.Version = (byte) r.descriptor().version();
        er.EventHeader.EventDescriptor.Channel = (byte) r.descriptor().channel();
        er.EventHeader.EventDescriptor.Level = (byte) r.descriptor().level();
        er.EventHeader.EventDescriptor.Opcode = (byte) r.descriptor().opcode();
        er.EventHeader.EventDescriptor.Task = (short) r.descriptor().task();
        er.EventHeader.EventDescriptor.Keyword = r.descriptor().keyword();
        guid(er.EventHeader.ActivityId, r.activityId());
        if ((flags & EventRecord.FLAG_PROCESSOR_INDEX) != 0) {
            // union ProcessorIndex u16 over {ProcessorNumber u8, Alignment u8}
            er.BufferContext.ProcessorNumber = (byte) r.processorNumber();
            er.BufferContext.Alignment = (byte) (r.processorNumber() >>> 8);
        } else {
            er.BufferContext.ProcessorNumber = (byte) r.processorNumber();
        }
        er.BufferContext.LoggerId = 0;
        er.ExtendedDataCount = (short) items.size();
        er.UserDataLength = (short) payload.length;
        er.ExtendedData = items.isEmpty() ? null : m.share(itemsAt);
        er.UserData = payload.length == 0 ? null : m.share(userDataAt);
        er.UserContext = null;
        er.write();

        long at = dataAt;
        for (int i = 0; i < items.size(); i++) {
            ExtendedDataItem item = items.get(i);
            long e = itemsAt + (long) EXTENDED_ITEM_SIZE * i;
            m.setShort(e + ITEM_EXT_TYPE, (short) item.type());
            m.setShort(e + ITEM_DATA_SIZE, (short) item.size());
            m.setLong(e + ITEM_DATA_PTR, Pointer.nativeValue(m.share(at)));
            m.write(at, item.data(), 0, item.size());
            at += align8(item.size());
        }
        m.write(userDataAt, payload, 0, payload.length);
        return new NativeEventRecord(m);
    }

    private static long align8(long n) {
        return (n + 7) & ~7L;
    }

    /** GUID (guiddef.h) from a UUID: Data1..3 from the high half, Data4 the low half's bytes in order. */
    static void guid(GUID g, UUID u) {
        long msb = u.getMostSignificantBits();
        long lsb = u.getLeastSignificantBits();
        g.Data1 = (int) (msb >>> 32);
        g.Data2 = (short) (msb >>> 16);
        g.Data3 = (short) msb;
        for (int i = 0; i < 8; i++) {
            g.Data4[i] = (byte) (lsb >>> (56 - 8 * i));
        }
    }
}
