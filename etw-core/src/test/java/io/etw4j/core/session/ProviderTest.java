package io.etw4j.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProviderTest {
    private static final UUID G = UUID.fromString("ebcca1c2-ab46-4a1d-8c2a-906c2ff25f39");

    @Test
    void defaultsAreAllLevelsNoKeywordsNoExtrasNoFilter() {
        Provider p = Provider.of(G);
        assertThat(p.id()).isEqualTo(G);
        assertThat(p.traceLevel()).isEqualTo(TraceLevel.ALL);
        assertThat(p.anyKeywords()).isZero();
        assertThat(p.allKeywords()).isZero();
        assertThat(p.sidRequested() || p.processStartKeyRequested() || p.stackTraceRequested()).isFalse();
        assertThat(p.eventIds()).isEmpty();
    }

    @Test
    void everySetterReturnsANewProviderAndLeavesTheOriginalUnchanged() {
        Provider base = Provider.of(G);
        Provider p = base.level(TraceLevel.WARNING).matchAnyKeyword(0x8000L).matchAllKeyword(0x1L).withSid()
                .withProcessStartKey().withStackTrace().excludeEventIds(1, 2);
        assertThat(base).isEqualTo(Provider.of(G)).isNotEqualTo(p);
        assertThat(p.traceLevel()).isEqualTo(TraceLevel.WARNING);
        assertThat(p.anyKeywords()).isEqualTo(0x8000L);
        assertThat(p.allKeywords()).isEqualTo(1L);
        assertThat(p.sidRequested() && p.processStartKeyRequested() && p.stackTraceRequested()).isTrue();
        assertThat(p.eventIds()).containsExactly(1, 2);
        assertThat(p.includesEventIds()).isFalse();
        assertThat(p.includeEventIds(3).includesEventIds()).isTrue();
        assertThat(p.toString()).contains("exclude=[1, 2]").contains("+sid");
    }

    @Test
    void eventIdsAreCopiedAndBounded() {
        int[] ids = {5, 6};
        Provider p = Provider.of(G).includeEventIds(ids);
        ids[0] = 99;
        p.eventIds()[1] = 99;
        assertThat(p.eventIds()).containsExactly(5, 6);
        assertThatThrownBy(() -> Provider.of(G).includeEventIds(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Provider.of(G).excludeEventIds(new int[65]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64");
        assertThat(Provider.of(G).includeEventIds(new int[64]).eventIds()).hasSize(64);
    }
}
