package io.etw4j.core.internal.etl;

import io.etw4j.core.etl.LogfileHeader;
import io.etw4j.core.internal.FileTimes;
import java.math.BigInteger;
import java.time.Instant;

/**
 * Converts the raw timestamps of an .etl file to FILETIME / {@link Instant} the way a consumer without
 * PROCESS_TRACE_MODE_RAW_TIMESTAMP sees them: "ProcessTrace converts the time stamp to system time" (evntcons.h
 * PROCESS_TRACE_MODE_RAW_TIMESTAMP, learn.microsoft.com "EVENT_TRACE_LOGFILEW": without the flag, timestamps are
 * delivered as system time).
 *
 * <p>The rule (notes §3.5, from dissect.etl {@code logfile.py} and super-speedy-syslog-searcher
 * {@code time_delta_to_filetime}, checked against AMSITrace.etl and the TraceEvent baseline of net.4.5.2.x64.etl):
 * <pre>
 *   FILETIME(raw) = StartTime + (raw - headerRecord.SystemTime) * scale
 *   scale = 10^7 / PerfFreq       for ReservedFlags 1 (QPC)
 *         = 1                     for ReservedFlags 2 (system time, already in 100 ns units)
 *         = 10 / CpuSpeedInMHz    for ReservedFlags 3 (CPU cycles: MHz cycles per microsecond)
 * </pre>
 * The product is computed exactly (no floating point, no overflow) and rounded toward negative infinity to whole
 * 100 ns units (inferred: Windows reports FILETIME, an integer count of 100 ns). An unknown clock type is converted as
 * QPC when PerfFreq is non-zero, otherwise as system time (inferred; neither reference parser handles clock 0).
 *
 * <p>Immutable and thread-safe.
 */
public final class TimestampConverter {
    private final long startFileTime;
    private final long origin;
    private final long numerator;
    private final long denominator;

    public TimestampConverter(LogfileHeader h) {
        this.startFileTime = h.startTimeFileTime();
        this.origin = h.headerTimestamp();
        LogfileHeader.ClockType clock = h.clockType();
        if (clock == LogfileHeader.ClockType.CPU_CYCLES && h.cpuSpeedMhz() > 0) {
            numerator = 10;
            denominator = h.cpuSpeedMhz();
        } else if (clock == LogfileHeader.ClockType.SYSTEM_TIME
                || h.perfFreq() <= 0 && clock != LogfileHeader.ClockType.CPU_CYCLES) {
            numerator = 1;
            denominator = 1;
        } else if (h.perfFreq() > 0) {
            numerator = 10_000_000L;
            denominator = h.perfFreq();
        } else {
            numerator = 1; // CPU cycles without a CPU speed and without PerfFreq: nothing better to do
            denominator = 1;
        }
    }

    /** The FILETIME of a raw timestamp, saturated to the long range. */
    public long toFileTime(long raw) {
        long delta;
        try {
            delta = Math.subtractExact(raw, origin);
            long scaled = Math.floorDiv(Math.multiplyExact(delta, numerator), denominator);
            return Math.addExact(startFileTime, scaled);
        } catch (ArithmeticException overflow) {
            BigInteger v = BigInteger.valueOf(raw).subtract(BigInteger.valueOf(origin))
                    .multiply(BigInteger.valueOf(numerator));
            BigInteger[] qr = v.divideAndRemainder(BigInteger.valueOf(denominator));
            BigInteger q = qr[0];
            if (qr[1].signum() < 0) {
                q = q.subtract(BigInteger.ONE);
            }
            q = q.add(BigInteger.valueOf(startFileTime));
            if (q.bitLength() > 63) {
                return q.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            return q.longValue();
        }
    }

    /** The instant of a raw timestamp (clamped to the range {@link Instant} can hold). */
    public Instant toInstant(long raw) {
        return FileTimes.toInstant(toFileTime(raw));
    }
}
