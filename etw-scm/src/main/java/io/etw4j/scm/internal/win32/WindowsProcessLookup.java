package io.etw4j.scm.internal.win32;

import io.etw4j.core.UnsupportedPlatformException;
import io.etw4j.core.internal.Win32Errors;
import io.etw4j.core.internal.win32.Kernel32;
import io.etw4j.scm.ClientProcess;
import io.etw4j.scm.internal.correlation.LiveProcessLookup;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live client lookup on Windows: OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION) + QueryFullProcessImageNameW +
 * GetProcessTimes, so that an SCM event names the client's image even when no Kernel-Process start was traced.
 *
 * <p>It never fails the event (contract of {@link LiveProcessLookup}): a process that already exited gives resolution
 * {@link ClientProcess.Resolution#EXITED}, any other failure (access denied, a protected process, an unexpected error)
 * {@link ClientProcess.Resolution#LOOKUP_FAILED}, each with the PID only. The creation time is reported so that the
 * correlator can discard an answer about a later process that reused the PID.
 *
 * <p>Which error means "exited": OpenProcess fails with ERROR_INVALID_PARAMETER (87) for a PID no process has
 * (observed behaviour, documented only for PID 0 on learn.microsoft.com "OpenProcess function": inferred for other
 * PIDs). A process that exited but whose object is still referenced can be opened and is described normally (the PID
 * cannot be reused while the object exists).
 *
 * <p>Thread-safe. kernel32 is loaded on the first {@link #create()} only, and only on Windows.
 */
public final class WindowsProcessLookup implements LiveProcessLookup {
    private static final Logger LOG = LoggerFactory.getLogger(WindowsProcessLookup.class);

    private final ProcessApi api;

    WindowsProcessLookup(ProcessApi api) {
        this.api = api;
    }

    /**
     * The lookup on this Windows host.
     *
     * @throws UnsupportedPlatformException off Windows (before any native library is loaded)
     */
    public static WindowsProcessLookup create() {
        UnsupportedPlatformException.requireWindows("Live process lookup (OpenProcess)");
        return new WindowsProcessLookup(new Kernel32ProcessApi(Kernel32.load()));
    }

    @Override
    public ClientProcess lookup(int pid) {
        try {
            return describe(pid);
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("live lookup of PID {} failed unexpectedly", pid, e);
            return failed(pid, ClientProcess.Resolution.LOOKUP_FAILED);
        }
    }

    private ClientProcess describe(int pid) {
        if (pid <= 0) {
            return failed(pid, ClientProcess.Resolution.LOOKUP_FAILED);
        }
        ProcessApi.Handle h;
        try {
            h = api.open(pid);
        } catch (ProcessApi.Win32Failure f) {
            LOG.debug("PID {}: {}", pid, f.getMessage());
            return failed(pid, f.error() == Win32Errors.ERROR_INVALID_PARAMETER
                    ? ClientProcess.Resolution.EXITED : ClientProcess.Resolution.LOOKUP_FAILED);
        }
        try (h) {
            String image;
            try {
                image = api.imagePath(h);
            } catch (ProcessApi.Win32Failure f) {
                LOG.debug("PID {}: {}", pid, f.getMessage());
                return failed(pid, ClientProcess.Resolution.LOOKUP_FAILED);
            }
            Optional<Instant> created;
            try {
                created = api.creationTime(h);
            } catch (ProcessApi.Win32Failure f) {
                LOG.debug("PID {}: {}", pid, f.getMessage());
                created = Optional.empty();
            }
            return new ClientProcess(pid, OptionalLong.empty(), image.isEmpty() ? Optional.empty() : Optional.of(image),
                    Optional.empty(), OptionalInt.empty(), Optional.empty(), created,
                    ClientProcess.Resolution.LIVE_LOOKUP);
        }
    }

    private static ClientProcess failed(int pid, ClientProcess.Resolution resolution) {
        return ClientProcess.ofPid(pid).withResolution(resolution);
    }
}
