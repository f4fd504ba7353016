package io.etw4j.scm.internal.correlation;

import io.etw4j.scm.internal.kernel.KernelProcessRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The processes seen in a trace, fed by Microsoft-Windows-Kernel-Process start, stop and rundown events, answering
 * "who was PID n at time t" correctly across PID reuse. Not thread-safe: owned by one {@link ScmCorrelator}.
 *
 * <p>Each PID maps to its instances ordered by creation time; {@link #at(int, Instant)} picks the instance created
 * last at or before {@code t} and answers only if it had not exited before {@code t}, so a later process that reused
 * the PID is never returned for an earlier moment, and an earlier one never for a later moment. When a new instance
 * of a PID starts while an older one is still open (its stop was lost), the older one is closed at the new creation
 * time: Windows reuses a PID only after the old process object is gone (inferred).
 *
 * <p>Memory is bounded two ways. An exited process is kept for {@code exitedRetention} after its exit, measured in
 * trace time (the latest event time passed to {@link #advance(Instant)}, so an .etl replay behaves like the live
 * session), long enough for SCM events that arrive late from another CPU's buffer. And the table never holds more
 * than {@code maxEntries} processes: beyond that the exited processes are evicted first, oldest exit first, then the
 * running processes that were inserted first. Evictions are counted ({@link #evictedExited()},
 * {@link #evictedRunning()}).
 */
public final class ProcessTable {
    private final Duration exitedRetention;
    private final int maxEntries;
    private final Map<Integer, List<ProcessEntry>> byPid = new HashMap<>();
    private final Map<Long, Ref> byStartKey = new HashMap<>();
    private final Map<Long, Ref> bySequence = new HashMap<>();
    private final ArrayDeque<Ref> exitOrder = new ArrayDeque<>();
    private final ArrayDeque<Ref> insertOrder = new ArrayDeque<>();
    private int size;
    private Instant now = Instant.EPOCH;
    private long evictedExited;
    private long evictedRunning;
    private long keyConflicts;

    /** Identifies one instance: a PID and its creation time. */
    private record Ref(int pid, Instant createTime) {
    }

    /**
     * @param exitedRetention how long (trace time) an exited process stays answerable after its exit
     * @param maxEntries      the most processes held at once (at least 1)
     */
    public ProcessTable(Duration exitedRetention, int maxEntries) {
        if (exitedRetention.isNegative()) {
            throw new IllegalArgumentException("exitedRetention must not be negative: " + exitedRetention);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
        }
        this.exitedRetention = exitedRetention;
        this.maxEntries = maxEntries;
    }

    /** Records a ProcessStart or ProcessRundown. A repeat of a known instance (same PID and creation time) merges. */
    public void onStart(KernelProcessRecord.ProcessStart s) {
        Ref ref = new Ref(s.processId(), s.createTime());
        OptionalInt parent = OptionalInt.of(s.parentProcessId());
        Optional<ProcessEntry> existing = find(ref);
        ProcessEntry entry;
        if (existing.isPresent()) {
            ProcessEntry old = existing.get();
            entry = new ProcessEntry(old.processId(), s.sequenceNumber().isPresent() ? s.sequenceNumber()
                    : old.sequenceNumber(), old.startKey(), old.createTime(), old.exitTime(), parent,
                    s.parentSequenceNumber(), s.imageName(), old.commandLine(), OptionalLong.of(s.sessionId()),
                    s.rundown() && old.fromRundown());
            replace(ref, entry);
        } else {
            List<ProcessEntry> list = byPid.computeIfAbsent(s.processId(), k -> new ArrayList<>(2));
            for (int i = 0; i < list.size(); i++) {
                ProcessEntry older = list.get(i);
                if (older.exitTime().isEmpty() && older.createTime().isBefore(s.createTime())) {
                    list.set(i, older.withExit(s.createTime()));
                    exitOrder.addLast(new Ref(older.processId(), older.createTime()));
                }
            }
            entry = new ProcessEntry(s.processId(), s.sequenceNumber(), OptionalLong.empty(), s.createTime(),
                    Optional.empty(), parent, s.parentSequenceNumber(), s.imageName(), Optional.empty(),
                    OptionalLong.of(s.sessionId()), s.rundown());
            insert(list, entry);
            insertOrder.addLast(ref);
            size++;
        }
        if (entry.sequenceNumber().isPresent()) {
            bySequence.put(entry.sequenceNumber().getAsLong(), ref);
        }
        enforceCap();
    }

    /**
     * Records a ProcessStop. The instance is found by PID and creation time; a stop for a process whose start was not
     * seen (it began before the trace) creates an exited entry with the short image name the stop carries.
     */
    public void onStop(KernelProcessRecord.ProcessStop p) {
        Ref ref = new Ref(p.processId(), p.createTime());
        Optional<ProcessEntry> existing = find(ref);
        ProcessEntry entry;
        if (existing.isPresent()) {
            entry = existing.get().withExit(p.exitTime());
            if (entry.sequenceNumber().isEmpty() && p.sequenceNumber().isPresent()) {
                entry = entry.withSequenceNumber(p.sequenceNumber().getAsLong());
            }
            replace(ref, entry);
        } else {
            entry = new ProcessEntry(p.processId(), p.sequenceNumber(), OptionalLong.empty(), p.createTime(),
                    Optional.of(p.exitTime()), OptionalInt.empty(), OptionalLong.empty(), p.imageName(),
                    Optional.empty(), OptionalLong.empty(), false);
            insert(byPid.computeIfAbsent(p.processId(), k -> new ArrayList<>(2)), entry);
            insertOrder.addLast(ref);
            size++;
        }
        if (entry.sequenceNumber().isPresent()) {
            bySequence.put(entry.sequenceNumber().getAsLong(), ref);
        }
        exitOrder.addLast(ref);
        enforceCap();
    }

    /**
     * Records that the process that was PID {@code pid} at {@code t} has start key {@code key} (from an event it
     * logged with the PROCESS_START_KEY extended item, or from a Services event naming it as client). Ignored when no
     * instance is known at that time, or when that instance already has another key (counted in
     * {@link #keyConflicts()}).
     */
    public void learnStartKey(int pid, Instant t, long key) {
        Optional<ProcessEntry> e = at(pid, t);
        if (e.isEmpty()) {
            return;
        }
        ProcessEntry entry = e.get();
        if (entry.startKey().isPresent()) {
            if (entry.startKey().getAsLong() != key) {
                keyConflicts++;
            }
            return;
        }
        Ref ref = new Ref(entry.processId(), entry.createTime());
        replace(ref, entry.withStartKey(key));
        byStartKey.put(key, ref);
    }

    /** The process that was PID {@code pid} at {@code t}, if the table knows it and it was alive then. */
    public Optional<ProcessEntry> at(int pid, Instant t) {
        List<ProcessEntry> list = byPid.get(pid);
        if (list == null) {
            return Optional.empty();
        }
        for (int i = list.size() - 1; i >= 0; i--) {
            ProcessEntry e = list.get(i);
            if (!e.createTime().isAfter(t)) {
                return e.aliveAt(t) ? Optional.of(e) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The process whose start key (learned) or ProcessSequenceNumber is {@code key}. */
    public Optional<ProcessEntry> byKey(long key) {
        Ref ref = byStartKey.get(key);
        if (ref == null) {
            ref = bySequence.get(key);
        }
        return ref == null ? Optional.empty() : find(ref);
    }

    /**
     * The known ancestors of {@code entry}, parent first, at most {@code maxDepth} of them. A parent is found by its
     * sequence number when the start event gave one, otherwise as the process that was the parent PID when the child
     * was created; the chain stops at the first unknown parent or at a repeated PID.
     */
    public List<ProcessEntry> ancestry(ProcessEntry entry, int maxDepth) {
        List<ProcessEntry> chain = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        seen.add(entry.processId());
        ProcessEntry current = entry;
        while (chain.size() < maxDepth && current.parentProcessId().isPresent()) {
            int ppid = current.parentProcessId().getAsInt();
            Optional<ProcessEntry> parent = Optional.empty();
            if (current.parentSequenceNumber().isPresent()) {
                parent = byKey(current.parentSequenceNumber().getAsLong()).filter(p -> p.processId() == ppid);
            }
            if (parent.isEmpty()) {
                parent = at(ppid, current.createTime());
            }
            if (parent.isEmpty() || !seen.add(ppid)) {
                break;
            }
            chain.add(parent.get());
            current = parent.get();
        }
        return chain;
    }

    /** Moves trace time forward to {@code t} (never back) and evicts exited processes past their retention. */
    public void advance(Instant t) {
        if (t.isAfter(now)) {
            now = t;
        }
        if (exitOrder.isEmpty()) {
            return;
        }
        Instant horizon = now.minus(exitedRetention);
        while (!exitOrder.isEmpty()) {
            Ref ref = exitOrder.peekFirst();
            ProcessEntry e = entry(ref);
            if (e == null || e.exitTime().isEmpty()) {
                exitOrder.pollFirst(); // already evicted, or a stale reference
                continue;
            }
            if (!e.exitTime().get().isBefore(horizon)) {
                break;
            }
            exitOrder.pollFirst();
            remove(ref);
            evictedExited++;
        }
    }

    /** Number of processes held. */
    public int size() {
        return size;
    }

    /** Exited processes evicted (retention or cap). */
    public long evictedExited() {
        return evictedExited;
    }

    /** Running processes evicted because the cap was reached with no exited process left to evict. */
    public long evictedRunning() {
        return evictedRunning;
    }

    /** Start keys ignored because the instance already had another one. */
    public long keyConflicts() {
        return keyConflicts;
    }

    private void enforceCap() {
        while (size > maxEntries) {
            Ref victim = null;
            while (!exitOrder.isEmpty() && victim == null) {
                Ref ref = exitOrder.pollFirst();
                Optional<ProcessEntry> e = find(ref);
                if (e.isPresent() && e.get().exitTime().isPresent()) {
                    victim = ref;
                    evictedExited++;
                }
            }
            while (victim == null && !insertOrder.isEmpty()) {
                Ref ref = insertOrder.pollFirst();
                if (find(ref).isPresent()) {
                    victim = ref;
                    evictedRunning++;
                }
            }
            if (victim == null) {
                return;
            }
            remove(victim);
        }
    }

    private Optional<ProcessEntry> find(Ref ref) {
        return Optional.ofNullable(entry(ref));
    }

    /** The instance {@code ref} names, or null. */
    private ProcessEntry entry(Ref ref) {
        List<ProcessEntry> list = byPid.get(ref.pid());
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                ProcessEntry e = list.get(i);
                if (e.createTime().equals(ref.createTime())) {
                    return e;
                }
            }
        }
        return null;
    }

    private void replace(Ref ref, ProcessEntry entry) {
        List<ProcessEntry> list = byPid.get(ref.pid());
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).createTime().equals(ref.createTime())) {
                list.set(i, entry);
                return;
            }
        }
    }

    private void remove(Ref ref) {
        List<ProcessEntry> list = byPid.get(ref.pid());
        if (list == null) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            ProcessEntry e = list.get(i);
            if (e.createTime().equals(ref.createTime())) {
                list.remove(i);
                size--;
                e.startKey().ifPresent(k -> byStartKey.remove(k, ref));
                e.sequenceNumber().ifPresent(k -> bySequence.remove(k, ref));
                break;
            }
        }
        if (list.isEmpty()) {
            byPid.remove(ref.pid());
        }
    }

    private static void insert(List<ProcessEntry> list, ProcessEntry entry) {
        int i = list.size();
        while (i > 0 && list.get(i - 1).createTime().isAfter(entry.createTime())) {
            i--;
        }
        list.add(i, entry);
    }
}
