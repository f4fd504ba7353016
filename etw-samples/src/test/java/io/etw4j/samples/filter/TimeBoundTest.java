package io.etw4j.samples.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeBoundTest {
    private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-08T02:00:00Z");

    @Test
    void rfc3339TimesWithAZoneAreAbsolute() {
        assertThat(TimeBound.parse("2024-05-01T10:00:01.5Z").resolve(START, NOW))
                .isEqualTo(Instant.parse("2024-05-01T10:00:01.500Z"));
        assertThat(TimeBound.parse("2024-05-01T12:00:00+02:00").resolve(START, NOW)).isEqualTo(START);
        assertThat(TimeBound.parse("2024-05-01 10:00:00z").resolve(START, NOW)).isEqualTo(START);
    }

    @Test
    void plusCountsFromTheTraceStartAndMinusBackFromNow() {
        assertThat(TimeBound.parse("+90s").resolve(START, NOW)).isEqualTo(START.plusSeconds(90));
        assertThat(TimeBound.parse("+1h30m250ms").resolve(START, NOW)).isEqualTo(START.plusSeconds(5400).plusMillis(250));
        assertThat(TimeBound.parse("-2h").resolve(START, NOW)).isEqualTo(NOW.minusSeconds(7200));
        assertThat(TimeBound.parse("+PT1M").resolve(START, NOW)).isEqualTo(START.plusSeconds(60));
        assertThat(TimeBound.parse("-1d").resolve(START, NOW)).isEqualTo(NOW.minusSeconds(86_400));
    }

    @Test
    void otherTextIsRefusedSayingWhatIsAccepted() {
        assertThatThrownBy(() -> TimeBound.parse("yesterday")).hasMessageContaining("RFC 3339");
        assertThatThrownBy(() -> TimeBound.parse("2024-05-01T10:00:00")).hasMessageContaining("RFC 3339");
        assertThatThrownBy(() -> TimeBound.parse("+5x")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> TimeBound.parse("+")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> TimeBound.parse("+1s2")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> TimeBound.parse("+999999999999d")).hasMessageContaining("out of range");
    }
}
