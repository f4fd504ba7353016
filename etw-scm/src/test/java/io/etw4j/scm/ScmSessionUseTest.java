package io.etw4j.scm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** {@link ScmSessionUse}: whether the SCM session kept recording, and the line logs and summaries print. */
class ScmSessionUseTest {
    private static ScmSessionUse use(ScmSessionMode mode, boolean added, Optional<Boolean> back, OptionalLong start,
            OptionalLong latest) {
        return new ScmSessionUse(mode, "why", mode == ScmSessionMode.SHARE ? -1 : 0x0FF3F7FFL, added, back, start,
                latest);
    }

    @Test
    void keptRecordingNeedsBothCountsAndGrowth() {
        assertThat(use(ScmSessionMode.SHARE, true, Optional.empty(), OptionalLong.empty(), OptionalLong.of(3))
                .scmSessionKeptRecording()).isEmpty();
        assertThat(use(ScmSessionMode.SHARE, true, Optional.empty(), OptionalLong.of(3), OptionalLong.empty())
                .scmSessionKeptRecording()).isEmpty();
        assertThat(use(ScmSessionMode.SHARE, true, Optional.empty(), OptionalLong.of(3), OptionalLong.of(3))
                .scmSessionKeptRecording()).contains(false);
        assertThat(use(ScmSessionMode.SHARE, true, Optional.empty(), OptionalLong.of(3), OptionalLong.of(4))
                .scmSessionKeptRecording()).contains(true);
    }

    @Test
    void theLineSaysTheModeAndWhatWasChanged() {
        assertThat(use(ScmSessionMode.SHARE, false, Optional.empty(), OptionalLong.empty(), OptionalLong.empty())
                .describe()).isEqualTo("SCM session: SHARE (real-time delivery found, left as found), why, flags "
                        + "unknown, SCM session kept recording: unknown");
        assertThat(use(ScmSessionMode.PRIVATE, false, Optional.of(false), OptionalLong.of(1), OptionalLong.of(1))
                .describe()).isEqualTo("SCM session: PRIVATE (provider NOT given back to SCM), why, flags 0xff3f7ff, "
                        + "SCM session kept recording: no (1 -> 1 buffers)");
        assertThat(use(ScmSessionMode.PRIVATE, false, Optional.empty(), OptionalLong.empty(), OptionalLong.empty())
                .describe()).startsWith("SCM session: PRIVATE, why");
    }
}
