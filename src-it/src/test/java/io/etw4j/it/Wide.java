package io.etw4j.it;

import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;

/** A Java string as native UTF-16LE with a 2-byte NUL (an LPCWSTR), written explicitly. */
final class Wide {
    private Wide() {
    }

    /** Native memory holding {@code s} as UTF-16LE plus NUL; keep the reference until the call returns. */
    static Memory of(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_16LE);
        Memory m = new Memory(b.length + 2L);
        m.write(0, b, 0, b.length);
        m.setShort(b.length, (short) 0);
        return m;
    }
}
