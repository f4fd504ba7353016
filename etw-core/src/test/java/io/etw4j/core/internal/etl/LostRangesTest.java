package io.etw4j.core.internal.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.etw4j.core.etl.EtlLostRange;
import org.junit.jupiter.api.Test;

/** Lost ranges merged when they touch or overlap, in file order, capped with a count, bytes counted once. */
class LostRangesTest {

    @Test
    void adjacentAndOverlappingRangesMergeInAnyOrder() {
        LostRanges r = new LostRanges();
        r.add(200, 300);
        r.add(100, 200); // touches the next
        r.add(300, 400); // touches the previous
        r.add(150, 350); // inside
        r.add(500, 600);
        r.add(390, 510); // bridges two
        r.add(700, 700); // empty: nothing

        assertThat(r.list()).containsExactly(new EtlLostRange(100, 600));
        assertThat(r.bytes()).isEqualTo(500);
        assertThat(r.notListed()).isZero();
    }

    @Test
    void aRangeCoveringSeveralSwallowsThem() {
        LostRanges r = new LostRanges();
        for (int i = 0; i < 10; i++) {
            r.add(i * 100L, i * 100L + 10);
        }
        r.add(5, 2000);
        assertThat(r.list()).containsExactly(new EtlLostRange(0, 2000));
        assertThat(r.bytes()).isEqualTo(2000);
    }

    @Test
    void distinctRangesBeyondTheLimitAreCountedNotListed() {
        LostRanges r = new LostRanges();
        for (int i = 0; i < LostRanges.LIMIT + 50; i++) {
            r.add(i * 10L, i * 10L + 5);
        }
        r.add(3, 8); // merges with a listed one even when the list is full
        assertThat(r.list()).hasSize(LostRanges.LIMIT).startsWith(new EtlLostRange(0, 8));
        assertThat(r.notListed()).isEqualTo(50);
        assertThat(r.bytes()).isEqualTo((LostRanges.LIMIT + 50) * 5L + 3);
    }
}
