package io.etw4j.scm.internal.preflight;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import io.etw4j.core.internal.ProviderInstance;
import io.etw4j.core.internal.TraceList;
import io.etw4j.core.internal.TraceStatus;
import io.etw4j.core.internal.win32.TraceQueries;
import io.etw4j.core.session.ProviderContention;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The Windows implementations of the preflight probes: jna-platform's Advapi32Util for elevation and the registry,
 * and etw-core's {@link TraceQueries} (the one implementation of QueryAllTracesW and EnumerateTraceGuidsEx in etw4j)
 * for providers and sessions. Only {@link PreflightChecks#onThisMachine()} on Windows creates them, so nothing here
 * is loaded elsewhere. A 32-bit JVM is refused before anything is loaded (the listings use x64 layouts). Needs a
 * Windows host to verify.
 */
final class WindowsProbes {
    private WindowsProbes() {
    }

    /**
     * The probes for this JVM.
     *
     * @throws io.etw4j.core.UnsupportedPlatformException on a 32-bit JVM
     */
    static PreflightProbes create() {
        return create(Native.POINTER_SIZE);
    }

    /** Visible for tests: the pointer size is an argument; a 32-bit one is refused before advapi32 is loaded. */
    static PreflightProbes create(int pointerSize) {
        TraceQueries etw = TraceQueries.onThisMachine(pointerSize,
                "the etw4j preflight (QueryAllTracesW and EnumerateTraceGuidsEx with x64 layouts)");
        return new PreflightProbes(Advapi32Util::isCurrentProcessElevated, WindowsProbes::dword,
                etw::registeredProviders, () -> runningSessions(etw.queryAllTraces()),
                provider -> holders(etw, provider));
    }

    /** HKLM DWORD in the 64-bit registry view (KEY_WOW64_64KEY), so that a 32-bit JVM reads the same value. */
    private static OptionalInt dword(String key, String value) {
        if (!Advapi32Util.registryKeyExists(WinReg.HKEY_LOCAL_MACHINE, key, WinNT.KEY_WOW64_64KEY)
                || !Advapi32Util.registryValueExists(WinReg.HKEY_LOCAL_MACHINE, key, value, WinNT.KEY_WOW64_64KEY)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Advapi32Util.registryGetIntValue(WinReg.HKEY_LOCAL_MACHINE, key, value,
                WinNT.KEY_WOW64_64KEY));
    }

    /**
     * The session names of a QueryAllTracesW listing; an incomplete one (more than the 64 sessions one call lists)
     * stays marked as such, so that the slot check says "at least".
     */
    static SessionProbe.RunningSessions runningSessions(TraceList listed) {
        List<String> names = new ArrayList<>(listed.sessions().size());
        for (TraceStatus t : listed.sessions()) {
            names.add(t.sessionName());
        }
        return new SessionProbe.RunningSessions(names, listed.moreNotListed());
    }

    /**
     * The sessions enabling {@code provider}: EnumerateTraceGuidsEx TraceGuidQueryInfo, the logger ids named by
     * QueryAllTracesW (the low 16 bits of each session handle: inferred, see TraceStatus.loggerId()).
     */
    private static List<ProviderContention.Holder> holders(TraceQueries etw, UUID provider) {
        LinkedHashSet<Integer> ids = new LinkedHashSet<>();
        for (ProviderInstance i : etw.providerInstances(provider)) {
            for (ProviderInstance.Enable e : i.enables()) {
                if (e.enabled()) {
                    ids.add(e.loggerId());
                }
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Integer, String> names = new HashMap<>();
        try {
            for (TraceStatus t : etw.queryAllTraces().sessions()) {
                names.putIfAbsent(t.loggerId(), t.sessionName());
            }
        } catch (RuntimeException e) {
            // unnamed holders are still reported by logger id
        }
        List<ProviderContention.Holder> out = new ArrayList<>();
        for (int id : ids) {
            out.add(new ProviderContention.Holder(id, Optional.ofNullable(names.get(id))));
        }
        return out;
    }
}
