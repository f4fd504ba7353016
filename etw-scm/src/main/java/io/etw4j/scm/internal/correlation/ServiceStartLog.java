package io.etw4j.scm.internal.correlation;

import io.etw4j.scm.AttributionSource;
import io.etw4j.scm.ServiceStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The recent service starts, per service, for the driver-load join. Not thread-safe.
 *
 * <p>Bounded: starts older than the horizon given to {@link #prune(Instant)} are dropped, and beyond
 * {@code maxEntries} starts the oldest added is dropped.
 */
final class ServiceStartLog {
    private final int maxEntries;
    private final Map<String, List<ServiceStarted>> byService = new HashMap<>();
    private final ArrayDeque<ServiceStarted> insertOrder = new ArrayDeque<>();

    ServiceStartLog(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    void add(ServiceStarted start) {
        byService.computeIfAbsent(key(start.serviceName()), k -> new ArrayList<>()).add(start);
        insertOrder.addLast(start);
        while (insertOrder.size() > maxEntries) {
            removeFromService(insertOrder.pollFirst());
        }
    }

    void remove(ServiceStarted start) {
        if (removeFromService(start)) {
            insertOrder.removeFirstOccurrence(start);
        }
    }

    /** Replaces {@code old} (if still held) by {@code updated}, e.g. once its client is resolved. */
    void replace(ServiceStarted old, ServiceStarted updated) {
        List<ServiceStarted> list = byService.get(key(old.serviceName()));
        if (list == null) {
            return;
        }
        int i = list.indexOf(old);
        if (i >= 0) {
            list.set(i, updated);
            insertOrder.removeFirstOccurrence(old);
            insertOrder.addLast(updated);
        }
    }

    /**
     * The start of {@code serviceName} that explains a load at {@code loadTime}: among the starts at most
     * {@code window} away (either side), the latest one at or before the load, else the earliest one after it; and if
     * that came from the SCM WPP trace while a Microsoft-Windows-Services report of a start lies within
     * {@code duplicateWindow} of it, that report instead (it carries the start key).
     */
    Optional<ServiceStarted> startFor(String serviceName, Instant loadTime, Duration window,
            Duration duplicateWindow) {
        List<ServiceStarted> list = byService.get(key(serviceName));
        if (list == null) {
            return Optional.empty();
        }
        ServiceStarted before = null;
        ServiceStarted after = null;
        for (ServiceStarted s : list) {
            Duration gap = Duration.between(s.timestamp(), loadTime).abs();
            if (gap.compareTo(window) > 0) {
                continue;
            }
            if (!s.timestamp().isAfter(loadTime)) {
                if (before == null || s.timestamp().isAfter(before.timestamp())) {
                    before = s;
                }
            } else if (after == null || s.timestamp().isBefore(after.timestamp())) {
                after = s;
            }
        }
        ServiceStarted chosen = before != null ? before : after;
        if (chosen == null) {
            return Optional.empty();
        }
        if (chosen.attributedBy() != AttributionSource.SERVICES_PROVIDER) {
            for (ServiceStarted s : list) {
                if (s.attributedBy() == AttributionSource.SERVICES_PROVIDER
                        && Duration.between(s.timestamp(), chosen.timestamp()).abs().compareTo(duplicateWindow) <= 0) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.of(chosen);
    }

    /** Drops the starts logged before {@code horizon}. */
    void prune(Instant horizon) {
        if (insertOrder.isEmpty()) {
            return;
        }
        while (!insertOrder.isEmpty() && insertOrder.peekFirst().timestamp().isBefore(horizon)) {
            removeFromService(insertOrder.pollFirst());
        }
    }

    int size() {
        return insertOrder.size();
    }

    private boolean removeFromService(ServiceStarted start) {
        String k = key(start.serviceName());
        List<ServiceStarted> list = byService.get(k);
        if (list == null) {
            return false;
        }
        boolean removed = list.remove(start);
        if (list.isEmpty()) {
            byService.remove(k);
        }
        return removed;
    }

    private static String key(String serviceName) {
        return serviceName.toLowerCase(Locale.ROOT);
    }
}
