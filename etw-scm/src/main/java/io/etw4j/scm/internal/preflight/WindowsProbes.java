package io.etw4j.scm.internal.preflight;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.ptr.IntByReference;
import io.etw4j.core.EtwCallException;
import io.etw4j.core.session.ProviderContention;
import io.etw4j.core.internal.ProviderInstance;
import io.etw4j.core.internal.TraceStatus;
import io.etw4j.core.internal.Win32Errors;
import io.etw4j.core.internal.win32.Advapi32;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

/**
 * The Windows implementations of the preflight probes: jna-platform's Advapi32Util for elevation and the registry,
 * and {@link Advapi32} for providers and sessions. Only {@link PreflightChecks#onThisMachine()} on Windows
 * creates them, so nothing here is loaded elsewhere. A 32-bit JVM is refused before anything is loaded (the
 * QueryAllTracesW blocks use x64 offsets). Needs a Windows host to verify.
 */
final class WindowsProbes {
    /** PropertyArrayCount limit stated by the QueryAllTracesW documentation. */
    private static final int MAX_QUERY_COUNT = 64;

    private WindowsProbes() {
    }

    /**
     * The probes for this JVM.
     *
     * @throws io.etw4j.core.UnsupportedPlatformException on a 32-bit JVM (see {@link TracePropertiesArray})
     */
    static PreflightProbes create() {
        return create(Native.POINTER_SIZE);
    }

    /** Visible for tests: the pointer size is an argument; a 32-bit one is refused before advapi32 is loaded. */
    static PreflightProbes create(int pointerSize) {
        TracePropertiesArray.requireX64(pointerSize);
        Advapi32 tracing = Advapi32.instance();
        return new PreflightProbes(Advapi32Util::isCurrentProcessElevated, WindowsProbes::dword,
                () -> providers(tracing), capacity -> sessions(tracing, capacity), WindowsProbes::holders);
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

    private static Set<UUID> providers(Advapi32 tracing) {
        IntByReference needed = new IntByReference();
        int rc = tracing.EnumerateTraceGuidsEx(Advapi32.TRACE_GUID_QUERY_LIST, null, 0, null, 0, needed);
        for (int attempt = 0; attempt < 5; attempt++) {
            if (rc == Win32Errors.ERROR_SUCCESS && needed.getValue() == 0) {
                return Set.of();
            }
            if (rc != Advapi32.ERROR_INSUFFICIENT_BUFFER && rc != Win32Errors.ERROR_SUCCESS) {
                throw new EtwCallException("EnumerateTraceGuidsEx", rc, "TraceGuidQueryList");
            }
            int size = Math.max(needed.getValue(), 16);
            Memory out = new Memory(size);
            rc = tracing.EnumerateTraceGuidsEx(Advapi32.TRACE_GUID_QUERY_LIST, null, 0, out, size, needed);
            if (rc == Win32Errors.ERROR_SUCCESS) {
                return GuidList.parse(out.getByteArray(0, size), needed.getValue());
            }
        }
        throw new EtwCallException("EnumerateTraceGuidsEx", rc, "the provider list kept growing");
    }

    /**
     * The sessions enabling {@code provider}: etw-core's WindowsEtwNative (EnumerateTraceGuidsEx TraceGuidQueryInfo,
     * with its ERROR_INSUFFICIENT_BUFFER retry), the logger ids named by QueryAllTracesW (the low 16 bits of each
     * session handle: inferred, see TraceStatus.loggerId()).
     */
    private static List<ProviderContention.Holder> holders(UUID provider) {
        io.etw4j.core.internal.win32.WindowsEtwNative etw = new io.etw4j.core.internal.win32.WindowsEtwNative();
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
            for (TraceStatus t : etw.queryAllTraces()) {
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

    private static SessionProbe.RunningSessions sessions(Advapi32 tracing, int capacity) {
        TracePropertiesArray array = new TracePropertiesArray(capacity);
        IntByReference count = new IntByReference();
        int rc = tracing.QueryAllTracesW(array.pointers(), array.count(), count);
        if (rc == Win32Errors.ERROR_INVALID_PARAMETER && capacity > MAX_QUERY_COUNT) {
            // The QueryAllTracesW documentation limits PropertyArrayCount to 64; retry within that limit.
            array = new TracePropertiesArray(MAX_QUERY_COUNT);
            rc = tracing.QueryAllTracesW(array.pointers(), array.count(), count);
        }
        if (rc != Win32Errors.ERROR_SUCCESS && rc != Win32Errors.ERROR_MORE_DATA) {
            throw new EtwCallException("QueryAllTracesW", rc);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < Math.min(count.getValue(), array.count()); i++) {
            names.add(array.loggerName(i));
        }
        return new SessionProbe.RunningSessions(names, rc == Win32Errors.ERROR_MORE_DATA);
    }
}
