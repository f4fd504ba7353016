package io.etw4j.samples.summary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The summary of one or more traces, filled record by record: an {@link EventTally} per provider and event id, and a
 * {@link ProviderTimeline} per provider. Bounded against hostile files: at most {@link #MAX_ROWS} provider and event
 * pairs and {@link #MAX_PROVIDERS} providers are told apart; the records beyond are counted in {@link #overflow()}
 * (a row of their own in every output, so the totals stay true).
 *
 * <p>Not thread-safe: filled by one thread, read after.
 */
public final class TraceSummary {
    /** The most provider and event pairs told apart. */
    public static final int MAX_ROWS = 10_000;
    /** The most providers told apart (timeline rows). */
    public static final int MAX_PROVIDERS = 256;

    private record Key(UUID provider, int eventId) {
    }

    private final Map<Key, EventTally> rows = new HashMap<>();
    private final Map<UUID, ProviderTimeline> timelines = new LinkedHashMap<>();
    private long records;
    private long overflow;

    /**
     * Counts one record.
     *
     * @param provider     the provider GUID
     * @param eventId      the event id
     * @param pid          the logging process, -1 if unknown
     * @param time         the record's time
     * @param providerName the provider's name, when known
     * @param eventName    the event's name, when known
     */
    public void add(UUID provider, int eventId, int pid, Instant time, Optional<String> providerName,
            Optional<String> eventName) {
        records++;
        Key key = new Key(provider, eventId);
        EventTally tally = rows.get(key);
        if (tally == null) {
            if (rows.size() >= MAX_ROWS || (!timelines.containsKey(provider) && timelines.size() >= MAX_PROVIDERS)) {
                overflow++;
                return;
            }
            tally = new EventTally(provider, eventId);
            rows.put(key, tally);
        }
        tally.add(time, pid, providerName, eventName);
        ProviderTimeline timeline = timelines.get(provider);
        if (timeline == null) {
            timeline = new ProviderTimeline(providerName.orElse(provider.toString()));
            timelines.put(provider, timeline);
        }
        timeline.add(time);
    }

    /** {@return records counted, the overflow included} */
    public long records() {
        return records;
    }

    /** {@return records of pairs or providers beyond the bounds, counted only} */
    public long overflow() {
        return overflow;
    }

    /**
     * {@return the rows: by provider label (case-insensitive), then by event id} A provider's label is the first name
     * any record of it had, else its GUID.
     */
    public List<EventTally> rows() {
        Map<UUID, String> labels = labels();
        List<EventTally> list = new ArrayList<>(rows.values());
        list.sort(Comparator.comparing((EventTally t) -> labels.get(t.provider()), String.CASE_INSENSITIVE_ORDER)
                .thenComparing(t -> t.provider().toString()).thenComparingInt(EventTally::eventId));
        return list;
    }

    /** {@return the provider's label: the first name a record of it had, else its GUID} */
    public String label(UUID provider) {
        return labels().getOrDefault(provider, provider.toString());
    }

    /** {@return the timelines, one per provider, in the order of {@link #rows()}, labelled as there} */
    public List<ProviderTimeline> timelines() {
        Map<UUID, String> labels = labels();
        List<ProviderTimeline> list = new ArrayList<>();
        for (UUID p : rows().stream().map(EventTally::provider).distinct().toList()) {
            ProviderTimeline t = timelines.get(p);
            t.relabel(labels.get(p));
            list.add(t);
        }
        return list;
    }

    private Map<UUID, String> labels() {
        Map<UUID, String> labels = new HashMap<>();
        for (EventTally t : rows.values()) {
            if (t.providerName().isPresent()) {
                labels.putIfAbsent(t.provider(), t.providerName().get());
            }
        }
        for (UUID p : timelines.keySet()) {
            labels.putIfAbsent(p, p.toString());
        }
        return labels;
    }
}
