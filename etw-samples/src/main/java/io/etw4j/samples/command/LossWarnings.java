package io.etw4j.samples.command;

import io.etw4j.core.session.HealthReport;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns a session's {@link HealthReport}s into warning lines on stderr: one line each time any loss counter moves
 * (ETW's EventsLost or RealTimeBuffersLost, RT_LostEvent records, records etw4j dropped or could not copy), and a
 * summary line with the final report if anything was lost during the run. Quiet while nothing is lost. Reports of
 * several sessions (a monitor's own and the "SCM" session it shares) are compared each with the previous report of the
 * same session; the first report of a session someone else runs (named in the constructor) is only a baseline, since
 * its counters count from that session's start, not from the run's.
 *
 * <p>Thread-safe: reports may arrive on the polling thread and on the stopping thread.
 */
final class LossWarnings {
    private final PrintWriter err;
    private final String program;
    private final Set<String> foreignSessions;
    private final Map<String, HealthReport> lastBySession = new HashMap<>();
    private HealthReport last;
    private boolean anyLoss;

    LossWarnings(PrintWriter err, String program) {
        this(err, program, Set.of());
    }

    /** @param foreignSessions sessions etw4j consumes but did not start: their first report is a baseline */
    LossWarnings(PrintWriter err, String program, Set<String> foreignSessions) {
        this.err = err;
        this.program = program;
        this.foreignSessions = Set.copyOf(foreignSessions);
    }

    /** Prints a warning if {@code report} shows a loss the previous report of its session did not. */
    synchronized void accept(HealthReport report) {
        HealthReport previous = lastBySession.put(report.sessionName(), report);
        boolean moved = previous == null ? !foreignSessions.contains(report.sessionName()) && report.anyLoss()
                : report.lossSince(previous);
        last = report;
        if (moved) {
            anyLoss = true;
            err.println(program + ": WARNING: events lost in session " + Failures.safe(report.sessionName()) + " ("
                    + report.kind() + " at " + report.timestamp() + "): " + counters(report));
            err.flush();
        }
    }

    /** True if any report so far showed a loss. */
    synchronized boolean anyLoss() {
        return anyLoss;
    }

    /**
     * Prints the summary line of a run that lost events ("PROGRAM: events were lost during the run; last report: ...");
     * nothing if none was lost.
     *
     * @return {@link #anyLoss()}
     */
    synchronized boolean printSummary() {
        if (anyLoss) {
            err.println(program + ": events were lost during the run; last report: " + counters(last));
        }
        return anyLoss;
    }

    /** The last report received, or null. */
    synchronized HealthReport last() {
        return last;
    }

    static String counters(HealthReport r) {
        return "eventsLost=" + r.eventsLost() + " realTimeBuffersLost=" + r.realTimeBuffersLost()
                + " lostEventRecords=" + r.lostEventRecords() + " droppedBySdk=" + r.droppedBySdk()
                + " callbackFailures=" + r.callbackFailures();
    }
}
