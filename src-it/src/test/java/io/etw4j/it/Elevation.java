package io.etw4j.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.etw4j.scm.preflight.ScmPreflight;

/** The integration tests' shared precondition: an elevated process, checked through {@link ScmPreflight}. */
final class Elevation {
    private Elevation() {
    }

    /** Skips the calling test class, with the preflight report as the reason, unless the process is elevated. */
    static void assume() {
        ScmPreflight report = ScmPreflight.run();
        assumeTrue(report.finding(ScmPreflight.Check.ELEVATION)
                .map(f -> f.status() == ScmPreflight.Status.OK).orElse(false),
                "needs an elevated (Administrator) process: " + report.toText());
    }
}
