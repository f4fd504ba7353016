package io.etw4j.core.internal.win32;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/**
 * NUL-terminated UTF-16LE strings (LPCWSTR / WCHAR[]) in native memory, written and read explicitly so that the
 * 4-byte {@code wchar_t} of Linux JNA ({@code WString}) never reaches a Windows structure. Stateless, thread-safe.
 */
public final class WideStrings {
    private WideStrings() {
    }

    /** The UTF-16LE bytes of {@code s} followed by a 2-byte NUL. */
    public static byte[] bytes(String s) {
        byte[] chars = s.getBytes(StandardCharsets.UTF_16LE);
        byte[] out = new byte[chars.length + 2];
        System.arraycopy(chars, 0, out, 0, chars.length);
        return out;
    }

    /**
     * A new native buffer holding {@code s} as a NUL-terminated UTF-16LE string, for LPCWSTR arguments and LPWSTR
     * fields. The caller keeps the returned {@link Memory} reachable for as long as Windows may read it.
     */
    public static Memory allocate(String s) {
        byte[] b = bytes(s);
        Memory m = new Memory(b.length);
        m.write(0, b, 0, b.length);
        return m;
    }

    /**
     * Reads a NUL-terminated UTF-16LE string at {@code p + offset}, looking at no more than {@code maxBytes} bytes
     * (an unterminated string ends there).
     */
    public static String read(Pointer p, long offset, int maxBytes) {
        int len = 0;
        while (len + 1 < maxBytes && p.getShort(offset + len) != 0) {
            len += 2;
        }
        return new String(p.getByteArray(offset, len), StandardCharsets.UTF_16LE);
    }
}
