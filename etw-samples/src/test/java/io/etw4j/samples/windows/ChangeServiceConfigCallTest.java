package io.etw4j.samples.windows;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import org.junit.jupiter.api.Test;

/**
 * What can be proven off Windows about the one local service-control declaration: its strings are UTF-16LE with a
 * 2-byte NUL (never JNA's 4-byte Linux {@code wchar_t}), an absent string is NULL, and SERVICE_NO_CHANGE has the
 * winsvc.h value. Loading the class touches nothing native (this test runs on Linux).
 */
class ChangeServiceConfigCallTest {

    @Test
    void stringsAreUtf16LeWithATwoByteNulAndNullStaysNull() {
        Memory m = ChangeServiceConfigCall.wide("Aé\u20ac");
        assertThat(m.size()).isEqualTo(8);
        assertThat(m.getByteArray(0, 8)).containsExactly(0x41, 0, 0xE9, 0, 0xAC, 0x20, 0, 0);
        assertThat(ChangeServiceConfigCall.wide(null)).isNull();
    }

    @Test
    void serviceNoChangeIsAllBitsSet() {
        assertThat(ChangeServiceConfigCall.SERVICE_NO_CHANGE).isEqualTo(0xFFFFFFFF);
    }
}
