package io.etw4j.samples.summary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The counts of one provider and event id in a summary: how many records, the first and last time, the provider and
 * event names when a schema gave them, and the processes that logged them (distinct PIDs, with a count each).
 * Bounded: at most {@link #MAX_PIDS} PIDs are told apart per row, the records of further PIDs are counted together
 * ({@link #otherPidRecords()}), so that a hostile file cannot grow the summary without limit.
 *
 * <p>Not thread-safe: filled by one thread, read after.
 */
public final class EventTally {
    /** The most PIDs told apart per row. */
    public static final int MAX_PIDS = 4096;

    private final UUID provider;
    private final int eventId;
    private String providerName;
    private String eventName;
    private long count;
    private Instant first;
    private Instant last;
    private final Map<Integer, Long> pids = new HashMap<>();
    private long otherPidRecords;

    EventTally(UUID provider, int eventId) {
        this.provider = provider;
        this.eventId = eventId;
    }

    void add(Instant time, int pid, Optional<String> providerName, Optional<String> eventName) {
        count++;
        if (first == null || time.isBefore(first)) {
            first = time;
        }
        if (last == null || time.isAfter(last)) {
            last = time;
        }
        if (this.providerName == null && providerName.isPresent()) {
            this.providerName = providerName.get();
        }
        if (this.eventName == null && eventName.isPresent()) {
            this.eventName = eventName.get();
        }
        if (pids.containsKey(pid) || pids.size() < MAX_PIDS) {
            pids.merge(pid, 1L, Long::sum);
        } else {
            otherPidRecords++;
        }
    }

    /** {@return the provider GUID (for WPP records, the message GUID)} */
    public UUID provider() {
        return provider;
    }

    /** {@return the event id (for WPP records, the message number)} */
    public int eventId() {
        return eventId;
    }

    /** {@return the provider's name, when a schema or a name table gave one} */
    public Optional<String> providerName() {
        return Optional.ofNullable(providerName);
    }

    /** {@return the event's name, when a schema gave one} */
    public Optional<String> eventName() {
        return Optional.ofNullable(eventName);
    }

    /** {@return records counted} */
    public long count() {
        return count;
    }

    /** {@return the earliest record's time} */
    public Instant first() {
        return first;
    }

    /** {@return the latest record's time} */
    public Instant last() {
        return last;
    }

    /** {@return distinct PIDs told apart (at most {@link #MAX_PIDS})} */
    public int distinctPids() {
        return pids.size();
    }

    /** {@return records of PIDs beyond the {@link #MAX_PIDS} told apart} */
    public long otherPidRecords() {
        return otherPidRecords;
    }

    /** {@return the {@code n} PIDs with the most records, most first (ties: lower PID first), with their counts} */
    public List<Map.Entry<Integer, Long>> topPids(int n) {
        List<Map.Entry<Integer, Long>> all = new ArrayList<>(pids.entrySet());
        all.sort(Comparator.<Map.Entry<Integer, Long>>comparingLong(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey));
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }
}
