package io.etw4j.core.internal.win32;

/**
 * The Windows x64 byte offsets of EVENT_RECORD and the structures it holds, the one source of layout truth for every
 * path that reads an EVENT_RECORD at constant offsets: the JNA copy ({@link EventRecordCopier#copy}), the FFM upcall
 * path of JDK 22 and later (its reads go through {@code MemorySegment}s at these offsets) and the benchmarks' native
 * stand-in (whose C struct is checked against these values when the benchmark starts).
 *
 * <p>Sources: evntcons.h (EVENT_HEADER, EVENT_RECORD, EVENT_HEADER_EXTENDED_DATA_ITEM), evntprov.h
 * (EVENT_DESCRIPTOR), evntrace.h (ETW_BUFFER_CONTEXT); {@code shared/notes/windows-etw-layouts.md} §2.5-2.9.
 * {@code StructLayoutTest} asserts each constant equals the offset of the JNA structure of the same name
 * ({@link EtwStructures}), whose own offsets it asserts against the SDK values. Pointers are 8 bytes (x64 only).
 */
public final class EventRecordLayout {
    private EventRecordLayout() {
    }

    // EVENT_HEADER (evntcons.h), at the start of EVENT_RECORD.
    public static final int OFF_HEADER_SIZE = 0x00;
    public static final int OFF_HEADER_TYPE = 0x02;
    public static final int OFF_FLAGS = 0x04;
    public static final int OFF_EVENT_PROPERTY = 0x06;
    public static final int OFF_THREAD_ID = 0x08;
    public static final int OFF_PROCESS_ID = 0x0C;
    public static final int OFF_TIMESTAMP = 0x10;
    public static final int OFF_PROVIDER_ID = 0x18;
    public static final int OFF_DESCRIPTOR = 0x28;
    public static final int OFF_ACTIVITY_ID = 0x40;
    // EVENT_DESCRIPTOR (evntprov.h), relative to OFF_DESCRIPTOR.
    public static final int DESC_ID = 0x0;
    public static final int DESC_VERSION = 0x2;
    public static final int DESC_CHANNEL = 0x3;
    public static final int DESC_LEVEL = 0x4;
    public static final int DESC_OPCODE = 0x5;
    public static final int DESC_TASK = 0x6;
    public static final int DESC_KEYWORD = 0x8;
    // EVENT_RECORD (evntcons.h).
    public static final int OFF_BUFFER_CONTEXT = 0x50;
    public static final int OFF_EXTENDED_DATA_COUNT = 0x54;
    public static final int OFF_USER_DATA_LENGTH = 0x56;
    public static final int OFF_EXTENDED_DATA = 0x58;
    public static final int OFF_USER_DATA = 0x60;
    public static final int OFF_USER_CONTEXT = 0x68;
    public static final int EVENT_RECORD_SIZE = 0x70;
    // EVENT_HEADER_EXTENDED_DATA_ITEM (evntcons.h).
    public static final int ITEM_EXT_TYPE = 0x2;
    public static final int ITEM_DATA_SIZE = 0x6;
    public static final int ITEM_DATA_PTR = 0x8;
    public static final int ITEM_SIZE = 0x10;
}
