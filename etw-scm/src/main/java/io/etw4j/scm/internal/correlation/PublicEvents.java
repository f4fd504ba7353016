package io.etw4j.scm.internal.correlation;

import io.etw4j.core.EventRecord;
import io.etw4j.scm.AttributionSource;
import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.DriverLoaded;
import io.etw4j.scm.Evidence;
import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ServiceConfigChanged;
import io.etw4j.scm.ServiceControlSent;
import io.etw4j.scm.ServiceCreateRefused;
import io.etw4j.scm.ServiceCreated;
import io.etw4j.scm.ServiceDeleted;
import io.etw4j.scm.ServiceImagePath;
import io.etw4j.scm.ServiceOpened;
import io.etw4j.scm.ServiceStartResult;
import io.etw4j.scm.ServiceStarted;
import io.etw4j.scm.ServiceStatusChanged;
import io.etw4j.scm.UnknownScmMessage;
import io.etw4j.scm.internal.kernel.KernelProcessRecord;
import io.etw4j.scm.internal.services.ServicesRecord;
import io.etw4j.scm.internal.wpp.PayloadScan;
import io.etw4j.scm.internal.wpp.WppMessage;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The one stage that builds public events from the decoders' internal records, for every provider:
 * <ul>
 *   <li>SCM WPP messages ({@link WppMessage}): the typed event of an act, attributed by
 *       {@link AttributionSource#SCM_WPP} (refused creates and start outcomes, which carry no PID, by
 *       {@link AttributionSource#NONE} until correlation names their client) with the entry's {@link Evidence}; the
 *       {@link UnknownScmMessage} of any other message;</li>
 *   <li>Microsoft-Windows-Services records ({@link ServicesRecord}): {@link ServiceStarted},
 *       {@link ServiceControlSent} and {@link ServiceConfigChanged} attributed by
 *       {@link AttributionSource#SERVICES_PROVIDER} with the client the record names, and
 *       {@link ServiceStatusChanged} (no client);</li>
 *   <li>Kernel-Process image loads ({@link KernelProcessRecord.ImageLoad}): {@link DriverLoaded}, with the
 *       attribution the driver-load join found;</li>
 *   <li>any record reported as unreadable: {@link UnknownScmMessage} with the strings and plausible PIDs its payload
 *       holds.</li>
 * </ul>
 * The other stages only adjust these events (client, image path, corroboration). Stateless.
 */
public final class PublicEvents {
    private PublicEvents() {
    }

    /** The public event of an SCM WPP message: a typed event for an act, an {@link UnknownScmMessage} otherwise. */
    public static ScmEvent of(WppMessage m) {
        EventRecord r = m.source();
        if (m instanceof WppMessage.Unknown u) {
            return unknown(r, u.reason());
        }
        Instant t = r.timestamp();
        Evidence ev = ((WppMessage.Act) m).evidence();
        AttributionSource by = AttributionSource.SCM_WPP;
        if (m instanceof WppMessage.Create c) {
            Optional<ServiceImagePath> image = c.imagePath()
                    .map(path -> new ServiceImagePath(path, ServiceImagePath.Origin.WPP_PAYLOAD));
            return new ServiceCreated(t, client(c.clientPid()), c.serviceName(), image, c.wowType(), by, ev, r);
        } else if (m instanceof WppMessage.CreateRefused c) {
            return new ServiceCreateRefused(t, client(c.clientPid()), c.serviceName(), c.wowType(), c.error(),
                    AttributionSource.NONE, ev, r);
        } else if (m instanceof WppMessage.Open o) {
            return new ServiceOpened(t, client(o.clientPid()), o.serviceName(), by, ev, r);
        } else if (m instanceof WppMessage.StartRequest s) {
            return new ServiceStarted(t, client(s.clientPid()), s.serviceName(), by, ev, r);
        } else if (m instanceof WppMessage.StartResult s) {
            return new ServiceStartResult(t, client(s.clientPid()), s.serviceName(), s.error(), s.serviceExitCode(),
                    Optional.empty(), AttributionSource.NONE, ev, r);
        } else if (m instanceof WppMessage.StartClientSid s) {
            // Logged only when the start returned 0 and the service's exit code is 0 (public decompilation).
            return new ServiceStartResult(t, client(s.clientPid()), s.serviceName(), 0, 0,
                    Optional.of(s.clientSid()), AttributionSource.NONE, ev, r);
        } else if (m instanceof WppMessage.Delete d) {
            return new ServiceDeleted(t, client(d.clientPid()), d.serviceName(), d.error(), by, ev, r);
        } else if (m instanceof WppMessage.Control c) {
            return new ServiceControlSent(t, client(c.clientPid()), c.serviceName(), c.controlCode(), by, ev, r);
        }
        WppMessage.ConfigChange c = (WppMessage.ConfigChange) m;
        return new ServiceConfigChanged(t, client(c.clientPid()), c.serviceName(), c.changes(), by, ev, r);
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

    /**
     * The driver load event of a kernel image load, joined to {@code service} (null: none) and its start
     * {@code cause}, whose (resolved) client it takes.
     */
    static DriverLoaded driverLoaded(KernelProcessRecord.ImageLoad load, ClientProcess client, String service,
            Optional<String> serviceImage, Optional<ServiceStarted> cause, DriverLoaded.Attribution attribution) {
        return new DriverLoaded(load.source().timestamp(), client, load.imageName(), load.imageBase(),
                load.imageSize(), load.imageChecksum(), load.timeDateStamp(), Optional.ofNullable(service),
                serviceImage, cause, attribution,
                cause.isPresent() ? AttributionSource.CORRELATION : AttributionSource.NONE, load.source());
    }

    /** The unknown message reporting {@code r}, with the strings and plausible PIDs its payload holds. */
    static UnknownScmMessage unknown(EventRecord r, String reason) {
        byte[] payload = r.payload();
        PayloadScan scan = PayloadScan.of(payload);
        return new UnknownScmMessage(r.timestamp(), ClientProcess.unknown(), r.id(), r.providerId(), reason,
                payload, scan.strings(), scan.plausiblePids(), r);
    }

    /** The client a WPP message names by PID; 0 (services.exe had no local client) names none. */
    private static ClientProcess client(int pid) {
        return pid == 0 ? ClientProcess.unknown() : ClientProcess.ofPid(pid);
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
