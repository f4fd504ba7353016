package io.etw4j.core;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One EVENT_HEADER_EXTENDED_DATA_ITEM of an event (evntcons.h), copied out of ETW's memory.
 *
 * <p>Immutable: the data array is copied on the way in and on the way out. {@link EventRecord} offers typed accessors
 * for the common types ({@link EventRecord#processStartKey()}, {@link EventRecord#relatedActivityId()},
 * {@link EventRecord#userSid()}, {@link EventRecord#stackTrace()}); every other type is available here as raw bytes.
 *
 * @param type EVENT_HEADER_EXT_TYPE_* value (USHORT)
 * @param data the item's bytes, {@code DataSize} long
 */
public record ExtendedDataItem(int type, byte[] data) {
    /** EVENT_HEADER_EXT_TYPE_RELATED_ACTIVITYID (evntcons.h): a GUID. */
    public static final int RELATED_ACTIVITYID = 0x0001;
    /** EVENT_HEADER_EXT_TYPE_SID (evntcons.h): the SID of the user that logged the event. */
    public static final int SID = 0x0002;
    /** EVENT_HEADER_EXT_TYPE_TS_ID (evntcons.h): terminal session id, ULONG. */
    public static final int TS_ID = 0x0003;
    /** EVENT_HEADER_EXT_TYPE_INSTANCE_INFO (evntcons.h). */
    public static final int INSTANCE_INFO = 0x0004;
    /** EVENT_HEADER_EXT_TYPE_STACK_TRACE32 (evntcons.h): ULONG64 MatchId then 32-bit addresses. */
    public static final int STACK_TRACE32 = 0x0005;
    /** EVENT_HEADER_EXT_TYPE_STACK_TRACE64 (evntcons.h): ULONG64 MatchId then 64-bit addresses. */
    public static final int STACK_TRACE64 = 0x0006;
    /** EVENT_HEADER_EXT_TYPE_PEBS_INDEX (evntcons.h). */
    public static final int PEBS_INDEX = 0x0007;
    /** EVENT_HEADER_EXT_TYPE_PMC_COUNTERS (evntcons.h). */
    public static final int PMC_COUNTERS = 0x0008;
    /** EVENT_HEADER_EXT_TYPE_PSM_KEY (evntcons.h). */
    public static final int PSM_KEY = 0x0009;
    /** EVENT_HEADER_EXT_TYPE_EVENT_KEY (evntcons.h): ULONG64. */
    public static final int EVENT_KEY = 0x000A;
    /** EVENT_HEADER_EXT_TYPE_EVENT_SCHEMA_TL (evntcons.h): TraceLogging schema. */
    public static final int EVENT_SCHEMA_TL = 0x000B;
    /** EVENT_HEADER_EXT_TYPE_PROV_TRAITS (evntcons.h): provider traits (size, then the provider name). */
    public static final int PROV_TRAITS = 0x000C;
    /** EVENT_HEADER_EXT_TYPE_PROCESS_START_KEY (evntcons.h): ULONG64 process start key. */
    public static final int PROCESS_START_KEY = 0x000D;
    /** EVENT_HEADER_EXT_TYPE_CONTROL_GUID (evntcons.h): GUID. */
    public static final int CONTROL_GUID = 0x000E;
    /** EVENT_HEADER_EXT_TYPE_QPC_DELTA (evntcons.h). */
    public static final int QPC_DELTA = 0x000F;
    /** EVENT_HEADER_EXT_TYPE_CONTAINER_ID (evntcons.h): GUID. */
    public static final int CONTAINER_ID = 0x0010;
    /** EVENT_HEADER_EXT_TYPE_STACK_KEY32 (evntcons.h). */
    public static final int STACK_KEY32 = 0x0011;
    /** EVENT_HEADER_EXT_TYPE_STACK_KEY64 (evntcons.h). */
    public static final int STACK_KEY64 = 0x0012;

    static {
        io.etw4j.core.internal.RecordBytes.installItemAccess(i -> i.data);
    }

    /**
     * Creates the record (the canonical constructor).
     *
     * @param type EVENT_HEADER_EXT_TYPE_* value (USHORT)
     * @param data the item's bytes, {@code DataSize} long
     */
    public ExtendedDataItem {
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("type out of range 0..0xFFFF: " + type);
        }
        data = data.clone();
    }

    /** {@return a copy of the item's bytes} */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** {@return number of bytes in the item} */
    public int size() {
        return data.length;
    }

    /** {@return a reader over the item's bytes (pointer size 8)} */
    public PayloadReader reader() {
        return PayloadReader.of(data, 8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtendedDataItem other && other.type == type && Arrays.equals(other.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "ExtendedDataItem[type=0x" + Integer.toHexString(type) + ", data=" + HexFormat.of().formatHex(data) + "]";
    }
}
