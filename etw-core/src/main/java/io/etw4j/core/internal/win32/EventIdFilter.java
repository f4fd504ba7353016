package io.etw4j.core.internal.win32;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * An event-id filter for EnableTraceEx2 in native memory: one EVENT_FILTER_DESCRIPTOR (evntprov.h; Ptr u64@0,
 * Size u32@8, Type u32@0xC) of type {@link Advapi32#EVENT_FILTER_TYPE_EVENT_ID} pointing at an
 * EVENT_FILTER_EVENT_ID (evntprov.h: BOOLEAN FilterIn @0, UCHAR Reserved @1, USHORT Count @2,
 * USHORT Events[Count] @4; Size = 4 + 2 * Count).
 *
 * <p>Set ENABLE_TRACE_PARAMETERS.EnableFilterDesc to {@link #descriptor()} and FilterDescCount to 1. Keep this object
 * reachable until EnableTraceEx2 has returned (it owns both native blocks). Immutable after construction;
 * thread-safe to read.
 */
public final class EventIdFilter {
    private final Memory data;
    private final Memory descriptor;

    private EventIdFilter(boolean filterIn, int[] ids) {
        if (ids.length == 0 || ids.length > Advapi32.MAX_EVENT_FILTER_EVENT_ID_COUNT) {
            throw new IllegalArgumentException("an event-id filter takes 1.."
                    + Advapi32.MAX_EVENT_FILTER_EVENT_ID_COUNT + " ids (MAX_EVENT_FILTER_EVENT_ID_COUNT), got "
                    + ids.length);
        }
        int size = 4 + 2 * ids.length;
        data = new Memory(size);
        data.clear();
        data.setByte(0, (byte) (filterIn ? 1 : 0));
        data.setShort(2, (short) ids.length);
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] > 0xFFFF) {
                throw new IllegalArgumentException("event id out of range 0..65535: " + ids[i]);
            }
            data.setShort(4 + 2L * i, (short) ids[i]);
        }
        descriptor = new Memory(0x10);
        descriptor.setLong(0, Pointer.nativeValue(data));
        descriptor.setInt(8, size);
        descriptor.setInt(0xC, Advapi32.EVENT_FILTER_TYPE_EVENT_ID);
    }

    /** Only events with these ids are delivered (FilterIn TRUE). */
    public static EventIdFilter include(int... ids) {
        return new EventIdFilter(true, ids);
    }

    /** Events with these ids are not delivered (FilterIn FALSE). */
    public static EventIdFilter exclude(int... ids) {
        return new EventIdFilter(false, ids);
    }

    /** The EVENT_FILTER_DESCRIPTOR, for ENABLE_TRACE_PARAMETERS.EnableFilterDesc. */
    public Pointer descriptor() {
        return descriptor;
    }

    /** The EVENT_FILTER_EVENT_ID the descriptor points to. */
    public Pointer data() {
        return data;
    }
}
