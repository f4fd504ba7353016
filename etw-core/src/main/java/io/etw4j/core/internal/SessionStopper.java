package io.etw4j.core.internal;

import io.etw4j.core.EtwCallException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops one ETW session exactly once: ControlTraceW(EVENT_TRACE_CONTROL_STOP) by name (the native layer builds a fresh
 * properties buffer), then CloseTrace on the consumer handle, then the step set by {@link #afterClose} if any. Shared by every path that may end a session: cancel,
 * error, completion, the JVM shutdown hook and the {@link java.lang.ref.Cleaner} backstop. It holds no reference to
 * the run it belongs to, so the Cleaner can use it once the run is unreachable.
 *
 * <p>Benign results (learn.microsoft.com "ControlTraceW", "CloseTrace"; winerror.h):
 * ERROR_WMI_INSTANCE_NOT_FOUND (4201) from STOP means the session was already stopped;
 * ERROR_CTX_CLOSE_PENDING (7007) from CloseTrace means ProcessTrace is still draining and will return.
 *
 * <p>Thread-safe: the first caller stops; later callers wait until it has finished (except the stopping thread
 * itself, which returns at once if it re-enters).
 */
public final class SessionStopper implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionStopper.class);

    private final EtwNative nativeLayer;
    private final String sessionName;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean started;
    private volatile boolean opened;
    private volatile long traceHandle;
    private volatile Thread stoppingThread;
    private volatile TraceStatus finalStatus;
    private volatile boolean alreadyStopped;
    private volatile EtwCallException stopError;
    private volatile EtwCallException closeError;
    private volatile Runnable afterClose;

    public SessionStopper(EtwNative nativeLayer, String sessionName) {
        this.nativeLayer = nativeLayer;
        this.sessionName = sessionName;
    }

    /** Records that StartTraceW succeeded: stop must call ControlTrace STOP. */
    public void markStarted() {
        started = true;
    }

    /** Records that OpenTraceW returned {@code handle}: stop must call CloseTrace. */
    public void markOpened(long handle) {
        traceHandle = handle;
        opened = true;
    }

    /**
     * Something to run once the session is stopped and its consumer closed (the removal of the real-time delivery an
     * attached run added: {@link RealTimeAddition#remove()}); it must not throw.
     */
    public void afterClose(Runnable step) {
        afterClose = step;
    }

    /** True if StartTraceW succeeded for this session. */
    public boolean wasStarted() {
        return started;
    }

    /** True if OpenTraceW succeeded (the consumer handle must be closed). */
    public boolean wasOpened() {
        return opened;
    }

    /** The ETW session name this stopper stops. */
    public String sessionName() {
        return sessionName;
    }

    /** True once some caller has begun stopping. */
    public boolean isStopping() {
        return claimed.get();
    }

    /** Stops the session unless another caller already did (then waits for it). */
    @Override
    public void run() {
        stop();
    }

    /** Stops the session once; returns true if this call did the work. */
    public boolean stop() {
        if (!claimed.compareAndSet(false, true)) {
            if (stoppingThread != Thread.currentThread()) {
                awaitFinished();
            }
            return false;
        }
        stoppingThread = Thread.currentThread();
        try {
            if (started) {
                try {
                    finalStatus = nativeLayer.stopTrace(sessionName);
                } catch (EtwCallException e) {
                    if (e.errorCode() == Win32Errors.ERROR_WMI_INSTANCE_NOT_FOUND) {
                        alreadyStopped = true;
                    } else {
                        stopError = e;
                        LOG.warn("Could not stop ETW session {}: {}", sessionName, e.getMessage());
                    }
                } catch (RuntimeException e) {
                    stopError = new EtwCallException("ControlTraceW", Win32Errors.ERROR_INVALID_PARAMETER,
                            "unexpected failure stopping " + sessionName + ": " + e);
                    LOG.warn("Could not stop ETW session {}", sessionName, e);
                }
            }
            if (opened) {
                try {
                    nativeLayer.closeTrace(traceHandle);
                } catch (EtwCallException e) {
                    if (e.errorCode() != Win32Errors.ERROR_CTX_CLOSE_PENDING) {
                        closeError = e;
                        LOG.warn("CloseTrace for ETW session {} failed: {}", sessionName, e.getMessage());
                    }
                } catch (RuntimeException e) {
                    LOG.warn("CloseTrace for ETW session {} failed", sessionName, e);
                }
            }
            Runnable after = afterClose;
            if (after != null) {
                try {
                    after.run();
                } catch (RuntimeException e) {
                    LOG.warn("Restoring ETW session {} failed", sessionName, e);
                }
            }
        } finally {
            ActiveSessions.unregister(this);
            finished.countDown();
        }
        return true;
    }

    private void awaitFinished() {
        boolean interrupted = false;
        while (true) {
            try {
                finished.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The statistics STOP wrote back; null if STOP was not called, failed or found the session gone. */
    public TraceStatus finalStatus() {
        return finalStatus;
    }

    /** True if STOP answered ERROR_WMI_INSTANCE_NOT_FOUND (someone else stopped the session first). */
    public boolean wasAlreadyStopped() {
        return alreadyStopped;
    }

    /** The STOP failure other than ERROR_WMI_INSTANCE_NOT_FOUND, or null. The session may still run. */
    public EtwCallException stopError() {
        return stopError;
    }

    /** The CloseTrace failure other than ERROR_CTX_CLOSE_PENDING, or null. */
    public EtwCallException closeError() {
        return closeError;
    }
}
