package io.etw4j.scm.internal.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImagePathNormaliserTest {
    private final ImagePathNormaliser n = ImagePathNormaliser.defaults();

    @ParameterizedTest
    @ValueSource(strings = {
        "\\SystemRoot\\System32\\drivers\\Evil.sys",
        "\\systemroot\\system32\\DRIVERS\\evil.sys",
        "%SystemRoot%\\System32\\drivers\\evil.sys",
        "%windir%\\system32\\drivers\\evil.sys",
        "\\??\\C:\\Windows\\System32\\drivers\\evil.sys",
        "\\\\?\\C:\\Windows\\System32\\drivers\\evil.sys",
        "\\\\.\\C:\\Windows\\System32\\drivers\\evil.sys",
        "\\DosDevices\\C:\\Windows\\System32\\drivers\\evil.sys",
        "\\GLOBAL??\\C:\\Windows\\System32\\drivers\\evil.sys",
        "C:\\Windows\\System32\\drivers\\evil.sys",
        "c:/windows/system32/drivers/evil.sys",
        "\"C:\\Windows\\System32\\drivers\\evil.sys\"",
        "system32\\drivers\\evil.sys",
        "System32\\Drivers\\evil.sys",
        "C:\\Windows\\System32\\.\\drivers\\..\\drivers\\\\evil.sys",
        "  C:\\Windows\\System32\\drivers\\evil.sys  ",
    })
    void spellingsOfOneDriverPathNormaliseAlike(String spelling) {
        assertThat(n.normalise(spelling)).hasValueSatisfying(p -> {
            assertThat(p.key()).isEqualTo("c:\\windows\\system32\\drivers\\evil.sys");
            assertThat(p.fileStem()).isEqualTo("evil");
        });
    }

    @Test
    void aConfiguredSystemRootIsUsed() {
        ImagePathNormaliser d = new ImagePathNormaliser("D:\\WINNT\\", Map.of());
        assertThat(d.normalise("\\SystemRoot\\system32\\drivers\\x.sys").map(NormalisedPath::key))
                .hasValue("d:\\winnt\\system32\\drivers\\x.sys");
        assertThat(d.normalise("system32\\drivers\\x.sys").map(NormalisedPath::key))
                .hasValue("d:\\winnt\\system32\\drivers\\x.sys");
    }

    @Test
    void deviceVolumesStayDevicesUnlessMapped() {
        NormalisedPath unmapped = n.normalise("\\Device\\HarddiskVolume3\\Windows\\System32\\drivers\\evil.sys")
                .orElseThrow();
        assertThat(unmapped.volume()).hasValue("\\device\\harddiskvolume3");
        assertThat(unmapped.hasWin32Volume()).isFalse();
        assertThat(unmapped.path()).isEqualTo("\\windows\\system32\\drivers\\evil.sys");

        ImagePathNormaliser mapped = new ImagePathNormaliser("C:\\Windows",
                Map.of("\\Device\\HarddiskVolume3", "C:"));
        assertThat(mapped.normalise("\\Device\\HarddiskVolume3\\Windows\\System32\\drivers\\evil.sys")
                .map(NormalisedPath::key)).hasValue("c:\\windows\\system32\\drivers\\evil.sys");
    }

    @Test
    void uncPathsKeepServerAndShareAsTheVolume() {
        assertThat(n.normalise("\\??\\UNC\\srv\\share\\d\\x.sys")).hasValueSatisfying(p -> {
            assertThat(p.volume()).hasValue("\\\\srv\\share");
            assertThat(p.path()).isEqualTo("\\d\\x.sys");
        });
        assertThat(n.normalise("\\\\srv\\share\\d\\x.sys").map(NormalisedPath::key))
                .hasValue("\\\\srv\\share\\d\\x.sys");
    }

    @Test
    void otherNtPathsHaveNoVolume() {
        assertThat(n.normalise("\\Windows\\x.sys")).hasValueSatisfying(p -> {
            assertThat(p.volume()).isEmpty();
            assertThat(p.key()).isEqualTo("?\\windows\\x.sys");
        });
    }

    @Test
    void dotDotNeverClimbsAboveTheRoot() {
        assertThat(n.normalise("C:\\..\\..\\x.sys").map(NormalisedPath::key)).hasValue("c:\\x.sys");
    }

    @Test
    void shortNamesAreComparedLiterally() {
        // 8.3 names cannot be expanded offline: PROGRA~1 stays PROGRA~1.
        assertThat(n.normalise("C:\\PROGRA~1\\Vendor\\drv.sys").map(NormalisedPath::key))
                .hasValue("c:\\progra~1\\vendor\\drv.sys");
        assertThat(n.normalise("C:\\PROGRA~1\\Vendor\\drv.sys"))
                .isNotEqualTo(n.normalise("C:\\Program Files\\Vendor\\drv.sys"));
    }

    @Test
    void blankIsEmpty() {
        assertThat(n.normalise("   ")).isEqualTo(Optional.empty());
        assertThat(n.normalise("\"\"")).isEmpty();
    }

    @Test
    void theSystemRootMustBeADrivePath() {
        assertThatThrownBy(() -> new ImagePathNormaliser("\\Windows", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
