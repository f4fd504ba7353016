package io.etw4j.core.internal.win32;

import static io.etw4j.core.internal.win32.EventRecordLayout.*;

import com.sun.jna.Pointer;
import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.EventRecordBuilder;
import io.etw4j.core.ExtendedDataItem;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.PayloadReader;
import io.etw4j.core.internal.RecordBytes;
import io.etw4j.core.internal.TimestampConverter;
import io.etw4j.core.internal.win32.MalformedEventRecordException.Reason;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Copies an EVENT_RECORD, as ETW passes it to PEVENT_RECORD_CALLBACK, into an immutable {@link EventRecord} that
 * outlives the callback: the header, the provider id, the descriptor, the activity id, the processor, every extended
 * data item (type and bytes) and the user data.
 *
 * <p>The fixed 0x70 bytes are fetched with one native read, then fields are decoded at the constant x64 offsets of
 * {@link EventRecordLayout} (evntcons.h / evntprov.h / evntrace.h) rather than through
 * {@link EtwStructures.EVENT_RECORD}{@code .read()}, which reflects over every field; {@code StructLayoutTest} asserts
 * each constant equals the structure's offset. Pointer fields are read as 64-bit addresses (x64 only). The JNA path
 * ({@link #copy(Pointer)}) and the FFM upcall path of JDK 22+ share the decoding ({@link #copy(byte[],
 * NativeMemoryReader)}): they differ only in how they fetch bytes of native memory.
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
        // One native read of the whole fixed part (a single JNI transition), then plain Java reads at the constant
        // offsets: measured several times faster than one Pointer.getX call per field (etw-bench).
        byte[] h = new byte[EVENT_RECORD_SIZE];
        eventRecord.read(0, h, 0, EVENT_RECORD_SIZE);
        return copy(h, NativeMemoryReader.JNA);
    }

    /**
     * Builds the record from its fixed part {@code h} (the EVENT_RECORD_SIZE bytes at the record's address, already
     * copied) and fetches the payload and the extended data items it points to with {@code memory}.
     *
     * @throws MalformedEventRecordException as {@link #copy(Pointer)}
     */
    EventRecord copy(byte[] h, NativeMemoryReader memory) {
        int flags = u16(h, OFF_FLAGS);
        long rawTimestamp = i64(h, OFF_TIMESTAMP);

        EventRecordBuilder b = EventRecord.builder()
                .headerKind(headerKind(flags))
                .flags(flags)
                .eventProperty(u16(h, OFF_EVENT_PROPERTY))
                .threadId(i32(h, OFF_THREAD_ID))
                .processId(i32(h, OFF_PROCESS_ID))
                .rawTimestamp(rawTimestamp)
                .providerId(PayloadReader.guidAt(h, OFF_PROVIDER_ID))
                .descriptor(descriptor(h))
                .activityId(activityId(h))
                .processorNumber((flags & EventRecord.FLAG_PROCESSOR_INDEX) != 0
                        ? u16(h, OFF_BUFFER_CONTEXT)
                        : h[OFF_BUFFER_CONTEXT] & 0xFF);

        Reason problem = null;
        String detail = null;

        try {
            b.timestamp(timestamps.toInstant(rawTimestamp));
        } catch (ArithmeticException | DateTimeException e) {
            problem = Reason.TIMESTAMP_OUT_OF_RANGE;
            detail = "TimeStamp " + rawTimestamp + ": " + e.getMessage();
        }

        int userDataLength = u16(h, OFF_USER_DATA_LENGTH);
        if (userDataLength > 0) {
            long userData = i64(h, OFF_USER_DATA);
            if (userData == 0) {
                if (problem == null) {
                    problem = Reason.NULL_USER_DATA;
                    detail = "UserDataLength " + userDataLength + " with a null UserData";
                }
            } else {
                b.payload(RecordBytes.adopt(memory.read(userData, userDataLength)));
            }
        }

        int count = u16(h, OFF_EXTENDED_DATA_COUNT);
        if (count > 0) {
            long itemsAddress = i64(h, OFF_EXTENDED_DATA);
            if (itemsAddress == 0) {
                if (problem == null) {
                    problem = Reason.NULL_EXTENDED_DATA;
                    detail = "ExtendedDataCount " + count + " with a null ExtendedData";
                }
            } else {
                byte[] items = memory.read(itemsAddress, count * ITEM_SIZE);
                List<ExtendedDataItem> list = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    int item = i * ITEM_SIZE;
                    int type = u16(items, item + ITEM_EXT_TYPE);
                    int size = u16(items, item + ITEM_DATA_SIZE);
                    long address = i64(items, item + ITEM_DATA_PTR);
                    if (size == 0) {
                        list.add(new ExtendedDataItem(type, EMPTY));
                    } else if (address == 0) {
                        if (problem == null) {
                            problem = Reason.NULL_EXTENDED_ITEM_DATA;
                            detail = "extended item " + i + " (type 0x" + Integer.toHexString(type) + ") DataSize "
                                    + size + " with a null DataPtr";
                        }
                    } else {
                        list.add(new ExtendedDataItem(type, memory.read(address, size)));
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

    private static EventDescriptor descriptor(byte[] h) {
        return new EventDescriptor(
                u16(h, OFF_DESCRIPTOR + DESC_ID),
                h[OFF_DESCRIPTOR + DESC_VERSION] & 0xFF,
                h[OFF_DESCRIPTOR + DESC_CHANNEL] & 0xFF,
                h[OFF_DESCRIPTOR + DESC_LEVEL] & 0xFF,
                h[OFF_DESCRIPTOR + DESC_OPCODE] & 0xFF,
                u16(h, OFF_DESCRIPTOR + DESC_TASK),
                i64(h, OFF_DESCRIPTOR + DESC_KEYWORD));
    }

    private static UUID activityId(byte[] h) {
        // Most events carry no activity id: share the constant instead of allocating a UUID.
        if (i64(h, OFF_ACTIVITY_ID) == 0 && i64(h, OFF_ACTIVITY_ID + 8) == 0) {
            return EventRecord.NULL_GUID;
        }
        return PayloadReader.guidAt(h, OFF_ACTIVITY_ID);
    }

    // Little-endian views (x64 Windows memory order) of a byte array.
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static int u16(byte[] b, int off) {
        return (short) I16.get(b, off) & 0xFFFF;
    }

    private static int i32(byte[] b, int off) {
        return (int) I32.get(b, off);
    }

    private static long i64(byte[] b, int off) {
        return (long) I64.get(b, off);
    }
}
