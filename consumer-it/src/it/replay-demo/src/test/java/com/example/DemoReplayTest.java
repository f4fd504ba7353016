package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.etw4j.scm.ServiceCreated;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoReplayTest {
    @Test
    void theDemoCaptureNamesTheInstallerAsCreator() {
        // the copy of the demo capture in this project's directory (surefire runs in it)
        List<ServiceCreated> created = DemoReplay.servicesCreated(Path.of("scm-demo.etl"));

        assertEquals(1, created.size(), "ServiceCreated events in the demo capture: " + created);
        assertEquals(3556, created.get(0).client().pid());
        System.out.println("consumer saw: service " + created.get(0).serviceName() + " created by PID "
                + created.get(0).client().pid());
    }
}
