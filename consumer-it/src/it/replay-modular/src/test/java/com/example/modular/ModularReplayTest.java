package com.example.modular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etw4j.scm.ScmMonitor;
import io.etw4j.scm.ServiceCreated;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModularReplayTest {
    @Test
    void etw4jIsANamedModuleThatExportsItsApiAndHidesItsInternals() {
        Module scm = ModularReplay.moduleOf(ScmMonitor.class);

        assertTrue(scm.isNamed(), "etw-scm was not loaded as a named module: " + scm);
        assertEquals("io.etw4j.scm", scm.getName());
        Module self = ModularReplay.class.getModule();
        assertEquals("com.example.modular", self.getName());
        for (Module m : scm.getLayer().modules()) {
            if (!m.getName().startsWith("io.etw4j.")) {
                continue;
            }
            for (String p : m.getPackages()) {
                if (p.contains(".internal")) {
                    assertFalse(m.isExported(p, self), m.getName() + " exports " + p + " to a user's module");
                }
            }
        }
    }

    @Test
    void theCaptureNamesTheInstallerAsCreatorOnTheModulePath() {
        List<ServiceCreated> created = ModularReplay.servicesCreated(Path.of("scm-demo.etl"));

        assertEquals(1, created.size(), "ServiceCreated events in the capture: " + created);
        assertEquals(3556, created.get(0).client().pid());
        System.out.println("modular consumer saw: service " + created.get(0).serviceName() + " created by PID "
                + created.get(0).client().pid());
    }
}
