package io.etw4j.scm.internal.wpp;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The candidate entries of one decoder's records by (message GUID, message number), worked out once by
 * {@link MessageTable#candidates(UUID, int, Function, Function)} and kept until the decoder learns a source file
 * (which can change the candidates of any GUID: {@link #invalidate()}). The table walk is the same for every record
 * of a GUID and number, so a stream of SCM records pays it once per pair, not once per record. Bounded: at most
 * {@value #MAX_GUIDS} GUIDs and {@value #MAX_IDS_PER_GUID} numbers per GUID are kept; beyond that the candidates are
 * worked out per record, as without the cache.
 *
 * <p>Thread-safe: an entry is tagged with the generation it was worked out in and ignored once the generation moved
 * on, so a lookup racing a learning step never keeps a stale list.
 */
final class CandidateCache {
    static final int MAX_GUIDS = 256;
    static final int MAX_IDS_PER_GUID = 1024;

    private final MessageTable table;
    private final Function<UUID, String> learnedFileOf;
    private final Function<String, UUID> learnedGuidOf;
    private final ConcurrentHashMap<UUID, PerGuid> byGuid = new ConcurrentHashMap<>();
    private volatile int generation;

    /** The cached candidates of one GUID, valid while the cache's generation is {@link #generation}. */
    private static final class PerGuid {
        final int generation;
        final ConcurrentHashMap<Integer, List<MessageEntry>> byId = new ConcurrentHashMap<>();

        PerGuid(int generation) {
            this.generation = generation;
        }
    }

    CandidateCache(MessageTable table, Function<UUID, String> learnedFileOf, Function<String, UUID> learnedGuidOf) {
        this.table = table;
        this.learnedFileOf = learnedFileOf;
        this.learnedGuidOf = learnedGuidOf;
    }

    /** {@return what {@link MessageTable#candidates(UUID, int, Function, Function)} gives now for the pair} */
    List<MessageEntry> candidates(UUID guid, int id) {
        int gen = generation;
        PerGuid g = byGuid.get(guid);
        if (g == null || g.generation != gen) {
            if (g == null && byGuid.size() >= MAX_GUIDS) {
                return table.candidates(guid, id, learnedFileOf, learnedGuidOf);
            }
            g = new PerGuid(gen);
            byGuid.put(guid, g);
        }
        List<MessageEntry> c = g.byId.get(id);
        if (c == null) {
            c = List.copyOf(table.candidates(guid, id, learnedFileOf, learnedGuidOf));
            if (g.byId.size() < MAX_IDS_PER_GUID) {
                g.byId.put(id, c);
            }
        }
        return c;
    }

    /** The decoder learned a source file: every cached list may be out of date. */
    void invalidate() {
        synchronized (this) {
            generation++;
        }
    }
}
