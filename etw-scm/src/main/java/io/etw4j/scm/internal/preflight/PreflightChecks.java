package io.etw4j.scm.internal.preflight;

import io.etw4j.core.UnsupportedPlatformException;
import io.etw4j.core.session.ProviderContention;
import io.etw4j.scm.ScmProviders;
import io.etw4j.scm.preflight.ScmPreflight.Check;
import io.etw4j.scm.preflight.ScmPreflight.Finding;
import io.etw4j.scm.preflight.ScmPreflight.Status;
import io.etw4j.scm.preflight.ScmPreflight;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Turns the facts of {@link PreflightProbes} into a {@link ScmPreflight} report. Stateless; every probe failure becomes
 * a {@link Status#UNKNOWN} finding, never an exception.
 *
 * <p>Facts and their sources:
 * <ul>
 *   <li>SCM WPP control GUID {EBCCA1C2-AB46-4A1D-8C2A-906C2FF25F39} ({@link ScmProviders}): the article
 *       "使用ETW监控冒个进程创建和启动服务以及加载驱动程序" (anquanke.com, post 241806). That services.exe registers it
 *       at start (ScStartTracingSession) is also from that article; that it is
 *       then listed by EnumerateTraceGuidsEx follows from that function's documentation (providers started with
 *       RegisterTraceGuids or EventRegister and not stopped) - inferred, not verified on a Windows host.</li>
 *   <li>{@code HKLM\Software\Microsoft\Windows NT\CurrentVersion\Tracing\SCM\Regular\TracingDisabled} (REG_DWORD):
 *       <em>any non-zero value</em> keeps services.exe's own SCM tracing session, and with it the provider, off until
 *       reboot; only 0 or an absent value leaves it on. Sources: published Microsoft Defender installation scripts
 *       test the value for 1; that it is a flag (every non-zero value disables) is inferred. Not verified on a Windows
 *       host. The check therefore treats 1, 2 and 0xFFFFFFFF alike.</li>
 *   <li>{@code HKLM\SYSTEM\CurrentControlSet\Control\WMI\EtwMaxLoggers}, default 64, allowed 32..256, read at boot:
 *       the StartTraceW documentation's ERROR_NO_SYSTEM_RESOURCES remarks (recalled, not re-read: inferred). The
 *       sessions in use are counted by one QueryAllTracesW call, which lists at most 64 ("QueryAllTracesW function
 *       (evntrace.h)", PropertyArrayCount); when more run (ERROR_MORE_DATA) the finding says "at least".</li>
 * </ul>
 */
public final class PreflightChecks {
    /** Control GUID of the "Service Control Manager Trace" WPP provider ({@link ScmProviders#SCM_WPP_CONTROL_GUID}). */
    public static final UUID SCM_WPP_PROVIDER = ScmProviders.SCM_WPP_CONTROL_GUID;
    /** Key of the SCM tracing switch, under HKLM. */
    public static final String SCM_TRACING_KEY = "Software\\Microsoft\\Windows NT\\CurrentVersion\\Tracing\\SCM\\Regular";
    /** The switch's value name. */
    public static final String TRACING_DISABLED = "TracingDisabled";
    /** Key of the ETW settings, under HKLM. */
    public static final String WMI_KEY = "SYSTEM\\CurrentControlSet\\Control\\WMI";
    /** The value giving the maximum number of sessions. */
    public static final String ETW_MAX_LOGGERS = "EtwMaxLoggers";
    /** Sessions Windows allows when EtwMaxLoggers is not set (inferred from the StartTraceW documentation). */
    public static final int DEFAULT_MAX_LOGGERS = 64;

    private PreflightChecks() {
    }

    /** The report for this machine: Windows probes on Windows, the "not Windows" report elsewhere. */
    public static ScmPreflight onThisMachine() {
        String os = System.getProperty("os.name", "unknown");
        if (!os.startsWith("Windows")) {
            return notWindows(os);
        }
        return onWindows(os, WindowsProbes::create);
    }

    /**
     * The report on Windows named {@code os}, with the probes {@code factory} creates. A JVM the probes refuse (a
     * 32-bit one: {@link UnsupportedPlatformException}) gives a {@link Check#PLATFORM} problem; any other failure to
     * create them an {@link Status#UNKNOWN} platform finding. Never throws.
     */
    static ScmPreflight onWindows(String os, Supplier<PreflightProbes> factory) {
        PreflightProbes probes;
        try {
            probes = factory.get();
        } catch (UnsupportedPlatformException e) {
            return new ScmPreflight(true, List.of(new Finding(Check.PLATFORM, Status.PROBLEM,
                    "Windows (" + os + "), but " + e.getMessage(),
                    Optional.of("Run on a 64-bit (x64) JVM: etw4j's live sessions and this preflight support "
                            + "64-bit JVMs only"))));
        } catch (RuntimeException | LinkageError e) {
            return new ScmPreflight(true, List.of(new Finding(Check.PLATFORM, Status.UNKNOWN,
                    "Windows (" + os + "), but advapi32 could not be loaded: " + e, Optional.empty())));
        }
        return run(os, probes);
    }

    /** The report for a JVM that does not run on Windows. */
    public static ScmPreflight notWindows(String osName) {
        return new ScmPreflight(false, List.of(new Finding(Check.PLATFORM, Status.PROBLEM,
                "not Windows: this JVM runs on '" + osName + "'; live ETW sessions need Windows",
                Optional.of("Run the monitor on the Windows host to watch; an .etl file recorded there can be "
                        + "replayed and correlated on any OS"))));
    }

    /** The report from {@code probes}, on Windows named {@code osName}. */
    public static ScmPreflight run(String osName, PreflightProbes probes) {
        List<Finding> findings = new ArrayList<>();
        findings.add(new Finding(Check.PLATFORM, Status.OK, "Windows (" + osName + ")", Optional.empty()));
        findings.add(elevation(probes.elevation()));
        Set<UUID> registered = null;
        String providerError = null;
        try {
            registered = probes.providers().registeredProviders();
        } catch (RuntimeException e) {
            providerError = String.valueOf(e.getMessage());
        }
        findings.add(scmProvider(registered, providerError));
        findings.add(tracingDisabled(probes.registry()));
        findings.add(servicesProvider(registered, providerError));
        SessionProbe.RunningSessions running = null;
        try {
            running = probes.sessions().runningSessions();
        } catch (RuntimeException e) {
            // reported by the slot check; the mode check says "could not be queried"
        }
        SessionProbe.RunningSessions listed = running;
        findings.add(loggerSlots(probes.registry(), () -> {
            if (listed == null) {
                return probes.sessions().runningSessions(); // fails again, with its message
            }
            return listed;
        }));
        List<ProviderContention.Holder> holders = null;
        String holderError = null;
        try {
            holders = probes.holders().sessionsEnabling(SCM_WPP_PROVIDER);
        } catch (RuntimeException e) {
            holderError = String.valueOf(e.getMessage());
        }
        findings.add(scmHolder(holders, holderError));
        findings.add(ScmModeFinding.of(running, holders, probes.registry()));
        return new ScmPreflight(true, findings);
    }

    private static Finding elevation(ElevationProbe probe) {
        try {
            if (probe.isElevated()) {
                return new Finding(Check.ELEVATION, Status.OK, "the process is elevated", Optional.empty());
            }
            return new Finding(Check.ELEVATION, Status.PROBLEM,
                    "the process is not elevated: starting the trace session and enabling the SCM and kernel "
                            + "providers will fail with ERROR_ACCESS_DENIED",
                    Optional.of("Run from an elevated prompt (Run as administrator) or as a service under "
                            + "LocalSystem"));
        } catch (RuntimeException e) {
            return unknown(Check.ELEVATION, "could not read the token elevation: " + e.getMessage());
        }
    }

    private static Finding scmProvider(Set<UUID> registered, String error) {
        if (registered == null) {
            return unknown(Check.SCM_WPP_PROVIDER, "could not enumerate the registered providers: " + error);
        }
        if (registered.contains(SCM_WPP_PROVIDER)) {
            return new Finding(Check.SCM_WPP_PROVIDER, Status.OK,
                    "the Service Control Manager Trace provider {" + SCM_WPP_PROVIDER + "} is registered",
                    Optional.empty());
        }
        return new Finding(Check.SCM_WPP_PROVIDER, Status.PROBLEM,
                "the Service Control Manager Trace provider {" + SCM_WPP_PROVIDER + "} is not registered: "
                        + "services.exe is not tracing, so service creations (SCM WPP message 0x28) will not be "
                        + "seen; starts, controls and configuration changes can still come from "
                        + "Microsoft-Windows-Services",
                Optional.of("Make sure HKLM\\" + SCM_TRACING_KEY + "\\" + TRACING_DISABLED
                        + " is 0 or absent, then reboot (services.exe sets up its tracing when it starts)"));
    }

    private static Finding tracingDisabled(RegistryProbe registry) {
        String where = "HKLM\\" + SCM_TRACING_KEY + "\\" + TRACING_DISABLED;
        OptionalInt value;
        try {
            value = registry.localMachineDword(SCM_TRACING_KEY, TRACING_DISABLED);
        } catch (RuntimeException e) {
            return unknown(Check.SCM_TRACING_DISABLED, "could not read " + where + ": " + e.getMessage());
        }
        if (value.isEmpty()) {
            return new Finding(Check.SCM_TRACING_DISABLED, Status.OK, where + " is not set", Optional.empty());
        }
        if (value.getAsInt() == 0) {
            return new Finding(Check.SCM_TRACING_DISABLED, Status.OK, where + " is 0", Optional.empty());
        }
        // Every non-zero DWORD disables, not only 1 (see the class javadoc); read as unsigned for the message.
        return new Finding(Check.SCM_TRACING_DISABLED, Status.PROBLEM,
                where + " is " + Integer.toUnsignedString(value.getAsInt())
                        + " (any non-zero value disables SCM tracing): the SCM WPP provider stays off until the next"
                        + " reboot",
                Optional.of("reg add \"HKLM\\" + SCM_TRACING_KEY + "\" /v " + TRACING_DISABLED
                        + " /t REG_DWORD /d 0 /f, then reboot"));
    }

    private static Finding servicesProvider(Set<UUID> registered, String error) {
        if (registered == null) {
            return unknown(Check.SERVICES_PROVIDER, "could not enumerate the registered providers: " + error);
        }
        if (registered.contains(ScmProviders.SERVICES_GUID)) {
            return new Finding(Check.SERVICES_PROVIDER, Status.OK,
                    "Microsoft-Windows-Services {" + ScmProviders.SERVICES_GUID + "} is registered", Optional.empty());
        }
        return new Finding(Check.SERVICES_PROVIDER, Status.WARNING,
                "Microsoft-Windows-Services {" + ScmProviders.SERVICES_GUID + "} is not registered: starts, controls "
                        + "and configuration changes will be attributed from the SCM WPP trace only, by PID "
                        + "without a process start key",
                Optional.of("Nothing to configure: the provider is part of services.exe on builds whose manifest "
                        + "has events 200-205 (recent Windows 10 and Windows 11); older builds lack it"));
    }

    private static Finding loggerSlots(RegistryProbe registry, SessionProbe sessions) {
        int max = DEFAULT_MAX_LOGGERS;
        String maxSource = "default";
        try {
            OptionalInt configured = registry.localMachineDword(WMI_KEY, ETW_MAX_LOGGERS);
            if (configured.isPresent()) {
                max = configured.getAsInt();
                maxSource = "HKLM\\" + WMI_KEY + "\\" + ETW_MAX_LOGGERS;
            }
        } catch (RuntimeException e) {
            maxSource = "default; " + ETW_MAX_LOGGERS + " unreadable: " + e.getMessage();
        }
        SessionProbe.RunningSessions running;
        try {
            running = sessions.runningSessions();
        } catch (RuntimeException e) {
            return unknown(Check.LOGGER_SLOTS, "could not list the running sessions: " + e.getMessage());
        }
        int count = running.names().size();
        int free = max - count;
        String detail = (running.moreNotListed() ? "at least " : "") + count + " of " + max + " trace sessions in use ("
                + maxSource + ")";
        String stopHint = "Stop a session you do not need (logman query -ets; logman stop <name> -ets), or raise "
                + "HKLM\\" + WMI_KEY + "\\" + ETW_MAX_LOGGERS + " (32-256) and reboot";
        if (free <= 0) {
            return new Finding(Check.LOGGER_SLOTS, Status.PROBLEM,
                    detail + ": no slot is free, StartTraceW will fail with ERROR_NO_SYSTEM_RESOURCES",
                    Optional.of(stopHint + examples(running)));
        }
        if (free == 1) {
            return new Finding(Check.LOGGER_SLOTS, Status.WARNING, detail + ": one slot is free, just enough",
                    Optional.of(stopHint + examples(running)));
        }
        return new Finding(Check.LOGGER_SLOTS, Status.OK, detail + ": " + free + " free", Optional.empty());
    }

    private static String examples(SessionProbe.RunningSessions running) {
        if (running.names().isEmpty()) {
            return "";
        }
        List<String> some = running.names().subList(0, Math.min(5, running.names().size()));
        return "; running: " + String.join(", ", some) + (running.names().size() > some.size() ? ", ..." : "");
    }

    /**
     * The name of services.exe's own session for the SCM WPP provider (inferred from the registry key
     * {@code Tracing\SCM\Regular} services.exe reads for it; not verified on a host).
     */
    public static final String SCM_SESSION_NAME = "SCM";

    /**
     * Who holds the SCM WPP provider. Sources: only one session can enable a classic provider, and a later enable
     * takes it from the earlier session (learn.microsoft.com "Configuring and Starting an Event Tracing Session";
     * "EnableTraceEx2 function"; the taking is inferred from them); services.exe's own session is named "SCM" (Geoff
     * Chappell, "WPP Software Tracing in SERVICES.EXE"; a public decompilation of services.exe). When 'SCM' alone holds
     * it, a monitor shares that session (OK); any other holder is a warning (a private enable takes it from them).
     */
    private static Finding scmHolder(List<ProviderContention.Holder> holders, String error) {
        if (holders == null) {
            return unknown(Check.SCM_WPP_HOLDER, "could not tell which session has the SCM WPP provider enabled: "
                    + error);
        }
        if (holders.isEmpty()) {
            return new Finding(Check.SCM_WPP_HOLDER, Status.OK, "no session has the SCM WPP provider {"
                    + SCM_WPP_PROVIDER + "} enabled: a monitor takes it from nobody", Optional.empty());
        }
        List<String> parts = new ArrayList<>();
        boolean scm = false;
        boolean etw4j = false;
        for (ProviderContention.Holder h : holders) {
            String name = h.sessionName().orElse(null);
            if (SCM_SESSION_NAME.equals(name)) {
                scm = true;
                parts.add("session 'SCM' (services.exe's own)");
            } else if (name != null && name.startsWith("etw4j-")) {
                etw4j = true;
                parts.add("etw4j session '" + name + "' (another monitor)");
            } else {
                parts.add(name != null ? "session '" + name + "'" : "an unnamed session (logger id "
                        + h.loggerId() + ")");
            }
        }
        if (scm && holders.size() == 1) {
            return new Finding(Check.SCM_WPP_HOLDER, Status.OK, "the SCM WPP provider is held by "
                    + parts.get(0) + ": a monitor shares that session and does not enable the provider (see "
                    + Check.SCM_SESSION_MODE + "); only a private session (ScmMonitorBuilder.privateScmSession) "
                    + "takes it, and gives it back at the end", Optional.empty());
        }
        String detail = "the SCM WPP provider is held by " + String.join(", ", parts)
                + ": enabling it from etw4j (a private session) takes it from "
                + (holders.size() == 1 ? "that session" : "them")
                + " (a classic provider serves one session at a time)"
                + (scm ? "; a private monitor gives it back to 'SCM' at the end (if its JVM dies first, it returns "
                        + "only when services.exe restarts its session, at the latest at reboot: inferred)" : "");
        String remedy = etw4j
                ? "Run one SCM monitor per machine: two take the provider from each other, silently"
                : "Nothing to do for etw4j; anyone who relies on that session's SCM trace loses it while the monitor"
                        + " runs, and a tool that enables the provider later takes it from the monitor (its health"
                        + " reports and ScmMonitor.providerContention() say so)";
        return new Finding(Check.SCM_WPP_HOLDER, Status.WARNING, detail, Optional.of(remedy));
    }

    private static Finding unknown(Check check, String detail) {
        return new Finding(check, Status.UNKNOWN, detail, Optional.empty());
    }
}
