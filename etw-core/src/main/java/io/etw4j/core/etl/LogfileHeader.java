package io.etw4j.core.etl;

import java.time.Instant;
import java.util.Objects;

/**
 * The TRACE_LOGFILE_HEADER of an .etl file (evntrace.h; x64 size 0x118, 0x110 in a 32-bit file),
 * read from the payload of the file's first record, with the logger and log file names that follow it.
 *
 * <p>Immutable and thread-safe. FILETIME fields are converted to {@link Instant} (100 ns resolution); the raw values
 * that the timestamp conversion uses are kept as well.
 *
 * @param bufferSize         BufferSize: bytes per buffer as the session was configured (compressed buffers on disk
 *                           are smaller)
 * @param version            Version: four bytes Major, Minor, SubVersion, SubMinorVersion, little-endian packed
 * @param providerVersion    ProviderVersion: the build number of the Windows that wrote the file
 * @param numberOfProcessors NumberOfProcessors
 * @param endTime            EndTime
 * @param timerResolution    TimerResolution, in 100 ns units
 * @param maximumFileSize    MaximumFileSize, in MB
 * @param logFileMode        LogFileMode (EVENT_TRACE_*_MODE flags)
 * @param buffersWritten     BuffersWritten
 * @param startBuffers       StartBuffers
 * @param pointerSize        PointerSize of the machine that wrote the file (4 or 8)
 * @param eventsLost         EventsLost
 * @param cpuSpeedMhz        CpuSpeedInMHz
 * @param timeZoneBiasMinutes TimeZone.Bias (UTC = local time + bias)
 * @param bootTime           BootTime
 * @param perfFreq           PerfFreq: QPC ticks per second
 * @param startTime          StartTime
 * @param startTimeFileTime  StartTime as the raw FILETIME
 * @param reservedFlags      ReservedFlags: the clock type as written (1 QPC, 2 system time, 3 CPU cycles)
 * @param buffersLost        BuffersLost
 * @param loggerName         the session name written after the header
 * @param logFileName        the log file name written after the header
 * @param headerTimestamp    SystemTime of the logfile header record: the raw clock value at StartTime, the origin
 *                           of the conversion of every raw timestamp in the file
 * @param header64           true if the header record was written as SYSTEM64 (64-bit TRACE_LOGFILE_HEADER form)
 */
public record LogfileHeader(
        int bufferSize,
        int version,
        int providerVersion,
        int numberOfProcessors,
        Instant endTime,
        int timerResolution,
        int maximumFileSize,
        int logFileMode,
        int buffersWritten,
        int startBuffers,
        int pointerSize,
        int eventsLost,
        int cpuSpeedMhz,
        int timeZoneBiasMinutes,
        Instant bootTime,
        long perfFreq,
        Instant startTime,
        long startTimeFileTime,
        int reservedFlags,
        int buffersLost,
        String loggerName,
        String logFileName,
        long headerTimestamp,
        boolean header64) {

    /** EVENT_TRACE_COMPRESSED_MODE (evntrace.h). */
    public static final int EVENT_TRACE_COMPRESSED_MODE = 0x04000000;
    /** EVENT_TRACE_RELOG_MODE (evntrace.h). */
    public static final int EVENT_TRACE_RELOG_MODE = 0x00010000;

    /** The clock that stamped the file's records (TRACE_LOGFILE_HEADER.ReservedFlags; WNODE_HEADER.ClientContext). */
    public enum ClockType {
        /** 1: QueryPerformanceCounter ticks, PerfFreq per second. */
        QPC,
        /** 2: system time, FILETIME units of 100 ns. */
        SYSTEM_TIME,
        /** 3: CPU cycle counter, CpuSpeedInMHz million per second. */
        CPU_CYCLES,
        /** Any other value (0 is "raw" in pla ClockType); timestamps are converted as QPC if PerfFreq is set. */
        UNKNOWN
    }

    /**
     * Creates the record (the canonical constructor).
     *
     * @param bufferSize BufferSize: bytes per buffer as the session was configured (compressed buffers on disk are
     *        smaller)
     * @param version Version: four bytes Major, Minor, SubVersion, SubMinorVersion, little-endian packed
     * @param providerVersion ProviderVersion: the build number of the Windows that wrote the file
     * @param numberOfProcessors NumberOfProcessors
     * @param endTime EndTime
     * @param timerResolution TimerResolution, in 100 ns units
     * @param maximumFileSize MaximumFileSize, in MB
     * @param logFileMode LogFileMode (EVENT_TRACE_*_MODE flags)
     * @param buffersWritten BuffersWritten
     * @param startBuffers StartBuffers
     * @param pointerSize PointerSize of the machine that wrote the file (4 or 8)
     * @param eventsLost EventsLost
     * @param cpuSpeedMhz CpuSpeedInMHz
     * @param timeZoneBiasMinutes TimeZone.Bias (UTC = local time + bias)
     * @param bootTime BootTime
     * @param perfFreq PerfFreq: QPC ticks per second
     * @param startTime StartTime
     * @param startTimeFileTime StartTime as the raw FILETIME
     * @param reservedFlags ReservedFlags: the clock type as written (1 QPC, 2 system time, 3 CPU cycles)
     * @param buffersLost BuffersLost
     * @param loggerName the session name written after the header
     * @param logFileName the log file name written after the header
     * @param headerTimestamp SystemTime of the logfile header record: the raw clock value at StartTime, the origin of
     *        the conversion of every raw timestamp in the file
     * @param header64 true if the header record was written as SYSTEM64 (64-bit TRACE_LOGFILE_HEADER form)
     */
    public LogfileHeader {
        Objects.requireNonNull(endTime, "endTime");
        Objects.requireNonNull(bootTime, "bootTime");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(loggerName, "loggerName");
        Objects.requireNonNull(logFileName, "logFileName");
    }

    /** {@return the clock type that {@link #reservedFlags()} names} */
    public ClockType clockType() {
        switch (reservedFlags) {
            case 1:
                return ClockType.QPC;
            case 2:
                return ClockType.SYSTEM_TIME;
            case 3:
                return ClockType.CPU_CYCLES;
            default:
                return ClockType.UNKNOWN;
        }
    }

    /** {@return true if the session wrote compressed buffers (EVENT_TRACE_COMPRESSED_MODE)} */
    public boolean compressed() {
        return (logFileMode & EVENT_TRACE_COMPRESSED_MODE) != 0;
    }

    /** {@return the Windows version that wrote the file, "major.minor" from {@link #version()}} */
    public String versionString() {
        return (version & 0xFF) + "." + ((version >>> 8) & 0xFF);
    }
}
