package io.etw4j.samples.command;

import io.etw4j.core.session.HealthReport;
import java.io.PrintWriter;

/**
 * Turns a session's {@link HealthReport}s into warning lines on stderr: one line each time any loss counter moves
 * (ETW's EventsLost or RealTimeBuffersLost, RT_LostEvent records, records etw4j dropped or could not copy), and a
 * summary line with the final report if anything was lost during the run. Quiet while nothing is lost.
 *
 * <p>Thread-safe: reports may arrive on the polling thread and on the stopping thread.
 */
final class LossWarnings {
    private final PrintWriter err;
    private final String program;
    private HealthReport last;
    private boolean anyLoss;

    LossWarnings(PrintWriter err, String program) {
        this.err = err;
        this.program = program;
    }

    /** Prints a warning if {@code report} shows a loss the previous report did not. */
    synchronized void accept(HealthReport report) {
        boolean moved = last == null ? report.anyLoss() : report.lossSince(last);
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
