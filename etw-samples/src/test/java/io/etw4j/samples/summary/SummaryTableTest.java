package io.etw4j.samples.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SummaryTableTest {
    private static final UUID P = UUID.fromString("0063715b-eeda-4007-9429-ad526f62696e");
    private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void csvCellsAreQuotedAndFormulaStartsDefused() {
        assertThat(SummaryTable.cell("plain")).isEqualTo("plain");
        assertThat(SummaryTable.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(SummaryTable.cell("-1+2")).isEqualTo("\"'-1+2\"");
        assertThat(SummaryTable.cell("@x")).isEqualTo("\"'@x\"");
        assertThat(SummaryTable.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    }

    @Test
    void topPidsAreTheBusiestFirstAndTheTableEscapesNames() {
        TraceSummary s = new TraceSummary();
        for (int i = 0; i < 5; i++) {
            s.add(P, 7, 4, T.plusSeconds(i), Optional.of("Evil\u001B[31m"), Optional.empty());
        }
        s.add(P, 7, 9, T.minusSeconds(1), Optional.empty(), Optional.of("Ev"));
        s.add(P, 7, 2, T, Optional.empty(), Optional.empty());
        EventTally t = s.rows().get(0);
        assertThat(t.count()).isEqualTo(7);
        assertThat(t.first()).isEqualTo(T.minusSeconds(1));
        assertThat(t.last()).isEqualTo(T.plusSeconds(4));
        assertThat(SummaryTable.topPids(t, 2)).isEqualTo("4:5 2:1");
        String text = SummaryTable.text(s, 3);
        assertThat(text).contains("Evil\\u001B[31m").doesNotContain("\u001B").contains("Ev ");
    }

    @Test
    void boundsCountTheRestWithoutLosingTheTotal() {
        TraceSummary s = new TraceSummary();
        for (int i = 0; i < TraceSummary.MAX_ROWS + 5; i++) {
            s.add(new UUID(0, i % 100), i, 1, T, Optional.empty(), Optional.empty());
        }
        assertThat(s.rows()).hasSize(TraceSummary.MAX_ROWS);
        assertThat(s.overflow()).isEqualTo(5);
        assertThat(s.records()).isEqualTo(TraceSummary.MAX_ROWS + 5);
        assertThat(SummaryTable.text(s, 1)).contains("5 records of further pairs counted only");
    }

    @Test
    void theTimelineSampleScalesToTheCount() {
        ProviderTimeline t = new ProviderTimeline("p");
        for (int i = 0; i < ProviderTimeline.SAMPLE * 2; i++) {
            t.add(T.plusNanos(i));
        }
        double[] h = t.histogram(ProviderTimeline.epochNanos(T), ProviderTimeline.epochNanos(T) + 2L
                * ProviderTimeline.SAMPLE, 2);
        assertThat(h[0] + h[1]).isCloseTo(2.0 * ProviderTimeline.SAMPLE, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(h[0]).isBetween(0.4 * 2 * ProviderTimeline.SAMPLE, 0.6 * 2 * ProviderTimeline.SAMPLE);
    }
}
