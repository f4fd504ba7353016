package io.etw4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.etl.LogfileHeader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The clock rules of notes §3.5 for each ReservedFlags value: FILETIME = StartTime + (raw - header SystemTime) *
 * scale, with scale 10^7/PerfFreq (1, QPC), 1 (2, system time) and 10/CpuSpeedInMHz (3, CPU cycles).
 */
class TimestampConverterTest {

    /** StartTime 2024-01-02T03:04:05Z as FILETIME: (1704164645 + 11644473600) s * 10^7. */
    static final long START_FT = 133_486_382_450_000_000L;
    static final Instant START = Instant.parse("2024-01-02T03:04:05Z");

    static LogfileHeader header(int clock, long perfFreq, int cpuMhz, long origin) {
        return new LogfileHeader(0x10000, 0, 0, 1, START, 0, 0, 0, 1, 1, 8, 0, cpuMhz, 0, START, perfFreq, START,
                START_FT, clock, 0, "l", "f", origin, true);
    }

    @Test
    void startFileTimeConstantIsTheStartInstant() {
        assertThat(io.etw4j.core.internal.FileTimes.toInstant(START_FT)).isEqualTo(START);
    }

    @Test
    void qpcTicksScaleByPerfFreq() {
        TimestampConverter c = TimestampConverter.forLogfile(header(1, 2_500_000L, 0, 1000));
        // 2,500,000 ticks = 1 s; 1 tick = 4 units of 100 ns
        assertThat(c.toInstant(1000 + 2_500_001L)).isEqualTo(START.plusSeconds(1).plusNanos(400));
        assertThat(c.toFileTime(1000)).isEqualTo(START_FT);
    }

    @Test
    void systemTimeIsAlreadyInHundredNanoseconds() {
        long origin = START_FT - 50; // the header record's SystemTime, a FILETIME 5 µs before StartTime
        TimestampConverter c = TimestampConverter.forLogfile(header(2, 10_000_000L, 0, origin));
        assertThat(c.toFileTime(origin + 12_345)).isEqualTo(START_FT + 12_345);
    }

    @Test
    void cpuCyclesScaleByTheCpuSpeed() {
        // 3,000 MHz: 3,000 cycles per microsecond = 10 units of 100 ns; 3,000,000,000 cycles = 1 s
        TimestampConverter c = TimestampConverter.forLogfile(header(3, 10_000_000L, 3000, 0));
        assertThat(c.toInstant(3_000_000_000L)).isEqualTo(START.plusSeconds(1));
        assertThat(c.toFileTime(299)).as("299 cycles = 0.997 units, rounded down").isEqualTo(START_FT);
        assertThat(c.toFileTime(300)).isEqualTo(START_FT + 1);
    }

    @Test
    void largeDeltasDoNotOverflow() {
        // 10^7 * 2^60 overflows a long; the exact quotient is still produced
        TimestampConverter c = TimestampConverter.forLogfile(header(1, 10_000_000L, 0, 0));
        assertThat(c.toFileTime(1L << 40)).isEqualTo(START_FT + (1L << 40));
        TimestampConverter cycles = TimestampConverter.forLogfile(header(3, 0, 1, 0));
        assertThat(cycles.toFileTime(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE); // saturated
        assertThat(cycles.toFileTime(1L << 58)).isEqualTo(START_FT + 10L * (1L << 58));
    }

    @Test
    void unknownClockUsesPerfFreqWhenPresentElseSystemTime() {
        assertThat(TimestampConverter.forLogfile(header(0, 10_000_000L, 0, 0)).toFileTime(7)).isEqualTo(START_FT + 7);
        assertThat(TimestampConverter.forLogfile(header(0, 5_000_000L, 0, 0)).toFileTime(7)).isEqualTo(START_FT + 14);
        assertThat(TimestampConverter.forLogfile(header(0, 0, 0, 0)).toFileTime(7)).isEqualTo(START_FT + 7);
    }
}
