package com.example.modular;

import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ScmMonitor;
import io.etw4j.scm.ServiceCreated;
import java.nio.file.Path;
import java.util.List;

/** A modular user's program: replays an .etl capture and returns who created which service. */
public final class ModularReplay {
    private ModularReplay() {
    }

    /** The ServiceCreated events of {@code etl}, in order. */
    public static List<ServiceCreated> servicesCreated(Path etl) {
        List<ScmEvent> events = ScmMonitor.replay(etl).events().collectList().block();
        return events.stream()
                .filter(ServiceCreated.class::isInstance)
                .map(ServiceCreated.class::cast)
                .toList();
    }

    /** The module a type of etw4j was loaded from, as the JVM sees it (named when etw4j is on the module path). */
    public static Module moduleOf(Class<?> type) {
        return type.getModule();
    }
}
