package io.etw4j.scm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

class IdleFlushGateTest {
    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
    private final IdleFlushGate gate = new IdleFlushGate(clock, Duration.ofSeconds(1));

    @AfterEach
    void dispose() {
        clock.dispose();
    }

    @Test
    void aTickProcessedAtOnceOnAQuietStageClosesWindowsByItsFiringTime() {
        gate.recordSeen();
        clock.advanceTimeBy(Duration.ofSeconds(7));
        IdleFlushGate.Tick tick = gate.fire();
        clock.advanceTimeBy(Duration.ofMillis(999));

        assertThat(gate.due(tick)).contains(Instant.ofEpochSecond(7));
    }

    @Test
    void aTickThatWaitedLongerThanOneIntervalIsSkipped() {
        // e.g. queued behind a subscriber without demand: records stamped before it may still wait in the source
        IdleFlushGate.Tick tick = gate.fire();
        clock.advanceTimeBy(Duration.ofMillis(1001));

        assertThat(gate.due(tick)).isEmpty();
        assertThat(gate.due(gate.fire())).as("the next tick of an idle stage flushes")
                .contains(Instant.ofEpochMilli(clock.now(TimeUnit.MILLISECONDS)));
    }

    @Test
    void aTickAfterWhichARecordReachedTheStageIsSkipped() {
        IdleFlushGate.Tick tick = gate.fire();
        gate.recordSeen(); // the record moved trace time itself: the stage was not idle

        assertThat(gate.due(tick)).isEmpty();
        assertThat(gate.due(gate.fire())).isPresent();
    }

    @Test
    void aSubMillisecondIntervalStillLetsATickOfTheSameMillisecondThrough() {
        IdleFlushGate fine = new IdleFlushGate(clock, Duration.ofNanos(10));
        IdleFlushGate.Tick tick = fine.fire();

        assertThat(fine.due(tick)).isPresent();
        clock.advanceTimeBy(Duration.ofMillis(2));
        assertThat(fine.due(tick)).isEmpty();
    }
}
