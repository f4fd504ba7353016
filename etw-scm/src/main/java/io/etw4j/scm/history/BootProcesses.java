package io.etw4j.scm.history;

import io.etw4j.core.etl.EtlFile;
import io.etw4j.core.etl.EtlReadOptions;
import io.etw4j.scm.internal.history.KernelProcessList;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Process information for one boot of SCM history, which the {@code SCM} session does not record: added with
 * {@link ScmHistory.Builder#processes(BootProcesses)} so that the clients of that boot's events (PIDs) are named with
 * their image, start time and parent ({@link io.etw4j.scm.ClientProcess.Resolution#BOOT_PROCESSES}). Immutable and
 * thread-safe; it holds no open file.
 *
 * <p><b>Two sources.</b> {@link #fromEtl(Path)}: another .etl of the same boot holding Microsoft-Windows-Kernel-Process
 * process records (ProcessStart, ProcessRundown, ProcessStop), for example an etw4j capture or an EDR's trace, read
 * through the same shipped manifest as a live monitor. {@link #of(Instant, Collection)}: a list the caller made, for
 * the boot whose BootTime it names.
 *
 * <p><b>Same boot.</b> A boot is known by its BootTime (TRACE_LOGFILE_HEADER.BootTime, evntrace.h: when the system
 * booted). Processes are given to the boot of the history whose BootTime is within {@link #SAME_BOOT_TOLERANCE} of
 * theirs; for an .etl, its own trace must also have started (StartTime) at or after that boot and before the next
 * boot of the history. Two boots of one host are far further apart than the tolerance (a boot's BootTime is at least
 * its predecessor's uptime later); the tolerance absorbs clock corrections made between the two sessions' starts,
 * since the BootTime a session records is worked out from the clock at its start (inferred). Anything else is refused
 * with the reason. A PID is never resolved against another boot's processes.
 *
 * <p><b>PID reuse.</b> Within the boot, an event's client PID is the process of that PID that started last at or
 * before the event and had not exited before it; a process that started after the event cannot be its client. Two
 * processes of one PID with the same start time name neither.
 */
public final class BootProcesses {
    /** How far apart two BootTimes of the same boot may be. */
    public static final Duration SAME_BOOT_TOLERANCE = Duration.ofSeconds(5);

    private final Instant bootTime;
    private final Optional<Instant> traceStart;
    private final String origin;
    private final List<KnownProcess> processes;
    private final long ignored;

    private BootProcesses(Instant bootTime, Optional<Instant> traceStart, String origin, List<KnownProcess> processes,
            long ignored) {
        this.bootTime = bootTime;
        this.traceStart = traceStart;
        this.origin = origin;
        this.processes = List.copyOf(processes);
        this.ignored = ignored;
    }

    /**
     * {@return the processes of the Kernel-Process records in {@code etl}, for the boot in its header} The whole file
     * is read now (file order; malformed parts are skipped by the lenient reader). Records of other providers are
     * ignored. A process start or rundown of PID 0, or one that started before the header's BootTime (less the
     * tolerance), is left out and counted in {@link #ignored()}.
     *
     * @param etl an .etl file of the boot, with Microsoft-Windows-Kernel-Process process records
     * @throws IllegalArgumentException if it holds no Kernel-Process ProcessStart or ProcessRundown record etw4j
     *         decodes, or more than {@value KernelProcessList#MAX_PROCESSES} processes
     * @throws io.etw4j.core.etl.EtlIoException if the file cannot be read
     * @throws io.etw4j.core.etl.EtlFormatException if the file has no readable logfile header
     */
    public static BootProcesses fromEtl(Path etl) {
        Objects.requireNonNull(etl, "etl");
        EtlFile file = EtlFile.open(etl, EtlReadOptions.defaults());
        Instant boot = file.header().bootTime();
        KernelProcessList list = KernelProcessList.read(file.records().toIterable(), boot.minus(SAME_BOOT_TOLERANCE));
        String name = etl.getFileName() == null ? etl.toString() : etl.getFileName().toString();
        if (list.processes().isEmpty()) {
            throw new IllegalArgumentException(name + " holds no Microsoft-Windows-Kernel-Process ProcessStart or "
                    + "ProcessRundown record that etw4j decodes: no process information for its boot");
        }
        return new BootProcesses(boot, Optional.of(file.header().startTime()), name, list.processes(),
                list.ignored());
    }

    /**
     * {@return the processes the caller lists, for the boot whose BootTime is {@code bootTime}}
     *
     * @param bootTime  the boot's BootTime (as {@link ScmBoot#bootTime()} gives it, or from the host)
     * @param processes the processes of that boot
     * @throws IllegalArgumentException if a process started before {@code bootTime} (less the tolerance): it cannot
     *         be of that boot, or the list holds more than {@value KernelProcessList#MAX_PROCESSES} processes
     */
    public static BootProcesses of(Instant bootTime, Collection<KnownProcess> processes) {
        Objects.requireNonNull(bootTime, "bootTime");
        if (processes.size() > KernelProcessList.MAX_PROCESSES) {
            throw new IllegalArgumentException("more than " + KernelProcessList.MAX_PROCESSES + " processes");
        }
        Instant earliest = bootTime.minus(SAME_BOOT_TOLERANCE);
        for (KnownProcess p : processes) {
            if (p.startTime().isBefore(earliest)) {
                throw new IllegalArgumentException("process " + p.pid() + " started at " + p.startTime()
                        + ", before the boot at " + bootTime + ": it is not of that boot");
            }
        }
        return new BootProcesses(bootTime, Optional.empty(), "process list", List.copyOf(processes), 0);
    }

    /** {@return the BootTime of the boot these processes belong to} */
    public Instant bootTime() {
        return bootTime;
    }

    /** {@return when the .etl's own trace started (its StartTime); empty for a caller's list} */
    public Optional<Instant> traceStart() {
        return traceStart;
    }

    /** {@return where they come from: the .etl's file name, or {@code "process list"}} */
    public String origin() {
        return origin;
    }

    /** {@return the processes, in the order found} */
    public List<KnownProcess> processes() {
        return processes;
    }

    /** {@return process records of the .etl left out (PID 0, or started before its boot)} */
    public long ignored() {
        return ignored;
    }

    /**
     * {@return why these processes are not of {@code boot}, or empty if they are}
     *
     * @param boot     a boot of the history
     * @param nextBoot the boot of the history that follows it, if any
     */
    Optional<String> mismatch(ScmBoot boot, Optional<ScmBoot> nextBoot) {
        Duration apart = Duration.between(boot.bootTime(), bootTime).abs();
        if (apart.compareTo(SAME_BOOT_TOLERANCE) > 0) {
            return Optional.of("BootTime " + bootTime + " is " + apart + " away from " + boot.fileName() + "'s "
                    + boot.bootTime());
        }
        if (traceStart.isPresent()) {
            Instant start = traceStart.get();
            if (start.isBefore(boot.bootTime().minus(SAME_BOOT_TOLERANCE))) {
                return Optional.of("its trace started at " + start + ", before the boot at " + boot.bootTime());
            }
            if (nextBoot.isPresent() && !start.isBefore(nextBoot.get().bootTime())) {
                return Optional.of("its trace started at " + start + ", after the next boot ("
                        + nextBoot.get().fileName() + ", " + nextBoot.get().bootTime() + ")");
            }
        }
        return Optional.empty();
    }
}
