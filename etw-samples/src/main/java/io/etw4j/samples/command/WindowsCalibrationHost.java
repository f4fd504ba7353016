package io.etw4j.samples.command;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.platform.win32.Winsvc.SC_HANDLE;
import com.sun.jna.platform.win32.Winsvc;
import io.etw4j.core.EventRecord;
import io.etw4j.core.session.EtwSession;
import io.etw4j.samples.windows.ChangeServiceConfigCall;
import io.etw4j.scm.ScmMonitor;
import io.etw4j.scm.ScmProviders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import reactor.core.Disposable;

/**
 * {@link CalibrationHost} on Windows: an {@link EtwSession} enabling only the SCM WPP provider the way
 * a monitor does ({@code ScmProviders.scmWpp()}: level 0xFF, all flags), and the service calls through jna-platform's
 * advapi32 binding ({@link Advapi32}, wide functions and UTF-16 strings by its default W32 options; ChangeServiceConfigW,
 * which it lacks, through {@link ChangeServiceConfigCall}). advapi32 is loaded on the first service call. Not
 * thread-safe; one run.
 */
final class WindowsCalibrationHost implements CalibrationHost {
    private final List<EventRecord> records = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private Disposable subscription;
    private Advapi32 api;
    private SC_HANDLE scm;

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
        SC_HANDLE h = api().CreateService(scm, name, name, Winsvc.SERVICE_ALL_ACCESS,
                WinNT.SERVICE_WIN32_OWN_PROCESS, WinNT.SERVICE_DEMAND_START, WinNT.SERVICE_ERROR_NORMAL, binaryPath,
                null, null, null, null, null);
        if (h == null) {
            return Native.getLastError();
        }
        api.CloseServiceHandle(h);
        return 0;
    }

    @Override
    public int changeConfig(String name, String displayName) {
        return withService(name, h -> ChangeServiceConfigCall.change(h, ChangeServiceConfigCall.SERVICE_NO_CHANGE,
                ChangeServiceConfigCall.SERVICE_NO_CHANGE, ChangeServiceConfigCall.SERVICE_NO_CHANGE, null,
                displayName));
    }

    @Override
    public int changeDescription(String name, String description) {
        // SERVICE_DESCRIPTIONW { LPWSTR lpDescription; }: the Structure keeps the native copy of the string as long as
        // the Structure is reachable, and JNA keeps the argument reachable during the call.
        Winsvc.SERVICE_DESCRIPTION info = new Winsvc.SERVICE_DESCRIPTION();
        info.lpDescription = description;
        return withService(name, h -> api.ChangeServiceConfig2(h, Winsvc.SERVICE_CONFIG_DESCRIPTION, info));
    }

    @Override
    public int start(String name) {
        return withService(name, h -> api.StartService(h, 0, null));
    }

    @Override
    public int control(String name, int control) {
        Winsvc.SERVICE_STATUS status = new Winsvc.SERVICE_STATUS(); // written by the callee only
        return withService(name, h -> api.ControlService(h, control, status));
    }

    @Override
    public int delete(String name) {
        return withService(name, h -> api.DeleteService(h));
    }

    /** Opens the service, calls {@code call} (a BOOL function) and returns 0 or GetLastError. */
    private int withService(String name, Function<SC_HANDLE, Boolean> call) {
        SC_HANDLE h = api().OpenService(scm, name, Winsvc.SERVICE_ALL_ACCESS);
        if (h == null) {
            return Native.getLastError();
        }
        try {
            return call.apply(h) ? 0 : Native.getLastError();
        } finally {
            api.CloseServiceHandle(h);
        }
    }

    private Advapi32 api() {
        if (api == null) {
            Advapi32 loaded = Advapi32.INSTANCE;
            scm = loaded.OpenSCManager(null, null, Winsvc.SC_MANAGER_CONNECT | Winsvc.SC_MANAGER_CREATE_SERVICE);
            if (scm == null) {
                int error = Native.getLastError();
                throw new IllegalStateException("OpenSCManagerW failed: error " + error + " (0x"
                        + Integer.toHexString(error) + "); run from an elevated prompt");
            }
            api = loaded;
        }
        return api;
    }
}
