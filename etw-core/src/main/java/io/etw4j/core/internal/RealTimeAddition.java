package io.etw4j.core.internal;

import io.etw4j.core.EtwCallException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real-time delivery added to a session someone else runs, and removed again: the
 * {@code AttachBuilder.addRealTimeIfMissing()} steps. {@link #add} runs before OpenTrace, {@link #remove} after
 * CloseTrace (from the {@link SessionStopper}, so that the shutdown hook and the Cleaner backstop remove it too).
 *
 * <p>{@link #add}: ControlTraceW QUERY of the session's properties; if LogFileMode already has
 * EVENT_TRACE_REAL_TIME_MODE, nothing is changed and nothing will be removed ({@link #added()} false: another
 * consumer's delivery, or one a crashed agent left behind, is reused and left as found). Otherwise FLUSH (tracelog
 * documents that the buffers must be flushed before real-time delivery is added: "Example 4: Updating a Trace
 * Session"), then UPDATE with the queried properties and LogFileMode {@code | 0x100} (learn.microsoft.com
 * "ControlTraceW function": LogFileMode "it will be OR'd with the current modes"). If UPDATE writes back a mode
 * without the bit, the addition failed: a typed {@link EtwCallException} (ERROR_INVALID_FUNCTION); a failure of any
 * step is thrown as it came, and the session is left as found (QUERY and FLUSH change no setting; a failed UPDATE
 * changed none: inferred from its error return).
 *
 * <p>{@link #remove}, at most once and only if {@link #added()}: QUERY again (a session that is gone needs nothing),
 * then UPDATE with the queried properties and the original LogFileMode, whose real-time bit is clear. The page
 * documents LogFileMode 0 as the way to turn real-time delivery off; that a non-zero mode without the bit does the
 * same is inferred, so if the mode written back still has the bit, a second UPDATE with LogFileMode 0 follows. A
 * failure is logged (WARN) and kept ({@link #removeError()}), never thrown. Thread-safe.
 */
public final class RealTimeAddition {
    private static final Logger LOG = LoggerFactory.getLogger(RealTimeAddition.class);
    private static final int RT = SessionConfig.EVENT_TRACE_REAL_TIME_MODE;

    private final EtwNative nativeLayer;
    private final String sessionName;
    private final TraceProperties found;
    private final boolean added;
    private final AtomicBoolean removed = new AtomicBoolean();
    private volatile EtwCallException removeError;

    private RealTimeAddition(EtwNative nativeLayer, String sessionName, TraceProperties found, boolean added) {
        this.nativeLayer = nativeLayer;
        this.sessionName = sessionName;
        this.found = found;
        this.added = added;
    }

    /**
     * Adds real-time delivery to {@code sessionName} unless it has it.
     *
     * @throws EtwCallException from QUERY, FLUSH or UPDATE, or ERROR_INVALID_FUNCTION if UPDATE did not add the mode
     */
    public static RealTimeAddition add(EtwNative n, String sessionName) {
        TraceProperties found = n.queryProperties(sessionName);
        if (found.realTime()) {
            LOG.info("ETW session {} already has real-time delivery (LogFileMode 0x{}): consumed as found, left so",
                    sessionName, Integer.toHexString(found.logFileMode()));
            return new RealTimeAddition(n, sessionName, found, false);
        }
        n.flushTrace(sessionName);
        TraceStatus after = n.updateTrace(sessionName, found.withLogFileMode(found.logFileMode() | RT));
        if ((after.logFileMode() & RT) == 0) {
            throw new EtwCallException("ControlTraceW", Win32Errors.ERROR_INVALID_FUNCTION, sessionName
                    + ": EVENT_TRACE_CONTROL_UPDATE returned LogFileMode 0x" + Integer.toHexString(after.logFileMode())
                    + " without EVENT_TRACE_REAL_TIME_MODE");
        }
        // FlushTimer: 0 means "buffers flushed only when full"; for a real-time logger ETW sets it to 1 s
        // (learn.microsoft.com "EVENT_TRACE_PROPERTIES structure"); which applies once real-time delivery is added
        // to a running file session is not documented: logged so that a host shows it.
        LOG.info("Added real-time delivery to ETW session {} (LogFileMode 0x{} -> 0x{}, FlushTimer {} s, BufferSize {}"
                + " KB); removed again at the end", sessionName, Integer.toHexString(found.logFileMode()),
                Integer.toHexString(after.logFileMode()), found.flushTimerSeconds(), found.status().bufferSizeKb());
        return new RealTimeAddition(n, sessionName, found, true);
    }

    /** {@return true if {@link #add} added real-time delivery (so {@link #remove} takes it away again)} */
    public boolean added() {
        return added;
    }

    /** {@return the properties QUERY found before anything was changed} */
    public TraceProperties found() {
        return found;
    }

    /** Removes the real-time delivery {@link #add} added; once; never throws. */
    public void remove() {
        if (!added || !removed.compareAndSet(false, true)) {
            return;
        }
        TraceProperties now;
        try {
            now = nativeLayer.queryProperties(sessionName);
        } catch (EtwCallException e) {
            if (e.errorCode() == Win32Errors.ERROR_WMI_INSTANCE_NOT_FOUND) {
                return; // the session is gone: nothing left to restore
            }
            now = found;
        } catch (RuntimeException e) {
            now = found;
        }
        try {
            TraceStatus after = nativeLayer.updateTrace(sessionName, now.withLogFileMode(found.logFileMode()));
            if ((after.logFileMode() & RT) != 0) {
                after = nativeLayer.updateTrace(sessionName, now.withLogFileMode(0)); // the documented "off"
            }
            if ((after.logFileMode() & RT) != 0) {
                throw new EtwCallException("ControlTraceW", Win32Errors.ERROR_INVALID_FUNCTION, sessionName
                        + ": real-time delivery still on after EVENT_TRACE_CONTROL_UPDATE (LogFileMode 0x"
                        + Integer.toHexString(after.logFileMode()) + ")");
            }
            LOG.info("Removed the real-time delivery etw4j added to ETW session {} (LogFileMode 0x{})", sessionName,
                    Integer.toHexString(after.logFileMode()));
        } catch (EtwCallException e) {
            removeError = e;
            LOG.warn("Could not remove the real-time delivery etw4j added to ETW session {}: {}", sessionName,
                    e.getMessage());
        } catch (RuntimeException e) {
            removeError = new EtwCallException("ControlTraceW", Win32Errors.ERROR_INVALID_PARAMETER,
                    "unexpected failure updating " + sessionName + ": " + e);
            LOG.warn("Could not remove the real-time delivery etw4j added to ETW session {}", sessionName, e);
        }
    }

    /** {@return the failure of {@link #remove}, or null} */
    public EtwCallException removeError() {
        return removeError;
    }
}
