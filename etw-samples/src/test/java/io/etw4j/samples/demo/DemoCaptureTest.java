package io.etw4j.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.scm.DriverLoaded;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ScmMonitor;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceStarted;
import io.etw4j.scm.demo.ScmDemoCapture;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class DemoCaptureTest {

    private static byte[] shipped() {
        ByteBuffer b = DemoCapture.bytes();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    @Test
    void theShippedCaptureIsExactlyWhatTheGeneratorProducesNow() {
        assertThat(shipped()).as("regenerate with etw-scm's test ScmDemoCapture.main and commit the file")
                .isEqualTo(ScmDemoCapture.build());
    }

    @Test
    void theConsumerProjectReplaysAnIdenticalCopy() throws IOException {
        Path copy = Path.of(System.getProperty("basedir", "")).toAbsolutePath()
                .resolve("../consumer-it/src/it/replay-demo/scm-demo.etl").normalize();
        Assumptions.assumeTrue(Files.isRegularFile(copy.getParent().resolve("pom.xml")),
                "skipped: consumer-it not beside " + copy);
        assertThat(Files.readAllBytes(copy)).as(copy + ": copy the shipped capture there").isEqualTo(shipped());
    }

    @Test
    void bytesAreAFreshReadOnlyCopy() {
        ByteBuffer a = DemoCapture.bytes();
        a.get();
        assertThat(a.isReadOnly()).isTrue();
        assertThat(DemoCapture.bytes().position()).isZero();
    }

    @Test
    void theReplayTellsTheWholeDriverInstallAttributedToTheInstaller() {
        List<ScmEvent> events = DemoCapture.replay().events().collectList().block();

        assertThat(events).hasSize(3);
        assertThat(events).allSatisfy(e -> assertThat(e.client().pid()).isEqualTo(ScmDemoCapture.INSTALLER));
        assertThat(events).filteredOn(ServiceCreated.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((ServiceCreated) e).serviceName()).isEqualTo(ScmDemoCapture.SERVICE));
        assertThat(events).filteredOn(ServiceStarted.class::isInstance).hasSize(1);
        assertThat(events).filteredOn(DriverLoaded.class::isInstance).hasSize(1);
    }

    @Test
    void theOptionsGivenApply() {
        ScmMonitor monitor = DemoCapture.replay(ScmMonitor.builder().kernelProcess(false));
        List<ScmEvent> events = monitor.events().collectList().block();

        assertThat(events).noneMatch(DriverLoaded.class::isInstance);
        assertThat(monitor.statistics().etlReader()).as("a replay reports its reader").isPresent();
        assertThat(DemoCapture.replay(ScmMonitor.builder().joinWindow(Duration.ofMillis(1))).events()
                .collectList().block()).hasSize(3);
    }
}
