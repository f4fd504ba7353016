package io.etw4j.core.internal.win32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.etw4j.core.EventDescriptor;
import io.etw4j.core.EventRecord;
import io.etw4j.core.ExtendedDataItem;
import io.etw4j.core.HeaderKind;
import io.etw4j.core.PayloadReader;
import io.etw4j.core.internal.TimestampConverter;
import io.etw4j.core.internal.win32.EtwStructures.EVENT_RECORD;
import io.etw4j.core.internal.win32.MalformedEventRecordException.Reason;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real copy path: EVENT_RECORDs laid out in JNA native memory byte by byte at the Windows x64 offsets
 * (evntcons.h EVENT_RECORD / EVENT_HEADER / EVENT_HEADER_EXTENDED_DATA_ITEM, evntprov.h EVENT_DESCRIPTOR, evntrace.h
 * ETW_BUFFER_CONTEXT; notes §2.5-2.9), as ProcessTrace hands them to the callback, then copied and checked field by
 * field. The offsets here are literals from the notes, independent of the copier's constants.
 */
class EventRecordCopierTest {
    private static final UUID PROVIDER = UUID.fromString("ebcca1c2-ab46-4a1d-8c2a-906c2ff25f39");
    private static final UUID ACTIVITY = UUID.fromString("01234567-89ab-cdef-0123-456789abcdef");
    private static final UUID RELATED = UUID.fromString("fedcba98-7654-3210-fedc-ba9876543210");
    /** 2020-01-01T00:00:00Z as a FILETIME (100 ns units since 1601), plus 0.1234567 s. */
    private static final long FILETIME = 132_223_104_000_000_000L + 1_234_567L;
    /** S-1-5-21-1-2-3-1001 in binary (winnt.h SID): revision 1, 5 subauthorities, authority 5 big-endian. */
    private static final byte[] SID = HexFormat.of().parseHex(
            "010500000000000515000000010000000200000003000000e9030000");
    /** The seed's payload shape: UTF-16LE "svc\0" then the client PID 3556 (e4 0d 00 00). */
    private static final byte[] PAYLOAD = HexFormat.of().parseHex("7300760063000000e40d0000");

    private final EventRecordCopier copier = EventRecordCopier.systemTime();
    private Memory record;

    @BeforeEach
    void layOutRecord() {
        record = new Memory(0x70);
        record.clear();
        // EVENT_HEADER
        record.setShort(0x00, (short) 0x50);               // Size
        record.setShort(0x02, (short) 0xC013);             // HeaderType (as delivered; not copied)
        record.setShort(0x04, (short) 0x0241);             // Flags: EXTENDED_INFO | 64_BIT_HEADER | PROCESSOR_INDEX
        record.setShort(0x06, (short) 0x0008);             // EventProperty: RELOGGABLE
        record.setInt(0x08, 0x1F40);                       // ThreadId 8000
        record.setInt(0x0C, 3556);                         // ProcessId
        record.setLong(0x10, FILETIME);                    // TimeStamp
        Guids.write(record, 0x18, PROVIDER);               // ProviderId
        record.setShort(0x28, (short) 0xFFFE);             // Descriptor.Id (unsigned)
        record.setByte(0x2A, (byte) 0x81);                 // Version
        record.setByte(0x2B, (byte) 0x10);                 // Channel
        record.setByte(0x2C, (byte) 5);                    // Level
        record.setByte(0x2D, (byte) 0xF0);                 // Opcode
        record.setShort(0x2E, (short) 0xABCD);             // Task
        record.setLong(0x30, 0x8000_0000_0000_0011L);      // Keyword
        record.setInt(0x38, 7);                            // KernelTime
        record.setInt(0x3C, 9);                            // UserTime
        Guids.write(record, 0x40, ACTIVITY);               // ActivityId
        // ETW_BUFFER_CONTEXT: ProcessorIndex 0x0123 (ProcessorNumber byte 0x23, Alignment byte 0x01), LoggerId 42
        record.setShort(0x50, (short) 0x0123);
        record.setShort(0x52, (short) 42);
        // Extended data and payload
        Memory ext = extendedItems(
                item(ExtendedDataItem.RELATED_ACTIVITYID, guidBytes(RELATED)),
                item(ExtendedDataItem.SID, SID),
                item(ExtendedDataItem.PROCESS_START_KEY, le64(0x0002_0000_0000_1234L)),
                item(ExtendedDataItem.STACK_TRACE64, concat(le64(77L), le64(0x7FF6_1234_5678L),
                        le64(0xFFFF_F801_0000_1000L), le64(0x7FFD_0000_0042L))),
                item(0x0099, new byte[] {1, 2, 3}));
        record.setShort(0x54, (short) 5);                  // ExtendedDataCount
        record.setPointer(0x58, ext);                      // ExtendedData
        Memory userData = copyOf(PAYLOAD);
        record.setShort(0x56, (short) PAYLOAD.length);     // UserDataLength
        record.setPointer(0x60, userData);                 // UserData
        record.setPointer(0x68, new Pointer(0x1234_5678L)); // UserContext
        keepAlive = List.of(ext, userData);
    }

    /** Native blocks referenced only by address from {@link #record}; kept reachable for the test's duration. */
    private List<Object> keepAlive;

    @Test
    void copiesEveryHeaderField() {
        EventRecord r = copier.copy(record);

        assertThat(r.headerKind()).isEqualTo(HeaderKind.EVENT);
        assertThat(r.flags()).isEqualTo(0x0241);
        assertThat(r.eventProperty()).isEqualTo(8);
        assertThat(r.threadId()).isEqualTo(8000);
        assertThat(r.processId()).isEqualTo(3556);
        assertThat(r.rawTimestamp()).isEqualTo(FILETIME);
        assertThat(r.timestamp()).isEqualTo(Instant.parse("2020-01-01T00:00:00.1234567Z"));
        assertThat(r.providerId()).isEqualTo(PROVIDER);
        assertThat(r.descriptor()).isEqualTo(new EventDescriptor(0xFFFE, 0x81, 0x10, 5, 0xF0, 0xABCD,
                0x8000_0000_0000_0011L));
        assertThat(r.activityId()).isEqualTo(ACTIVITY);
        assertThat(r.processorNumber()).as("ProcessorIndex (u16) because of PROCESSOR_INDEX").isEqualTo(0x0123);
        assertThat(r.pointerSize()).isEqualTo(8);
    }

    @Test
    void copiesThePayload() {
        EventRecord r = copier.copy(record);

        assertThat(r.payload()).isEqualTo(PAYLOAD);
        PayloadReader p = r.payloadReader();
        assertThat(p.utf16z()).isEqualTo("svc");
        assertThat(p.u32()).isEqualTo(3556L);
    }

    @Test
    void copiesEveryExtendedItemWithItsType() {
        EventRecord r = copier.copy(record);

        assertThat(r.extendedData()).extracting(ExtendedDataItem::type)
                .containsExactly(0x1, 0x2, 0xD, 0x6, 0x99);
        assertThat(r.extendedData().get(4).data()).containsExactly(1, 2, 3);
        assertThat(r.relatedActivityId()).contains(RELATED);
        assertThat(r.userSid()).hasValueSatisfying(sid -> assertThat(sid).hasToString("S-1-5-21-1-2-3-1001"));
        assertThat(r.processStartKey()).hasValue(0x0002_0000_0000_1234L);
        assertThat(r.stackTrace()).hasValueSatisfying(frames -> assertThat(frames)
                .containsExactly(0x7FF6_1234_5678L, 0xFFFF_F801_0000_1000L, 0x7FFD_0000_0042L));
    }

    @Test
    void theCopyOutlivesTheNativeRecord() {
        EventRecord r = copier.copy(record);
        // ETW reuses its buffers once the callback returns: scribble over everything the record pointed to.
        record.clear();
        for (Object o : keepAlive) {
            ((Memory) o).clear();
        }
        assertThat(r.payload()).isEqualTo(PAYLOAD);
        assertThat(r.providerId()).isEqualTo(PROVIDER);
        // the values, not just their presence: a view of the cleared memory would still be "present"
        assertThat(r.userSid()).hasValueSatisfying(sid -> assertThat(sid).hasToString("S-1-5-21-1-2-3-1001"));
        assertThat(r.processStartKey()).hasValue(0x0002_0000_0000_1234L);
        assertThat(r.extendedData().get(4).data()).containsExactly(1, 2, 3);
    }

    @Test
    void processorNumberIsTheByteWithoutTheProcessorIndexFlag() {
        record.setShort(0x04, (short) 0x0041);
        record.setShort(0x50, (short) 0x0185); // ProcessorNumber 0x85 (unsigned 133), Alignment 1

        assertThat(copier.copy(record).processorNumber()).isEqualTo(133);
    }

    @Test
    void headerKindFollowsTheFlags() {
        record.setShort(0x04, (short) 0x0008);
        assertThat(copier.copy(record).headerKind()).isEqualTo(HeaderKind.MESSAGE);
        record.setShort(0x04, (short) 0x0100);
        assertThat(copier.copy(record).headerKind()).isEqualTo(HeaderKind.CLASSIC);
    }

    @Test
    void allOnesIdsBecomeMinusOne() {
        record.setInt(0x08, -1);
        record.setInt(0x0C, -1);
        EventRecord r = copier.copy(record);
        assertThat(r.threadId()).isEqualTo(-1);
        assertThat(r.processId()).isEqualTo(-1);
    }

    @Test
    void thirtyTwoBitHeaderFlagGivesFourBytePointers() {
        record.setShort(0x04, (short) 0x0020); // 32_BIT_HEADER
        byte[] payload = HexFormat.of().parseHex("785634120a000000");
        Memory userData = copyOf(payload);
        record.setPointer(0x60, userData);
        record.setShort(0x56, (short) payload.length);
        record.setShort(0x54, (short) 0);

        EventRecord r = copier.copy(record);

        assertThat(r.pointerSize()).isEqualTo(4);
        PayloadReader p = r.payloadReader();
        assertThat(p.pointer()).isEqualTo(0x12345678L);
        assertThat(p.u32()).isEqualTo(10L);
        assertThat(r.extendedData()).isEmpty();
    }

    @Test
    void zeroLengthUserDataGivesAnEmptyPayloadEvenWithANullPointer() {
        record.setShort(0x56, (short) 0);
        record.setPointer(0x60, null);

        assertThat(copier.copy(record).payloadSize()).isZero();
    }

    @Test
    void zeroExtendedDataCountIgnoresTheExtendedDataPointer() {
        record.setShort(0x54, (short) 0);
        record.setPointer(0x58, null);

        assertThat(copier.copy(record).extendedData()).isEmpty();
    }

    @Test
    void nullRecordIsATypedError() {
        MalformedEventRecordException e = catchThrowableOfType(MalformedEventRecordException.class,
                () -> copier.copy(null));
        assertThat(e.reason()).isEqualTo(Reason.NULL_RECORD);
        assertThat(e.partialRecord()).isEmpty();
    }

    @Test
    void nullExtendedDataWithACountIsATypedErrorKeepingTheRest() {
        record.setPointer(0x58, null);

        MalformedEventRecordException e = catchThrowableOfType(MalformedEventRecordException.class,
                () -> copier.copy(record));

        assertThat(e.reason()).isEqualTo(Reason.NULL_EXTENDED_DATA);
        assertThat(e).hasMessageContaining("ExtendedDataCount 5");
        assertThat(e.partialRecord()).hasValueSatisfying(r -> {
            assertThat(r.extendedData()).isEmpty();
            assertThat(r.payload()).isEqualTo(PAYLOAD);
            assertThat(r.processId()).isEqualTo(3556);
        });
    }

    @Test
    void nullUserDataWithALengthIsATypedErrorKeepingTheRest() {
        record.setPointer(0x60, null);

        MalformedEventRecordException e = catchThrowableOfType(MalformedEventRecordException.class,
                () -> copier.copy(record));

        assertThat(e.reason()).isEqualTo(Reason.NULL_USER_DATA);
        assertThat(e).hasMessageContaining("UserDataLength 12");
        assertThat(e.partialRecord()).hasValueSatisfying(r -> {
            assertThat(r.payloadSize()).isZero();
            assertThat(r.extendedData()).hasSize(5);
        });
    }

    @Test
    void nullItemDataWithASizeIsATypedErrorKeepingTheOtherItems() {
        Memory ext = extendedItems(item(ExtendedDataItem.PROCESS_START_KEY, le64(5L)),
                item(ExtendedDataItem.SID, SID));
        ext.setLong(0x10 + 8, 0L); // second item's DataPtr
        record.setPointer(0x58, ext);
        record.setShort(0x54, (short) 2);

        MalformedEventRecordException e = catchThrowableOfType(MalformedEventRecordException.class,
                () -> copier.copy(record));

        assertThat(e.reason()).isEqualTo(Reason.NULL_EXTENDED_ITEM_DATA);
        assertThat(e.partialRecord()).hasValueSatisfying(r -> assertThat(r.extendedData())
                .extracting(ExtendedDataItem::type).containsExactly(ExtendedDataItem.PROCESS_START_KEY));
    }

    @Test
    void emptyItemIsKeptEvenWithANullPointer() {
        Memory ext = new Memory(0x10);
        ext.clear();
        ext.setShort(2, (short) ExtendedDataItem.TS_ID);
        record.setPointer(0x58, ext);
        record.setShort(0x54, (short) 1);

        assertThat(copier.copy(record).extendedData()).containsExactly(new ExtendedDataItem(3, new byte[0]));
    }

    @Test
    void unconvertibleTimestampIsATypedErrorKeepingTheRawValue() {
        EventRecordCopier failing = new EventRecordCopier(raw -> {
            throw new ArithmeticException("overflow");
        });

        MalformedEventRecordException e = catchThrowableOfType(MalformedEventRecordException.class,
                () -> failing.copy(record));

        assertThat(e.reason()).isEqualTo(Reason.TIMESTAMP_OUT_OF_RANGE);
        assertThat(e.partialRecord()).hasValueSatisfying(r -> assertThat(r.rawTimestamp()).isEqualTo(FILETIME));
    }

    @Test
    void theClockIsAParameter() {
        EventRecordCopier qpc = new EventRecordCopier(TimestampConverter.qpc(10_000_000L, FILETIME - 5, 0L));
        // 5 ticks at 10 MHz after a reference whose FILETIME is 0 (1601-01-01): 500 ns after 1601.
        assertThat(qpc.copy(record).timestamp()).isEqualTo(Instant.parse("1601-01-01T00:00:00.0000005Z"));
    }

    @Test
    void userContextIsReadFromTheRecord() {
        assertThat(Pointer.nativeValue(EventRecordCopier.userContext(record))).isEqualTo(0x1234_5678L);
        assertThat(EventRecordCopier.userContext(null)).isNull();
    }

    @Test
    void aRecordWrittenThroughTheStructureCopiesTheSame() {
        // Cross-check: fill EtwStructures.EVENT_RECORD by field name, let JNA lay it out, copy from its memory.
        EVENT_RECORD s = new EVENT_RECORD();
        s.EventHeader.Flags = (short) 0x0040;
        s.EventHeader.ProcessId = 4242;
        s.EventHeader.ThreadId = 17;
        s.EventHeader.TimeStamp = FILETIME;
        Guids.set(s.EventHeader.ProviderId, PROVIDER);
        s.EventHeader.EventDescriptor.Id = (short) 0x28;
        s.EventHeader.EventDescriptor.Version = 2;
        s.EventHeader.EventDescriptor.Keyword = 0x10L;
        Guids.set(s.EventHeader.ActivityId, ACTIVITY);
        s.BufferContext.ProcessorNumber = 3;
        Memory userData = copyOf(PAYLOAD);
        s.UserData = userData;
        s.UserDataLength = (short) PAYLOAD.length;
        s.write();

        EventRecord r = copier.copy(s.getPointer());

        assertThat(r.processId()).isEqualTo(4242);
        assertThat(r.threadId()).isEqualTo(17);
        assertThat(r.rawTimestamp()).isEqualTo(FILETIME);
        assertThat(r.providerId()).isEqualTo(PROVIDER);
        assertThat(r.descriptor()).isEqualTo(new EventDescriptor(0x28, 2, 0, 0, 0, 0, 0x10L));
        assertThat(r.activityId()).isEqualTo(ACTIVITY);
        assertThat(r.processorNumber()).isEqualTo(3);
        assertThat(r.payload()).isEqualTo(PAYLOAD);
    }

    @Test
    void nullActivityIdIsTheNullGuid() {
        record.setLong(0x40, 0L);
        record.setLong(0x48, 0L);
        assertThat(copier.copy(record).activityId()).isSameAs(EventRecord.NULL_GUID);
    }

    @Test
    void nullTimestampConverterIsRejected() {
        assertThatThrownBy(() -> new EventRecordCopier(null)).isInstanceOf(NullPointerException.class);
    }

    // ---- helpers: native layout of extended items (EVENT_HEADER_EXTENDED_DATA_ITEM, 0x10 bytes each) ----

    private record Item(int type, byte[] data) {
    }

    private static Item item(int type, byte[] data) {
        return new Item(type, data);
    }

    /** The item array plus one data block per item, linked by address; Linkage 1 on all but the last (evntcons.h). */
    private Memory extendedItems(Item... items) {
        Memory array = new Memory((long) items.length * 0x10);
        array.clear();
        Memory[] blocks = new Memory[items.length];
        for (int i = 0; i < items.length; i++) {
            blocks[i] = copyOf(items[i].data());
            long o = i * 0x10L;
            array.setShort(o + 0, (short) 0);                              // Reserved1
            array.setShort(o + 2, (short) items[i].type());                // ExtType
            array.setShort(o + 4, (short) (i < items.length - 1 ? 1 : 0)); // Linkage:1
            array.setShort(o + 6, (short) items[i].data().length);         // DataSize
            array.setLong(o + 8, Pointer.nativeValue(blocks[i]));         // DataPtr (ULONGLONG)
        }
        itemBlocks.add(blocks);
        return array;
    }

    private final java.util.ArrayList<Memory[]> itemBlocks = new java.util.ArrayList<>();

    private static Memory copyOf(byte[] bytes) {
        Memory m = new Memory(Math.max(1, bytes.length));
        m.write(0, bytes, 0, bytes.length);
        return m;
    }

    private static byte[] le64(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    private static byte[] guidBytes(UUID u) {
        return PayloadReader.guidBytes(u);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
