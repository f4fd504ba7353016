package io.etw4j.samples.filter;

import io.etw4j.core.EventRecord;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What the filter options of the reading commands let through ({@code --provider}, {@code --event-id}, {@code --pid},
 * {@code --since}, {@code --until}): a record (or an SCM event, by its values) passes if it matches every option that
 * was given, and any of the values of a repeated option. An option not given matches everything.
 *
 * <ul>
 *   <li>provider: the record's provider GUID is one of {@link #providers()}, or its provider name (when the command
 *       knows it: the decoder's, or a name table) equals one of {@link #providerNames()} without regard to case;</li>
 *   <li>event id: {@code EVENT_DESCRIPTOR.Id} (for WPP records, the message number);</li>
 *   <li>pid: the process id the caller says (a record's logging process; for SCM events, the client process);</li>
 *   <li>time: {@code since <= time < until} (since inclusive, until exclusive).</li>
 * </ul>
 * Immutable and thread-safe.
 *
 * @param providers     provider GUIDs (empty: any)
 * @param providerNames provider names not resolved to a GUID, compared without regard to case (empty: none)
 * @param eventIds      event ids (empty: any)
 * @param pids          process ids (empty: any)
 * @param since         first instant let through, inclusive (null: no lower bound)
 * @param until         the instant where the range ends, exclusive (null: no upper bound)
 */
public record RecordFilter(Set<UUID> providers, Set<String> providerNames, Set<Integer> eventIds, Set<Integer> pids,
        Instant since, Instant until) {

    /** The filter that lets everything through. */
    public static final RecordFilter ALL = new RecordFilter(Set.of(), Set.of(), Set.of(), Set.of(), null, null);

    /** Creates the filter; copies the sets, lower-cases the names. */
    public RecordFilter {
        providers = Set.copyOf(providers);
        providerNames = providerNames.stream().map(n -> n.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        eventIds = Set.copyOf(eventIds);
        pids = Set.copyOf(pids);
    }

    /** {@return true if a provider option was given} */
    public boolean filtersProviders() {
        return !providers.isEmpty() || !providerNames.isEmpty();
    }

    /** {@return true if the filter lets everything through} */
    public boolean isAll() {
        return !filtersProviders() && eventIds.isEmpty() && pids.isEmpty() && since == null && until == null;
    }

    /**
     * {@return true if a record with these values passes}
     *
     * @param provider     the provider GUID
     * @param providerName the provider's name, when known
     * @param eventId      the event id
     * @param pid          the process id the filter is about
     * @param time         the event's time
     */
    public boolean test(UUID provider, Optional<String> providerName, int eventId, int pid, Instant time) {
        if (filtersProviders() && !providers.contains(provider)
                && !(providerName.isPresent() && providerNames.contains(providerName.get().toLowerCase(Locale.ROOT)))) {
            return false;
        }
        return (eventIds.isEmpty() || eventIds.contains(eventId)) && (pids.isEmpty() || pids.contains(pid))
                && inRange(time);
    }

    /**
     * {@return true if {@code r} passes, its logging process being the pid}
     *
     * @param r            the record
     * @param providerName its provider's name, when known
     */
    public boolean test(EventRecord r, Optional<String> providerName) {
        Objects.requireNonNull(r, "r");
        return test(r.providerId(), providerName, r.id(), r.processId(), r.timestamp());
    }

    /** {@return true if {@code time} is in {@code [since, until)}} */
    public boolean inRange(Instant time) {
        return (since == null || !time.isBefore(since)) && (until == null || time.isBefore(until));
    }
}
