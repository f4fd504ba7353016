package io.etw4j.core.internal.win32;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.etw4j.core.internal.ProviderConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The filters of one EnableTraceEx2 call in native memory: an array of EVENT_FILTER_DESCRIPTOR (evntprov.h; 16 bytes
 * each on x64: ULONGLONG Ptr @0, ULONG Size @8, ULONG Type @0xC) for ENABLE_TRACE_PARAMETERS.EnableFilterDesc, with
 * FilterDescCount = {@link #count()}, and the data blocks they point to, in this order:
 * <ol>
 *   <li>EVENT_FILTER_TYPE_EVENT_ID: an EVENT_FILTER_EVENT_ID ({@link EventIdFilter}'s layout: BOOLEAN FilterIn @0,
 *       USHORT Count @2, USHORT Events[] @4; Size = 4 + 2 * Count);</li>
 *   <li>EVENT_FILTER_TYPE_PID: ULONG process ids; Size = 4 * count (at most MAX_EVENT_FILTER_PID_COUNT, 8);</li>
 *   <li>EVENT_FILTER_TYPE_EXECUTABLE_NAME: one NUL-terminated UTF-16LE string of names separated by ';'; Size = its
 *       bytes with the NUL (at most MAX_EVENT_FILTER_DATA_SIZE, 1024).</li>
 * </ol>
 * Limits and layouts: learn.microsoft.com "EVENT_FILTER_DESCRIPTOR structure" and "ENABLE_TRACE_PARAMETERS structure"
 * (each filter type at most once per call). The limits are also enforced by {@code io.etw4j.core.session.Provider};
 * here they are re-checked so that no oversized block can reach EnableTraceEx2.
 *
 * <p>Keep this object reachable until EnableTraceEx2 has returned (it owns every native block). Immutable after
 * construction.
 */
public final class EnableFilters {
    /** sizeof(EVENT_FILTER_DESCRIPTOR) on x64 (evntprov.h). */
    public static final int DESCRIPTOR_SIZE = 0x10;

    private final Memory descriptors;
    /** The event-id filter's own native blocks (its layout lives in {@link EventIdFilter}), held as long as this. */
    private final EventIdFilter eventIds;
    /** The PID and executable-name data blocks, held as long as this. */
    private final List<Memory> blocks = new ArrayList<>();
    private final int count;

    private EnableFilters(ProviderConfig p) {
        List<long[]> entries = new ArrayList<>(); // {address, size, type}
        EventIdFilter ids = null;
        if (p.hasEventIdFilter()) {
            ids = p.includeEventIds() ? EventIdFilter.include(p.eventIds()) : EventIdFilter.exclude(p.eventIds());
            Pointer d = ids.descriptor();
            entries.add(new long[] {d.getLong(0), d.getInt(8), d.getInt(0xC)});
        }
        this.eventIds = ids;
        if (p.hasProcessIdFilter()) {
            int[] pids = p.processIds();
            if (pids.length > Advapi32.MAX_EVENT_FILTER_PID_COUNT) {
                throw new IllegalArgumentException("a PID filter takes at most " + Advapi32.MAX_EVENT_FILTER_PID_COUNT
                        + " process ids (MAX_EVENT_FILTER_PID_COUNT), got " + pids.length);
            }
            Memory m = new Memory(4L * pids.length);
            for (int i = 0; i < pids.length; i++) {
                m.setInt(4L * i, pids[i]);
            }
            blocks.add(m);
            entries.add(new long[] {Pointer.nativeValue(m), m.size(), Advapi32.EVENT_FILTER_TYPE_PID});
        }
        if (p.hasExecutableNameFilter()) {
            byte[] names = WideStrings.bytes(p.executableNames());
            if (names.length > Advapi32.MAX_EVENT_FILTER_DATA_SIZE) {
                throw new IllegalArgumentException("an executable-name filter takes at most "
                        + Advapi32.MAX_EVENT_FILTER_DATA_SIZE + " bytes with its NUL (MAX_EVENT_FILTER_DATA_SIZE),"
                        + " got " + names.length);
            }
            Memory m = new Memory(names.length);
            m.write(0, names, 0, names.length);
            blocks.add(m);
            entries.add(new long[] {Pointer.nativeValue(m), names.length,
                    Advapi32.EVENT_FILTER_TYPE_EXECUTABLE_NAME});
        }
        count = entries.size();
        descriptors = new Memory((long) DESCRIPTOR_SIZE * Math.max(count, 1));
        descriptors.clear();
        for (int i = 0; i < count; i++) {
            long[] e = entries.get(i);
            descriptors.setLong((long) DESCRIPTOR_SIZE * i, e[0]);
            descriptors.setInt((long) DESCRIPTOR_SIZE * i + 8, (int) e[1]);
            descriptors.setInt((long) DESCRIPTOR_SIZE * i + 0xC, (int) e[2]);
        }
    }

    /** {@return the filters of {@code provider}, or null if it has none} */
    public static EnableFilters of(ProviderConfig provider) {
        return provider.filterCount() == 0 ? null : new EnableFilters(provider);
    }

    /** {@return the first EVENT_FILTER_DESCRIPTOR of the array} */
    public Pointer descriptors() {
        return descriptors;
    }

    /** {@return the number of descriptors (FilterDescCount)} */
    public int count() {
        return count;
    }
}
