package io.etw4j.scm.internal.history;

import io.etw4j.core.EventRecord;
import io.etw4j.scm.history.KnownProcess;
import io.etw4j.scm.internal.kernel.KernelProcessProvider;
import io.etw4j.scm.internal.kernel.KernelProcessRecord;
import io.etw4j.scm.internal.kernel.KernelProcessRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The processes of a trace's Microsoft-Windows-Kernel-Process records (through the shipped manifest): one per
 * ProcessStart or ProcessRundown, keyed by (PID, CreateTime), with the ExitTime of a ProcessStop of the same key.
 * Immutable once read; bounded by {@link #MAX_PROCESSES}.
 */
public final class KernelProcessList {
    /** The most processes one boot's information may hold. */
    public static final int MAX_PROCESSES = 1_000_000;

    private final List<KnownProcess> processes;
    private final long ignored;

    private KernelProcessList(List<KnownProcess> processes, long ignored) {
        this.processes = List.copyOf(processes);
        this.ignored = ignored;
    }

    /**
     * Reads {@code records}; a start of PID 0, or of a process created before {@code earliest}, is ignored.
     *
     * @throws IllegalArgumentException beyond {@link #MAX_PROCESSES} processes
     */
    public static KernelProcessList read(Iterable<EventRecord> records, Instant earliest) {
        KernelProcessRecords reader = new KernelProcessRecords();
        Map<Key, Integer> index = new HashMap<>();
        List<KnownProcess> found = new ArrayList<>();
        long ignored = 0;
        for (EventRecord r : records) {
            if (!KernelProcessProvider.GUID.equals(r.providerId())) {
                continue;
            }
            Optional<KernelProcessRecord> k = reader.decode(r);
            if (k.isEmpty()) {
                continue;
            }
            if (k.get() instanceof KernelProcessRecord.ProcessStart s) {
                if (s.processId() == 0 || s.createTime().isBefore(earliest)) {
                    ignored++;
                    continue;
                }
                Key key = new Key(s.processId(), s.createTime());
                if (index.containsKey(key)) {
                    continue; // a rundown of a process whose start was seen, or a repeat
                }
                if (found.size() >= MAX_PROCESSES) {
                    throw new IllegalArgumentException("more than " + MAX_PROCESSES + " processes");
                }
                index.put(key, found.size());
                found.add(new KnownProcess(s.processId(), s.createTime(), s.imageName(), Optional.empty(),
                        OptionalInt.of(s.parentProcessId())));
            } else if (k.get() instanceof KernelProcessRecord.ProcessStop p) {
                Integer at = index.get(new Key(p.processId(), p.createTime()));
                if (at != null && !p.exitTime().isBefore(p.createTime())) {
                    KnownProcess was = found.get(at);
                    found.set(at, new KnownProcess(was.pid(), was.startTime(), was.imagePath(),
                            Optional.of(p.exitTime()), was.parentPid()));
                }
            }
        }
        return new KernelProcessList(found, ignored);
    }

    /** {@return the processes, in the order their start or rundown was read} */
    public List<KnownProcess> processes() {
        return processes;
    }

    /** {@return process starts left out} */
    public long ignored() {
        return ignored;
    }

    private record Key(int pid, Instant created) {
    }
}
