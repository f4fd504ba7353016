package io.etw4j.samples.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordFilterTest {
    private static final UUID A = UUID.fromString("22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716");
    private static final UUID B = UUID.fromString("0063715b-eeda-4007-9429-ad526f62696e");
    private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void everyGivenOptionMustMatchAndAnyValueOfOne() {
        RecordFilter f = new RecordFilter(Set.of(A), Set.of(), Set.of(1, 2), Set.of(4), null, null);
        assertThat(f.test(A, Optional.empty(), 2, 4, T)).isTrue();
        assertThat(f.test(B, Optional.empty(), 2, 4, T)).isFalse();
        assertThat(f.test(A, Optional.empty(), 3, 4, T)).isFalse();
        assertThat(f.test(A, Optional.empty(), 1, 5, T)).isFalse();
        assertThat(RecordFilter.ALL.isAll()).isTrue();
        assertThat(RecordFilter.ALL.test(B, Optional.empty(), 9, 9, T)).isTrue();
    }

    @Test
    void namesMatchWithoutRegardToCaseBesideTheGuids() {
        RecordFilter f = new RecordFilter(Set.of(A), Set.of("PowerShellCore"), Set.of(), Set.of(), null, null);
        assertThat(f.test(B, Optional.of("powershellcore"), 1, 1, T)).isTrue();
        assertThat(f.test(B, Optional.of("other"), 1, 1, T)).isFalse();
        assertThat(f.test(B, Optional.empty(), 1, 1, T)).isFalse();
        assertThat(f.test(A, Optional.empty(), 1, 1, T)).isTrue();
    }

    @Test
    void sinceIsInclusiveUntilExclusive() {
        RecordFilter f = new RecordFilter(Set.of(), Set.of(), Set.of(), Set.of(), T, T.plusSeconds(1));
        assertThat(f.inRange(T)).isTrue();
        assertThat(f.inRange(T.minusNanos(1))).isFalse();
        assertThat(f.inRange(T.plusSeconds(1).minusNanos(1))).isTrue();
        assertThat(f.inRange(T.plusSeconds(1))).isFalse();
    }
}
