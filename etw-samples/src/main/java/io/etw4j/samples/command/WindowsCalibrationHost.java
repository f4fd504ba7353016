package io.etw4j.samples.command;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.WinReg;
import io.etw4j.core.session.EtwSession;
import io.etw4j.core.EventRecord;
import io.etw4j.samples.windows.Advapi32ServiceCalls;
import io.etw4j.scm.ScmMonitor;
import io.etw4j.scm.ScmProviders;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import reactor.core.Disposable;

/**
 * {@link CalibrationHost} on Windows: an {@link EtwSession} enabling only the SCM WPP provider the way
 * a monitor does ({@code ScmProviders.scmWpp()}: level 0xFF, all flags), and the service calls through advapi32
 * ({@link Advapi32ServiceCalls}). advapi32 is loaded on the first service call. Not thread-safe; one run.
 */
final class WindowsCalibrationHost implements CalibrationHost {
    private final List<EventRecord> records = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private Disposable subscription;
    private Advapi32ServiceCalls api;
    private Pointer scm;

    @Override
    public boolean supported() {
        return Platform.isWindows();
    }

    @Override
    public long pid() {
        return ProcessHandle.current().pid();
    }

    /**
     * {@code 10.0.<CurrentBuild>.<UBR> (<DisplayVersion>)} from HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion
     * (values CurrentBuild, UBR, DisplayVersion, which winver shows; read with jna-platform); the os.version property
     * where they cannot be read.
     */
    @Override
    public String windowsBuild() {
        String key = "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";
        String fallback = System.getProperty("os.name") + " " + System.getProperty("os.version");
        try {
            String build = Advapi32Util.registryGetStringValue(WinReg.HKEY_LOCAL_MACHINE, key, "CurrentBuild");
            String text = "10.0." + build;
            if (Advapi32Util.registryValueExists(WinReg.HKEY_LOCAL_MACHINE, key, "UBR")) {
                text += "." + Integer.toUnsignedString(
                        Advapi32Util.registryGetIntValue(WinReg.HKEY_LOCAL_MACHINE, key, "UBR"));
            }
            if (Advapi32Util.registryValueExists(WinReg.HKEY_LOCAL_MACHINE, key, "DisplayVersion")) {
                text += " (" + Advapi32Util.registryGetStringValue(WinReg.HKEY_LOCAL_MACHINE, key, "DisplayVersion")
                        + ")";
            }
            return text;
        } catch (RuntimeException | LinkageError e) {
            return fallback;
        }
    }

    @Override
    public void startTrace(String sessionName) {
        EtwSession session = EtwSession.builder(sessionName).flushTimer(Duration.ofSeconds(1))
                .enable(ScmProviders.scmWpp())
                .build();
        // subscribe returns once StartTraceW, EnableTraceEx2 and OpenTraceW are done (EtwSession.records()); a failing
        // start is signalled on this thread before it returns.
        subscription = session.records().subscribe(r -> {
            synchronized (records) {
                records.add(r);
            }
        }, failure::set);
        Throwable t = failure.get();
        if (t != null) {
            throw new IllegalStateException("the SCM WPP session could not be started: " + CommandHelp.describe(t), t);
        }
    }

    @Override
    public List<EventRecord> stopTrace() {
        if (subscription != null) {
            subscription.dispose();
        }
        if (scm != null) {
            api.CloseServiceHandle(scm);
            scm = null;
            api = null;
        }
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    @Override
    public int create(String name, String binaryPath) {
        Memory n = wide(name);
        Memory b = wide(binaryPath);
        Pointer h = api().CreateServiceW(scm, n, n, Advapi32ServiceCalls.SERVICE_ALL_ACCESS,
                Advapi32ServiceCalls.SERVICE_WIN32_OWN_PROCESS, Advapi32ServiceCalls.SERVICE_DEMAND_START,
                Advapi32ServiceCalls.SERVICE_ERROR_NORMAL, b, null, null, null, null, null);
        if (h == null) {
            return Native.getLastError();
        }
        api.CloseServiceHandle(h);
        return 0;
    }

    @Override
    public int changeConfig(String name, String displayName) {
        Memory d = wide(displayName);
        return withService(name, h -> api.ChangeServiceConfigW(h, Advapi32ServiceCalls.SERVICE_NO_CHANGE,
                Advapi32ServiceCalls.SERVICE_NO_CHANGE, Advapi32ServiceCalls.SERVICE_NO_CHANGE, null, null, null, null,
                null, null, d));
    }

    @Override
    public int changeDescription(String name, String description) {
        Memory text = wide(description);
        Memory info = new Memory(Native.POINTER_SIZE); // SERVICE_DESCRIPTIONW { LPWSTR lpDescription; }
        info.setPointer(0, text);
        try {
            return withService(name, h -> api.ChangeServiceConfig2W(h, Advapi32ServiceCalls.SERVICE_CONFIG_DESCRIPTION,
                    info));
        } finally {
            // JNA keeps the call's arguments (info) reachable during the call, but `text` is referenced only through
            // the native pointer stored inside info: without this fence the JIT may consider `text` dead once
            // setPointer returned, and its Memory may be freed (by JNA's cleaner) while ChangeServiceConfig2W still
            // reads the string. The fence keeps both Java objects, hence their native memory, alive until the call
            // has returned.
            Reference.reachabilityFence(text);
            Reference.reachabilityFence(info);
        }
    }

    @Override
    public int start(String name) {
        return withService(name, h -> api.StartServiceW(h, 0, null));
    }

    @Override
    public int control(String name, int control) {
        Memory status = new Memory(Advapi32ServiceCalls.SERVICE_STATUS_SIZE);
        status.clear();
        return withService(name, h -> api.ControlService(h, control, status));
    }

    @Override
    public int delete(String name) {
        return withService(name, h -> api.DeleteService(h));
    }

    /** Opens the service, calls {@code call} (a BOOL function) and returns 0 or GetLastError. */
    private int withService(String name, Function<Pointer, Integer> call) {
        Pointer h = api().OpenServiceW(scm, wide(name), Advapi32ServiceCalls.SERVICE_ALL_ACCESS);
        if (h == null) {
            return Native.getLastError();
        }
        try {
            return call.apply(h) != 0 ? 0 : Native.getLastError();
        } finally {
            api.CloseServiceHandle(h);
        }
    }

    private Advapi32ServiceCalls api() {
        if (api == null) {
            api = Advapi32ServiceCalls.load();
            scm = api.OpenSCManagerW(null, null,
                    Advapi32ServiceCalls.SC_MANAGER_CONNECT | Advapi32ServiceCalls.SC_MANAGER_CREATE_SERVICE);
            if (scm == null) {
                int error = Native.getLastError();
                throw new IllegalStateException("OpenSCManagerW failed: error " + error + " (0x"
                        + Integer.toHexString(error) + "); run from an elevated prompt");
            }
        }
        return api;
    }

    /** {@code s} as native UTF-16LE with a 2-byte NUL (an LPCWSTR); keep the reference until the call returns. */
    static Memory wide(String s) {
        return Advapi32ServiceCalls.wide(s);
    }
}
