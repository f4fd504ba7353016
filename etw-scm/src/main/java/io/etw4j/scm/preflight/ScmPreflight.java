package io.etw4j.scm.preflight;

import io.etw4j.scm.internal.preflight.PreflightChecks;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What stands between this machine and SCM attribution: a report of the checks that decide whether a monitor can
 * see the SCM WPP trace, Microsoft-Windows-Services and Microsoft-Windows-Kernel-Process, each problem with its remedy.
 * Immutable and thread-safe.
 *
 * <p>{@link #run()} checks, on Windows: that the process is elevated; that the "Service Control Manager Trace" WPP
 * provider and the Microsoft-Windows-Services provider are registered (EnumerateTraceGuidsEx lists providers that
 * called RegisterTraceGuids or EventRegister and have not stopped, learn.microsoft.com "EnumerateTraceGuidsEx
 * function"); the registry value {@code HKLM\Software\Microsoft\Windows NT\CurrentVersion\Tracing\SCM\Regular\
 * TracingDisabled} (REG_DWORD: any non-zero value, not only 1, keeps services.exe's SCM tracing session and with it
 * the SCM WPP provider off until reboot; 0 or absent is fine; inferred, not verified on a Windows host); that a trace
 * session slot is free (running sessions from QueryAllTracesW against
 * {@code HKLM\SYSTEM\CurrentControlSet\Control\WMI\EtwMaxLoggers}, default 64); and which session has the SCM WPP
 * provider enabled now (EnumerateTraceGuidsEx TraceGuidQueryInfo; {@link Check#SCM_WPP_HOLDER}); and which
 * {@link io.etw4j.scm.ScmSessionMode} a monitor would use ({@link Check#SCM_SESSION_MODE}: sharing services.exe's
 * "SCM" session when it holds the provider, else a private enable with the registry's {@code Flags}).
 * A check that cannot run reports {@link Status#UNKNOWN} with the reason; none throws.
 *
 * <p>On another operating system it does not throw either: it returns a report whose only finding is
 * {@link Check#PLATFORM} with {@link Status#PROBLEM} ("not Windows"), so that a command-line tool can print it like
 * any other; {@link #windows()} is then false. No native library is loaded there. On a 32-bit JVM on Windows the only
 * finding is also a {@link Check#PLATFORM} {@link Status#PROBLEM} ("64-bit JVM only"), as for etw4j's live sessions,
 * and nothing native is loaded either.
 *
 * <pre>{@code
 * ScmPreflight report = ScmPreflight.run();
 * if (!report.ok()) {
 *     report.problems().forEach(p -> System.err.println(p.check() + ": " + p.detail() + " -> " + p.remedy().orElse("")));
 * }
 * }</pre>
 *
 * @param windows  true if the checks ran on Windows
 * @param findings one finding per check, in {@link Check} order
 */
public record ScmPreflight(boolean windows, List<Finding> findings) {

    /** The checks a preflight runs. */
    public enum Check {
        /** The operating system: live tracing needs Windows. */
        PLATFORM,
        /** The process token is elevated (starting a session and enabling these providers needs Administrator). */
        ELEVATION,
        /** The SCM WPP provider {EBCCA1C2-AB46-4A1D-8C2A-906C2FF25F39} is registered by services.exe. */
        SCM_WPP_PROVIDER,
        /** The registry value TracingDisabled is 0 or absent (any non-zero value switches the SCM WPP provider off). */
        SCM_TRACING_DISABLED,
        /** Microsoft-Windows-Services {0063715B-EEDA-4007-9429-AD526F62696E} is registered. */
        SERVICES_PROVIDER,
        /** At least one trace session slot is free. */
        LOGGER_SLOTS,
        /**
         * Which session has the SCM WPP provider enabled now: a classic provider serves one session only. When
         * services.exe's own "SCM" session alone holds it, a monitor shares that session (OK); any other holder is a
         * warning, since a private enable takes the provider from it.
         */
        SCM_WPP_HOLDER,
        /**
         * Which {@link io.etw4j.scm.ScmSessionMode} a monitor built now would use: SHARE (OK: the "SCM" session is
         * consumed, not taken from) or PRIVATE (a warning: the provider is enabled in the monitor's own session, with
         * the flags of the registry's {@code Flags}, default 0x0FF3F7FF).
         */
        SCM_SESSION_MODE
    }

    /** The outcome of one check. */
    public enum Status {
        /** Nothing to do. */
        OK,
        /** It works, but less well than it could (the remedy says how to improve it). */
        WARNING,
        /** Attribution will fail or be incomplete until the remedy is applied. */
        PROBLEM,
        /** The check could not run; the detail says why. */
        UNKNOWN
    }

    /**
     * One check's outcome.
     *
     * @param check  which check
     * @param status its outcome
     * @param detail what was found, in a sentence
     * @param remedy what to do about it, for {@link Status#WARNING} and {@link Status#PROBLEM}
     */
    public record Finding(Check check, Status status, String detail, Optional<String> remedy) {
        /**
         * Creates the record (the canonical constructor).
         *
         * @param check which check
         * @param status its outcome
         * @param detail what was found, in a sentence
         * @param remedy what to do about it, for {@link Status#WARNING} and {@link Status#PROBLEM}
         */
        public Finding {
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(remedy, "remedy");
        }
    }

    /**
     * Creates the record (the canonical constructor).
     *
     * @param windows true if the checks ran on Windows
     * @param findings one finding per check, in {@link Check} order
     */
    public ScmPreflight {
        findings = List.copyOf(findings);
    }

    /**
     * Runs the checks on this machine. Never throws; see the type's documentation.
     *
     * @return the report
     */
    public static ScmPreflight run() {
        return PreflightChecks.onThisMachine();
    }

    /** {@return true if no check found a {@link Status#PROBLEM} (warnings and unknowns do not count)} */
    public boolean ok() {
        return findings.stream().noneMatch(f -> f.status() == Status.PROBLEM);
    }

    /** {@return the findings with status {@link Status#PROBLEM} or {@link Status#WARNING}} */
    public List<Finding> problems() {
        return findings.stream().filter(f -> f.status() == Status.PROBLEM || f.status() == Status.WARNING).toList();
    }

    /**
     * {@return the finding of {@code check}, if it ran}
     *
     * @param check the check
     */
    public Optional<Finding> finding(Check check) {
        return findings.stream().filter(f -> f.check() == check).findFirst();
    }

    /** {@return one line per finding: status, check, detail, and the remedy after an arrow} */
    public String toText() {
        StringBuilder b = new StringBuilder();
        for (Finding f : findings) {
            b.append(String.format("%-8s %-21s %s", f.status(), f.check(), f.detail()));
            f.remedy().ifPresent(r -> b.append(System.lineSeparator()).append("         -> ").append(r));
            b.append(System.lineSeparator());
        }
        return b.toString();
    }
}
