package io.etw4j.scm.internal.correlation;

import io.etw4j.scm.AttributionSource;
import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.Evidence;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ServiceConfigChanged;
import io.etw4j.scm.ServiceControlSent;
import io.etw4j.scm.ServiceStarted;
import io.etw4j.scm.ServiceStatusChanged;
import io.etw4j.scm.internal.services.ServicesRecord;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Builds the public events of Microsoft-Windows-Services records: {@link ServiceStarted}, {@link ServiceControlSent}
 * and {@link ServiceConfigChanged} attributed by {@link AttributionSource#SERVICES_PROVIDER} with the client the
 * record names, and {@link ServiceStatusChanged} (no client). Stateless.
 */
final class ServicesEvents {
    private ServicesEvents() {
    }

    /** The status change event of a 105 record. */
    static ServiceStatusChanged statusChanged(ServicesRecord.StatusChange c) {
        return new ServiceStatusChanged(c.source().timestamp(), ClientProcess.unknown(), c.serviceName(),
                (int) c.currentState(), (int) c.startType(),
                c.processId() > 0 ? OptionalInt.of(c.processId()) : OptionalInt.empty(), c.image(), c.source());
    }

    /** The client a 200-205 record names, or null for a record of another kind. */
    static ServicesRecord.Client clientFields(ServicesRecord s) {
        if (s instanceof ServicesRecord.ServiceStart st) {
            return st.client();
        } else if (s instanceof ServicesRecord.SendControl sc) {
            return sc.client();
        } else if (s instanceof ServicesRecord.ConfigChange cc) {
            return cc.client();
        }
        return null;
    }

    /** The client request event of a 200-205 record (start, control or configuration change). */
    static ScmEvent clientRequest(ServicesRecord s) {
        Instant t = s.source().timestamp();
        if (s instanceof ServicesRecord.ServiceStart st) {
            return new ServiceStarted(t, clientOf(st.client()), st.serviceName(), AttributionSource.SERVICES_PROVIDER,
                    st.details(), Evidence.PUBLISHED_MANIFEST, false, st.source());
        } else if (s instanceof ServicesRecord.SendControl sc) {
            return new ServiceControlSent(t, clientOf(sc.client()), sc.serviceName(), (int) sc.controlCode(),
                    sc.displayName().isEmpty() ? Optional.empty() : Optional.of(sc.displayName()),
                    AttributionSource.SERVICES_PROVIDER, Evidence.PUBLISHED_MANIFEST, false, sc.source());
        }
        ServicesRecord.ConfigChange cc = (ServicesRecord.ConfigChange) s;
        return new ServiceConfigChanged(t, clientOf(cc.client()), cc.serviceName(), cc.changes(),
                AttributionSource.SERVICES_PROVIDER, Evidence.PUBLISHED_MANIFEST, cc.source());
    }

    /** The client a Services event names; ClientProcessId 0 is taken to mean "no client" (inferred). */
    private static ClientProcess clientOf(ServicesRecord.Client c) {
        if (c.processId() <= 0) {
            return ClientProcess.unknown();
        }
        return ClientEnricher.pidOnly(c.processId(), OptionalLong.of(c.processStartKey()),
                OptionalInt.of(c.parentProcessId()));
    }
}
