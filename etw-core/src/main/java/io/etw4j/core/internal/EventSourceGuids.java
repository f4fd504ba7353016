package io.etw4j.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The control GUID a .NET EventSource gets from its name when it declares none: SHA-1 over a fixed 16-byte namespace
 * followed by the upper-cased name in UTF-16BE, the first 16 bytes of the hash with the high nibble of byte 7 set to
 * 5, read as a .NET {@code Guid(byte[])} (Data1, Data2 and Data3 little-endian, Data4 in order). Sources:
 * {@code EventSource.GetGuid} and {@code GenerateGuidFromName} (dotnet/corefx
 * src/Common/src/CoreLib/System/Diagnostics/Tracing/EventSource.cs:
 * {@code GenerateGuidFromName(name.ToUpperInvariant())}, namespace bytes 48 2C 2D B2 C3 90 47 C8 87 F8 1A 15 BF C1 30
 * FB, {@code Encoding.BigEndianUnicode}) and TraceEvent's
 * {@code TraceEventProviders.GetEventSourceGuidFromName} (microsoft/perfview src/TraceEvent/TraceEventSession.cs),
 * which compute the same. It follows RFC 4122's name-based scheme loosely: the variant bits are not set and the hash
 * bytes are read in .NET's mixed-endian GUID order. Checked against published pairs in {@code EventSourceGuidsTest}.
 *
 * <p>Upper-casing: .NET uses {@code ToUpperInvariant}; this class upper-cases each UTF-16 unit with {@link
 * Character#toUpperCase(char)}, which agrees with it for ASCII (the published pairs are ASCII); that the two agree for
 * every other character is inferred, not checked. Stateless, thread-safe.
 */
public final class EventSourceGuids {
    private static final byte[] NAMESPACE = {
        (byte) 0x48, (byte) 0x2C, (byte) 0x2D, (byte) 0xB2, (byte) 0xC3, (byte) 0x90, (byte) 0x47, (byte) 0xC8,
        (byte) 0x87, (byte) 0xF8, (byte) 0x1A, (byte) 0x15, (byte) 0xBF, (byte) 0xC1, (byte) 0x30, (byte) 0xFB,
    };

    private EventSourceGuids() {
    }

    /** The GUID an EventSource named {@code name} (any case) has unless its EventSourceAttribute sets one. */
    public static UUID fromName(String name) {
        char[] upper = name.toCharArray();
        for (int i = 0; i < upper.length; i++) {
            upper[i] = Character.toUpperCase(upper[i]);
        }
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-1 (MessageDigest)", e);
        }
        sha1.update(NAMESPACE);
        byte[] h = sha1.digest(new String(upper).getBytes(StandardCharsets.UTF_16BE));
        h[7] = (byte) ((h[7] & 0x0F) | 0x50);
        long data1 = (h[0] & 0xFFL) | (h[1] & 0xFFL) << 8 | (h[2] & 0xFFL) << 16 | (h[3] & 0xFFL) << 24;
        long data2 = (h[4] & 0xFFL) | (h[5] & 0xFFL) << 8;
        long data3 = (h[6] & 0xFFL) | (h[7] & 0xFFL) << 8;
        long lsb = 0;
        for (int i = 8; i < 16; i++) {
            lsb = lsb << 8 | (h[i] & 0xFF);
        }
        return new UUID(data1 << 32 | data2 << 16 | data3, lsb);
    }
}
