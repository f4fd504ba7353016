package io.etw4j.json.internal;

import io.etw4j.scm.DriverLoaded;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ServiceConfigChanged;
import io.etw4j.scm.ServiceControlSent;
import io.etw4j.scm.ServiceCreateRefused;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceDeleted;
import io.etw4j.scm.ServiceOpened;
import io.etw4j.scm.ServiceStartResult;
import io.etw4j.scm.ServiceStarted;
import io.etw4j.scm.ServiceStatusChanged;

/** The fields SCM event types have in common but declare each on their own. Stateless. */
final class ScmFields {
    private ScmFields() {
    }

    /** {@return the service an event is about, or null} (a driver load: the service whose image matched, if any) */
    static String serviceName(ScmEvent e) {
        if (e instanceof ServiceCreated s) {
            return s.serviceName();
        } else if (e instanceof ServiceCreateRefused s) {
            return s.serviceName();
        } else if (e instanceof ServiceStarted s) {
            return s.serviceName();
        } else if (e instanceof ServiceStartResult s) {
            return s.serviceName();
        } else if (e instanceof ServiceControlSent s) {
            return s.serviceName();
        } else if (e instanceof ServiceConfigChanged s) {
            return s.serviceName();
        } else if (e instanceof ServiceStatusChanged s) {
            return s.serviceName();
        } else if (e instanceof ServiceOpened s) {
            return s.serviceName();
        } else if (e instanceof ServiceDeleted s) {
            return s.serviceName();
        } else if (e instanceof DriverLoaded d) {
            return d.serviceName().orElse(null);
        }
        return null;
    }
}
