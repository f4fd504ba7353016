package io.etw4j.core.internal.win32;

import com.sun.jna.Pointer;
import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.ExtendedDataItem;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.internal.win32.MalformedEventRecordException.Reason;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Copies an EVENT_RECORD, as ETW passes it to PEVENT_RECORD_CALLBACK, into an immutable {@link EventRecord} that
 * outlives the callback: the header, the provider id, the descriptor, the activity id, the processor, every extended
 * data item (type and bytes) and the user data.
 *
 * <p>Fields are read with primitive reads at the constant x64 offsets below (evntcons.h / evntprov.h / evntrace.h;
 * notes §2.5-2.9) rather than through {@link EtwStructures.EVENT_RECORD}{@code .read()}, which reflects over every
 * field; {@code StructLayoutTest} asserts each constant equals the structure's offset.
 *
 * <p>Mapping: {@code headerKind} is {@link HeaderKind#MESSAGE} if EVENT_HEADER_FLAG_TRACE_MESSAGE,
 * {@link HeaderKind#CLASSIC} if EVENT_HEADER_FLAG_CLASSIC_HEADER, else {@link HeaderKind#EVENT}; ThreadId/ProcessId
 * are copied as delivered (0xFFFFFFFF becomes -1); the processor is BufferContext.ProcessorIndex (u16) when
 * EVENT_HEADER_FLAG_PROCESSOR_INDEX is set, else BufferContext.ProcessorNumber (u8), as evntcons.h
 * GetEventProcessorIndex does; the timestamp goes through the {@link TimestampConverter} given at construction
 * ({@link #systemTime()} for a consumer opened without PROCESS_TRACE_MODE_RAW_TIMESTAMP).
 *
 * <p>Malformed input never crashes the callback thread: a null record, null UserData with a length, null ExtendedData
 * with a count, a null item DataPtr with a size or an unconvertible timestamp throw
 * {@link MalformedEventRecordException} (with what could be read), which the caller counts. Native memory that is
 * non-null but invalid cannot be detected from Java; ETW is trusted for that.
 *
 * <p>Immutable and thread-safe.
 */
public final class EventRecordCopier {
    // EVENT_HEADER (evntcons.h; notes §2.5), at the start of EVENT_RECORD.
    static final int OFF_HEADER_SIZE = 0x00;
    static final int OFF_HEADER_TYPE = 0x02;
    static final int OFF_FLAGS = 0x04;
    static final int OFF_EVENT_PROPERTY = 0x06;
    static final int OFF_THREAD_ID = 0x08;
    static final int OFF_PROCESS_ID = 0x0C;
    static final int OFF_TIMESTAMP = 0x10;
    static final int OFF_PROVIDER_ID = 0x18;
    static final int OFF_DESCRIPTOR = 0x28;
    static final int OFF_ACTIVITY_ID = 0x40;
    // EVENT_DESCRIPTOR (evntprov.h; notes §2.6), relative to OFF_DESCRIPTOR.
    static final int DESC_ID = 0x0;
    static final int DESC_VERSION = 0x2;
    static final int DESC_CHANNEL = 0x3;
    static final int DESC_LEVEL = 0x4;
    static final int DESC_OPCODE = 0x5;
    static final int DESC_TASK = 0x6;
    static final int DESC_KEYWORD = 0x8;
    // EVENT_RECORD (evntcons.h; notes §2.7).
    static final int OFF_BUFFER_CONTEXT = 0x50;
    static final int OFF_EXTENDED_DATA_COUNT = 0x54;
    static final int OFF_USER_DATA_LENGTH = 0x56;
    static final int OFF_EXTENDED_DATA = 0x58;
    static final int OFF_USER_DATA = 0x60;
    static final int OFF_USER_CONTEXT = 0x68;
    static final int EVENT_RECORD_SIZE = 0x70;
    // EVENT_HEADER_EXTENDED_DATA_ITEM (evntcons.h; notes §2.9).
    static final int ITEM_EXT_TYPE = 0x2;
    static final int ITEM_DATA_SIZE = 0x6;
    static final int ITEM_DATA_PTR = 0x8;
    static final int ITEM_SIZE = 0x10;

    private final TimestampConverter timestamps;

    /** A copier that converts timestamps with {@code timestamps}. */
    public EventRecordCopier(TimestampConverter timestamps) {
        if (timestamps == null) {
            throw new NullPointerException("timestamps");
        }
        this.timestamps = timestamps;
    }

    /** A copier for the default consumer mode, where EVENT_HEADER.TimeStamp is a FILETIME (see TimestampConverter). */
    public static EventRecordCopier systemTime() {
        return new EventRecordCopier(TimestampConverter.fileTime());
    }

    /** EVENT_RECORD.UserContext (EVENT_TRACE_LOGFILEW.Context as given to OpenTraceW), or null. */
    public static Pointer userContext(Pointer eventRecord) {
        return eventRecord == null ? null : eventRecord.getPointer(OFF_USER_CONTEXT);
    }

    /**
     * Copies the EVENT_RECORD at {@code eventRecord}; call it inside the callback, before returning to ETW.
     *
     * @throws MalformedEventRecordException if the record or one of its parts is missing (see the class doc)
     */
    public EventRecord copy(Pointer eventRecord) {
        if (eventRecord == null) {
            throw new MalformedEventRecordException(Reason.NULL_RECORD, "EVENT_RECORD pointer is null", null);
        }
        Pointer r = eventRecord;
        int flags = r.getShort(OFF_FLAGS) & 0xFFFF;
        long rawTimestamp = r.getLong(OFF_TIMESTAMP);

        EventRecord.Builder b = EventRecord.builder()
                .headerKind(headerKind(flags))
                .flags(flags)
                .eventProperty(r.getShort(OFF_EVENT_PROPERTY) & 0xFFFF)
                .threadId(r.getInt(OFF_THREAD_ID))
                .processId(r.getInt(OFF_PROCESS_ID))
                .rawTimestamp(rawTimestamp)
                .providerId(Guids.read(r, OFF_PROVIDER_ID))
                .descriptor(descriptor(r))
                .activityId(activityId(r))
                .processorNumber((flags & EventRecord.FLAG_PROCESSOR_INDEX) != 0
                        ? r.getShort(OFF_BUFFER_CONTEXT) & 0xFFFF
                        : r.getByte(OFF_BUFFER_CONTEXT) & 0xFF);

        Reason problem = null;
        String detail = null;

        try {
            b.timestamp(timestamps.toInstant(rawTimestamp));
        } catch (ArithmeticException | DateTimeException e) {
            problem = Reason.TIMESTAMP_OUT_OF_RANGE;
            detail = "TimeStamp " + rawTimestamp + ": " + e.getMessage();
        }

        int userDataLength = r.getShort(OFF_USER_DATA_LENGTH) & 0xFFFF;
        if (userDataLength > 0) {
            Pointer userData = r.getPointer(OFF_USER_DATA);
            if (userData == null) {
                if (problem == null) {
                    problem = Reason.NULL_USER_DATA;
                    detail = "UserDataLength " + userDataLength + " with a null UserData";
                }
            } else {
                b.payload(userData.getByteArray(0, userDataLength));
            }
        }

        int count = r.getShort(OFF_EXTENDED_DATA_COUNT) & 0xFFFF;
        if (count > 0) {
            Pointer items = r.getPointer(OFF_EXTENDED_DATA);
            if (items == null) {
                if (problem == null) {
                    problem = Reason.NULL_EXTENDED_DATA;
                    detail = "ExtendedDataCount " + count + " with a null ExtendedData";
                }
            } else {
                List<ExtendedDataItem> list = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    long item = (long) i * ITEM_SIZE;
                    int type = items.getShort(item + ITEM_EXT_TYPE) & 0xFFFF;
                    int size = items.getShort(item + ITEM_DATA_SIZE) & 0xFFFF;
                    long address = items.getLong(item + ITEM_DATA_PTR);
                    if (size == 0) {
                        list.add(new ExtendedDataItem(type, EMPTY));
                    } else if (address == 0) {
                        if (problem == null) {
                            problem = Reason.NULL_EXTENDED_ITEM_DATA;
                            detail = "extended item " + i + " (type 0x" + Integer.toHexString(type) + ") DataSize "
                                    + size + " with a null DataPtr";
                        }
                    } else {
                        list.add(new ExtendedDataItem(type, new Pointer(address).getByteArray(0, size)));
                    }
                }
                b.extendedData(list);
            }
        }

        EventRecord record = b.build();
        if (problem != null) {
            throw new MalformedEventRecordException(problem, detail, record);
        }
        return record;
    }

    private static final byte[] EMPTY = new byte[0];

    private static HeaderKind headerKind(int flags) {
        if ((flags & EventRecord.FLAG_TRACE_MESSAGE) != 0) {
            return HeaderKind.MESSAGE;
        }
        if ((flags & EventRecord.FLAG_CLASSIC_HEADER) != 0) {
            return HeaderKind.CLASSIC;
        }
        return HeaderKind.EVENT;
    }

    private static EventDescriptor descriptor(Pointer r) {
        return new EventDescriptor(
                r.getShort(OFF_DESCRIPTOR + DESC_ID) & 0xFFFF,
                r.getByte(OFF_DESCRIPTOR + DESC_VERSION) & 0xFF,
                r.getByte(OFF_DESCRIPTOR + DESC_CHANNEL) & 0xFF,
                r.getByte(OFF_DESCRIPTOR + DESC_LEVEL) & 0xFF,
                r.getByte(OFF_DESCRIPTOR + DESC_OPCODE) & 0xFF,
                r.getShort(OFF_DESCRIPTOR + DESC_TASK) & 0xFFFF,
                r.getLong(OFF_DESCRIPTOR + DESC_KEYWORD));
    }

    private static UUID activityId(Pointer r) {
        // Most events carry no activity id: share the constant instead of allocating a UUID.
        if (r.getLong(OFF_ACTIVITY_ID) == 0 && r.getLong(OFF_ACTIVITY_ID + 8) == 0) {
            return EventRecord.NULL_GUID;
        }
        return Guids.read(r, OFF_ACTIVITY_ID);
    }
}
