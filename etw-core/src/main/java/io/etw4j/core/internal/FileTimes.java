package io.etw4j.core.internal;

import java.time.Instant;

/**
 * FILETIME conversion. A FILETIME counts 100-nanosecond intervals since 1601-01-01T00:00:00Z
 * (learn.microsoft.com "FILETIME structure (minwinbase.h)").
 */
public final class FileTimes {
    /** Seconds from 1601-01-01 to 1970-01-01: 369 years with 89 leap days = 134774 days * 86400. */
    public static final long EPOCH_DIFF_SECONDS = 11_644_473_600L;

    private FileTimes() {
    }

    /** The instant a FILETIME value (as a signed 64-bit count of 100 ns units) denotes. */
    public static Instant toInstant(long fileTime) {
        long seconds = Math.floorDiv(fileTime, 10_000_000L);
        long hundredNanos = Math.floorMod(fileTime, 10_000_000L);
        return Instant.ofEpochSecond(seconds - EPOCH_DIFF_SECONDS, hundredNanos * 100L);
    }

    /** The FILETIME of an instant, truncated to 100 ns. */
    public static long fromInstant(Instant instant) {
        long seconds = instant.getEpochSecond() + EPOCH_DIFF_SECONDS;
        return Math.addExact(Math.multiplyExact(seconds, 10_000_000L), instant.getNano() / 100);
    }
}
