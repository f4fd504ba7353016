package io.etw4j.core.internal;

import io.etw4j.core.etl.LogfileHeader;
import java.math.BigInteger;
import java.time.Instant;

/**
 * The one conversion of EVENT_HEADER.TimeStamp values to FILETIME and {@link Instant}, for live sessions and .etl files
 * alike. Without PROCESS_TRACE_MODE_RAW_TIMESTAMP "ProcessTrace converts the time stamp to system time" (evntcons.h;
 * learn.microsoft.com "EVENT_TRACE_LOGFILEW structure"), so a live record carries a FILETIME ({@link #fileTime()});
 * an .etl file stores the session clock's raw value, converted the way ProcessTrace would ({@link #forLogfile}); a raw
 * QPC value with a known reference converts with {@link #qpc(long, long, long)}.
 *
 * <p>The .etl rule, from the public parsers dissect.etl ({@code logfile.py}) and super-speedy-syslog-searcher
 * ({@code time_delta_to_filetime}), checked against public captures and the TraceEvent baseline:
 * <pre>
 *   FILETIME(raw) = StartTime + (raw - headerRecord.SystemTime) * scale
 *   scale = 10^7 / PerfFreq       for ReservedFlags 1 (QPC)
 *         = 1                     for ReservedFlags 2 (system time, already in 100 ns units)
 *         = 10 / CpuSpeedInMHz    for ReservedFlags 3 (CPU cycles: MHz cycles per microsecond)
 * </pre>
 * Products are computed exactly (no floating point) and rounded toward negative infinity to whole 100 ns units
 * (inferred: Windows reports FILETIME, an integer count of 100 ns). An unknown clock type is converted as QPC when
 * PerfFreq is non-zero, otherwise as system time (inferred; neither reference parser handles clock 0).
 *
 * <p>Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface TimestampConverter {

    /**
     * The FILETIME {@code raw} denotes.
     *
     * @param raw an EVENT_HEADER.TimeStamp in the source's units
     * @return a FILETIME (100 ns units since 1601-01-01 UTC)
     * @throws ArithmeticException if a converter that does not saturate overflows
     */
    long toFileTime(long raw);

    /**
     * The instant {@code raw} denotes.
     *
     * @param raw an EVENT_HEADER.TimeStamp in the source's units
     * @return the instant
     * @throws ArithmeticException or {@link java.time.DateTimeException} if it cannot be represented
     */
    default Instant toInstant(long raw) {
        return FileTimes.toInstant(toFileTime(raw));
    }

    /** {@return the converter for a TimeStamp that is a FILETIME already: the default ProcessTrace mode} */
    static TimestampConverter fileTime() {
        return raw -> raw;
    }

    /**
     * {@return the converter for raw QPC values (ClientContext 1 with PROCESS_TRACE_MODE_RAW_TIMESTAMP):
     * {@code FILETIME = referenceFileTime + (raw - referenceTicks) * 10^7 / frequency}, truncated to 100 ns; it throws
     * ArithmeticException on overflow}
     *
     * @param frequency         QPC ticks per second (TRACE_LOGFILE_HEADER.PerfFreq)
     * @param referenceTicks    a QPC value whose FILETIME is known
     * @param referenceFileTime the FILETIME of {@code referenceTicks}
     */
    static TimestampConverter qpc(long frequency, long referenceTicks, long referenceFileTime) {
        if (frequency <= 0) {
            throw new IllegalArgumentException("QPC frequency must be positive: " + frequency);
        }
        return raw -> {
            long delta = Math.subtractExact(raw, referenceTicks);
            // Split so that no intermediate product overflows: whole seconds, then the remainder (< frequency).
            long seconds = Math.floorDiv(delta, frequency);
            long rest = Math.floorMod(delta, frequency);
            // rest < frequency, so rest * 10^7 fits a long for any frequency below ~9.2e11 Hz (real QPC: 10 MHz..GHz).
            long hundredNanos = Math.addExact(Math.multiplyExact(seconds, 10_000_000L),
                    Math.multiplyExact(rest, 10_000_000L) / frequency);
            return Math.addExact(referenceFileTime, hundredNanos);
        };
    }

    /**
     * {@return the converter for the records of an .etl file with header {@code h} (the rule in the type's
     * documentation); it saturates to the long range instead of overflowing}
     *
     * @param h the file's logfile header
     */
    static TimestampConverter forLogfile(LogfileHeader h) {
        LogfileHeader.ClockType clock = h.clockType();
        long numerator;
        long denominator;
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
        long startFileTime = h.startTimeFileTime();
        long origin = h.headerTimestamp();
        return raw -> {
            try {
                long delta = Math.subtractExact(raw, origin);
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
        };
    }
}
