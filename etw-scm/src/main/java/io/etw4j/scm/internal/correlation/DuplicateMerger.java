package io.etw4j.scm.internal.correlation;

import io.etw4j.scm.ScmEvent;
import io.etw4j.scm.ServiceConfigChanged;
import io.etw4j.scm.ServiceControlSent;
import io.etw4j.scm.ServiceStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The duplicate-merging stage: one report per act when Microsoft-Windows-Services and the SCM WPP trace both report
 * the same start, control or configuration change (same kind, service, client PID and, for controls, code, within
 * {@link CorrelatorOptions#duplicateWindow()}). An SCM WPP report still held when the Services report arrives is
 * absorbed into it (a configuration change keeps the WPP fields it lacks) and the Services report is marked
 * corroborated; a WPP report arriving after the Services report was emitted is dropped. Both count in
 * {@link #merged()}. Remembers the Services reports of the last two duplicate windows, at most
 * {@link CorrelatorOptions#maxPending()}. Single-threaded.
 */
final class DuplicateMerger {
    private final CorrelatorOptions options;
    private final HeldEvents held;
    private final ServiceStartLog starts;
    /** How long emitted Services reports are remembered: two duplicate windows. */
    private final Duration memory;
    private final ArrayDeque<ScmEvent> recentServicesReports = new ArrayDeque<>();
    private long merged;

    DuplicateMerger(CorrelatorOptions options, HeldEvents held, ServiceStartLog starts) {
        this.options = options;
        this.held = held;
        this.starts = starts;
        this.memory = options.duplicateWindow().multipliedBy(2);
    }

    /** True for the kinds both providers report: starts, controls and configuration changes. */
    static boolean isMergeable(ScmEvent e) {
        return e instanceof ServiceStarted || e instanceof ServiceControlSent || e instanceof ServiceConfigChanged;
    }

    /**
     * Forgets the Services reports older than two duplicate windows before {@code now}, or than {@code atLeast} if
     * that is longer (while an ambiguous SCM WPP record is held, a start it turns into must still find its Services
     * report).
     */
    void prune(Instant now, Duration atLeast) {
        if (recentServicesReports.isEmpty()) {
            return;
        }
        Instant recent = now.minus(atLeast.compareTo(memory) > 0 ? atLeast : memory);
        while (!recentServicesReports.isEmpty() && recentServicesReports.peekFirst().timestamp().isBefore(recent)) {
            recentServicesReports.pollFirst();
        }
    }

    /**
     * A Services report arrived: SCM WPP reports of the same act still held are dropped (their fields merged) and the
     * report, marked corroborated if any was, is remembered and returned.
     */
    ScmEvent onServicesReport(ScmEvent servicesReport) {
        ScmEvent result = absorbHeldDuplicates(servicesReport);
        recentServicesReports.addLast(result);
        while (recentServicesReports.size() > options.maxPending()) {
            recentServicesReports.pollFirst();
        }
        return result;
    }

    private ScmEvent absorbHeldDuplicates(ScmEvent servicesReport) {
        ScmEvent result = servicesReport;
        List<Held> absorbed = held.matching(h -> h.event != null && h.awaitingDuplicate
                && sameAct(h.event, servicesReport));
        for (Held h : absorbed) {
            held.remove(h);
            merged++;
            if (h.event instanceof ServiceStarted s) {
                starts.remove(s);
            }
            if (result instanceof ServiceConfigChanged c && h.event instanceof ServiceConfigChanged w) {
                result = c.corroboratedWith(w.changes());
            } else if (result instanceof ServiceStarted st) {
                result = st.asCorroborated();
            } else if (result instanceof ServiceControlSent sc) {
                result = sc.asCorroborated();
            }
        }
        return result;
    }

    /**
     * True if an SCM WPP report repeats a Services report already emitted (and adds nothing to it): it is then
     * dropped and counted.
     */
    boolean dropIfRepeat(ScmEvent wpp) {
        for (ScmEvent s : recentServicesReports) {
            if (sameAct(s, wpp)) {
                if (wpp instanceof ServiceConfigChanged w && s instanceof ServiceConfigChanged c
                        && !c.changes().keySet().containsAll(w.changes().keySet())) {
                    return false; // it carries fields the emitted report lacks: keep it
                }
                merged++;
                return true;
            }
        }
        return false;
    }

    /** Duplicate reports dropped so far. */
    long merged() {
        return merged;
    }

    private boolean sameAct(ScmEvent a, ScmEvent b) {
        if (a.getClass() != b.getClass() || a.client().pid() < 0 || a.client().pid() != b.client().pid()) {
            return false;
        }
        if (Duration.between(a.timestamp(), b.timestamp()).abs().compareTo(options.duplicateWindow()) > 0) {
            return false;
        }
        if (a instanceof ServiceControlSent ca && b instanceof ServiceControlSent cb) {
            return ca.serviceName().equalsIgnoreCase(cb.serviceName()) && ca.control() == cb.control();
        }
        return serviceName(a).equalsIgnoreCase(serviceName(b));
    }

    private static String serviceName(ScmEvent e) {
        if (e instanceof ServiceStarted s) {
            return s.serviceName();
        } else if (e instanceof ServiceControlSent c) {
            return c.serviceName();
        } else if (e instanceof ServiceConfigChanged c) {
            return c.serviceName();
        }
        return "";
    }
}
