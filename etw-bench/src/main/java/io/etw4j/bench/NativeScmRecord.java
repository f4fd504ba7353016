package io.etw4j.bench;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.etw4j.core.internal.win32.Guids;
import java.util.HexFormat;
import java.util.UUID;

/**
 * An EVENT_RECORD in native memory, laid out at the Windows x64 offsets (evntcons.h;
 * {@code shared/notes/windows-etw-layouts.md} §2.5-2.9) as ProcessTrace passes it to the callback: shaped like an SCM
 * WPP service-creation event (provider {EBCCA1C2-AB46-4A1D-8C2A-906C2FF25F39}, id 0x28, pid 700) of a session that
 * asked for SID and process start key: two extended items (SID S-1-5-18, PROCESS_START_KEY) and a 120-byte payload.
 * The benchmarks' common input.
 *
 * <p>Holds every native block the record points to, so they live as long as this object. Not thread-safe; the
 * benchmarks only read it.
 */
final class NativeScmRecord {
    static final UUID PROVIDER = UUID.fromString("ebcca1c2-ab46-4a1d-8c2a-906c2ff25f39");
    /** S-1-5-18 (LocalSystem), winnt.h binary SID. */
    private static final byte[] SID = HexFormat.of().parseHex("010100000000000512000000");
    static final int PAYLOAD_SIZE = 120;

    final Memory record = new Memory(0x70);
    private final Memory extended = new Memory(0x20);
    private final Memory sid = copyOf(SID);
    private final Memory startKey = copyOf(new byte[] {0x34, 0x12, 0, 0, 0, 0, 2, 0});
    private final Memory payload;

    NativeScmRecord() {
        record.clear();
        record.setShort(0x00, (short) 0x50);
        record.setShort(0x04, (short) 0x0041);              // EXTENDED_INFO | 64_BIT_HEADER
        record.setInt(0x08, 1234);                          // ThreadId
        record.setInt(0x0C, 700);                           // ProcessId (services.exe)
        record.setLong(0x10, 133_500_000_000_000_000L);     // TimeStamp (FILETIME, 2024)
        Guids.write(record, 0x18, PROVIDER);
        record.setShort(0x28, (short) 0x28);                // Id: WPP message 0x28
        record.setByte(0x2C, (byte) 4);                     // Level
        record.setLong(0x30, -1L);                          // Keyword
        record.setByte(0x50, (byte) 1);                     // ProcessorNumber

        extended.clear();
        extended.setShort(0x02, (short) 2);                 // EVENT_HEADER_EXT_TYPE_SID
        extended.setShort(0x04, (short) 1);                 // Linkage
        extended.setShort(0x06, (short) SID.length);
        extended.setLong(0x08, Pointer.nativeValue(sid));
        extended.setShort(0x12, (short) 0x0D);              // EVENT_HEADER_EXT_TYPE_PROCESS_START_KEY
        extended.setShort(0x16, (short) 8);
        extended.setLong(0x18, Pointer.nativeValue(startKey));
        record.setShort(0x54, (short) 2);
        record.setPointer(0x58, extended);

        byte[] user = new byte[PAYLOAD_SIZE];
        for (int i = 0; i < user.length; i++) {
            user[i] = (byte) i;
        }
        payload = copyOf(user);
        record.setShort(0x56, (short) user.length);
        record.setPointer(0x60, payload);
    }

    private static Memory copyOf(byte[] bytes) {
        Memory m = new Memory(bytes.length);
        m.write(0, bytes, 0, bytes.length);
        return m;
    }
}
