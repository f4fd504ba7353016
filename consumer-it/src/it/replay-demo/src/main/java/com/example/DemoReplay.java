package com.example;

import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ScmMonitor;
import io.etw4j.scm.ServiceCreated;
import java.nio.file.Path;
import java.util.List;

/**
 * A user's program: replays an .etl capture (by default scm-demo.etl, a copy of the demo capture of etw4j's samples)
 * and prints who created which service.
 */
public final class DemoReplay {
    private DemoReplay() {
    }

    /** The ServiceCreated events of {@code etl}, in order. */
    public static List<ServiceCreated> servicesCreated(Path etl) {
        List<ScmEvent> events = ScmMonitor.replay(etl).events().collectList().block();
        return events.stream()
                .filter(ServiceCreated.class::isInstance)
                .map(ServiceCreated.class::cast)
                .toList();
    }

    public static void main(String[] args) {
        for (ServiceCreated c : servicesCreated(Path.of(args.length > 0 ? args[0] : "scm-demo.etl"))) {
            System.out.println("service " + c.serviceName() + " created by PID " + c.client().pid());
        }
    }
}
