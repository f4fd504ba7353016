package io.etw4j.samples.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.internal.Statistics;
import io.etw4j.core.session.HealthReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LossWarningsTest {

    private static HealthReport report(int second, HealthReport.Kind kind, long eventsLost, long buffersLost,
            long lostRecords, long dropped, long failures) {
        return Statistics.health().create(Instant.parse("2024-05-01T10:00:00Z").plusSeconds(second),
                "etw4j-scm-monitor~1-2", kind, eventsLost, buffersLost, lostRecords, dropped, failures, List.of());
    }

    @Test
    void reportsOfTwoSessionsAreComparedEachWithItsOwnAndAForeignSessionsFirstReportIsABaseline() {
        StringWriter sw = new StringWriter();
        LossWarnings w = new LossWarnings(new PrintWriter(sw), "scm-monitor", java.util.Set.of("SCM"));
        Instant t = Instant.parse("2024-05-01T10:00:00Z");
        // the SCM session lost 4 events since boot, before the monitor began: a baseline, no warning
        w.accept(Statistics.health().create(t, "SCM", HealthReport.Kind.POLL, 4, 0, 0, 0, 0, List.of()));
        w.accept(report(5, HealthReport.Kind.POLL, 0, 0, 0, 0, 0));
        w.accept(Statistics.health().create(t.plusSeconds(5), "SCM", HealthReport.Kind.POLL, 4, 0, 0, 0, 0,
                List.of()));
        w.accept(report(10, HealthReport.Kind.POLL, 0, 0, 0, 0, 0));
        assertThat(sw.toString()).as("alternating sessions are not losses").isEmpty();

        w.accept(Statistics.health().create(t.plusSeconds(15), "SCM", HealthReport.Kind.POLL, 6, 0, 0, 0, 0,
                List.of()));
        assertThat(sw.toString()).contains("events lost in session SCM").contains("eventsLost=6");
        assertThat(w.anyLoss()).isTrue();
    }

    @Test
    void quietWhileNothingIsLostThenOneLinePerMove() {
        StringWriter sw = new StringWriter();
        LossWarnings w = new LossWarnings(new PrintWriter(sw), "scm-monitor");
        w.accept(report(5, HealthReport.Kind.POLL, 0, 0, 0, 0, 0));
        w.accept(report(10, HealthReport.Kind.POLL, 0, 0, 0, 0, 0));
        assertThat(sw.toString()).isEmpty();
        assertThat(w.anyLoss()).isFalse();

        w.accept(report(15, HealthReport.Kind.POLL, 3, 0, 0, 0, 0));
        w.accept(report(20, HealthReport.Kind.POLL, 3, 0, 0, 0, 0)); // unchanged: no new line
        w.accept(report(25, HealthReport.Kind.POLL, 3, 0, 0, 7, 0)); // SDK drops moved
        w.accept(report(26, HealthReport.Kind.FINAL, 3, 1, 0, 7, 0)); // real-time buffers lost at STOP
        String[] lines = sw.toString().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("scm-monitor: WARNING: events lost in session etw4j-scm-monitor~1-2")
                .contains("POLL at 2024-05-01T10:00:15Z").contains("eventsLost=3 ").contains("droppedBySdk=0");
        assertThat(lines[1]).contains("droppedBySdk=7");
        assertThat(lines[2]).contains("FINAL").contains("realTimeBuffersLost=1");
        assertThat(w.anyLoss()).isTrue();
        assertThat(w.last().kind()).isEqualTo(HealthReport.Kind.FINAL);
    }

    @Test
    void aFirstReportThatAlreadyShowsLossWarns() {
        StringWriter sw = new StringWriter();
        LossWarnings w = new LossWarnings(new PrintWriter(sw), "provider-dump");
        w.accept(report(5, HealthReport.Kind.POLL, 0, 0, 2, 0, 0));
        assertThat(sw.toString()).startsWith("provider-dump: WARNING").contains("lostEventRecords=2");
    }

    @Test
    void theSummaryLineNamesTheLastReportAndOnlyWhenSomethingWasLost() {
        StringWriter sw = new StringWriter();
        LossWarnings w = new LossWarnings(new PrintWriter(sw), "kernel-dump");
        w.accept(report(5, HealthReport.Kind.POLL, 0, 0, 0, 0, 0));
        assertThat(w.printSummary()).isFalse();
        assertThat(sw.toString()).isEmpty();

        w.accept(report(9, HealthReport.Kind.FINAL, 0, 4, 0, 0, 0));
        sw.getBuffer().setLength(0);
        assertThat(w.printSummary()).isTrue();
        assertThat(sw.toString().trim()).isEqualTo("kernel-dump: events were lost during the run; last report: "
                + "eventsLost=0 realTimeBuffersLost=4 lostEventRecords=0 droppedBySdk=0 callbackFailures=0");
    }
}
