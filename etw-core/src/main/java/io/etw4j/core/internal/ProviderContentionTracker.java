package io.etw4j.core.internal;

import io.etw4j.core.session.ProviderContention.Holder;
import io.etw4j.core.session.ProviderContention.State;
import io.etw4j.core.session.ProviderContention;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;

/**
 * Finds, for each provider of one session run, which sessions have it enabled ({@link EtwNative#providerInstances},
 * names from {@link EtwNative#queryAllTraces} only when another session is found), and logs each change: a WARN line
 * when a provider becomes shared with another session (INFO for a manifest-based provider, for which sharing is
 * normal), stops being held by this session, cannot be checked, or becomes exclusive again after any of those. The
 * first check logs only a provider that is not exclusive.
 *
 * <p>{@link #check} never throws: a failing enumeration gives {@link State#UNKNOWN} for that provider (and a failing
 * session listing only leaves the other sessions unnamed). Thread-safe: checks are serialised; {@link #last()} may be
 * read from any thread.
 */
public final class ProviderContentionTracker {
    private final List<UUID> providers;
    private final String sessionName;
    private final Logger log;
    private final Map<UUID, ProviderContention> previous = new HashMap<>();
    private volatile List<ProviderContention> last = List.of();

    /**
     * @param providers   the providers the session enabled (duplicates are checked once)
     * @param sessionName the session's ETW name, for log lines
     * @param log         where changes are logged
     */
    public ProviderContentionTracker(List<UUID> providers, String sessionName, Logger log) {
        this.providers = List.copyOf(new LinkedHashSet<>(providers));
        this.sessionName = Objects.requireNonNull(sessionName, "sessionName");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** The result of the last {@link #check}; empty before the first. */
    public List<ProviderContention> last() {
        return last;
    }

    /**
     * Checks every provider now, remembers and returns the result, and logs what changed.
     *
     * @param nativeLayer  the native layer to ask
     * @param ourLoggerId  this session's logger id (the low 16 bits of its handle: inferred, see
     *                     {@link TraceStatus#loggerId()})
     */
    public List<ProviderContention> check(EtwNative nativeLayer, int ourLoggerId) {
        return check(nativeLayer, ourLoggerId, () -> true);
    }

    /**
     * As {@link #check(EtwNative, int)}, but the result is kept and logged only if {@code stillValid} is still true
     * once the enumeration has returned (a session stopping meanwhile loses its enables: that is no contention).
     */
    public synchronized List<ProviderContention> check(EtwNative nativeLayer, int ourLoggerId,
                                                       BooleanSupplier stillValid) {
        Map<Integer, String> names = null;
        List<ProviderContention> out = new ArrayList<>(providers.size());
        for (UUID provider : providers) {
            List<ProviderInstance> instances;
            try {
                instances = nativeLayer.providerInstances(provider);
            } catch (Throwable t) {
                out.add(new ProviderContention(provider, State.UNKNOWN, false, List.of(),
                        "could not tell which sessions have provider {" + provider + "} enabled: " + t.getMessage()));
                continue;
            }
            Set<Integer> loggers = new LinkedHashSet<>();
            boolean classic = false;
            for (ProviderInstance i : instances) {
                classic |= i.legacy();
                for (ProviderInstance.Enable e : i.enables()) {
                    if (e.enabled()) {
                        loggers.add(e.loggerId());
                    }
                }
            }
            boolean ours = loggers.remove(ourLoggerId);
            if (!loggers.isEmpty() && names == null) {
                names = sessionNames(nativeLayer);
            }
            List<Holder> others = new ArrayList<>();
            for (int id : loggers) {
                others.add(new Holder(id, Optional.ofNullable(names.get(id))));
            }
            out.add(contention(provider, ours, classic, others));
        }
        List<ProviderContention> result = List.copyOf(out);
        if (!stillValid.getAsBoolean()) {
            return last;
        }
        logChanges(result);
        last = result;
        return result;
    }

    private ProviderContention contention(UUID provider, boolean ours, boolean classic, List<Holder> others) {
        String kind = classic ? "classic provider" : "provider";
        String id = kind + " {" + provider + "}";
        if (ours && others.isEmpty()) {
            return new ProviderContention(provider, State.EXCLUSIVE, classic, others,
                    id + " is enabled by this session only");
        }
        if (ours) {
            return new ProviderContention(provider, State.SHARED, classic, others, id + " is also enabled by "
                    + others + (classic ? ": only the session that enabled it last receives its events" : ""));
        }
        return new ProviderContention(provider, State.NOT_HELD, classic, others, id
                + " is no longer enabled for this session" + (others.isEmpty() ? " (no session has it enabled)"
                : "; it is enabled by " + others) + ": its events do not reach this session");
    }

    private Map<Integer, String> sessionNames(EtwNative nativeLayer) {
        Map<Integer, String> names = new HashMap<>();
        try {
            for (TraceStatus t : nativeLayer.queryAllTraces().sessions()) {
                names.putIfAbsent(t.loggerId(), t.sessionName());
            }
        } catch (Throwable t) {
            log.debug("QueryAllTracesW failed; sessions enabling the providers of {} stay unnamed: {}", sessionName,
                    t.getMessage());
        }
        return names;
    }

    /** The other sessions' logger ids (names are not compared: a failed listing must not look like a change). */
    private static List<Integer> loggerIds(ProviderContention c) {
        return c.otherSessions().stream().map(Holder::loggerId).toList();
    }

    private void logChanges(List<ProviderContention> now) {
        for (ProviderContention c : now) {
            ProviderContention before = previous.put(c.providerId(), c);
            boolean changed = before == null ? c.state() != State.EXCLUSIVE
                    : before.state() != c.state() || !loggerIds(before).equals(loggerIds(c));
            if (!changed) {
                continue;
            }
            if (c.state() == State.SHARED && !c.classicProvider()) {
                log.info("ETW session {}: {}", sessionName, c.detail());
            } else if (c.state() == State.EXCLUSIVE) {
                log.warn("ETW session {}: {} again", sessionName, c.detail());
            } else {
                log.warn("ETW session {}: {}", sessionName, c.detail());
            }
        }
    }
}
