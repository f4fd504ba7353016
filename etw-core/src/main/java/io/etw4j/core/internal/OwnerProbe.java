package io.etw4j.core.internal;

import java.time.Instant;
import java.util.Optional;

/**
 * Tells who this process is and whether the owner recorded in an etw4j session name ({@link SessionNames}) still
 * runs. The system probe uses {@link ProcessHandle}; tests substitute their own. Implementations are thread-safe.
 */
public interface OwnerProbe {

    /** This process's id and start time in epoch milliseconds (0 if unknown). */
    SessionNames.Owned self(String logicalName);

    /**
     * True if a process with {@code pid} runs and, when both start times are known, started at {@code startMillis}.
     * When in doubt (the start time is unknown), answers true: etw4j never stops a session that might be live.
     */
    boolean isAlive(long pid, long startMillis);

    /** The probe backed by {@link ProcessHandle}. */
    static OwnerProbe system() {
        return SystemOwnerProbe.INSTANCE;
    }

    /** {@link OwnerProbe} over {@link ProcessHandle}. */
    final class SystemOwnerProbe implements OwnerProbe {
        static final SystemOwnerProbe INSTANCE = new SystemOwnerProbe();

        private SystemOwnerProbe() {
        }

        @Override
        public SessionNames.Owned self(String logicalName) {
            ProcessHandle me = ProcessHandle.current();
            return new SessionNames.Owned(logicalName, me.pid(), startMillis(me));
        }

        @Override
        public boolean isAlive(long pid, long startMillis) {
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isEmpty() || !h.get().isAlive()) {
                return false;
            }
            long actual = startMillis(h.get());
            return startMillis == 0 || actual == 0 || actual == startMillis;
        }

        private static long startMillis(ProcessHandle h) {
            return h.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        }
    }
}
