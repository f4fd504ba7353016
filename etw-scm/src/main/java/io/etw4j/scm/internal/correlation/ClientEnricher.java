package io.etw4j.scm.internal.correlation;

import io.etw4j.scm.ClientProcess;
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
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the client an SCM event names (a PID, perhaps a start key) to a {@link ClientProcess}: through the
 * {@link ProcessTable} first, through the {@link LiveProcessLookup} only as a fallback. Not thread-safe.
 *
 * <p>Table rules: a start key the table knows (learned, or equal to a ProcessSequenceNumber) picks that instance when
 * its PID agrees; otherwise the instance alive at the event's time is taken, unless its learned start key differs
 * from the event's (then the table's instance is another process and is not used).
 *
 * <p>Live rules: the lookup's answer is discarded (resolution {@code EXITED}, PID and key kept) when it names a start
 * key other than the event's, or a start time after the event: the PID was reused by then.
 */
final class ClientEnricher {
    private static final Logger LOG = LoggerFactory.getLogger(ClientEnricher.class);

    private final ProcessTable table;
    private final LiveProcessLookup live;
    private long liveLookups;

    ClientEnricher(ProcessTable table, LiveProcessLookup live) {
        this.table = table;
        this.live = live;
    }

    /** The client as the table knows it, if it does. */
    Optional<ClientProcess> fromTable(int pid, OptionalLong key, OptionalInt traceParent, Instant t) {
        if (pid < 0) {
            return Optional.empty();
        }
        Optional<ProcessEntry> entry = Optional.empty();
        if (key.isPresent()) {
            entry = table.byKey(key.getAsLong()).filter(e -> e.processId() == pid);
        }
        if (entry.isEmpty()) {
            entry = table.at(pid, t).filter(e -> key.isEmpty() || !e.conflictsWith(key.getAsLong()));
        }
        return entry.map(e -> new ClientProcess(pid, key.isPresent() ? key : e.reportedKey(),
                Optional.of(e.imageName()), e.commandLine(),
                e.parentProcessId().isPresent() ? e.parentProcessId() : traceParent, Optional.empty(),
                Optional.of(e.createTime()), ClientProcess.Resolution.PROCESS_TABLE));
    }

    /** The client as the running system describes it, checked against the event. */
    ClientProcess fromLiveSystem(int pid, OptionalLong key, OptionalInt traceParent, Instant t) {
        ClientProcess found;
        liveLookups++;
        try {
            found = live.lookup(pid);
        } catch (RuntimeException e) {
            LOG.debug("live lookup of PID {} failed", pid, e);
            return pidOnly(pid, key, traceParent).withResolution(ClientProcess.Resolution.LOOKUP_FAILED);
        }
        if (found == null || found.pid() != pid) {
            return pidOnly(pid, key, traceParent).withResolution(ClientProcess.Resolution.LOOKUP_FAILED);
        }
        boolean otherKey = key.isPresent() && found.processStartKey().isPresent()
                && found.processStartKey().getAsLong() != key.getAsLong();
        boolean startedLater = found.startTime().isPresent() && found.startTime().get().isAfter(t);
        if (otherKey || startedLater) {
            return pidOnly(pid, key, traceParent).withResolution(ClientProcess.Resolution.EXITED);
        }
        return new ClientProcess(pid, key.isPresent() ? key : found.processStartKey(), found.imagePath(),
                found.commandLine(), found.parentPid().isPresent() ? found.parentPid() : traceParent,
                found.userSid(), found.startTime(), found.resolution());
    }

    long liveLookups() {
        return liveLookups;
    }

    /** A client known by what the trace said only. */
    static ClientProcess pidOnly(int pid, OptionalLong key, OptionalInt traceParent) {
        if (pid < 0) {
            return ClientProcess.unknown();
        }
        return new ClientProcess(pid, key, Optional.empty(), Optional.empty(), traceParent, Optional.empty(),
                Optional.empty(), ClientProcess.Resolution.PID_ONLY);
    }

    /** A copy of {@code event} naming {@code client}; events without a client of their own are returned as they are. */
    static ScmEvent withClient(ScmEvent event, ClientProcess client) {
        if (event instanceof ServiceStarted s) {
            return s.withClient(client);
        } else if (event instanceof ServiceControlSent c) {
            return c.withClient(client);
        } else if (event instanceof ServiceConfigChanged c) {
            return c.withClient(client);
        } else if (event instanceof ServiceCreated c) {
            return c.withClient(client);
        } else if (event instanceof ServiceCreateRefused r) {
            return r.withClient(client, r.attributedBy());
        } else if (event instanceof ServiceStartResult r) {
            return r.withClient(client, r.attributedBy());
        } else if (event instanceof ServiceOpened o) {
            return new ServiceOpened(o.timestamp(), client, o.serviceName(), o.attributedBy(), o.evidence(),
                    o.source());
        } else if (event instanceof ServiceDeleted d) {
            return new ServiceDeleted(d.timestamp(), client, d.serviceName(), d.error(), d.attributedBy(),
                    d.evidence(), d.source());
        } else if (event instanceof DriverLoaded d) {
            return new DriverLoaded(d.timestamp(), client, d.imagePath(), d.imageBase(), d.imageSize(),
                    d.imageChecksum(), d.timeDateStamp(), d.serviceName(), d.serviceImagePath(), d.serviceStart(),
                    d.attribution(), d.attributedBy(), d.source());
        }
        return event;
    }
}
