package io.etw4j.scm.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ScmPreflightTest {

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void offWindowsTheReportSaysNotWindowsAndLoadsNothingNative() {
        ScmPreflight report = ScmPreflight.run();

        assertThat(report.windows()).isFalse();
        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo(ScmPreflight.Check.PLATFORM);
            assertThat(f.status()).isEqualTo(ScmPreflight.Status.PROBLEM);
            assertThat(f.detail()).contains("not Windows").contains(System.getProperty("os.name"));
        });
    }
}
