package io.etw4j.core.internal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * Tells who this process is and whether the owner recorded in an etw4j session name ({@link SessionNames}) still
 * runs. {@link #system()} is the production probe; tests substitute their own. Implementations are thread-safe.
 */
public interface OwnerProbe {

    /** This process's id and start time in epoch milliseconds (0 if unknown). */
    SessionNames.Owned self(String logicalName);

    /**
     * True if a process with {@code pid} runs and, when both start times are known, started at {@code startMillis}.
     * When in doubt (access denied, the start time unknown, a failed query), answers true: etw4j never stops a session
     * that might be live.
     */
    boolean isAlive(long pid, long startMillis);

    /**
     * The production probe. {@link #self} always comes from {@link ProcessHandle#current()}. {@link #isAlive}: on
     * Windows, kernel32 ({@code internal.win32.WindowsOwnerProbe}: OpenProcess / GetExitCodeProcess /
     * GetProcessTimes), because {@link ProcessHandle#of} reports a process it may not open (another user's, access
     * denied) as absent; kernel32 is loaded on the first {@code isAlive} call, and if it cannot be loaded every owner
     * is taken for alive. Elsewhere, {@link ProcessHandle}.
     */
    static OwnerProbe system() {
        return SystemOwnerProbe.INSTANCE;
    }

    /** {@code logicalName} owned by this process: its pid and {@link ProcessHandle.Info#startInstant()} millis. */
    static SessionNames.Owned currentProcess(String logicalName) {
        ProcessHandle me = ProcessHandle.current();
        return new SessionNames.Owned(logicalName, me.pid(), SystemOwnerProbe.startMillis(me));
    }

    /** The {@link #system()} probe: picks the liveness check by OS (see there). */
    final class SystemOwnerProbe implements OwnerProbe {
        static final SystemOwnerProbe INSTANCE = new SystemOwnerProbe(
                System.getProperty("os.name", "").startsWith("Windows"), SystemOwnerProbe::loadWindowsProbe);

        private final boolean windows;
        private final Supplier<OwnerProbe> windowsProbeFactory;
        private volatile OwnerProbe windowsProbe;

        /** Visible for tests: the OS decision and the Windows probe's factory are arguments. */
        SystemOwnerProbe(boolean windows, Supplier<OwnerProbe> windowsProbeFactory) {
            this.windows = windows;
            this.windowsProbeFactory = windowsProbeFactory;
        }

        @Override
        public SessionNames.Owned self(String logicalName) {
            return currentProcess(logicalName);
        }

        @Override
        public boolean isAlive(long pid, long startMillis) {
            if (!windows) {
                return processHandleAlive(pid, startMillis);
            }
            OwnerProbe probe = windowsProbe();
            return probe == null || probe.isAlive(pid, startMillis); // no probe: cannot tell, so alive
        }

        /** The Windows probe, created once; if it cannot be created, one that answers alive for every owner. */
        private OwnerProbe windowsProbe() {
            OwnerProbe p = windowsProbe;
            if (p == null) {
                synchronized (this) {
                    p = windowsProbe;
                    if (p == null) {
                        try {
                            p = Objects.requireNonNull(windowsProbeFactory.get(), "Windows owner probe");
                        } catch (RuntimeException | LinkageError e) {
                            LoggerFactory.getLogger(OwnerProbe.class).warn("etw4j cannot check session owners with"
                                    + " kernel32 ({}); every owner is taken for alive, so no orphaned session will"
                                    + " be stopped", e.toString());
                            p = new OwnerProbe() { // cannot tell: every owner is alive
                                @Override
                                public SessionNames.Owned self(String logicalName) {
                                    return currentProcess(logicalName);
                                }

                                @Override
                                public boolean isAlive(long pid, long startMillis) {
                                    return true;
                                }
                            };
                        }
                        windowsProbe = p;
                    }
                }
            }
            return p;
        }

        /** Creates the kernel32 probe by name, so that no JNA-backed class is linked off Windows. */
        static OwnerProbe loadWindowsProbe() {
            return WindowsClasses.instantiate("io.etw4j.core.internal.win32.WindowsOwnerProbe", OwnerProbe.class,
                    "Windows owner probe");
        }

        private static boolean processHandleAlive(long pid, long startMillis) {
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isEmpty() || !h.get().isAlive()) {
                return false;
            }
            long actual = startMillis(h.get());
            return startMillis == 0 || actual == 0 || actual == startMillis;
        }

        static long startMillis(ProcessHandle h) {
            return h.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        }
    }
}
