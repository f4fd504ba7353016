package io.etw4j.scm;

import io.etw4j.core.session.EtwSession;
import io.etw4j.core.session.Provider;
import io.etw4j.core.session.SessionBuilder;
import io.etw4j.core.session.TraceLevel;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The three ETW providers SCM attribution reads, their identities, and how to enable them on a session: the one
 * place that says which GUID, level and keywords {@link ScmMonitor}, the preflight
 * ({@link io.etw4j.scm.preflight.ScmPreflight}), the statistics ({@link ScmMonitorStatistics}) and the samples use.
 *
 * <ul>
 *   <li>"Service Control Manager Trace", a WPP provider in services.exe, control GUID
 *       {@value #SCM_WPP_CONTROL_GUID_TEXT} (ScmWppLoggingGuid, named in the article
 *       "使用ETW监控冒个进程创建和启动服务以及加载驱动程序" (anquanke.com, post 241806)): its messages name the client PID of
 *       service creations, starts, controls and configuration changes. Its records carry the message GUID of services.exe's source file, not this GUID.</li>
 *   <li>Microsoft-Windows-Services {@code {0063715B-EEDA-4007-9429-AD526F62696E}}: starts, controls, configuration
 *       changes with the client's process start key (GUID and keywords from the provider's instrumentation manifest
 *       as published in manifest dumps, e.g. jdu2600/Windows10EtwEvents {@code Microsoft-Windows-Services.tsv}).</li>
 *   <li>Microsoft-Windows-Kernel-Process {@code {22FB2CD6-0E7B-422B-A0C7-2FAD1FD0E716}}, keywords
 *       WINEVENT_KEYWORD_PROCESS 0x10 | WINEVENT_KEYWORD_IMAGE 0x40: the process table and kernel image loads (from
 *       the provider's manifest, e.g. jdu2600/Windows10EtwEvents {@code Microsoft-Windows-Kernel-Process.tsv}).</li>
 * </ul>
 *
 * <p>To record a capture that {@link ScmMonitor#replay(java.nio.file.Path)} can read, enable the same three, for
 * example {@code logman start scm -pf scm-providers.txt -o scm.etl -ets} with the lines
 * {@code {EBCCA1C2-AB46-4A1D-8C2A-906C2FF25F39} 0xffffffff 0xff}, {@code Microsoft-Windows-Services 0x710000 5} and
 * {@code Microsoft-Windows-Kernel-Process 0x50 4} in scm-providers.txt.
 *
 * <p>Constants only and stateless factories of immutable {@link Provider}s: thread-safe, no instances.
 */
public final class ScmProviders {
    /** Text of {@link #SCM_WPP_CONTROL_GUID}. */
    public static final String SCM_WPP_CONTROL_GUID_TEXT = "{EBCCA1C2-AB46-4A1D-8C2A-906C2FF25F39}";
    /**
     * Control GUID of the "Service Control Manager Trace" WPP provider (ScmWppLoggingGuid; source: the article
     * "使用ETW监控冒个进程创建和启动服务以及加载驱动程序", anquanke.com, post 241806): the GUID to enable.
     */
    public static final UUID SCM_WPP_CONTROL_GUID = UUID.fromString("ebcca1c2-ab46-4a1d-8c2a-906c2ff25f39");
    /** Name of the SCM WPP provider, as services.exe registers it. */
    public static final String SCM_WPP_NAME = "Service Control Manager Trace";
    /** Microsoft-Windows-Services provider GUID (from the provider's published manifest). */
    public static final UUID SERVICES_GUID = UUID.fromString("0063715b-eeda-4007-9429-ad526f62696e");
    /** Name of Microsoft-Windows-Services, also the provider of its {@link ScmMonitorStatistics.EventVersion}s. */
    public static final String SERVICES_NAME = "Microsoft-Windows-Services";
    /** Microsoft-Windows-Kernel-Process provider GUID (from the provider's published manifest). */
    public static final UUID KERNEL_PROCESS_GUID = UUID.fromString("22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716");
    /** Name of Microsoft-Windows-Kernel-Process, also the provider of its event versions in statistics. */
    public static final String KERNEL_PROCESS_NAME = "Microsoft-Windows-Kernel-Process";

    /**
     * Microsoft-Windows-RPC provider GUID, enabled only with {@link ScmMonitorBuilder#rpcCorroboration(boolean)} (GUID as
     * listed for that name in the provider lists of Microsoft's TSS/TSSv2 support scripts; its event 5
     * RpcClientCallStart fields from the provider's manifest as dumped in jdu2600/Windows10EtwEvents
     * {@code manifest/Microsoft-Windows-RPC.tsv}).
     */
    public static final UUID RPC_GUID = UUID.fromString("6ad52b32-d609-4be9-ae07-ce8dae937e39");
    /** Name of Microsoft-Windows-RPC. */
    public static final String RPC_NAME = "Microsoft-Windows-RPC";
    /** The level Microsoft-Windows-RPC is enabled at: informational (event 5's level in the manifest dump). */
    public static final TraceLevel RPC_LEVEL = TraceLevel.INFORMATION;

    /** Kernel-Process keywords enabled: WINEVENT_KEYWORD_PROCESS 0x10 | WINEVENT_KEYWORD_IMAGE 0x40. */
    public static final long KERNEL_PROCESS_KEYWORDS = 0x10L | 0x40L;
    /** The level Kernel-Process is enabled at: informational. */
    public static final TraceLevel KERNEL_PROCESS_LEVEL = TraceLevel.INFORMATION;
    /**
     * Microsoft-Windows-Services keywords enabled, from its manifest: 0x10000 "Performance" (events 101-109, status
     * changes) | 0x100000 "Control" (200) | 0x200000 "ConfigChange" (201-203) | 0x400000 "ServiceStart" (204-205).
     */
    public static final long SERVICES_KEYWORDS = 0x10000L | 0x100000L | 0x200000L | 0x400000L;
    /** The level Microsoft-Windows-Services is enabled at: verbose. */
    public static final TraceLevel SERVICES_LEVEL = TraceLevel.VERBOSE;
    /**
     * SCM WPP flag 0x1: errors. This and the three flags below are read from a public decompilation of
     * services.exe (the flag each trace call site tests), not from Microsoft documentation; not verified on a host.
     */
    public static final long SCM_WPP_FLAG_ERRORS = 0x1L;
    /** SCM WPP flag 0x4: RStartServiceW (service starts); source: a public decompilation of services.exe. */
    public static final long SCM_WPP_FLAG_START_SERVICE = 0x4L;
    /**
     * SCM WPP flag 0x100: ScCreateServiceRpc (message 0x28), RChangeServiceConfigW, RDeleteService; source: a public
     * decompilation of services.exe.
     */
    public static final long SCM_WPP_FLAG_SERVICE_CONFIG = 0x100L;
    /** SCM WPP flag 0x100000: ScSendControl (controls to services); source: a public decompilation of services.exe. */
    public static final long SCM_WPP_FLAG_CONTROL = 0x100000L;
    /**
     * WPP enable flags for the SCM trace: all 32 (a WPP provider takes its flags from the low 32 bits of the keyword).
     * They include the four flags whose call sites are known ({@link #SCM_WPP_FLAG_ERRORS},
     * {@link #SCM_WPP_FLAG_START_SERVICE}, {@link #SCM_WPP_FLAG_SERVICE_CONFIG}, {@link #SCM_WPP_FLAG_CONTROL}); the
     * others are set too because which further flags services.exe tests is not known (inferred).
     */
    public static final long SCM_WPP_FLAGS = 0xFFFF_FFFFL;
    /**
     * The name of services.exe's always-on trace session that receives the SCM WPP provider (Geoff Chappell, "WPP
     * Software Tracing in SERVICES.EXE"; a public decompilation of a current services.exe, ScStartTracingSession).
     */
    public static final String SCM_SESSION_NAME = "SCM";
    /** Text of {@link #SCM_SESSION_DEFAULT_FLAGS}. */
    public static final String SCM_SESSION_DEFAULT_FLAGS_TEXT = "0x0FF3F7FF";
    /**
     * The enable flags services.exe gives the SCM WPP provider in its "SCM" session when the registry value
     * {@code HKLM\Software\Microsoft\Windows NT\CurrentVersion\Tracing\SCM\Regular\Flags} is absent (a public
     * decompilation of services.exe; Chappell for Vista). They include {@link #SCM_WPP_FLAG_START_SERVICE},
     * {@link #SCM_WPP_FLAG_SERVICE_CONFIG} and {@link #SCM_WPP_FLAG_CONTROL}. A monitor in
     * {@link ScmSessionMode#PRIVATE} mode enables the provider with the registry's value, else these.
     */
    public static final long SCM_SESSION_DEFAULT_FLAGS = 0x0FF3F7FFL;

    /**
     * The level the SCM WPP provider is enabled at: 0xFF ({@link TraceLevel#ALL}), every level, as logman uses for WPP
     * providers; WPP levels above TRACE_LEVEL_VERBOSE (5) would otherwise be filtered out.
     */
    public static final TraceLevel SCM_WPP_LEVEL = TraceLevel.ALL;

    private ScmProviders() {
    }

    /**
     * {@return the SCM WPP provider as a monitor enables it: {@link #SCM_WPP_LEVEL}, flags {@link #SCM_WPP_FLAGS}}
     * Enabling it takes this classic provider from the session that had it (services.exe's own "SCM" session,
     * typically; see {@link ScmMonitor#create()}).
     */
    public static Provider scmWpp() {
        return Provider.of(SCM_WPP_CONTROL_GUID).level(SCM_WPP_LEVEL).matchAnyKeyword(SCM_WPP_FLAGS);
    }

    /**
     * {@return the SCM WPP provider at {@link #SCM_WPP_LEVEL} with the enable flags {@code flags}, as a monitor in
     * {@link ScmSessionMode#PRIVATE} mode enables it with the flags services.exe uses}
     *
     * @param flags the enable flags (MatchAnyKeyword; a WPP provider reads the low 32 bits)
     */
    public static Provider scmWpp(long flags) {
        return Provider.of(SCM_WPP_CONTROL_GUID).level(SCM_WPP_LEVEL).matchAnyKeyword(flags);
    }

    /**
     * {@return Microsoft-Windows-Services as a monitor enables it: {@link #SERVICES_LEVEL}, keywords
     * {@link #SERVICES_KEYWORDS}, with the process start key}
     */
    public static Provider services() {
        return Provider.of(SERVICES_GUID).level(SERVICES_LEVEL).matchAnyKeyword(SERVICES_KEYWORDS)
                .withProcessStartKey();
    }

    /**
     * {@return Microsoft-Windows-Kernel-Process as a monitor enables it: {@link #KERNEL_PROCESS_LEVEL}, keywords
     * {@link #KERNEL_PROCESS_KEYWORDS}, with the process start key}
     */
    public static Provider kernelProcess() {
        return Provider.of(KERNEL_PROCESS_GUID).level(KERNEL_PROCESS_LEVEL).matchAnyKeyword(KERNEL_PROCESS_KEYWORDS)
                .withProcessStartKey();
    }

    /**
     * {@return Microsoft-Windows-RPC as {@link ScmMonitorBuilder#rpcCorroboration(boolean)} enables it:
     * {@link #RPC_LEVEL}, no keyword filter (the provider declares no keywords, so nothing narrows it to svcctl calls:
     * the session receives every RPC call of every process at that level), with the process start key}
     */
    public static Provider rpc() {
        return Provider.of(RPC_GUID).level(RPC_LEVEL).withProcessStartKey();
    }

    /** {@return the three providers, in the order a monitor enables them: SCM WPP, Services, Kernel-Process} */
    public static List<Provider> all() {
        return List.of(scmWpp(), services(), kernelProcess());
    }

    /**
     * Enables the providers chosen on a session builder, each as {@link #scmWpp()}, {@link #services()} and
     * {@link #kernelProcess()} describe.
     *
     * @param session the session builder to enable them on
     * @param scmWpp whether to enable the SCM WPP provider
     * @param services whether to enable Microsoft-Windows-Services
     * @param kernelProcess whether to enable Microsoft-Windows-Kernel-Process
     * @return {@code session}
     */
    public static SessionBuilder enableOn(SessionBuilder session, boolean scmWpp, boolean services,
            boolean kernelProcess) {
        Objects.requireNonNull(session, "session");
        if (scmWpp) {
            session.enable(scmWpp());
        }
        if (services) {
            session.enable(services());
        }
        if (kernelProcess) {
            session.enable(kernelProcess());
        }
        return session;
    }

    /**
     * Enables all three providers on a session builder ({@code enableOn(session, true, true, true)}).
     *
     * @param session the session builder to enable them on
     * @return {@code session}
     */
    public static SessionBuilder enableOn(SessionBuilder session) {
        return enableOn(session, true, true, true);
    }
}
