package io.etw4j.core.internal.win32;

import com.sun.jna.Pointer;
import io.etw4j.core.internal.win32.EtwStructures.GUID;
import java.util.UUID;

/**
 * Converts between {@link UUID} and the Windows GUID layout (guiddef.h: Data1 u32, Data2 u16, Data3 u16 in the
 * machine's little-endian order, then Data4[8] in order), the layout {@code io.etw4j.core.PayloadReader.guidAt} also
 * reads. Stateless, thread-safe.
 */
public final class Guids {
    /** Bytes in a GUID. */
    public static final int SIZE = 16;

    private Guids() {
    }

    /** A new GUID structure holding {@code uuid}, written to its native memory (ready to pass as LPCGUID). */
    public static GUID toStructure(UUID uuid) {
        GUID g = new GUID();
        set(g, uuid);
        g.write();
        return g;
    }

    /** Sets the fields of {@code g} (a GUID field of a larger structure, for instance) to {@code uuid}. */
    public static void set(GUID g, UUID uuid) {
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        g.Data1 = (int) (msb >>> 32);
        g.Data2 = (short) (msb >>> 16);
        g.Data3 = (short) msb;
        for (int i = 0; i < 8; i++) {
            g.Data4[i] = (byte) (lsb >>> (56 - 8 * i));
        }
    }

    /** The UUID held by the fields of {@code g}. */
    public static UUID toUuid(GUID g) {
        long msb = (g.Data1 & 0xFFFFFFFFL) << 32 | (g.Data2 & 0xFFFFL) << 16 | (g.Data3 & 0xFFFFL);
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            lsb = lsb << 8 | (g.Data4[i] & 0xFF);
        }
        return new UUID(msb, lsb);
    }

    /** The GUID stored at {@code p + offset}, read with three primitive reads (no Structure). */
    public static UUID read(Pointer p, long offset) {
        long msb = (p.getInt(offset) & 0xFFFFFFFFL) << 32 | (p.getShort(offset + 4) & 0xFFFFL) << 16
                | (p.getShort(offset + 6) & 0xFFFFL);
        // Data4 is a byte array: its first byte is the most significant byte of the UUID's low half. x64 Windows
        // (and every host this runs on) is little-endian, so one 8-byte load reversed gives that order.
        long lsb = Long.reverseBytes(p.getLong(offset + 8));
        return new UUID(msb, lsb);
    }

    /** Writes {@code uuid} in GUID layout at {@code p + offset}. */
    public static void write(Pointer p, long offset, UUID uuid) {
        long msb = uuid.getMostSignificantBits();
        p.setInt(offset, (int) (msb >>> 32));
        p.setShort(offset + 4, (short) (msb >>> 16));
        p.setShort(offset + 6, (short) msb);
        p.setLong(offset + 8, Long.reverseBytes(uuid.getLeastSignificantBits()));
    }
}
