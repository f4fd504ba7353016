package io.etw4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SessionNamesTest {

    @Test
    void formatAndParseRoundTripIncludingTildesInTheLogicalName() {
        String n = SessionNames.format("my~agent-scm", 3556, 1_700_000_000_123L);
        assertThat(n).isEqualTo("etw4j-my~agent-scm~3556-1700000000123");
        assertThat(SessionNames.parse(n)).contains(new SessionNames.Owned("my~agent-scm", 3556, 1_700_000_000_123L));
        assertThat(SessionNames.parse(SessionNames.format("x", 1, 0))).contains(new SessionNames.Owned("x", 1, 0));
    }

    @Test
    void foreignAndMalformedNamesAreNotOurs() {
        assertThat(SessionNames.parse("NT Kernel Logger")).isEmpty();
        assertThat(SessionNames.parse("EventLog-Application")).isEmpty();
        assertThat(SessionNames.parse("etw4j-")).isEmpty();
        assertThat(SessionNames.parse("etw4j-agent")).isEmpty();
        assertThat(SessionNames.parse("etw4j-~1-2")).isEmpty();
        assertThat(SessionNames.parse("etw4j-a~1-")).isEmpty();
        assertThat(SessionNames.parse("etw4j-a~-1")).isEmpty();
        assertThat(SessionNames.parse("etw4j-a~x-1")).isEmpty();
        assertThat(SessionNames.parse("etw4j-a~1-2-3")).isEmpty();
        assertThat(SessionNames.parse("etw4j-a~99999999999-2")).isEmpty();
        assertThat(SessionNames.parse("ETW4J-a~1-2")).isEmpty();
        assertThat(SessionNames.parse(null)).isEmpty();
    }

    @Test
    void logicalNamesAreChecked() {
        assertThat(SessionNames.checkLogicalName("scm")).isEqualTo("scm");
        assertThatThrownBy(() -> SessionNames.checkLogicalName(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionNames.checkLogicalName("a".repeat(201)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionNames.checkLogicalName("a\u0000b"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
