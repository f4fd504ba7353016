package io.etw4j.scm.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class ScmDemoCaptureTest {

    @Test
    void theCommittedDemoCaptureIsExactlyWhatTheGeneratorProducesNow() throws IOException {
        byte[] committed;
        try (InputStream in = ScmDemoCaptureTest.class.getResourceAsStream("/io/etw4j/scm/demo/scm-demo.etl")) {
            assertThat(in).as("resource io/etw4j/scm/demo/scm-demo.etl").isNotNull();
            committed = in.readAllBytes();
        }

        byte[] generated = ScmDemoCapture.build();

        assertThat(committed).as("regenerate with ScmDemoCapture.main and commit the file").isEqualTo(generated);
    }

    @Test
    void theGeneratorIsDeterministic() {
        assertThat(ScmDemoCapture.build()).isEqualTo(ScmDemoCapture.build());
    }
}
