package io.etw4j.scm;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How a live monitor's run used services.exe's "SCM" session, and whether that session kept recording: part of
 * {@link ScmMonitorStatistics#scmSession()}. Immutable; thread-safe.
 *
 * <p>Whether the SCM session kept recording is read from its BuffersWritten (ControlTraceW QUERY, evntrace.h
 * EVENT_TRACE_PROPERTIES): once when the run starts, again at each {@link ScmMonitor#statistics()} call and at the end
 * of the run. That growth means its {@code SCM.EVM} file received records is inferred from the member's
 * documentation ("number of buffers written"); a quiet host may write none in a short run, so {@code false} is a
 * reason to look, not proof of loss.
 *
 * @param mode                  the mode of the run
 * @param reason                why that mode, in a sentence (what the SCM session was found doing)
 * @param wppFlags              the enable flags of the SCM WPP provider: in {@link ScmSessionMode#PRIVATE} those the
 *                              monitor enabled it with (the registry's {@code Flags}, else the default); in
 *                              {@link ScmSessionMode#SHARE} those the SCM session had it enabled with, or -1 if unknown
 * @param realTimeAdded         {@link ScmSessionMode#SHARE}: true if the run added real-time delivery to the SCM session
 *                              (and removes it at the end); false if it found it there (another consumer, or a crashed
 *                              agent's left behind: reused and left as found)
 * @param providerGivenBack     {@link ScmSessionMode#PRIVATE}, once the run ended: whether the provider was enabled
 *                              again on the SCM session with the level and flags it had; empty while the run goes on,
 *                              in share mode, and when the SCM session did not hold the provider at the start
 * @param buffersWrittenAtStart the SCM session's BuffersWritten when the run started; empty if there is none or the
 *                              QUERY failed
 * @param buffersWrittenLatest  its BuffersWritten at the latest later QUERY; empty before one succeeded
 */
public record ScmSessionUse(ScmSessionMode mode, String reason, long wppFlags, boolean realTimeAdded,
        Optional<Boolean> providerGivenBack, OptionalLong buffersWrittenAtStart, OptionalLong buffersWrittenLatest) {

    /**
     * Creates the record (the canonical constructor).
     *
     * @param mode the mode of the run
     * @param reason why that mode
     * @param wppFlags the SCM WPP enable flags in use, -1 if unknown
     * @param realTimeAdded whether the run added real-time delivery to the SCM session
     * @param providerGivenBack whether the provider was given back to the SCM session at the end
     * @param buffersWrittenAtStart the SCM session's BuffersWritten at the start
     * @param buffersWrittenLatest its BuffersWritten at the latest later query
     */
    public ScmSessionUse {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(providerGivenBack, "providerGivenBack");
        Objects.requireNonNull(buffersWrittenAtStart, "buffersWrittenAtStart");
        Objects.requireNonNull(buffersWrittenLatest, "buffersWrittenLatest");
    }

    /**
     * {@return whether the SCM session's BuffersWritten grew between the start of the run and the latest later query
     * (so its file kept being written: inferred); empty if either value is unknown}
     */
    public Optional<Boolean> scmSessionKeptRecording() {
        if (buffersWrittenAtStart.isEmpty() || buffersWrittenLatest.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(buffersWrittenLatest.getAsLong() > buffersWrittenAtStart.getAsLong());
    }

    /**
     * {@return one line for logs and summaries, e.g. {@code SCM session: SHARE (real-time delivery added), flags
     * 0xff3f7ff, SCM session kept recording: yes (40 -> 44 buffers)}}
     */
    public String describe() {
        StringBuilder b = new StringBuilder("SCM session: ").append(mode);
        if (mode == ScmSessionMode.SHARE) {
            b.append(realTimeAdded ? " (real-time delivery added, removed at the end)"
                    : " (real-time delivery found, left as found)");
        } else {
            providerGivenBack.ifPresent(g -> b.append(g ? " (provider given back to SCM)"
                    : " (provider NOT given back to SCM)"));
        }
        b.append(", ").append(reason);
        b.append(", flags ").append(wppFlags < 0 ? "unknown" : "0x" + Long.toHexString(wppFlags));
        Optional<Boolean> kept = scmSessionKeptRecording();
        b.append(", SCM session kept recording: ").append(kept.isEmpty() ? "unknown" : kept.get() ? "yes" : "no");
        if (kept.isPresent()) {
            b.append(" (").append(buffersWrittenAtStart.getAsLong()).append(" -> ")
                    .append(buffersWrittenLatest.getAsLong()).append(" buffers)");
        }
        return b.toString();
    }
}
