package io.etw4j.scm.internal.history;

import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ServiceConfigChanged;
import io.etw4j.scm.ServiceControlSent;
import io.etw4j.scm.ServiceCreateRefused;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceDeleted;
import io.etw4j.scm.ServiceOpened;
import io.etw4j.scm.ServiceStartResult;
import io.etw4j.scm.ServiceStarted;

/** An SCM event with its client replaced, every other field kept. Stateless. */
final class ClientRewrite {
    private ClientRewrite() {
    }

    /**
     * {@return {@code e} with {@code client}; {@code e} itself for the types whose client is not a svcctl caller
     * named by PID (status changes, driver loads, unknown messages)}
     */
    static ScmEvent withClient(ScmEvent e, ClientProcess client) {
        if (e instanceof ServiceCreated c) {
            return c.withClient(client);
        } else if (e instanceof ServiceStarted s) {
            return s.withClient(client);
        } else if (e instanceof ServiceConfigChanged c) {
            return c.withClient(client);
        } else if (e instanceof ServiceControlSent c) {
            return c.withClient(client);
        } else if (e instanceof ServiceCreateRefused r) {
            return r.withClient(client, r.attributedBy());
        } else if (e instanceof ServiceStartResult r) {
            return r.withClient(client, r.attributedBy());
        } else if (e instanceof ServiceDeleted d) {
            return new ServiceDeleted(d.timestamp(), client, d.serviceName(), d.error(), d.attributedBy(),
                    d.evidence(), d.source());
        } else if (e instanceof ServiceOpened o) {
            return new ServiceOpened(o.timestamp(), client, o.serviceName(), o.attributedBy(), o.evidence(),
                    o.source());
        }
        return e;
    }
}
