package io.etw4j.scm.internal.history;

import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.history.KnownProcess;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One boot's processes by PID, each PID's in start order, for naming the clients of that boot's events: the process
 * of the PID that started last at or before the event and had not exited before it. A process that started after the
 * event is never its client; two processes of one PID with the same start time name neither. Immutable.
 */
public final class ProcessIndex {
    private final Map<Integer, List<KnownProcess>> byPid = new HashMap<>();

    /** Indexes {@code processes}. */
    public ProcessIndex(List<KnownProcess> processes) {
        for (KnownProcess p : processes) {
            byPid.computeIfAbsent(p.pid(), k -> new ArrayList<>()).add(p);
        }
        for (List<KnownProcess> l : byPid.values()) {
            l.sort(Comparator.comparing(KnownProcess::startTime));
        }
    }

    /** {@return the process that held {@code pid} at {@code time}, if one did} */
    public Optional<KnownProcess> at(int pid, Instant time) {
        List<KnownProcess> l = byPid.get(pid);
        if (l == null) {
            return Optional.empty();
        }
        KnownProcess found = null;
        boolean tie = false;
        for (KnownProcess p : l) {
            if (p.startTime().isAfter(time)) {
                break;
            }
            tie = found != null && found.startTime().equals(p.startTime());
            found = p;
        }
        if (found == null || tie || found.exitTime().filter(x -> x.isBefore(time)).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(found);
    }

    /** {@return {@code client} named by the process that held its PID at {@code time}, or {@code client} itself} */
    public ClientProcess name(ClientProcess client, Instant time) {
        if (client.pid() <= 0) {
            return client;
        }
        Optional<KnownProcess> p = at(client.pid(), time);
        if (p.isEmpty()) {
            return client;
        }
        KnownProcess k = p.get();
        return new ClientProcess(client.pid(), OptionalLong.empty(),
                k.imagePath().isEmpty() ? Optional.empty() : Optional.of(k.imagePath()), Optional.empty(),
                k.parentPid(), Optional.empty(), Optional.of(k.startTime()), ClientProcess.Resolution.BOOT_PROCESSES,
                client.corroborated());
    }
}
