package io.etw4j.core.session;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how an {@link EtwSession} records its events to an .etl file (EVENT_TRACE_PROPERTIES LogFileNameOffset,
 * LogFileMode and MaximumFileSize; learn.microsoft.com "EVENT_TRACE_PROPERTIES structure", "Logging Mode Constants").
 * The file is written by ETW itself, on the host, and read back with {@link io.etw4j.core.etl.EtlFile#open(Path)}
 * anywhere: record on the endpoint, analyse with the same SDK.
 *
 * <p>Immutable and thread-safe.
 *
 * @param path      the file (made absolute by {@link #sequential(Path)} and {@link #circular(Path, int)}: ETW resolves
 *                  a relative name against the controller's current directory on the host)
 * @param circular  EVENT_TRACE_FILE_MODE_CIRCULAR (0x2): the newest events overwrite the oldest once the file reaches
 *                  {@code maxSizeMb}; otherwise EVENT_TRACE_FILE_MODE_SEQUENTIAL (0x1): logging stops at the limit
 * @param maxSizeMb MaximumFileSize in MB; 0 only for a sequential file (no limit). A circular file needs a limit.
 */
public record LogFile(Path path, boolean circular, int maxSizeMb) {
    /** EVENT_TRACE_FILE_MODE_SEQUENTIAL (evntrace.h). */
    public static final int EVENT_TRACE_FILE_MODE_SEQUENTIAL = 0x0000_0001;
    /** EVENT_TRACE_FILE_MODE_CIRCULAR (evntrace.h). */
    public static final int EVENT_TRACE_FILE_MODE_CIRCULAR = 0x0000_0002;
    /** The longest file name EVENT_TRACE_PROPERTIES takes, in characters with the NUL (learn.microsoft.com). */
    public static final int MAX_PATH_CHARS = 1024;

    /**
     * Checks the values.
     *
     * @param path      the file
     * @param circular  whether the file is circular
     * @param maxSizeMb the size limit in MB
     */
    public LogFile {
        Objects.requireNonNull(path, "path");
        if (maxSizeMb < 0) {
            throw new IllegalArgumentException("maxSizeMb < 0: " + maxSizeMb);
        }
        if (circular && maxSizeMb == 0) {
            throw new IllegalArgumentException("a circular log file needs a maximum size in MB (MaximumFileSize must "
                    + "be set with EVENT_TRACE_FILE_MODE_CIRCULAR)");
        }
        if (path.toString().length() + 1 > MAX_PATH_CHARS) {
            throw new IllegalArgumentException("log file name longer than " + (MAX_PATH_CHARS - 1) + " characters");
        }
    }

    /**
     * {@return a sequential file without a size limit}
     *
     * @param path the file; made absolute
     */
    public static LogFile sequential(Path path) {
        return new LogFile(path.toAbsolutePath(), false, 0);
    }

    /**
     * {@return a circular file of at most {@code maxSizeMb} MB}
     *
     * @param path      the file; made absolute
     * @param maxSizeMb the size at which the oldest events are overwritten, in MB (at least 1)
     */
    public static LogFile circular(Path path, int maxSizeMb) {
        return new LogFile(path.toAbsolutePath(), true, maxSizeMb);
    }

    /**
     * {@return the same file with a size limit: sequential logging stops there, circular logging wraps}
     *
     * @param mb the limit in MB (0: none, sequential only)
     */
    public LogFile maxSizeMb(int mb) {
        return new LogFile(path, circular, mb);
    }

    /** {@return the LogFileMode bits of this file} */
    public int logFileMode() {
        return circular ? EVENT_TRACE_FILE_MODE_CIRCULAR : EVENT_TRACE_FILE_MODE_SEQUENTIAL;
    }
}
