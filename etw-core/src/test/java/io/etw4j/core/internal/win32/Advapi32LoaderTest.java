package io.etw4j.core.internal.win32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.sun.jna.Platform;
import io.etw4j.core.UnsupportedPlatformException;
import org.junit.jupiter.api.Test;

class Advapi32LoaderTest {

    @Test
    void notWindowsGivesATypedErrorInsteadOfALinkageError() {
        assertThatThrownBy(() -> Advapi32Loader.load(false))
                .isExactlyInstanceOf(UnsupportedPlatformException.class)
                .hasMessageContaining("Advapi32")
                .hasMessageContaining("needs Windows");
    }

    @Test
    void instanceOnThisNonWindowsJvmThrowsUnsupportedPlatform() {
        assumeFalse(Platform.isWindows(), "only meaningful off Windows");
        assertThatThrownBy(Advapi32::instance).isExactlyInstanceOf(UnsupportedPlatformException.class);
    }

    @Test
    void openTraceFailureValues() {
        assertThat(Advapi32.isInvalidProcessTraceHandle(0xFFFF_FFFF_FFFF_FFFFL))
                .isTrue();
        assertThat(Advapi32.isInvalidProcessTraceHandle(0xFFFF_FFFFL)).isTrue();
        assertThat(Advapi32.isInvalidProcessTraceHandle(0x12L)).isFalse();
        assertThat(Advapi32.isInvalidProcessTraceHandle(0L)).isFalse();
    }
}
