package io.etw4j.core.session;

import io.etw4j.core.internal.OwnerProbe;
import io.etw4j.core.internal.ProviderConfig;
import io.etw4j.core.internal.SessionConfig;
import io.etw4j.core.internal.SessionEnvironment;
import io.etw4j.core.internal.SessionNames;
import io.etw4j.core.internal.SessionSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Turns a checked builder into the {@link SessionSpec} a run executes. Not API. */
final class SessionAssembly {

    /** SystemTraceControlGuid (evntrace.h): Wnode.Guid of the NT Kernel Logger. */
    private static final UUID SYSTEM_TRACE_CONTROL_GUID = UUID.fromString("9e814aad-3204-11d2-9a82-006008a86939");

    private SessionAssembly() {
    }

    static EtwSession assemble(HandOffBuilder<?> b, SessionSpec.Kind kind, List<Provider> providers) {
        SessionEnvironment env = b.environmentOrDefault();
        String etwName;
        if (kind == SessionSpec.Kind.NT_KERNEL_LOGGER || kind == SessionSpec.Kind.ATTACH) {
            etwName = b.name;
        } else {
            OwnerProbe owners = env.owners();
            SessionNames.Owned self = owners.self(b.name);
            etwName = SessionNames.format(b.name, self.pid(), self.startMillis());
        }
        // an attached session is consumed as its owner configured it: the started-session defaults fill the spec
        StartedSessionBuilder<?> s = b instanceof StartedSessionBuilder ? (StartedSessionBuilder<?>) b : null;
        KernelGroupsBuilder<?> k = b instanceof KernelGroupsBuilder ? (KernelGroupsBuilder<?>) b : null;
        boolean realTime = s == null || s.realTime;
        LogFile logFile = s == null ? null : s.logFile;
        Duration flushTimer = s == null ? Duration.ofSeconds(1) : s.flushTimer;
        long flushSeconds = flushTimer.getSeconds() + (flushTimer.getNano() > 0 ? 1 : 0);
        int mode = (realTime ? SessionConfig.EVENT_TRACE_REAL_TIME_MODE : 0)
                | (logFile != null ? logFile.logFileMode() : 0)
                | (kind == SessionSpec.Kind.SYSTEM_LOGGER ? SessionConfig.EVENT_TRACE_SYSTEM_LOGGER_MODE : 0);
        SessionConfig config = new SessionConfig(s == null ? 64 : s.bufferSizeKb, s == null ? 0 : s.minimumBuffers,
                s == null ? 0 : s.maximumBuffers, (int) Math.min(Integer.MAX_VALUE, flushSeconds), mode,
                SessionConfig.CLOCK_QPC, logFile == null ? null : logFile.path().toString(),
                logFile == null ? 0 : logFile.maxSizeMb(), k == null ? 0 : k.enableFlags, sessionGuid(kind, etwName));
        List<ProviderConfig> configs = new ArrayList<>();
        for (Provider p : providers) {
            configs.add(toConfig(p));
        }
        SessionSpec spec = new SessionSpec(b.name, etwName, config, configs,
                s == null ? ExistingSessionPolicy.FAIL : s.policy, b.capacity, b.overflow, b.healthInterval, kind,
                k == null ? new int[0] : k.groupMask, k == null ? List.of() : k.stackEvents,
                b instanceof AttachBuilder a && a.addRealTime);
        return new EtwSession(spec, env);
    }

    /**
     * Wnode.Guid: SystemTraceControlGuid for the NT Kernel Logger; for a system logger a GUID of its own, never
     * SystemTraceControlGuid ("you must assign a new GUID": learn.microsoft.com "Configuring and Starting a
     * SystemTraceProvider Session"), derived from its ETW name (a name-based UUID, so one name gives one GUID);
     * none (ETW chooses) for the others.
     */
    static UUID sessionGuid(SessionSpec.Kind kind, String etwName) {
        switch (kind) {
            case NT_KERNEL_LOGGER:
                return SYSTEM_TRACE_CONTROL_GUID;
            case SYSTEM_LOGGER:
                return UUID.nameUUIDFromBytes(("etw4j system logger " + etwName).getBytes(StandardCharsets.UTF_8));
            default:
                return null;
        }
    }

    private static ProviderConfig toConfig(Provider p) {
        int props = (p.sidRequested() ? ProviderConfig.EVENT_ENABLE_PROPERTY_SID : 0)
                | (p.stackTraceRequested() ? ProviderConfig.EVENT_ENABLE_PROPERTY_STACK_TRACE : 0)
                | (p.processStartKeyRequested() ? ProviderConfig.EVENT_ENABLE_PROPERTY_PROCESS_START_KEY : 0);
        return new ProviderConfig(p.id(), p.traceLevel().value(), p.anyKeywords(), p.allKeywords(), props,
                p.eventIds(), p.includesEventIds(), p.processIds(), String.join(";", p.executableNames()),
                p.capturesStateOnStart());
    }
}
