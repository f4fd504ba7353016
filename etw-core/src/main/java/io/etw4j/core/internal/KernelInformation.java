package io.etw4j.core.internal;

import io.etw4j.core.session.KernelStackEvent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.UUID;

/**
 * The TraceSetInformation payloads of kernel sessions, as the bytes the function takes on x64 (little-endian):
 * <ul>
 *   <li>TraceSystemTraceEnableFlagsInfo: PERFINFO_GROUPMASK, {@code ULONG Masks[8]} (32 bytes; the first ULONG holds
 *       the EnableFlags bits, the others the extended groups; learn.microsoft.com "TraceSetInformation function",
 *       TraceSystemTraceEnableFlagsInfo; the 8-ULONG layout is what xperf and public tools pass, inferred from them
 *       as the SDK does not declare PERFINFO_GROUPMASK);</li>
 *   <li>TraceStackTracingInfo: an array of CLASSIC_EVENT_ID (evntrace.h: {@code GUID EventGuid; UCHAR Type;
 *       UCHAR Reserved[7];}, 24 bytes each), at most {@value #MAX_STACK_EVENTS} (learn.microsoft.com
 *       "TraceSetInformation function": "up to 256").</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class KernelInformation {
    /** Number of ULONGs of a PERFINFO_GROUPMASK. */
    public static final int GROUP_MASK_WORDS = 8;
    /** sizeof(CLASSIC_EVENT_ID) (evntrace.h). */
    public static final int CLASSIC_EVENT_ID_SIZE = 24;
    /** The most events TraceStackTracingInfo takes (learn.microsoft.com "TraceSetInformation function"). */
    public static final int MAX_STACK_EVENTS = 256;

    private KernelInformation() {
    }

    /**
     * {@return the 32-byte PERFINFO_GROUPMASK of {@code masks}, padded with zero words}
     *
     * @param masks 1 to 8 ULONGs
     */
    public static byte[] groupMask(int[] masks) {
        if (masks.length == 0 || masks.length > GROUP_MASK_WORDS) {
            throw new IllegalArgumentException("a group mask has 1.." + GROUP_MASK_WORDS + " ULONGs: " + masks.length);
        }
        ByteBuffer b = ByteBuffer.allocate(4 * GROUP_MASK_WORDS).order(ByteOrder.LITTLE_ENDIAN);
        for (int m : masks) {
            b.putInt(m);
        }
        return b.array();
    }

    /**
     * {@return the CLASSIC_EVENT_ID array of {@code events}: each GUID in Windows' layout (Data1 u32 LE, Data2 u16
     * LE, Data3 u16 LE, Data4 8 bytes), the type byte, 7 zero bytes}
     *
     * @param events 1 to {@value #MAX_STACK_EVENTS} events
     */
    public static byte[] classicEventIds(List<KernelStackEvent> events) {
        if (events.isEmpty() || events.size() > MAX_STACK_EVENTS) {
            throw new IllegalArgumentException("stack tracing takes 1.." + MAX_STACK_EVENTS + " events: "
                    + events.size());
        }
        ByteBuffer b = ByteBuffer.allocate(CLASSIC_EVENT_ID_SIZE * events.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (KernelStackEvent e : events) {
            putGuid(b, e.eventClass());
            b.put((byte) e.type());
            b.put(new byte[7]);
        }
        return b.array();
    }

    private static void putGuid(ByteBuffer b, UUID g) {
        long msb = g.getMostSignificantBits();
        b.putInt((int) (msb >>> 32));
        b.putShort((short) (msb >>> 16));
        b.putShort((short) msb);
        b.order(ByteOrder.BIG_ENDIAN).putLong(g.getLeastSignificantBits()).order(ByteOrder.LITTLE_ENDIAN);
    }
}
