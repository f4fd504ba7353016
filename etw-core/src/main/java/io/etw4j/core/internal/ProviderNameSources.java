package io.etw4j.core.internal;

import io.etw4j.core.UnsupportedPlatformException;
import io.etw4j.core.session.ProviderNames;
import io.etw4j.core.session.UnknownProviderException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The {@link ProviderNames} implementations behind its factories, and the name resolution {@code
 * io.etw4j.core.session.Provider.named}
 * uses. Every source here is thread-safe (immutable, or a chain of thread-safe sources).
 */
public final class ProviderNameSources {
    /** Close matches listed in an {@link UnknownProviderException}. */
    static final int MAX_CLOSE_MATCHES = 5;
    /** The class {@link #live()} instantiates, by name, after the OS check. */
    static final String LIVE_CLASS = "io.etw4j.core.internal.win32.TdhProviderNames";
    /** What {@code UnsupportedPlatformException} names off Windows (here and in the tdh.dll loader). */
    public static final String LIVE_OPERATION = "ProviderNames.live() (tdh.dll TdhEnumerateProviders; without"
            + " Windows, name providers with ProviderNames.of, ProviderNames.eventSource() or etw-decode's"
            + " ManifestSchemas.providerNames())";

    private ProviderNameSources() {
    }

    /** See {@link ProviderNames#live()}: the OS is checked before any JNA-backed class is linked. */
    public static ProviderNames live() {
        UnsupportedPlatformException.requireWindows(LIVE_OPERATION);
        return WindowsClasses.instantiate(LIVE_CLASS, ProviderNames.class, "TDH provider enumeration");
    }

    /** See {@link ProviderNames#of(Map)}. */
    public static ProviderNames of(Map<String, UUID> guidsByName) {
        return new Fixed(table(guidsByName, true), "ProviderNames.of");
    }

    /** See {@link ProviderNames#eventSource()}. */
    public static ProviderNames eventSource() {
        return EventSourceNames.INSTANCE;
    }

    /** See {@link ProviderNames#orElse(ProviderNames)}. */
    public static ProviderNames chain(ProviderNames first, ProviderNames next) {
        return new Chain(Objects.requireNonNull(first, "first"), Objects.requireNonNull(next, "next"));
    }

    /**
     * A read-only case-insensitive copy of {@code guidsByName} (its {@code get} ignores case too).
     *
     * @param strict true: a name repeated in another case with another GUID is an error; false: the first entry wins
     */
    public static SortedMap<String, UUID> table(Map<String, UUID> guidsByName, boolean strict) {
        Objects.requireNonNull(guidsByName, "guidsByName");
        TreeMap<String, UUID> t = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        guidsByName.forEach((name, guid) -> add(t, name, guid, strict));
        return Collections.unmodifiableSortedMap(t);
    }

    /** Adds one entry to a case-insensitive table under the rule of {@link #table(Map, boolean)}. */
    public static void add(TreeMap<String, UUID> t, String name, UUID guid, boolean strict) {
        Objects.requireNonNull(name, "provider name");
        Objects.requireNonNull(guid, "GUID of provider " + name);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty provider name (GUID " + guid + ")");
        }
        UUID old = t.putIfAbsent(name, guid);
        if (strict && old != null && !old.equals(guid)) {
            throw new IllegalArgumentException("provider name '" + name + "' is given twice (ignoring case) with"
                    + " different GUIDs: " + old + " and " + guid);
        }
    }

    /**
     * The GUID {@code names} gives {@code name}, or an {@link UnknownProviderException} naming {@code names} and the
     * names it lists that are close to {@code name}.
     */
    public static UUID resolve(String name, ProviderNames names) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(names, "names");
        if (name.isBlank()) {
            throw new IllegalArgumentException("blank provider name");
        }
        Optional<UUID> found = names.find(name);
        if (found.isPresent()) {
            return found.get();
        }
        Map<String, UUID> known;
        try {
            known = names.all();
        } catch (RuntimeException e) {
            known = Map.of(); // no suggestions rather than hiding the "unknown" answer behind another failure
        }
        throw new UnknownProviderException(name, CloseMatches.of(name, known.keySet(), MAX_CLOSE_MATCHES),
                names.toString());
    }

    /** A fixed table. */
    static final class Fixed implements ProviderNames {
        private final SortedMap<String, UUID> table;
        private final String label;

        Fixed(SortedMap<String, UUID> table, String label) {
            this.table = table;
            this.label = label;
        }

        @Override
        public Optional<UUID> find(String name) {
            Objects.requireNonNull(name, "name");
            return Optional.ofNullable(table.get(name));
        }

        @Override
        public Map<String, UUID> all() {
            return table;
        }

        @Override
        public String toString() {
            return label + " (" + table.size() + " names)";
        }
    }

    /** The .NET EventSource name-to-GUID convention ({@link EventSourceGuids}). */
    static final class EventSourceNames implements ProviderNames {
        static final EventSourceNames INSTANCE = new EventSourceNames();

        @Override
        public Optional<UUID> find(String name) {
            Objects.requireNonNull(name, "name");
            return name.isEmpty() ? Optional.empty() : Optional.of(EventSourceGuids.fromName(name));
        }

        @Override
        public Map<String, UUID> all() {
            return Collections.emptySortedMap();
        }

        @Override
        public String toString() {
            return "ProviderNames.eventSource() (the .NET EventSource name hash)";
        }
    }

    /** Asks {@code first}, then {@code next}. */
    static final class Chain implements ProviderNames {
        private final ProviderNames first;
        private final ProviderNames next;

        Chain(ProviderNames first, ProviderNames next) {
            this.first = first;
            this.next = next;
        }

        @Override
        public Optional<UUID> find(String name) {
            Optional<UUID> found = first.find(name);
            return found.isPresent() ? found : next.find(name);
        }

        @Override
        public Map<String, UUID> all() {
            TreeMap<String, UUID> t = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            first.all().forEach(t::putIfAbsent);
            next.all().forEach(t::putIfAbsent);
            return Collections.unmodifiableSortedMap(t);
        }

        @Override
        public String toString() {
            return first + ", then " + next;
        }
    }
}
