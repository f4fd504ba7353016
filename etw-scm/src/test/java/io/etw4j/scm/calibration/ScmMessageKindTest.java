package io.etw4j.scm.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.scm.internal.wpp.MessageKind;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ScmMessageKindTest {

    /** The public kinds are the table syntax's kinds: every internal kind maps to the public one of its name. */
    @Test
    void thePublicKindsAreExactlyTheMessageTableKinds() {
        assertThat(Arrays.stream(ScmMessageKind.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(MessageKind.values()).map(Enum::name).toList());
    }
}
