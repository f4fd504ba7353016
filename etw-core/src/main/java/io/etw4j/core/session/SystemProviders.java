package io.etw4j.core.session;

import java.util.UUID;

/**
 * The system providers of Windows 11 (and Windows Server 2022): the kernel's events as providers with keywords, which
 * only a system logger session receives ({@link EtwSession#systemLoggerBuilder(String)}). GUIDs and keywords from
 * evntrace.h ({@code System*ProviderGuid}, {@code SYSTEM_*_KW_*}) and learn.microsoft.com "System providers". Enable
 * them like any provider: {@code
 * Provider.of(SystemProviders.PROCESS).matchAnyKeyword(SystemProviders.PROCESS_KW_GENERAL)}.
 * On Windows 8 to 10 use {@link KernelFlag}s on the system logger instead. Constants only; thread-safe.
 */
public final class SystemProviders {
    /** SystemAlpcProviderGuid. */
    public static final UUID ALPC = UUID.fromString("fcb9baaf-e529-4980-92e9-ced1a6aadfdf");
    /** SystemConfigProviderGuid. */
    public static final UUID CONFIG = UUID.fromString("fef3a8b6-318d-4b67-a96a-3b0f6b8f18fe");
    /** SystemCpuProviderGuid. */
    public static final UUID CPU = UUID.fromString("c6c5265f-eae8-4650-aae4-9d48603d8510");
    /** SystemHypervisorProviderGuid. */
    public static final UUID HYPERVISOR = UUID.fromString("bafa072a-918a-4bed-b622-bc152097098f");
    /** SystemInterruptProviderGuid. */
    public static final UUID INTERRUPT = UUID.fromString("d4bbee17-b545-4888-858b-744169015b25");
    /** SystemIoProviderGuid. */
    public static final UUID IO = UUID.fromString("3d5c43e3-0f1c-4202-b817-174c0070dc79");
    /** SystemIoFilterProviderGuid. */
    public static final UUID IO_FILTER = UUID.fromString("fbd09363-9e22-4661-b8bf-e7a34b535b8c");
    /** SystemLockProviderGuid. */
    public static final UUID LOCK = UUID.fromString("721ddfd3-dacc-4e1e-b26a-a2cb31d4705a");
    /** SystemMemoryProviderGuid. */
    public static final UUID MEMORY = UUID.fromString("82958ca9-b6cd-47f8-a3a8-03ae85a4bc24");
    /** SystemObjectProviderGuid. */
    public static final UUID OBJECT = UUID.fromString("febd7460-3d1d-47eb-af49-c9eeb1e146f2");
    /** SystemPowerProviderGuid. */
    public static final UUID POWER = UUID.fromString("c134884a-32d5-4488-80e5-14ed7abb8269");
    /** SystemProcessProviderGuid: process, thread and image load events. */
    public static final UUID PROCESS = UUID.fromString("151f55dc-467d-471f-83b5-5f889d46ff66");
    /** SystemProfileProviderGuid. */
    public static final UUID PROFILE = UUID.fromString("bfeb0324-1cee-496f-a409-2ac2b48a6322");
    /** SystemRegistryProviderGuid. */
    public static final UUID REGISTRY = UUID.fromString("16156bd9-fab4-4cfa-a232-89d1099058e3");
    /** SystemSchedulerProviderGuid. */
    public static final UUID SCHEDULER = UUID.fromString("599a2a76-4d91-4910-9ac7-7d33f2e97a6c");
    /** SystemSyscallProviderGuid. */
    public static final UUID SYSCALL = UUID.fromString("434286f7-6f1b-45bb-b37e-95f623046c7c");
    /** SystemTimerProviderGuid. */
    public static final UUID TIMER = UUID.fromString("4f061568-e215-499f-ab2e-eda0ae890a5b");

    /** SYSTEM_PROCESS_KW_GENERAL: process start and end (EVENT_TRACE_FLAG_PROCESS). */
    public static final long PROCESS_KW_GENERAL = 0x0001;
    /** SYSTEM_PROCESS_KW_PERF_COUNTER (EVENT_TRACE_FLAG_PROCESS_COUNTERS). */
    public static final long PROCESS_KW_PERF_COUNTER = 0x0008;
    /** SYSTEM_PROCESS_KW_DBGPRINT (EVENT_TRACE_FLAG_DBGPRINT). */
    public static final long PROCESS_KW_DBGPRINT = 0x0100;
    /** SYSTEM_PROCESS_KW_JOB (EVENT_TRACE_FLAG_JOB). */
    public static final long PROCESS_KW_JOB = 0x0200;
    /** SYSTEM_PROCESS_KW_THREAD (EVENT_TRACE_FLAG_THREAD). */
    public static final long PROCESS_KW_THREAD = 0x0800;
    /** SYSTEM_PROCESS_KW_LOADER: image loads (EVENT_TRACE_FLAG_IMAGE_LOAD). */
    public static final long PROCESS_KW_LOADER = 0x1000;

    private SystemProviders() {
    }
}
