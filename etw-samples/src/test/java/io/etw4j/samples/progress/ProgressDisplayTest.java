package io.etw4j.samples.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line with a fake clock and a fake terminal (a StringWriter): no real time passes. */
class ProgressDisplayTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final StringWriter terminal = new StringWriter();
    private final ProgressDisplay display = new ProgressDisplay("etl-dump", 10L * 1024 * 1024,
            () -> new ProgressDisplay.Reading(bytes.get(), records.get()), clock::get, new PrintWriter(terminal));

    @Test
    void theLineSaysBytesOfTotalRecordsRateAndTimeLeft() {
        assertThat(ProgressLine.render(5L * 1024 * 1024, 10L * 1024 * 1024, 123_456, Duration.ofSeconds(2)))
                .isEqualTo("5.0 MiB of 10.0 MiB (50%), 123,456 records, 2.5 MiB/s, 0:02 left");
        assertThat(ProgressLine.render(0, 10, 0, Duration.ZERO)).isEqualTo("0 B of 10 B (0%), 0 records");
        assertThat(ProgressLine.render(1536, 0, 1, Duration.ofSeconds(1))).isEqualTo("1.5 KiB, 1 record, 1.5 KiB/s");
        assertThat(ProgressLine.clock(3725)).isEqualTo("1:02:05");
    }

    @Test
    void redrawsAtMostEvery200MsOfItsClockInPlaceAndErasesAtTheEnd() {
        assertThat(display.tick()).isTrue();
        assertThat(terminal.toString()).isEqualTo("\retl-dump: 0 B of 10.0 MiB (0%), 0 records");
        bytes.set(1024 * 1024);
        records.set(10);
        clock.addAndGet(199_999_999L);
        assertThat(display.tick()).as("199.999999 ms after the last draw").isFalse();
        clock.addAndGet(1L);
        assertThat(display.tick()).isTrue();
        assertThat(terminal.toString()).endsWith("\retl-dump: 1.0 MiB of 10.0 MiB (10%), 10 records, 5.0 MiB/s, "
                + "0:02 left");
        display.finish();
        int width = "etl-dump: 1.0 MiB of 10.0 MiB (10%), 10 records, 5.0 MiB/s, 0:02 left".length();
        assertThat(terminal.toString()).endsWith("\r" + " ".repeat(width) + "\r");
        clock.addAndGet(1_000_000_000L);
        assertThat(display.tick()).as("nothing after finish").isFalse();
    }

    @Test
    void aShorterLineIsPaddedOverTheLongerOne() {
        bytes.set(9L * 1024 * 1024);
        display.tick();
        String first = terminal.toString();
        bytes.set(0);
        clock.addAndGet(300_000_000L);
        display.tick();
        String second = terminal.toString().substring(first.length());
        assertThat(second.length()).isGreaterThanOrEqualTo(first.length());
    }
}
