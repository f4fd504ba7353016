package io.etw4j.core.session;

import io.etw4j.core.internal.SessionSpec;
import java.util.List;

/**
 * Builds a consumer of a real-time session someone else runs ({@link EtwSession#attach(String)}). It offers only the
 * hand-off and health settings of {@link HandOffBuilder}, and {@link #addRealTimeIfMissing()} for a session that
 * writes only to a file: the session's providers, kernel settings, buffers and files are its owner's, so this type
 * has no method to set them. Not thread-safe; {@link #build()} may be called more than once.
 */
public final class AttachBuilder extends HandOffBuilder<AttachBuilder> {
    boolean addRealTime;

    AttachBuilder(String etwSessionName) {
        super(etwSessionName);
    }

    /**
     * Consumes a session that logs only to a file too: when the run starts, ControlTraceW(EVENT_TRACE_CONTROL_QUERY)
     * reads the session's properties; if its LogFileMode lacks EVENT_TRACE_REAL_TIME_MODE (0x100), the run flushes
     * it (EVENT_TRACE_CONTROL_FLUSH) and adds real-time delivery (EVENT_TRACE_CONTROL_UPDATE with LogFileMode
     * {@code | 0x100}, the other settings as the query returned them), then opens it in real time by name; when the
     * run ends (cancel, error, completion, the JVM shutdown hook), after CloseTrace, a second UPDATE with the
     * original LogFileMode removes real-time delivery again, and only if this run added it. A session found with
     * real-time delivery already (another consumer's, or a crashed etw4j agent's left behind) is consumed as found
     * and left so. {@link SessionStatistics#realTimeAdded()} says which case the run is in.
     *
     * <p>Sources: learn.microsoft.com "ControlTraceW function" (UPDATE may change LogFileMode "to turn
     * EVENT_TRACE_REAL_TIME_MODE on and off"; an update built from a query must set LogFileNameOffset to 0 and
     * Wnode.Flags to WNODE_FLAG_TRACED_GUID, which etw4j does); the WDK's tracelog ("Example 4: Updating a Trace
     * Session": {@code -update -rt} adds real-time delivery to a trace log session, "the buffers must be flushed"
     * first). That the file keeps being written meanwhile, and that an UPDATE with the original, non-zero LogFileMode
     * turns real-time delivery off (the page documents 0 for that; etw4j sends 0 as well if the mode written back
     * still has the bit) are inferred, not verified on a Windows host. A failure before the UPDATE succeeded leaves
     * the session as it was and fails {@link EtwSession#records()} with the {@code EtwCallException}.
     *
     * @return this builder
     */
    public AttachBuilder addRealTimeIfMissing() {
        addRealTime = true;
        return this;
    }

    /** {@return the session (consumed: never started or stopped by etw4j, changed only as {@link #addRealTimeIfMissing()} says)} */
    @Override
    public EtwSession build() {
        return SessionAssembly.assemble(this, SessionSpec.Kind.ATTACH, List.of());
    }
}
