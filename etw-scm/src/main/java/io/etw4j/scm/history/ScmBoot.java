package io.etw4j.scm.history;

import io.etw4j.core.etl.LogfileHeader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One boot of SCM trace history: one {@code SCM.EVM*} file and its logfile header. Immutable and thread-safe.
 *
 * <p>Each file is one boot: services.exe starts its {@code SCM} session once per boot and renames the previous
 * boot's file at the next (see the package documentation for the sources). The boots of one {@link ScmHistory} are
 * numbered by age, 0 the oldest, by the header's StartTime.
 *
 * @param file   the file the boot's records come from, as given or found in a folder
 * @param index  the boot's place among those read, 0 the oldest (by {@link LogfileHeader#startTime()})
 * @param header the file's logfile header (BootTime, StartTime, LogFileMode, BufferSize, BuffersWritten ...)
 */
public record ScmBoot(Path file, int index, LogfileHeader header) {

    /**
     * Creates the record (the canonical constructor).
     *
     * @param file the file the boot's records come from
     * @param index the boot's place among those read, 0 the oldest
     * @param header the file's logfile header
     */
    public ScmBoot {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(header, "header");
        if (index < 0) {
            throw new IllegalArgumentException("index < 0: " + index);
        }
    }

    /** {@return when the host booted (TRACE_LOGFILE_HEADER.BootTime)} */
    public Instant bootTime() {
        return header.bootTime();
    }

    /** {@return when the session started writing this file (TRACE_LOGFILE_HEADER.StartTime)} */
    public Instant startTime() {
        return header.startTime();
    }

    /** {@return the file's name without its folder, e.g. {@code SCM.EVM.2} (what JSON lines show as "source")} */
    public String fileName() {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }
}
