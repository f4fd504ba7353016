package com.example;

import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ScmMonitor;
import io.etw4j.scm.ServiceCreated;
import java.util.List;

/** A user's program: replays the demo capture shipped in etw-scm and prints who created which service. */
public final class DemoReplay {
    private DemoReplay() {
    }

    /** The ServiceCreated events of the demo capture, in order. */
    public static List<ServiceCreated> servicesCreated() {
        List<ScmEvent> events = ScmMonitor.replayDemo().events().collectList().block();
        return events.stream()
                .filter(ServiceCreated.class::isInstance)
                .map(ServiceCreated.class::cast)
                .toList();
    }

    public static void main(String[] args) {
        for (ServiceCreated c : servicesCreated()) {
            System.out.println("service " + c.serviceName() + " created by PID " + c.client().pid());
        }
    }
}
